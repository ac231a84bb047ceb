import { ValuesReader } from './reader';

const DESIGN = 'gitlab-iac runs GitLab on external services and never installs';

/** Switches of the chart's bundled services: only "off" is accepted. Omitted means off here. */
const IN_CLUSTER_INSTALLS: readonly (readonly [path: string, what: string, fix: string])[] = [
  ['postgresql.install', `${DESIGN} PostgreSQL in the cluster`, 'use an external PostgreSQL (e.g. RDS from the Pulumi stack) named in global.psql.host, and set postgresql.install: false'],
  ['redis.install', `${DESIGN} Redis in the cluster`, 'use an external Redis (e.g. ElastiCache) named in global.redis.host, and set redis.install: false'],
  ['global.minio.enabled', `${DESIGN} MinIO in the cluster`, 'use external object storage (e.g. S3) through global.appConfig.object_store, and set global.minio.enabled: false'],
  // Cluster add-ons (ingress controllers, cert-manager, Prometheus) and shared-secrets are judged by the key table.
];

/** Refuses every request for an in-cluster install, each with the reason and the way out. */
export function readInstalls(v: ValuesReader): void {
  for (const [path, what, fix] of IN_CLUSTER_INSTALLS) {
    const on = v.boolean(path);
    if (on === true) v.problem(path, true, `false (${what})`, fix);
  }
  // Read for the ACME Issuer by the exposure settings; read here too so that it is never reported as unsupported.
  v.string('certmanager-issuer.email');
}
