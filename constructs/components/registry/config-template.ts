import { ResolvedRegistryTuning } from '../../config/resolved';
import type { ResolvedRegistryTls } from '../../config/registry/tls';
import { raw, templateYaml } from '../../lib/erb';

/** Paths of the registry pod: the configure step renders into `/registry`, which the registry reads as its config dir. */
export const REGISTRY_PATHS = {
  /** The ConfigMap's `config.yml.tpl` (init only). */
  templates: '/templates',
  /** Secrets and the configure script, projected (init only). */
  secrets: '/config',
  /** The rendered config (init, read-write). */
  rendered: '/registry',
  /** The same directory in the registry container, where the image reads `config.yml`. */
  config: '/etc/docker/registry',
  /** The filesystem driver's root without a storage Secret (the chart's), on an emptyDir. */
  ephemeralData: '/tmp/registry',
} as const;
export const REGISTRY_PORT = 5000;
export const REGISTRY_DEBUG_PORT = 5001;

export interface RegistryTemplateOptions {
  /** External GitLab URL; the token realm is `<url>/jwt/auth`. */
  readonly gitlabUrl: string;
  /** Logging, health check, validation and maintenance settings. @default the chart's */
  readonly tuning?: ResolvedRegistryTuning;
  /** Serve Prometheus metrics on the debug port (the chart's `registry.metrics.enabled`). @default false */
  readonly metrics?: boolean;
  /** The storage redirect (the chart's `storage.redirect`). @default none: redirected to the bucket */
  readonly redirect?: { readonly disable: boolean; readonly exceptions: readonly string[] };
  /** The filesystem driver under `ephemeralData` instead of a driver Secret spliced in. @default false */
  readonly ephemeral?: boolean;
  /** Serve TLS on the API port, with the certificate the configure step copies to `tls/`. @default plain HTTP */
  readonly tls?: ResolvedRegistryTls;
}

/** The TLS Secret's files, projected under `tls/` of the secrets dir and copied next to the config (the chart's paths). */
export const REGISTRY_TLS_FILES = { certificate: 'tls/tls.crt', key: 'tls/tls.key' } as const;

/**
 * `config.yml.tpl`, rendered by the gitlab-base entrypoint of the configure init container (gomplate) into
 * `/registry/config.yml`, before the configure script splices the storage driver block under `storage:`.
 * The HTTP secret is read from its file at render time; the token certificate is copied next to the config.
 */
export function registryConfigTemplate(o: RegistryTemplateOptions): string {
  const t = o.tuning;
  const log = t?.log;
  const manifests = t?.validation.manifests;
  return templateYaml({
    version: 0.1,
    log: {
      ...(log?.accessLog ? { accesslog: log.accessLog } : {}),
      level: log?.level ?? 'info',
      ...(log?.formatter ? { formatter: log.formatter } : {}),
      fields: { service: 'registry' },
    },
    http: {
      addr: `:${REGISTRY_PORT}`,
      ...(o.tls ? { tls: registryHttpTls(o.tls) } : {}),
      debug: { addr: `:${REGISTRY_DEBUG_PORT}`, prometheus: { enabled: o.metrics ?? false, path: '/metrics' } },
      draintimeout: '0',
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      secret: raw(`{% file.Read "${REGISTRY_PATHS.secrets}/httpSecret" | strings.TrimSpace | data.ToJSON %}`),
      relativeurls: false,
    },
    health: { storagedriver: t?.storageHealthCheck ?? { enabled: false, interval: '10s', threshold: 3 } },
    // Rails signs pull/push tokens with registry-auth.key; the registry checks them with the matching certificate.
    auth: {
      token: {
        realm: `${o.gitlabUrl}/jwt/auth`,
        service: 'container_registry',
        issuer: 'gitlab-issuer',
        rootcertbundle: `${REGISTRY_PATHS.config}/certificate.crt`,
        autoredirect: false,
      },
    },
    validation: {
      disabled: t?.validation.disabled ?? true,
      ...(manifests ? {
        manifests: {
          referencelimit: manifests.referenceLimit,
          payloadsizelimit: manifests.payloadSizeLimit,
          urls: { allow: manifests.urls.allow, deny: manifests.urls.deny },
        },
      } : {}),
    },
    // The configure script inserts the driver block (e.g. `s3:`) right after this line.
    storage: {
      // The chart's default storage: the filesystem driver, with its in-memory blob cache and deletes on.
      ...(o.ephemeral ? { filesystem: { rootdirectory: REGISTRY_PATHS.ephemeralData }, cache: { blobdescriptor: 'inmemory' }, delete: { enabled: true } } : {}),
      maintenance: {
        readonly: { enabled: t?.maintenance.readOnly ?? false },
        uploadpurging: t ? {
          enabled: t.maintenance.uploadPurging.enabled, age: t.maintenance.uploadPurging.age,
          interval: t.maintenance.uploadPurging.interval, dryrun: t.maintenance.uploadPurging.dryRun,
        } : { enabled: true, age: '168h', interval: '24h', dryrun: false },
      },
      ...(o.redirect ? { redirect: { disable: o.redirect.disable, exceptions: [...o.redirect.exceptions] } } : {}),
    },
    gc: { disabled: false },
    rate_limiter: { enabled: false },
  });
}

