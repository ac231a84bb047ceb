import type { ResolvedImage } from '../config/images/resolve';
import * as k8s from './k8s';
import { ResolvedConfig, ResolvedSecretRef } from '../config/resolved';
import { internalTlsCertificates } from './internal-tls';
import { resources } from './quantities';
import { containerSecurityContext } from './security';

/** One file of a projected Secret volume. */
export interface SecretFile {
  readonly secret: string;
  readonly key: string;
  /** Path inside the volume, e.g. `postgres/psql-password-main`. */
  readonly path: string;
  readonly optional?: boolean;
}

/** Secret files grouped into one projected volume (sources sorted for stable output, one source per Secret). */
export function projectedSecrets(name: string, files: readonly SecretFile[], extra: k8s.VolumeProjection[] = [], defaultMode = 0o400): k8s.Volume {
  const bySecret = new Map<string, SecretFile[]>();
  for (const f of files) {
    const list = bySecret.get(f.secret) ?? [];
    list.push(f);
    bySecret.set(f.secret, list);
  }
  const sources: k8s.VolumeProjection[] = [...extra];
  for (const [secret, list] of bySecret) {
    sources.push({
      secret: {
        name: secret,
        items: list.map((f) => ({ key: f.key, path: f.path })),
        ...(list.every((f) => f.optional) ? { optional: true } : {}),
      },
    });
  }
  return { name, projected: { defaultMode, sources } };
}

export const fileFrom = (ref: ResolvedSecretRef, path: string, optional = false): SecretFile => ({ secret: ref.name, key: ref.key, path, optional });

export const memoryDir = (name: string): k8s.Volume => ({ name, emptyDir: { medium: 'Memory' } });
export const emptyDir = (name: string, sizeLimit?: string): k8s.Volume =>
  ({ name, emptyDir: sizeLimit ? { sizeLimit: k8s.Quantity.fromString(sizeLimit) } : {} });
export const configMapVolume = (name: string, configMap: string, items?: { key: string; path: string }[]): k8s.Volume =>
  ({ name, configMap: { name: configMap, ...(items ? { items } : {}) } });

const CA_VOLUMES = ['etc-ssl-certs', 'etc-pki-ca-trust-extracted-pem'] as const;
const CA_PATHS: Record<(typeof CA_VOLUMES)[number], string> = {
  'etc-ssl-certs': '/etc/ssl/certs/',
  'etc-pki-ca-trust-extracted-pem': '/etc/pki/ca-trust/extracted/pem',
};

/** The trust-store emptyDirs filled by the `certificates` init container, plus custom CAs. */
export function trustStoreVolumes(config: ResolvedConfig): k8s.Volume[] {
  const volumes = CA_VOLUMES.map(memoryDir);
  const custom = customCaSources(config);
  if (custom.length) volumes.push({ name: 'custom-ca-certificates', projected: { defaultMode: 0o440, sources: custom } });
  return volumes;
}

function customCaSources(config: ResolvedConfig): k8s.VolumeProjection[] {
  const sources: k8s.VolumeProjection[] = config.customCAs.map((ca) => {
    const items = ca.keys ? { items: ca.keys.map((key) => ({ key, path: key })) } : {};
    return ca.configMap ? { configMap: { name: ca.configMap, ...items } } : { secret: { name: ca.secret!, ...items } };
  });
  // The CA of a self-signed Ingress certificate: pods reach GitLab's own URLs through the Ingress (as the chart does).
  const tls = config.ingress.tls;
  if (tls.mode === 'secret' && tls.selfSigned) sources.push({ secret: { name: tls.selfSigned.caSecretName } });
  // Every connection's server CA, components' own PostgreSQL settings included (one bundle serves all pods).
  const connections = [config.postgres, ...Object.values(config.postgres.clients)].flatMap((c) => [c.main, c.ci]);
  for (const pg of connections) {
    if (pg.sslRootCert && !sources.some((s) => s.secret?.name === pg.sslRootCert!.name)) {
      sources.push({ secret: { name: pg.sslRootCert.name, items: [{ key: pg.sslRootCert.key, path: `postgres-${pg.sslRootCert.key}` }] } });
    }
  }
  // Internal TLS of Gitaly and Praefect: clients trust the servers' certificates (the chart's file names).
  for (const { secret, path, key } of internalTlsCertificates(config)) sources.push({ secret: { name: secret, items: [{ key: key ?? 'tls.crt', path }] } });
  return sources;
}

