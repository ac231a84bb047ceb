import type { PropsBuilder } from '../../values/builder';
import { readField } from '../components/values';
import { isMap, ValuesReader } from '../../values/reader';

/** The values import of `components.gitaly` and `components.praefect`: the chart's Gitaly topology keys. */

/** Keys of one `global.gitaly.external` entry and of one `global.praefect.virtualStorages` entry the importer reads. */
const EXTERNAL_KEYS = ['name', 'hostname', 'port', 'tlsEnabled'];
const VIRTUAL_STORAGE_KEYS = ['name', 'gitalyReplicas', 'maxUnavailable', 'defaultReplicationFactor', 'persistence', 'tlsSecretName'];
const VIRTUAL_STORAGE_PERSISTENCE_KEYS = ['enabled', 'size', 'storageClass', 'accessMode'];
const PRAEFECT_FIELDS = ['resources', 'nodeSelector', 'tolerations', 'priorityClassName', 'podLabels', 'extraEnv', 'maxUnavailable'] as const;

/** The chart's fixed Service settings (`global.gitaly.service`, `global.praefect.service`): accepted at these values. */
const SERVICE_DEFAULTS = (name: string) => ({
  'service.name': name, 'service.type': 'ClusterIP', 'service.externalPort': 8075, 'service.internalPort': 8075,
  'service.tls.externalPort': 8076, 'service.tls.internalPort': 8076,
});
/** `global.praefect` as the chart ships it: accepted silently while Praefect is off (values files often carry it). */
const PRAEFECT_DEFAULTS = {
  ...SERVICE_DEFAULTS('praefect'),
  ntpHost: 'pool.ntp.org', replaceInternalGitaly: true, autoMigrate: true, 'psql.sslMode': 'disable', 'tls.enabled': false,
  virtualStorages: [{ name: 'default', gitalyReplicas: 3, maxUnavailable: 1 }],
};

/**
 * The Gitaly topology: TLS of in-cluster Gitaly (`global.gitaly.tls`), storages served outside the platform
 * (`global.gitaly.external`, with `global.gitaly.authToken` as their token when no Gitaly runs in the cluster), and
 * Praefect (`global.praefect.*`, `gitlab.praefect.*`). `global.gitaly.enabled`, `global.gitaly.internal.names` and
 * `gitlab.gitaly.*` are read with the other components. Run after `readServiceAccounts`: Praefect's account takes
 * the annotations every account gets.
 *
 * The chart's defaults apply where its behaviour depends on them: Praefect's database on `global.psql.host`/`port`,
 * its password in `<release>-praefect-dbsecret` (key `secret`), `sslmode` `disable`.
 */