/** The registry's `http.tls`: the copied key pair, client CAs and cipher suites when given, the lowest version. */
function registryHttpTls(t: ResolvedRegistryTls): Record<string, unknown> {
  return {
    certificate: `${REGISTRY_PATHS.config}/${REGISTRY_TLS_FILES.certificate}`,
    key: `${REGISTRY_PATHS.config}/${REGISTRY_TLS_FILES.key}`,
    ...(t.clientCAs.length ? { clientCAs: [...t.clientCAs] } : {}),
    ...(t.cipherSuites.length ? { ciphersuites: [...t.cipherSuites] } : {}),
    minimumTLS: t.minimumTLS,
  };
}

/**
 * The configure script (run by `sh` after the entrypoint rendered `config.yml`): splices the storage Secret,
 * indented, under `storage:` (adding `delete.enabled: true` unless the Secret sets `delete.enabled`), and puts the
 * token certificate where `rootcertbundle` points.
 */
export function registryConfigureScript(o: { readonly driverSecret?: boolean; readonly tls?: boolean } = {}): string {
  const s = REGISTRY_PATHS.secrets;
  const r = REGISTRY_PATHS.rendered;
  const copyCertificate = [
    `cat "${s}/certificate.crt" > "${r}/certificate.crt"`,
    // The TLS key pair next to the config, readable by its owner only (as the chart's script leaves it).
    ...(o.tls ? [
      `mkdir -p "${r}/tls"`,
      `cat "${s}/${REGISTRY_TLS_FILES.certificate}" > "${r}/${REGISTRY_TLS_FILES.certificate}"`,
      `cat "${s}/${REGISTRY_TLS_FILES.key}" > "${r}/${REGISTRY_TLS_FILES.key}"`,
      `chmod 700 "${r}/tls" && chmod 600 "${r}/tls/"*`,
    ] : []),
  ].join('\n');
  // Without a driver Secret the template names the filesystem driver itself.
  if (o.driverSecret === false) return ['set -e', copyCertificate, ''].join('\n');
  return [
    'set -e',
    `driver="${r}/storage-driver.yml"`,
    `cat "${s}/storage/config" > "$driver"`,
    'echo "" >> "$driver"',
    '# Deleting images needs delete.enabled; default it on unless the driver block configures it.',
    'if ! grep -A1 -E \'^delete:[[:space:]]*$\' "$driver" | grep -q -E \'^[[:space:]]{2,4}enabled:\'; then',
    '  printf \'delete:\\n  enabled: true\\n\' >> "$driver"',
    'fi',
    'sed -i \'s/^/  /\' "$driver"',
    `sed -i "/^storage:/ r $driver" "${r}/config.yml"`,
    'rm -f "$driver"',
    copyCertificate,
    '',
  ].join('\n');
}