/** Mounts of the filled trust store, read-only, over the image's system paths. */
export function trustStoreMounts(): k8s.VolumeMount[] {
  return CA_VOLUMES.map((name) => ({ name, mountPath: CA_PATHS[name], readOnly: true }));
}

/** The `certificates` init container: builds the CA bundle (system + custom CAs) into the trust-store emptyDirs. */
export function certificatesInit(config: ResolvedConfig, uid = 1000, env: k8s.EnvVar[] = []): k8s.Container {
  const mounts: k8s.VolumeMount[] = CA_VOLUMES.map((name) => ({ name, mountPath: CA_PATHS[name] }));
  if (customCaSources(config).length) mounts.push({ name: 'custom-ca-certificates', mountPath: '/usr/local/share/ca-certificates', readOnly: true });
  const image = config.images.certificates;
  return {
    name: 'certificates',
    image: image.ref,
    imagePullPolicy: image.pullPolicy,
    env: [{ name: 'TZ', value: config.timeZone }, ...env],
    volumeMounts: mounts,
    securityContext: containerSecurityContext(uid),
    resources: resources({ requests: { cpu: '50m' } }),
  };
}

/**
 * The `configure` init container (gitlab-base image): runs the component's configure script (a key of its
 * ConfigMap), which copies the projected secrets from `/init-config` into the in-memory `/init-secrets` the main
 * container reads. `command` defaults to `sh`; pass `command: []` to keep the image entrypoint (registry).
 */
export function configureInit(config: ResolvedConfig, opts: {
  readonly args: string[];
  readonly command?: string[];
  readonly mounts: k8s.VolumeMount[];
  readonly uid?: number;
  readonly env?: k8s.EnvVar[];
  /** The component's init image (`initImage`). @default images.gitlabBase */
  readonly image?: ResolvedImage;
}): k8s.Container {
  const image = opts.image ?? config.images.gitlabBase;
  const command = opts.command ?? ['sh'];
  return {
    name: 'configure',
    image: image.ref,
    imagePullPolicy: image.pullPolicy,
    ...(command.length ? { command } : {}),
    args: opts.args,
    env: [{ name: 'TZ', value: config.timeZone }, ...(opts.env ?? [])],
    volumeMounts: opts.mounts,
    securityContext: containerSecurityContext(opts.uid ?? 1000),
    resources: resources({ requests: { cpu: '50m' } }),
  };
}

/**
 * The usual mounts of a `configure` init container: the component's ConfigMap (holding `configure`) at `/config`,
 * the projected secrets at `/init-config`, and the in-memory folder the main container reads at `/init-secrets`.
 */
export function configureMounts(configVolume: string, initSecretsVolume: string, secretsVolume: string): k8s.VolumeMount[] {
  return [
    { name: configVolume, mountPath: '/config', readOnly: true },
    { name: initSecretsVolume, mountPath: '/init-config', readOnly: true },
    { name: secretsVolume, mountPath: '/init-secrets' },
  ];
}

/** Shell that copies secret folders from /init-config to /init-secrets: required ones must exist, optional may not. */
export function copySecretsScript(required: readonly string[], optional: readonly string[]): string {
  const lines = ['set -e', 'config_dir="/init-config"', 'secret_dir="/init-secrets"'];
  if (required.length) {
    lines.push(`for secret in ${required.join(' ')}; do`,
      '  mkdir -p "${secret_dir}/${secret}"',
      '  cp -f -v -r -L "${config_dir}/${secret}/." "${secret_dir}/${secret}/"',
      'done');
  }
  const opt = optional.filter((o) => !required.includes(o));
  if (opt.length) {
    lines.push(`for secret in ${opt.join(' ')}; do`,
      '  if [ -e "${config_dir}/${secret}" ]; then',
      '    mkdir -p "${secret_dir}/${secret}"',
      '    cp -f -v -r -L "${config_dir}/${secret}/." "${secret_dir}/${secret}/"',
      '  fi',
      'done');
  }
  return lines.join('\n') + '\n';
}
