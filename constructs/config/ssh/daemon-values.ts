import type { PropsBuilder } from '../../values/builder';

/** The SSH daemon's tuning from the chart's values (`gitlab.gitlab-shell.config`) as `components.gitlabShell.sshd`. */

/** `gitlab.gitlab-shell.config.*`: the SSH daemon's algorithms, login grace time, keepalive and connection limits. */
export function readSshd(b: PropsBuilder): void {
  if (b.get('components.gitlabShell.enabled') === false) return;
  const c = 'gitlab.gitlab-shell.config';
  const to = 'components.gitlabShell.sshd';
  for (const a of ['ciphers', 'kexAlgorithms', 'macs', 'publicKeyAlgorithms']) {
    b.raw(`${c}.${a}`, `${to}.${a}`, (v) => (Array.isArray(v) && v.length === 0 ? undefined : v));
  }
  b.number(`${c}.loginGraceTime`, `${to}.loginGraceTime`);
  b.number(`${c}.clientAliveInterval`, `${to}.clientAliveInterval`);
  for (const k of ['start', 'rate', 'full']) b.number(`${c}.maxStartups.${k}`, `${to}.maxStartups.${k}`);
}
