import { ConfigIssue, show } from '../config/errors';
import type { GitLabPlatformInput, GitLabPlatformProps } from '../config/types';
import { CLIENT_SECRET_KEYS } from './resolved';
import { GARAGE_PORTS, inClusterNames, inClusterSelection, POSTGRES_PORT, VALKEY_PORT } from './names';

/** Settings of the external services that an in-cluster service owns: setting them too would be two sources of truth. */
const OWNED = {
  postgres: ['host', 'port', 'database', 'username', 'password'],
  redis: ['host', 'port', 'scheme', 'password', 'sentinels', 'masterName', 'cache'],
  objectStorage: ['connection', 'iamRole'],
} as const;

/**
 * The props with the external services' settings filled in from the in-cluster services that are on, exactly as a
 * user would write them for external ones: PostgreSQL at `<cluster>-rw` with the password CloudNativePG keeps in
 * `<cluster>-app`; Redis at the Valkey Service; object storage through the clients' Secret (fog connection, the
 * registry's s3 driver, s3cmd for backups) built from Garage's key. The rest of the platform cannot tell them from
 * external services. Settings an in-cluster service owns are refused when also set (one issue each).
 */
export function withInClusterServices(props: GitLabPlatformInput, issues: ConfigIssue[]): GitLabPlatformProps {
  // Props that are not an object (null, a string, ...) are refused as a whole by validation, not here.
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return props as GitLabPlatformProps;
  const sel = inClusterSelection(props.inClusterServices);
  if (!sel.postgres && !sel.redis && !sel.objectStorage) return props as GitLabPlatformProps;
  const release = typeof props.releaseName === 'string' ? props.releaseName : 'gitlab';
  const names = inClusterNames(release, sel);
  // A setting equal to what the service sets is no conflict: wiring twice gives the same props.
  const owned = (area: keyof typeof OWNED, given: object | undefined, wired: Record<string, unknown>) => {
    for (const key of OWNED[area]) {
      const value = (given as Record<string, unknown> | undefined)?.[key];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(wired[key])) continue;
      issues.push({
        path: `${area}.${key}`, value: show(value),
        allowed: `nothing while inClusterServices.${area} is on (the in-cluster service sets it)`,
        fix: `remove ${area}.${key}, or turn inClusterServices.${area} off to use an external service`,
      });
    }
  };
  const out: Record<string, unknown> = { ...props };
  const components = { ...props.components } as Record<string, Record<string, unknown> | undefined>;

  if (sel.postgres) {
    const wired = {
      host: `${names.postgres}-rw`,
      port: POSTGRES_PORT,
      database: sel.postgres.database ?? 'gitlabhq_production',
      username: sel.postgres.owner ?? 'gitlab',
      password: sel.postgres.password ? { name: sel.postgres.password.name, key: sel.postgres.password.key ?? 'password' } : { name: `${names.postgres}-app`, key: 'password' },
    };
    owned('postgres', props.postgres, wired);
    out.postgres = { ...props.postgres, ...wired };
  }
  if (sel.redis) {
    const wired = {
      host: names.valkey,
      port: VALKEY_PORT,
      password: names.redisPassword,
      ...(sel.redis.cache ? { cache: { host: `${names.valkey}-cache`, port: VALKEY_PORT, password: names.redisPassword } } : {}),
    };
    owned('redis', props.redis, wired);
    out.redis = { ...props.redis, ...wired };
  }
  if (sel.objectStorage) {
    const clients = names.objectStorageClients;
    const wired = { connection: { name: clients, key: CLIENT_SECRET_KEYS.connection } };
    owned('objectStorage', props.objectStorage, wired);
    out.objectStorage = { ...props.objectStorage, ...wired };
    const registry = components.registry;
    if (registry?.enabled !== false && registry?.storage === undefined) {
      components.registry = { ...registry, storage: { name: clients, key: CLIENT_SECRET_KEYS.registry } };
    }
    const toolbox = components.toolbox;
    if (toolbox?.enabled !== false && toolbox?.backupS3cmdConfig === undefined) {
      components.toolbox = { ...toolbox, backupS3cmdConfig: { name: clients, key: CLIENT_SECRET_KEYS.s3cmd } };
    }
    out.components = components;
  }
  return out as unknown as GitLabPlatformProps;
}

/** The S3 endpoint of the in-cluster Garage as pods in the namespace reach it. */
export const garageEndpoint = (name: string, namespace: string) => `http://${name}.${namespace}.svc:${GARAGE_PORTS.s3}`;
