import { ValuesReader } from './reader';

const DESIGN = 'gitlab-iac runs GitLab on external services and never installs';

/**
 * Switches of the chart's bundled installs (and of features not read from values): only "off" is accepted. Omitted means off here.
 * PostgreSQL, Redis and MinIO are read by `bundled-services.ts` (the in-cluster services).
 */
const IN_CLUSTER_INSTALLS: readonly (readonly [path: string, what: string, fix: string])[] = [
  ['prometheus.install', `${DESIGN} Prometheus`, 'scrape GitLab with the monitoring stack you already run, and set prometheus.install: false'],
  ['gitlab-runner.install', `${DESIGN} a runner with the platform`, 'install runners separately (gitlab-iac has a Runner construct), and set gitlab-runner.install: false'],
  ['nginx-ingress.enabled', `${DESIGN} an ingress controller`, 'use the cluster\'s ingress controller (global.ingress.class), and set nginx-ingress.enabled: false'],
  ['nginx-ingress-geo.enabled', `${DESIGN} an ingress controller`, 'set nginx-ingress-geo.enabled: false'],
  ['installCertmanager', `${DESIGN} cert-manager`, 'install cert-manager separately if you use it, and set installCertmanager: false'],
  ['traefik.install', `${DESIGN} an ingress controller`, 'set traefik.install: false'],
  ['haproxy.install', `${DESIGN} an ingress controller`, 'set haproxy.install: false'],
  ['gitlab-zoekt.install', `${DESIGN} Zoekt`, 'set gitlab-zoekt.install: false'],
  ['openbao.install', `${DESIGN} OpenBao`, 'set openbao.install: false'],
  ['global.gatewayApi.installEnvoy', `${DESIGN} Envoy Gateway`, 'set global.gatewayApi.installEnvoy: false'],
  ['shared-secrets.enabled', 'gitlab-iac never generates Secrets in the cluster (no Helm hook Jobs)',
    'create the shared Secrets with `gitlab-iac secrets --namespace NS | kubectl apply -f -` or the Pulumi stack, and set shared-secrets.enabled: false'],
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
