import { all, Check, num, obj, rule, str } from '../../config/schema';

export interface ServiceCheckDeps {
  readonly resources: Check;
  readonly secretRef: (example: string) => Check;
  readonly storage: Check;
  readonly name: () => Check;
}

/** PostgreSQL majors GitLab 18.9 supports (16 is its minimum; 17 is supported). */
export const SUPPORTED_POSTGRES_MAJORS = ['16', '17'] as const;

const image = all(
  str({ pattern: /^[a-z0-9][-a-z0-9._/:]*:[\w][\w.-]{0,127}$/, allowed: 'an image with a pinned tag, e.g. ghcr.io/cloudnative-pg/postgresql:17.6', fix: 'write repository:tag' }),
  rule((v: string) => {
    const major = /:(\d+)/.exec(v.slice(v.lastIndexOf(':')))?.[1];
    return major && (SUPPORTED_POSTGRES_MAJORS as readonly string[]).includes(major) ? undefined
      : { allowed: `a PostgreSQL ${SUPPORTED_POSTGRES_MAJORS.join(' or ')} image (the majors GitLab 18.9 supports), tagged with its version`, fix: 'use e.g. ghcr.io/cloudnative-pg/postgresql:17.6' };
  }),
);

/** CloudNativePG's schedule: six cron fields (seconds first). */
const schedule = str({ pattern: /^(\S+\s+){5}\S+$/, allowed: 'a six-field cron schedule (seconds first), as CloudNativePG reads it', fix: 'write e.g. "0 0 3 * * *" for 03:00 every day' });

export const postgresChecks = (d: ServiceCheckDeps): Check => obj({
  name: d.name(),
  instances: num({ min: 1, max: 9 }),
  image,
  database: str({ pattern: /^[a-z_][a-z0-9_]{0,62}$/, allowed: 'a PostgreSQL database name (lower case)', fix: 'use e.g. "gitlabhq_production"' }),
  owner: str({ pattern: /^[a-z_][a-z0-9_]{0,62}$/, allowed: 'a PostgreSQL role name (lower case)', fix: 'use e.g. "gitlab"' }),
  password: d.secretRef('gitlab-postgresql-password'),
  storage: d.storage,
  maxConnections: num({ min: 100, max: 10000 }),
  operatorNamespace: str({ pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, allowed: 'a namespace name', fix: 'use e.g. "cnpg-system"' }),
  resources: d.resources,
  backup: obj({
    schedule,
    retention: str({ pattern: /^[1-9][0-9]*[dwm]$/, allowed: 'a CloudNativePG retention policy such as 7d, 4w or 3m', fix: 'write e.g. "7d"' }),
    bucket: str({ pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, allowed: 'an S3 bucket name', fix: 'use e.g. "postgres-backups"' }),
    endpoint: str({ pattern: /^https?:\/\/[^\s/]+(\/\S*)?$/, allowed: 'an http(s) URL of an S3 endpoint', fix: 'write e.g. "https://s3.eu-west-1.amazonaws.com"' }),
    credentials: d.secretRef('postgres-backup-s3'),
  }),
});
