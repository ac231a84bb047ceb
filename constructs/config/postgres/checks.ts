import { all, bool, falseOr, list, num, obj, required, rule, secretRef, str } from '../schema';
import { hostName, portNumber, templateText } from '../common/checks';
import { POSTGRES_SSL_MODES, REPLICA_RECORD_TYPES } from './names';

/** Checks of the PostgreSQL props (shape and values); rules across connections are in `resolve.ts`. */

/**
 * Checks of one connection's settings: `postgres`, `postgres.ci` and each component's `postgres` (and `.ci`).
 * Praefect's database reuses some of them.
 */
export const postgresConnectionFields = {
  host: hostName('gitlab-db.abc123.us-east-1.rds.amazonaws.com'),
  port: portNumber(),
  database: str({ pattern: /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/, allowed: 'a PostgreSQL database name', fix: 'use e.g. "gitlabhq_production"' }),
  username: str({ pattern: /^[A-Za-z_][A-Za-z0-9_$.-]{0,62}$/, allowed: 'a PostgreSQL role name', fix: 'use e.g. "gitlab"' }),
  password: secretRef('gitlab-postgres-password'),
  applicationName: templateText('a PostgreSQL application name (it lands in database.yml.erb)', false),
  connectTimeout: num({ min: 0 }),
  keepalives: num({ min: 0, max: 1 }),
  keepalivesIdle: num({ min: 0 }),
  keepalivesInterval: num({ min: 0 }),
  keepalivesCount: num({ min: 0 }),
  tcpUserTimeout: num({ min: 0 }),
  preparedStatements: bool(),
  tls: all(obj({
    mode: str({ oneOf: POSTGRES_SSL_MODES }),
    rootCertificate: secretRef('rds-ca-bundle'),
    clientCertificate: secretRef('gitlab-postgres-client-tls'),
    clientKey: secretRef('gitlab-postgres-client-tls'),
  }), rule((t: { clientCertificate?: unknown; clientKey?: unknown }) => ((t.clientCertificate === undefined) !== (t.clientKey === undefined)
    ? { allowed: 'clientCertificate and clientKey together (mutual TLS), or neither', fix: 'name both the certificate and its key, e.g. keys tls.crt and tls.key of a kubernetes.io/tls Secret' }
    : undefined))),
  loadBalancing: falseOr(all(obj({
    hosts: list(hostName('replica-1.gitlab-db.abc123.us-east-1.rds.amazonaws.com'), { minItems: 1, unique: true }),
    discover: obj({
      record: required(str({ pattern: /^[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9])?(\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9])?)*\.?$/, allowed: 'a DNS record name', fix: 'write the record that lists the replicas, e.g. "replica.postgresql.service.consul"' })),
      recordType: str({ oneOf: REPLICA_RECORD_TYPES }),
      nameserver: hostName('10.100.0.10'),
      port: portNumber(),
      interval: num({ min: 1 }),
      disconnectTimeout: num({ min: 0 }),
      useTcp: bool(),
      maxReplicaPools: num({ min: 1 }),
    }),
    maxReplicationDifference: num({ min: 0 }),
    maxReplicationLagTime: num({ min: 0 }),
    replicaCheckInterval: num({ min: 1 }),
  }, { what: 'load balancing settings { hosts: [...] } or { discover: { record } }' }), rule((lb: { hosts?: unknown; discover?: unknown }) => ((lb.hosts === undefined) === (lb.discover === undefined)
    ? { allowed: 'exactly one of hosts (a fixed list of replicas) or discover (replicas found by DNS)', fix: 'list the replicas in hosts, or name their DNS record in discover.record; write false for no load balancing' }
    : undefined)))),
  databaseTasks: bool(),
};

/** A component's own PostgreSQL settings (`components.<name>.postgres`). */
export const postgresOverrideCheck = obj({ ...postgresConnectionFields, ci: obj(postgresConnectionFields) });

/** `postgres`: required unless the in-cluster PostgreSQL fills it in. */
export const postgresProp: ReturnType<typeof required> = required(obj({
  ...postgresConnectionFields,
  host: required(postgresConnectionFields.host, 'set postgres.host to the RDS endpoint; GitLab needs an external PostgreSQL'),
  password: required(postgresConnectionFields.password, 'set postgres.password: { name: <Secret>, key: password }'),
  ci: obj(postgresConnectionFields),
}), 'configure the external PostgreSQL: postgres: { host, password: { name, key } }, or run one in the cluster: inClusterServices: { postgres: true }');
