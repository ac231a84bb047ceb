import type { SecretRef } from '../types';
import type { PostgresSslMode, ReplicaRecordType } from './names';

/** External PostgreSQL: what a user writes under `postgres` and `components.<name>.postgres`. */

/** TLS of the PostgreSQL connection (libpq `sslmode` and friends). */
export interface PostgresTls {
  /** @default prefer (libpq default) */
  readonly mode?: PostgresSslMode;
  /** Secret holding the server's CA bundle (e.g. the RDS global bundle); mounted as a custom CA. @default none: the image's trust store (required with verify-ca and verify-full) */
  readonly rootCertificate?: SecretRef;
  /**
   * Client certificate for mutual TLS (the chart's `global.psql.ssl.clientCertificate`); needs `clientKey`.
   * Written to `/etc/gitlab/postgres/ssl/client-certificate.pem` (`sslcert`). @default none
   */
  readonly clientCertificate?: SecretRef;
  /** The client certificate's private key, written to `/etc/gitlab/postgres/ssl/client-key.pem` (`sslkey`). @default none */
  readonly clientKey?: SecretRef;
}

/** DNS service discovery of read replicas (GitLab database load balancing). */
export interface PostgresReplicaDiscovery {
  /** DNS record listing the replicas, e.g. `replica.postgresql.service.consul`. */
  readonly record: string;
  /** `A` (host addresses; port from `port`) or `SRV` (hosts and ports). @default A */
  readonly recordType?: ReplicaRecordType;
  /** Name server to ask. @default the pod's resolver */
  readonly nameserver?: string;
  /** Port of the name server. @default 53 */
  readonly port?: number;
  /** Seconds between lookups. @default 60 (GitLab's) */
  readonly interval?: number;
  /** Seconds before connections to replicas that left the record are closed. @default 120 (GitLab's) */
  readonly disconnectTimeout?: number;
  /** Ask over TCP instead of UDP. @default false */
  readonly useTcp?: boolean;
  /** At most this many replicas are used. @default GitLab's (no limit) */
  readonly maxReplicaPools?: number;
}

/**
 * Database load balancing: read-only queries go to replicas, found from a fixed list (`hosts`) or by DNS
 * (`discover`); exactly one of the two. Rendered as `load_balancing:` in database.yml.
 */
export interface PostgresLoadBalancing {
  /** Replica host names (they listen on the connection's `port`). @default none: give `discover` */
  readonly hosts?: readonly string[];
  /** Find replicas by DNS instead of a fixed list. @default none: give `hosts` */
  readonly discover?: PostgresReplicaDiscovery;
  /** Bytes of WAL a replica may lag behind and still serve reads. @default GitLab's */
  readonly maxReplicationDifference?: number;
  /** Seconds a replica may lag behind and still serve reads. @default GitLab's */
  readonly maxReplicationLagTime?: number;
  /** Seconds between replica lag checks. @default GitLab's */
  readonly replicaCheckInterval?: number;
}

export interface PostgresConnection {
  /** Host name of the server. @default none (required for the main connection; `ci` and per-component: main's) */
  readonly host?: string;
  /** @default 5432 */
  readonly port?: number;
  /** @default gitlabhq_production */
  readonly database?: string;
  /** @default gitlab */
  readonly username?: string;
  /** Password Secret. @default key `password` */
  readonly password?: SecretRef;
  /** PostgreSQL `application_name` of the connection. @default libpq's (none), as in the chart */
  readonly applicationName?: string;
  /** Seconds; empty means libpq's default. @default libpq's (no timeout) */
  readonly connectTimeout?: number;
  /** TCP keepalive settings. @default libpq's (1, on) */
  readonly keepalives?: number;
  /** @default libpq's (the system's) */
  readonly keepalivesIdle?: number;
  /** @default libpq's (the system's) */
  readonly keepalivesInterval?: number;
  /** @default libpq's (the system's) */
  readonly keepalivesCount?: number;
  /** @default libpq's (the system's) */
  readonly tcpUserTimeout?: number;
  /** @default false */
  readonly preparedStatements?: boolean;
  /** @default libpq's (`sslmode=prefer`, no client certificate) */
  readonly tls?: PostgresTls;
  /** Read replicas for database load balancing, or `false` for none. @default none (`ci`: main's, while it shares main's server) */
  readonly loadBalancing?: PostgresLoadBalancing | false;
  /** Run schema tasks (migrations) on this connection. @default true for main; for ci, true when its database is not main's */
  readonly databaseTasks?: boolean;
}

/** External PostgreSQL. GitLab's `main` and `ci` connections default to the same server and database. */
export interface PostgresConfig extends PostgresConnection {
  readonly host: string;
  readonly password: SecretRef;
  /**
   * Overrides for the `ci` connection. Give it its own `host` or `database` to decompose CI into a separate
   * database (it then runs its own schema tasks). @default same as main
   */
  readonly ci?: PostgresConnection;
}

/**
 * One component's own PostgreSQL settings (the chart's `gitlab.<component>.psql`), e.g. migrations straight to the
 * primary while the other pods go through a pooler. Each field overrides `postgres` (for `ci`: `ci` fields, then
 * these, then `postgres.ci`, then `postgres`). As in the chart, load balancing is not inherited: set it here too
 * to keep read replicas.
 */
export interface PostgresOverride extends PostgresConnection {
  /** Overrides for this component's `ci` connection. @default this override over `postgres.ci` */
  readonly ci?: PostgresConnection;
}

/** Components that connect to PostgreSQL and may override the connection. */
export interface PostgresClientOptions {
  /** This component's own PostgreSQL settings. @default `postgres` */
  readonly postgres?: PostgresOverride;
}

