import { GITALY_PORT, GITALY_TLS_PORT } from '../../config/gitaly/names';
import { ResolvedPraefect } from '../../config/resolved';
import { VirtualStorageEndpoints } from '../../lib/gitaly-endpoints';

/** Where Praefect (the gitaly image run with `USE_PRAEFECT_SERVICE=1`) reads and writes, and the ports it serves. */
export const PRAEFECT_PATHS = {
  templates: '/etc/gitaly/templates',
  config: '/etc/gitaly',
  secrets: '/etc/gitlab-secrets',
} as const;
// Praefect serves on Gitaly's ports (clients reach either the same way).
export const PRAEFECT_GRPC_PORT = GITALY_PORT;
export const PRAEFECT_TLS_PORT = GITALY_TLS_PORT;
export const PRAEFECT_METRICS_PORT = 9236;
/** Seconds Praefect lets in-flight RPCs finish on shutdown; the pod's grace period adds 5 seconds. */
export const PRAEFECT_GRACEFUL_STOP_SECONDS = 25;

/** Files under the secrets folder (`praefect/…`), projected from their Secrets and copied by `configure`. */
export const PRAEFECT_SECRET_FILES = {
  gitalyToken: 'praefect/gitaly_token',
  praefectToken: 'praefect/praefect_token',
  dbPassword: 'praefect/db_password',
  dbRootCert: 'praefect/db_root_cert.pem',
  tlsCertificate: 'praefect/praefect.crt',
  tlsKey: 'praefect/praefect.key',
} as const;

const secretPath = (file: string) => `${PRAEFECT_PATHS.secrets}/${file}`;
/** gomplate: a secret file's content as a TOML (JSON-compatible) string, read when the image renders the config. */
const readSecret = (file: string) => `{% file.Read "${secretPath(file)}" | strings.TrimSpace | data.ToJSON %}`;
const q = JSON.stringify;

export interface PraefectTemplateOptions {
  readonly praefect: ResolvedPraefect;
  /** The Gitaly pods of each virtual storage, by name. */
  readonly virtualStorages: Readonly<Record<string, VirtualStorageEndpoints>>;
}

/**
 * `config.toml.tpl`: gomplate (`{% %}`) rendered by the image at start into `/etc/gitaly/config.toml`.
 *
 * One `[[virtual_storage]]` per virtual storage, one node per Gitaly pod: the node's storage is the pod's name (each
 * Gitaly pod behind Praefect serves a storage named after itself) and Praefect authenticates to it with the Gitaly
 * token. Clients authenticate to Praefect with the Praefect token. The tokens and the database password are read
 * from the secret files at render time.
 */
export function praefectConfigTemplate(o: PraefectTemplateOptions): string {
  const p = o.praefect;
  const db = p.database;
  const lines = [
    `# Rendered by the gitaly image at start (gomplate); secrets are read from ${PRAEFECT_PATHS.secrets}.`,
    `listen_addr = ":${PRAEFECT_GRPC_PORT}"`,
    ...(p.tls ? [`tls_listen_addr = ":${PRAEFECT_TLS_PORT}"`] : []),
    `prometheus_listen_addr = ":${PRAEFECT_METRICS_PORT}"`,
    // Database metrics are served on /db_metrics only, so every replica's /metrics stays cheap to scrape.
    'prometheus_exclude_database_from_default_metrics = true',
    `graceful_stop_timeout = "${PRAEFECT_GRACEFUL_STOP_SECONDS}s"`,
    ...(p.tls ? ['', '[tls]',
      `certificate_path = ${q(secretPath(PRAEFECT_SECRET_FILES.tlsCertificate))}`,
      `key_path = ${q(secretPath(PRAEFECT_SECRET_FILES.tlsKey))}`] : []),
    '',
    '[failover]',
    'enabled = true',
    '',
    '[auth]',
    `token = ${readSecret(PRAEFECT_SECRET_FILES.praefectToken)}`,
    'transitioning = false',
    '',
    '[logging]',
    'format = "json"',
  ];
  for (const vs of p.virtualStorages) {
    lines.push('', '[[virtual_storage]]', `name = ${q(vs.name)}`);
    if (vs.defaultReplicationFactor !== undefined) lines.push(`default_replication_factor = ${vs.defaultReplicationFactor}`);
    for (const node of o.virtualStorages[vs.name].nodes) {
      lines.push('', '[[virtual_storage.node]]',
        `storage = ${q(node.storage)}`,
        `address = ${q(node.address)}`,
        `token = ${readSecret(PRAEFECT_SECRET_FILES.gitalyToken)}`);
    }
  }
  lines.push('', '[database]',
    `host = ${q(db.host)}`,
    `port = ${db.port}`,
    `user = ${q(db.username)}`,
    `password = ${readSecret(PRAEFECT_SECRET_FILES.dbPassword)}`,
    `dbname = ${q(db.database)}`,
    `sslmode = ${q(db.sslMode)}`,
    ...(db.sslRootCert ? [`sslrootcert = ${q(secretPath(PRAEFECT_SECRET_FILES.dbRootCert))}`] : []));
  return lines.join('\n') + '\n';
}
