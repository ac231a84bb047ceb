import { Construct } from 'constructs';
import type { ResolvedConfig } from '../config/resolved';
import { Garage } from './garage/garage';
import { PostgresCluster } from './postgres-cnpg/cluster';
import { Valkey } from './valkey/valkey';

/** Once per process: a program that builds several platforms hears it once. */
let noticeShown = false;

export interface InClusterDataServicesProps {
  /** The resolved platform configuration, with `inClusterServices` set. */
  readonly config: ResolvedConfig;
}

/** The one line a synth with in-cluster services prints on stderr. */
export const NON_PRODUCTION_NOTICE = 'gitlab-iac: in-cluster PostgreSQL (CloudNativePG), Valkey and Garage are for evaluation, not production;'
  + ' they start empty (data of a bundled PostgreSQL/Redis/MinIO install is not migrated: move it with GitLab\'s backup and restore,'
  + ' https://docs.gitlab.com/charts/backup-restore/)';

/**
 * The in-cluster data services that are on: PostgreSQL (CloudNativePG), Valkey and Garage. GitLab's components are
 * wired to them through the ordinary `postgres`, `redis` and `objectStorage` settings (`withInClusterServices`);
 * the platform's NetworkPolicies admit only the components that use each. Says once on stderr that they are not
 * for production.
 */
export class InClusterDataServices extends Construct {
  readonly postgres?: PostgresCluster;
  readonly valkey?: Valkey;
  readonly garage?: Garage;

  constructor(scope: Construct, id: string, props: InClusterDataServicesProps) {
    super(scope, id);
    const s = props.config.inClusterServices;
    if (!s) return;
    if (s.postgres) this.postgres = new PostgresCluster(this, 'postgres', { config: props.config, postgres: s.postgres });
    if (s.redis) this.valkey = new Valkey(this, 'valkey', { config: props.config, redis: s.redis });
    if (s.objectStorage) this.garage = new Garage(this, 'garage', { config: props.config, garage: s.objectStorage });
    if (!noticeShown) process.stderr.write(`${NON_PRODUCTION_NOTICE}\n`);
    noticeShown = true;
  }
}
