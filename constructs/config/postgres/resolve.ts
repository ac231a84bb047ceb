import type { ResolvedSecretRef } from '../resolved';
import { ref } from '../secrets/resolve';
import type { ComponentsConfig } from '../types';
import { POSTGRES_CLIENTS, POSTGRES_VERIFYING_SSL_MODES, PostgresClient, PostgresSslMode } from './names';
import type { PostgresConfig, PostgresConnection, PostgresLoadBalancing, PostgresOverride } from './types';
import type { Fail } from '../errors';

export type { PostgresClient } from './names';

/** One PostgreSQL connection, every default applied: what database.yml and the exporter are written from. */
export interface ResolvedPostgres {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly username: string;
  readonly password: ResolvedSecretRef;
  /** Unset: libpq's default (the chart's). */
  readonly applicationName?: string;
  readonly connectTimeout?: number;
  readonly keepalives?: number;
  readonly keepalivesIdle?: number;
  readonly keepalivesInterval?: number;
  readonly keepalivesCount?: number;
  readonly tcpUserTimeout?: number;
  readonly preparedStatements: boolean;
  /** Run schema tasks (only `main`, or `ci` on a separate database). */
  readonly databaseTasks: boolean;
  readonly sslMode?: PostgresSslMode;
  readonly sslRootCert?: ResolvedSecretRef;
  /** Mutual TLS: the client certificate and key (both or neither). */
  readonly sslClientCert?: { readonly certificate: ResolvedSecretRef; readonly key: ResolvedSecretRef };
  /** Read replicas (database.yml `load_balancing`). */
  readonly loadBalancing?: ResolvedLoadBalancing;
}

/** database.yml's `load_balancing` settings, as written (the checks made sure of exactly one of `hosts` and `discover`). */
export type ResolvedLoadBalancing = PostgresLoadBalancing;

/** GitLab's two database connections as one pod sees them. */
export interface ResolvedPostgresConnections {
  readonly main: ResolvedPostgres;
  readonly ci: ResolvedPostgres;
}

/** The platform's connections, and each client component's (its override applied, or the platform's). */
export type ResolvedPostgresConfig = ResolvedPostgresConnections & { readonly clients: Readonly<Record<PostgresClient, ResolvedPostgresConnections>> };

/** Settings layers, most specific first, each with the settings path it came from. */
type Layers = readonly { readonly c: PostgresConnection; readonly path: string }[];
type Lb = PostgresConnection['loadBalancing'];

const sameRef = (a?: ResolvedSecretRef, b?: ResolvedSecretRef) => a?.name === b?.name && a?.key === b?.key;
const sameServer = (a: ResolvedPostgres, b: ResolvedPostgres) => a.host === b.host && a.port === b.port;

/** The first layer that sets `key`, with its path. */
function pick<K extends keyof PostgresConnection>(layers: Layers, key: K): { value?: PostgresConnection[K]; path?: string } {
  const hit = layers.find((l) => l.c[key] !== undefined);
  return hit ? { value: hit.c[key], path: hit.path } : {};
}

function loadBalancing(lb: Lb): ResolvedLoadBalancing | undefined {
  return lb ? { ...lb } : undefined;
}

/** One connection from its layers; `schema` layers are the ones meant for this connection only (application name, schema tasks). */
function connection(layers: Layers, schema: Layers, fail: Fail): ResolvedPostgres {
  const value = <K extends keyof PostgresConnection>(k: K) => pick(layers, k).value;
  const tls = pick(layers, 'tls');
  const mode = tls.value?.mode;
  if (mode && POSTGRES_VERIFYING_SSL_MODES.includes(mode) && !tls.value?.rootCertificate) {
    fail(`${tls.path}.tls.rootCertificate`, undefined, 'a Secret holding the server CA bundle when mode is verify-ca/verify-full',
      `set ${tls.path}.tls.rootCertificate: { name: rds-ca-bundle, key: ca.pem } (the RDS global bundle)`);
  }
  const client = tls.value?.clientCertificate && tls.value.clientKey
    ? { certificate: ref(tls.value.clientCertificate, 'tls.crt'), key: ref(tls.value.clientKey, 'tls.key') } : undefined;
  return {
    host: value('host')!,
    port: value('port') ?? 5432,
    database: value('database') ?? 'gitlabhq_production',
    username: value('username') ?? 'gitlab',
    password: ref(value('password')!, 'password'),
    applicationName: pick(schema, 'applicationName').value,
    connectTimeout: value('connectTimeout'),
    keepalives: value('keepalives'),
    keepalivesIdle: value('keepalivesIdle'),
    keepalivesInterval: value('keepalivesInterval'),
    keepalivesCount: value('keepalivesCount'),
    tcpUserTimeout: value('tcpUserTimeout'),
    preparedStatements: value('preparedStatements') ?? false,
    databaseTasks: pick(schema, 'databaseTasks').value ?? true,
    sslMode: mode,
    sslRootCert: tls.value?.rootCertificate ? ref(tls.value.rootCertificate, 'ca.pem') : undefined,
    sslClientCert: client,
  };
}

