import type { InClusterObjectStorageConfig, InClusterPostgresConfig, InClusterRedisConfig, InClusterServicesConfig } from './props';

/**
 * Which in-cluster services are on, with their settings, and the names GitLab's wiring is built from. Shared by
 * the wiring (which fills the external settings) and the resolution (which builds the services), so both name
 * the same objects.
 */
export interface InClusterSelection {
  readonly postgres?: InClusterPostgresConfig;
  readonly redis?: InClusterRedisConfig;
  readonly objectStorage?: InClusterObjectStorageConfig;
}

const settings = <T extends object>(v: boolean | T | undefined): T | undefined =>
  (v === true ? {} as T : v && typeof v === 'object' ? v : undefined);

export function inClusterSelection(ics: InClusterServicesConfig | undefined): InClusterSelection {
  if (!ics || typeof ics !== 'object') return {};
  return { postgres: settings(ics.postgres), redis: settings(ics.redis), objectStorage: settings(ics.objectStorage) };
}

/** Default names: the chart's bundled services' (`<release>-postgresql`, `<release>-redis-secret`), Garage's own. */
export const inClusterNames = (release: string, s: InClusterSelection) => ({
  postgres: s.postgres?.name ?? `${release}-postgresql`,
  valkey: s.redis?.name ?? `${release}-valkey`,
  redisPassword: { name: s.redis?.password?.name ?? `${release}-redis-secret`, key: s.redis?.password?.key ?? 'secret' },
  garage: s.objectStorage?.name ?? `${release}-garage`,
  garageCredentials: s.objectStorage?.credentials ?? `${release}-garage`,
  objectStorageClients: s.objectStorage?.clientSecret ?? `${release}-object-storage`,
});

export const POSTGRES_PORT = 5432;
export const VALKEY_PORT = 6379;
export const GARAGE_PORTS = { s3: 3900, rpc: 3901, admin: 3903 } as const;
