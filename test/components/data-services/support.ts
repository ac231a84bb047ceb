import { parse } from 'yaml';
import { GitLabPlatformProps, PostgresConfig, RedisConfig } from '../../../constructs';
import { parseErbYaml } from '../../support/erb';
import { productionProps } from '../../support/fixtures';
import { find, KubeObject, podSpec } from '../../support/synth';

export const base = productionProps();

/** The production fixture with Redis settings merged over its global Redis. */
export const withRedis = (redis: Partial<RedisConfig>): GitLabPlatformProps =>
  productionProps({ redis: { ...base.redis, ...redis } as RedisConfig });

/** The production fixture with PostgreSQL settings merged over its connection. */
export const withPostgres = (postgres: Partial<PostgresConfig>, rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps =>
  productionProps({ ...rest, postgres: { ...base.postgres, ...postgres } });

/** The production fixture with extra component settings merged in. */
export const withComponents = (components: GitLabPlatformProps['components'], rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps =>
  productionProps({ ...rest, components: { ...base.components, ...components } });

/** ConfigMaps of the four Rails pods. */
export const RAILS_CONFIG_MAPS = ['gitlab-webservice', 'gitlab-sidekiq', 'gitlab-toolbox', 'gitlab-migrations'] as const;

export const configMapData = (objects: KubeObject[], name: string): Record<string, string> => find(objects, 'ConfigMap', name).data;

/** An ERB template of a ConfigMap, parsed with its expressions as tokens. */
export const erbYaml = (objects: KubeObject[], configMap: string, key: string) => {
  const text = configMapData(objects, configMap)[key];
  if (text === undefined) throw new Error(`no ${key} in ConfigMap ${configMap}`);
  return parseErbYaml(text);
};

/** `production` of a Rails Redis file, with the URL turned back into its ERB text. */
export function railsRedis(objects: KubeObject[], key: string, configMap = 'gitlab-webservice') {
  const { doc, erb } = erbYaml(objects, configMap, key);
  return { ...doc.production, url: erb(doc.production.url), ...(doc.production.sentinel_password ? { sentinel_password: erb(doc.production.sentinel_password) } : {}) };
}

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

/** The Rails pods' workloads and their projected secrets volume. */
export const RAILS_WORKLOADS = [
  { kind: 'Deployment', name: 'gitlab-webservice-default', volume: 'init-webservice-secrets' },
  { kind: 'Deployment', name: 'gitlab-sidekiq-all-in-1-v2', volume: 'init-sidekiq-secrets' },
  { kind: 'Deployment', name: 'gitlab-toolbox', volume: 'init-toolbox-secrets' },
] as const;

/** The migrations Job (its name carries a hash). */
export const migrationsJob = (objects: KubeObject[]): KubeObject => {
  const job = objects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('gitlab-migrations-'));
  if (!job) throw new Error('no migrations Job');
  return job;
};

export const kasConfig = (objects: KubeObject[]) => parse(configMapData(objects, 'gitlab-kas')['config.yaml']);
export const workhorseToml = (objects: KubeObject[]) => configMapData(objects, 'gitlab-workhorse-default')['workhorse-config.toml.tpl'];