/**
 * `main` and `ci` from their layers. `ci` runs schema tasks unless it is main's database (the chart's
 * `databaseTasks` default), and keeps main's read replicas only while it is on main's server: replicas of another
 * server hold no CI data, so a decomposed `ci` next to replicas of main must name its own (or `false`).
 */
function pair(mainLayers: Layers, ciLayers: Layers, ciSchema: Layers, lb: { main: Lb; ci: Lb; ciPath: string }, fail: Fail): ResolvedPostgresConnections {
  const main = { ...connection(mainLayers, mainLayers, fail), loadBalancing: loadBalancing(lb.main) };
  let ci = connection(ciLayers, ciSchema, fail);
  if (lb.ci === undefined && main.loadBalancing && !sameServer(ci, main)) {
    fail(`${lb.ciPath}.loadBalancing`, undefined, 'read replicas of the ci server, or false, when ci is not on main\'s server',
      `list ci's own replicas in ${lb.ciPath}.loadBalancing, or write ${lb.ciPath}.loadBalancing: false`);
  }
  const separate = !(sameServer(ci, main) && ci.database === main.database);
  ci = {
    ...ci,
    databaseTasks: pick(ciSchema, 'databaseTasks').value ?? separate,
    loadBalancing: lb.ci !== undefined ? loadBalancing(lb.ci) : sameServer(ci, main) ? main.loadBalancing : undefined,
  };
  if (main.sslClientCert && ci.sslClientCert && !(sameRef(main.sslClientCert.certificate, ci.sslClientCert.certificate)
    && sameRef(main.sslClientCert.key, ci.sslClientCert.key))) {
    fail(`${pick(ciLayers, 'tls').path}.tls.clientCertificate`, ci.sslClientCert.certificate.name,
      'main\'s client certificate and key (a pod holds one client certificate, at the chart\'s paths)',
      'use the same client certificate Secret for main and ci, or leave it to main');
  }
  return { main, ci };
}

/**
 * PostgreSQL for the platform and for each client component. A component's override (`components.<name>.postgres`,
 * the chart's `gitlab.<name>.psql`) wins over `postgres`, field by field; for `ci` the order is the override's `ci`,
 * the override, `postgres.ci`, `postgres`. Load balancing is never inherited by an override, as in the chart.
 */
export function resolvePostgres(p: PostgresConfig, components: ComponentsConfig | undefined, report: Fail): ResolvedPostgresConfig {
  // Connections share settings (ci and every override inherit postgres.tls): report each setting once.
  const seen = new Set<string>();
  const fail: Fail = (path, ...rest) => {
    if (seen.has(path)) return;
    seen.add(path);
    report(path, ...rest);
  };
  const top = { c: p, path: 'postgres' };
  const topCi = { c: p.ci ?? {}, path: 'postgres.ci' };
  const platform = pair([top], [topCi, top], [topCi], { main: p.loadBalancing, ci: p.ci?.loadBalancing, ciPath: 'postgres.ci' }, fail);
  const client = (name: PostgresClient): ResolvedPostgresConnections => {
    const o: PostgresOverride | undefined = components?.[name]?.postgres;
    if (!o) return platform;
    const own = { c: o, path: `components.${name}.postgres` };
    const ownCi = { c: o.ci ?? {}, path: `components.${name}.postgres.ci` };
    return pair([own, top], [ownCi, own, topCi, top], [ownCi, topCi],
      { main: o.loadBalancing, ci: o.ci?.loadBalancing, ciPath: `components.${name}.postgres.ci` }, fail);
  };
  const clients = Object.fromEntries(POSTGRES_CLIENTS.map((name) => [name, client(name)])) as Record<PostgresClient, ResolvedPostgresConnections>;
  return { ...platform, clients };
}