export function readGitaly(b: PropsBuilder, release: string): void {
  const v = b.values;
  const inCluster = v.peek('global.gitaly.enabled') !== false;
  const praefect = v.boolean('global.praefect.enabled') ?? false;
  acceptDefaults(v, 'global.gitaly', SERVICE_DEFAULTS('gitaly'));
  acceptDefaults(v, 'global.praefect', praefect ? SERVICE_DEFAULTS('praefect') : PRAEFECT_DEFAULTS);

  // The chart reads the rest of gitlab.gitaly.cgroups only with cgroups.enabled; off (gitlab-iac never turns it on:
  // it needs a privileged init container), those keys do nothing: a warning each, not a refusal.
  if (v.peek('gitlab.gitaly.cgroups.enabled') !== true) {
    v.noEffect('gitlab.gitaly.cgroups', 'nothing while gitlab.gitaly.cgroups.enabled is false (the chart reads them only with cgroups on)',
      'remove the keys (gitlab-iac does not run Gitaly cgroups: they need a privileged init container)', ['gitlab.gitaly.cgroups.enabled']);
  }

  // In-cluster TLS; for external storages it is the default of each entry's tlsEnabled.
  const tls = v.boolean('global.gitaly.tls.enabled') ?? false;
  const tlsSecret = v.string('global.gitaly.tls.secretName');
  if (tls && inCluster) {
    b.set('components.gitaly.tls', tlsSecret !== undefined ? { secretName: tlsSecret } : {}, 'global.gitaly.tls');
  } else if (tlsSecret !== undefined) {
    v.noEffect('global.gitaly.tls.secretName', tls ? 'nothing while in-cluster Gitaly is off (global.gitaly.enabled: false)' : 'nothing while global.gitaly.tls.enabled is false',
      'remove the key, or turn in-cluster Gitaly TLS on');
  }

  const external = readList(b, 'global.gitaly.external', EXTERNAL_KEYS, (e) => ({
    name: e.name,
    hostname: e.hostname,
    ...(e.port !== undefined ? { port: toNumber(e.port) } : {}),
    tls: e.tlsEnabled ?? tls,
  }));
  if (external) b.set('components.gitaly.external.storages', external, 'global.gitaly.external');
  // With every storage outside, the chart's Gitaly token is the one the external servers accept.
  if (external && !inCluster && !praefect) {
    b.string('global.gitaly.authToken.secret', 'components.gitaly.external.token.name');
    b.string('global.gitaly.authToken.key', 'components.gitaly.external.token.key');
  }

  if (!praefect) {
    const fix = 'remove the key, or set global.praefect.enabled: true';
    v.noEffect('global.praefect', 'nothing while global.praefect.enabled is false', fix, ['global.praefect.enabled']);
    v.noEffect('gitlab.praefect', 'nothing while global.praefect.enabled is false', fix);
    return;
  }
  const to = 'components.praefect';
  b.set(`${to}.enabled`, true, 'global.praefect.enabled');
  b.boolean('global.praefect.replaceInternalGitaly', `${to}.replaceInternalGitaly`);
  b.boolean('global.praefect.autoMigrate', `${to}.autoMigrate`);
  b.string('global.praefect.ntpHost', `${to}.ntpHost`);

  // Praefect's database: the chart falls back to GitLab's server, and always writes an sslmode.
  if (b.string('global.praefect.psql.host', `${to}.database.host`) === undefined) {
    b.set(`${to}.database.host`, v.peek('global.psql.host'), 'global.psql.host');
  }
  if (b.number('global.praefect.psql.port', `${to}.database.port`) === undefined) {
    const port = v.peek('global.psql.port');
    if (port !== undefined) b.set(`${to}.database.port`, toNumber(port), 'global.psql.port');
  }
  b.string('global.praefect.psql.user', `${to}.database.username`);
  b.string('global.praefect.psql.dbName', `${to}.database.database`);
  b.set(`${to}.database.tls.mode`, v.string('global.praefect.psql.sslMode') ?? 'disable', 'global.praefect.psql.sslMode');
  b.set(`${to}.database.password.name`, v.string('global.praefect.dbSecret.secret') ?? `${release}-praefect-dbsecret`, 'global.praefect.dbSecret.secret');
  b.set(`${to}.database.password.key`, v.string('global.praefect.dbSecret.key') ?? 'secret', 'global.praefect.dbSecret.key');

  const praefectTls = v.boolean('global.praefect.tls.enabled') ?? false;
  const praefectTlsSecret = v.string('global.praefect.tls.secretName');
  if (praefectTls) {
    b.set(`${to}.tls`, praefectTlsSecret !== undefined ? { secretName: praefectTlsSecret } : {}, 'global.praefect.tls');
  } else if (praefectTlsSecret !== undefined) {
    v.noEffect('global.praefect.tls.secretName', 'nothing while global.praefect.tls.enabled is false', 'remove the key, or set global.praefect.tls.enabled: true');
  }

  const virtualStorages = readList(b, 'global.praefect.virtualStorages', VIRTUAL_STORAGE_KEYS, (e, at) => {
    const vs: Record<string, unknown> = { name: e.name };
    if (e.gitalyReplicas !== undefined) vs.gitalyReplicas = toNumber(e.gitalyReplicas);
    if (e.defaultReplicationFactor !== undefined) vs.defaultReplicationFactor = toNumber(e.defaultReplicationFactor);
    if (e.maxUnavailable !== undefined) vs.podDisruptionBudget = { maxUnavailable: e.maxUnavailable };
    if (e.tlsSecretName !== undefined) vs.tlsSecretName = e.tlsSecretName;
    // The chart applies a virtual storage's persistence only with `enabled: true`.
    if (isMap(e.persistence)) {
      const unknown = Object.keys(e.persistence).filter((k) => !VIRTUAL_STORAGE_PERSISTENCE_KEYS.includes(k));
      for (const k of unknown) v.problem(`${at}.persistence.${k}`, e.persistence[k], `one of ${VIRTUAL_STORAGE_PERSISTENCE_KEYS.join(', ')}`, 'remove the key');
      const { enabled, ...rest } = e.persistence;
      if (enabled === true) vs.persistence = Object.fromEntries(VIRTUAL_STORAGE_PERSISTENCE_KEYS.filter((k) => k !== 'enabled' && rest[k] !== undefined).map((k) => [k, rest[k]]));
      else if (Object.keys(rest).length) v.problem(`${at}.persistence`, e.persistence, 'persistence.enabled: true with these settings (the chart ignores them otherwise)', 'add enabled: true, or remove the settings');
    }
    return vs;
  });
  if (virtualStorages) b.set(`${to}.virtualStorages`, virtualStorages, 'global.praefect.virtualStorages');

  for (const field of PRAEFECT_FIELDS) readField(b, `gitlab.praefect.${field}`, to, field);
  b.number('gitlab.praefect.replicas', `${to}.replicas`);
  const annotations = b.get('components.gitaly.serviceAccountAnnotations');
  if (annotations !== undefined) b.set(`${to}.serviceAccountAnnotations`, annotations, 'global.serviceAccount.annotations');
}

/** Marks keys under `path` that hold the chart's default value as read; any other value stays unread (and is reported). */
function acceptDefaults(v: ValuesReader, path: string, defaults: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(defaults)) {
    const at = `${path}.${key}`;
    if (JSON.stringify(v.peek(at)) === JSON.stringify(value)) v.get(at);
  }
}

/** A list of maps at `path` converted entry by entry; keys the importer does not read are problems. */
function readList(b: PropsBuilder, path: string, keys: readonly string[], convert: (entry: Record<string, any>, at: string) => unknown): unknown[] | undefined {
  const list = b.values.list(path);
  if (!list?.length) return undefined;
  return list.map((entry, i) => {
    const at = `${path}[${i}]`;
    if (!isMap(entry)) {
      b.values.problem(at, entry, 'a mapping', `write the entry as a mapping of ${keys.join(', ')}`);
      return entry;
    }
    for (const k of Object.keys(entry).filter((key) => !keys.includes(key))) {
      b.values.problem(`${at}.${k}`, entry[k], `one of the keys read here: ${keys.join(', ')}`, 'remove the key or correct its spelling');
    }
    return convert(entry, at);
  });
}

/** Helm templates accept numbers written as strings (`"8075"`). */
const toNumber = (v: unknown) => (typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v);
