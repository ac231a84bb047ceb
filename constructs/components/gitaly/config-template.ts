import { GITALY_PORT, GITALY_TLS_PORT } from '../../config/gitaly/names';

/** Where the Gitaly image reads and writes, and the ports it serves (the CNG image's layout). */
export const GITALY_PATHS = {
  templates: '/etc/gitaly/templates',
  config: '/etc/gitaly',
  secrets: '/etc/gitlab-secrets',
  repositories: '/home/git/repositories',
} as const;
// The same ports the resolved addresses (`tcp://…:8075`, `tls://…:8076`) are built with.
export { GITALY_TLS_PORT };
export const GITALY_GRPC_PORT = GITALY_PORT;
export const GITALY_METRICS_PORT = 9236;
/** Seconds Gitaly lets in-flight RPCs finish on shutdown; the pod's grace period adds 5 seconds. */
export const GITALY_GRACEFUL_RESTART_SECONDS = 25;

export interface GitalyTemplateOptions {
  /** Storage names: in StatefulSet ordinal order, or (behind Praefect) the pod names. */
  readonly storageNames: readonly string[];
  /**
   * How a pod finds its storage: `ordinal`, the N-th name for pod `<name>-N`; `hostname`, the pod's own name
   * (Gitaly behind Praefect, which knows each node by pod name).
   * @default ordinal
   */
  readonly storageBy?: 'ordinal' | 'hostname';
  /** Rails internal API (through Workhorse) that Gitaly's hooks call, e.g. `http://<web>:8181`. */
  readonly gitlabUrl: string;
  /** Also serve TLS on 8076 with the certificate and key copied to the secrets folder. @default false */
  readonly tls?: boolean;
  /** Go Cloud URL of the bucket of Git bundles (`[bundle_uri]`). @default none */
  readonly bundleUri?: string;
}

/** Where the configure step puts the TLS certificate and key (projected from the TLS Secret). */
export const GITALY_TLS_FILES = { certificate: 'gitaly/gitaly.crt', key: 'gitaly/gitaly.key' } as const;

function storageSection(o: GitalyTemplateOptions): string {
  const names = o.storageNames.map((n) => JSON.stringify(n)).join(' ');
  if ((o.storageBy ?? 'ordinal') === 'hostname') {
    return `{% $storages := coll.Slice ${names} %}
{% $hostname := .Env.HOSTNAME | strings.TrimSpace %}
{% if coll.Has $storages $hostname %}
[[storage]]
name = "{% $hostname %}"
path = "${GITALY_PATHS.repositories}"
{% else %}
{% printf "pod %q is not a node of any Praefect virtual storage: raise gitalyReplicas in components.praefect.virtualStorages instead of scaling the StatefulSet" $hostname | fail %}
{% end %}`;
  }
  return `{% $storages := coll.Slice ${names} %}
{% $suffix := index (.Env.HOSTNAME | strings.Split "-" | coll.Reverse) 0 %}
{% $ordinal := -1 %}
{% if regexp.Match "^[0-9]+$" $suffix %}{% $ordinal = conv.ToInt64 $suffix %}{% end %}
{% if and (ge $ordinal 0) (lt $ordinal (len $storages)) %}
[[storage]]
name = "{% index $storages $ordinal %}"
path = "${GITALY_PATHS.repositories}"
{% else %}
{% printf "pod %q has no storage name (ordinal %d, %d names): add the storage to components.gitaly.storageNames instead of scaling the StatefulSet" .Env.HOSTNAME $ordinal (len $storages) | fail %}
{% end %}`;
}

/**
 * `config.toml.tpl`: gomplate (`{% %}`) rendered by the image at start into `/etc/gitaly/config.toml`.
 *
 * One StatefulSet serves every storage: pod `<name>-N` takes the N-th storage name (N is the suffix of its
 * HOSTNAME); behind Praefect a pod's storage is its own name. A pod without a storage refuses to start, so a
 * `kubectl scale` past the list fails loudly instead of serving an unnamed storage. The auth token is read from
 * the secret file at render time.
 */
export function gitalyConfigTemplate(o: GitalyTemplateOptions): string {
  const tls = o.tls ? {
    listen: `tls_listen_addr = ":${GITALY_TLS_PORT}"\n`,
    table: `\n[tls]\ncertificate_path = "${GITALY_PATHS.secrets}/${GITALY_TLS_FILES.certificate}"\nkey_path = "${GITALY_PATHS.secrets}/${GITALY_TLS_FILES.key}"\n`,
  } : { listen: '', table: '' };
  return `# Rendered by the gitaly image at start (gomplate); secrets are read from ${GITALY_PATHS.secrets}.
bin_dir = "/usr/local/bin"
listen_addr = ":${GITALY_GRPC_PORT}"
${tls.listen}prometheus_listen_addr = ":${GITALY_METRICS_PORT}"
graceful_restart_timeout = "${GITALY_GRACEFUL_RESTART_SECONDS}s"
${tls.table}
${storageSection(o)}

[logging]
format = "json"
dir = "/var/log/gitaly"

[auth]
token = {% file.Read "${GITALY_PATHS.secrets}/gitaly/gitaly_token" | strings.TrimSpace | data.ToJSON %}

[git]
use_bundled_binaries = true
ignore_gitconfig = true

[gitlab-shell]
dir = "/srv/gitlab-shell"

[gitlab]
secret_file = "${GITALY_PATHS.secrets}/shell/.gitlab_shell_secret"
url = "${o.gitlabUrl}/"

[hooks]
custom_hooks_dir = "/home/git/custom_hooks"
${o.bundleUri ? `\n[bundle_uri]\ngo_cloud_url = ${JSON.stringify(o.bundleUri)}\n` : ''}`;
}
