import { ResolvedPostgres, ResolvedPostgresConnections } from '../config/resolved';
import { fileFrom, SecretFile } from './volumes';

/** Files under a pod's secrets folder (`/etc/gitlab`) that PostgreSQL clients read, at the chart's paths. */
export const POSTGRES_SECRET_PATHS = {
  main: 'postgres/psql-password-main',
  ci: 'postgres/psql-password-ci',
  clientCertificate: 'postgres/ssl/client-certificate.pem',
  clientKey: 'postgres/ssl/client-key.pem',
} as const;

/** The system CA bundle the `certificates` init container builds, custom CAs (e.g. the RDS bundle) included. */
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * The passwords of both connections (ci first, as the chart projects them) and the mutual-TLS client files.
 * Deliberate difference: the chart mounts the client files as a volume of their own at `/etc/postgresql/ssl` and
 * copies them over; here they travel in the pod's one projected secrets volume, to the same final paths.
 */
export function postgresSecretFiles(pg: ResolvedPostgresConnections): SecretFile[] {
  const files = [fileFrom(pg.ci.password, POSTGRES_SECRET_PATHS.ci), fileFrom(pg.main.password, POSTGRES_SECRET_PATHS.main)];
  const client = pg.main.sslClientCert ?? pg.ci.sslClientCert;
  if (client) {
    files.push(fileFrom(client.certificate, POSTGRES_SECRET_PATHS.clientCertificate), fileFrom(client.key, POSTGRES_SECRET_PATHS.clientKey));
  }
  return files;
}

/**
 * Shell for a `configure` script (after the copy into `${secret_dir}`): libpq refuses a private key that anyone
 * but its owner may read, and projected files arrive group-readable, so the copied key is made owner-only.
 */
export function postgresClientKeyScript(pg: ResolvedPostgresConnections): string {
  if (!pg.main.sslClientCert && !pg.ci.sslClientCert) return '';
  return `chmod 0400 "\${secret_dir}/${POSTGRES_SECRET_PATHS.clientKey}"\n`;
}

/** libpq's TLS parameters of one connection, files under `secretsDir` (unset ones left out). */
export function postgresTlsParameters(pg: ResolvedPostgres, secretsDir: string) {
  return {
    sslmode: pg.sslMode,
    sslrootcert: pg.sslRootCert ? CA_BUNDLE : undefined,
    sslcert: pg.sslClientCert ? `${secretsDir}/${POSTGRES_SECRET_PATHS.clientCertificate}` : undefined,
    sslkey: pg.sslClientCert ? `${secretsDir}/${POSTGRES_SECRET_PATHS.clientKey}` : undefined,
  };
}
