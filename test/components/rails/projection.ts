import { KubeObject, podSpec } from '../../support/synth';

/** `{ path: "secret/key" }` of a projected Secret volume of a workload. */
export function projectedFiles(workload: KubeObject, volume: string): Record<string, string> {
  const v = podSpec(workload).volumes.find((x: any) => x.name === volume);
  if (!v?.projected) throw new Error(`no projected volume ${volume} in ${workload.metadata.name}`);
  const out: Record<string, string> = {};
  for (const source of v.projected.sources) {
    for (const item of source.secret?.items ?? []) out[item.path] = `${source.secret.name}/${item.key}`;
  }
  return out;
}

/** The secret files every Rails pod of the production fixture reads (contract §1.3). */
export const COMMON_RAILS_FILES = {
  'rails-secrets/secrets.yml': 'gitlab-rails-secret/secrets.yml',
  'gitaly/gitaly_token': 'gitlab-gitaly-secret/token',
  'redis/redis-password': 'gitlab-redis-password/password',
  'postgres/psql-password-main': 'gitlab-postgres-password/password',
  'postgres/psql-password-ci': 'gitlab-postgres-password/password',
  'objectstorage/object_store': 'gitlab-rails-storage/connection',
};
