import { CHART_DEFAULTS } from './keys/lookup';
import { ValuesReader } from './reader';

/**
 * Passwords of the chart's bundled services written into a values file (common in evaluation installs). gitlab-iac
 * never takes a secret from values: the in-cluster services read the Secrets `gitlab-iac secrets` generates. So a
 * password here is accepted, used nowhere and written nowhere, with a warning that never shows the value.
 */
export const BUNDLED_PASSWORD_KEYS = {
  postgresql: ['postgresql.postgresqlPassword', 'postgresql.postgresqlPostgresPassword', 'postgresql.auth.password',
    'postgresql.auth.postgresPassword', 'postgresql.auth.replicationPassword'],
  redis: ['redis.password', 'redis.auth.password'],
  minio: ['minio.accessKey', 'minio.secretKey'],
} as const;

/** The in-cluster service each bundled one becomes, as the warnings name it. */
const SERVICE_NAMES: Readonly<Record<keyof typeof BUNDLED_PASSWORD_KEYS, string>> = {
  postgresql: 'PostgreSQL (CloudNativePG)',
  redis: 'Valkey',
  minio: 'object storage (Garage)',
};

/** Marks the bundled services' passwords read, with one warning each; the chart's own placeholder asks for nothing. */
export function readBundledPasswords(v: ValuesReader): void {
  for (const [service, keys] of Object.entries(BUNDLED_PASSWORD_KEYS) as [keyof typeof BUNDLED_PASSWORD_KEYS, readonly string[]][]) {
    for (const key of keys) {
      const value = v.get(key);
      if (value === undefined || value === CHART_DEFAULTS.get(key)) continue;
      // The value itself is never repeated: not on stderr, not in an error, not in a manifest.
      v.warnings.push(`${key}: a password in the values file is not used and is written nowhere: the in-cluster ${SERVICE_NAMES[service]} `
        + 'reads its credentials from the Secrets `gitlab-iac secrets --namespace NS --values FILE` generates (an external service, from its own Secret). '
        + 'Remove the key, and keep passwords out of values files');
    }
  }
}
