import { raw, templateYaml } from '../../lib/erb';
import type { ResolvedSshDaemonSettings } from '../../config/ssh/resolve';
import type { SshDaemon } from '../../config/gitlab-shell/names';
import { copySecretsScript } from '../../lib/volumes';

/** Where the gitlab-shell image reads its templates, secrets and host keys (the CNG image's layout). */
export const SHELL_PATHS = {
  templates: '/etc/gitlab-shell',
  config: '/srv/gitlab-shell',
  secrets: '/etc/gitlab-secrets',
  hostKeys: '/etc/gitlab-secrets/ssh',
} as const;
/** The unprivileged port sshd / gitlab-sshd listen on inside the pod. */
export const SSH_CONTAINER_PORT = 2222;
/** gitlab-sshd's HTTP port: `/health`, `/start` and `/metrics`. */
export const SSHD_WEB_PORT = 9122;

export interface ShellTemplateOptions {
  readonly sshDaemon: SshDaemon;
  /** Rails internal API through Workhorse, e.g. `http://<web>:8181`. */
  readonly gitlabUrl: string;
  /** The pod's grace period; gitlab-sshd drains connections for 5 seconds less. */
  readonly terminationGracePeriodSeconds: number;
  /** The daemon's tuning. */
  readonly sshd: ResolvedSshDaemonSettings;
}

/**
 * gomplate list of the host private keys the configure step copied to `KEYS_DIRECTORY`, as a JSON (thus YAML)
 * flow sequence: whatever key types the host-keys Secret holds are served.
 */
const HOST_KEY_FILES = raw('{% $keys := coll.Slice %}'
  + '{% range file.Walk (env.Getenv "KEYS_DIRECTORY" "/etc/ssh") %}'
  + '{% if filepath.Match "ssh_host_*_key" (filepath.Base .) %}{% $keys = coll.Append . $keys %}{% end %}'
  + '{% end %}{% $keys | data.ToJSON %}');

/** `config.yml.tpl`, rendered by the image into `/srv/gitlab-shell/config.yml`. */
export function shellConfigTemplate(o: ShellTemplateOptions): string {
  const gitlabSshd = o.sshDaemon === 'gitlab-sshd';
  return templateYaml({
    user: 'git',
    gitlab_url: `${o.gitlabUrl}/`,
    secret_file: `${SHELL_PATHS.secrets}/shell/.gitlab_shell_secret`,
    auth_file: '/home/git/.ssh/authorized_keys',
    // gitlab-sshd logs to the container's stdout; under OpenSSH the image tails this file to stdout.
    log_file: gitlabSshd ? '/dev/stdout' : '/var/log/gitlab-shell/gitlab-shell.log',
    log_format: 'json',
    audit_usernames: false,
    sshd: gitlabSshd ? {
      listen: `[::]:${SSH_CONTAINER_PORT}`,
      web_listen: `0.0.0.0:${SSHD_WEB_PORT}`,
      concurrent_sessions_limit: o.sshd.maxStartups.full,
      proxy_protocol: false,
      proxy_policy: 'use',
      proxy_header_timeout: '500ms',
      grace_period: o.terminationGracePeriodSeconds - 5,
      client_alive_interval: o.sshd.clientAliveInterval,
      ciphers: o.sshd.ciphers,
      kex_algorithms: o.sshd.kexAlgorithms,
      macs: o.sshd.macs,
      login_grace_time: o.sshd.loginGraceTime,
      public_key_algorithms: o.sshd.publicKeyAlgorithms,
      host_key_files: HOST_KEY_FILES,
    } : undefined,
    lfs: { pure_ssh_protocol: false },
    pat: { enabled: true, allowed_scopes: [] },
  });
}

/**
 * The `configure` script: the shell secret (required), then the host keys, which the projected Secret puts at the
 * volume's root, into `ssh/` with owner-only modes (sshd refuses group-readable private keys).
 */
export function shellConfigureScript(): string {
  return copySecretsScript(['shell'], []) + [
    'mkdir -p "${secret_dir}/ssh"',
    'cp -v -L "${config_dir}"/ssh_host_* "${secret_dir}/ssh/"',
    'chmod 0400 "${secret_dir}"/ssh/ssh_host_*',
  ].join('\n') + '\n';
}
