import type { ResolvedSshDaemonSettings } from '../../config/ssh/resolve';
import { SSH_CONTAINER_PORT } from './config-template';

/**
 * `sshd_config` for the OpenSSH daemon, mounted over the image's `/etc/ssh/sshd_config`.
 *
 * sshd runs as the image's `git` user (uid 1000) with every capability dropped, as the restricted Pod Security
 * Standard requires. That works because everything it needs is unprivileged: it listens on 2222 (the Service maps
 * 22 to it), writes its PID under `/srv/sshd` and reads host keys that the image's wrapper copies into the
 * git-owned `/etc/ssh`. The limits that come with an unprivileged sshd, all harmless here: it can authenticate only
 * the account it runs as (`git`, the only one allowed), it runs without privilege separation (no chroot; the
 * `AuthorizedKeysCommand` runs as `git`, which `AuthorizedKeysCommandUser` names anyway), and PAM is not used.
 */
export function sshdConfig(s: ResolvedSshDaemonSettings): string {
  const m = s.maxStartups;
  return [
    `Port ${SSH_CONTAINER_PORT}`,
    'LogLevel ERROR',
    'PidFile /srv/sshd/sshd.pid',
    '',
    '# Only the git account, only by key: GitLab looks the key up through the Rails API.',
    'AllowUsers git',
    'PermitRootLogin no',
    'PasswordAuthentication no',
    'AuthorizedKeysFile .ssh/authorized_keys',
    'AuthorizedKeysCommand /authorized_keys %u %k',
    'AuthorizedKeysCommandUser git',
    '',
    '# Git protocol v2, and nothing but Git: no forwarding of any kind.',
    'AcceptEnv GIT_PROTOCOL',
    'DisableForwarding yes',
    '',
    `# Unauthenticated connections: start dropping ${m.rate}% at ${m.start}, refuse all at ${m.full}; ${s.loginGraceTime} s to log in.`,
    // As the chart: the three-field form needs a start and a rate.
    m.start && m.rate ? `MaxStartups ${m.start}:${m.rate}:${m.full}` : `MaxStartups ${m.full}`,
    `LoginGraceTime ${s.loginGraceTime}`,
    `ClientAliveInterval ${s.clientAliveInterval}`,
    '',
    'Include /etc/ssh/sshd_config.d/*.conf',
    '',
  ].join('\n');
}
