import type { SshDaemonSettings } from './types';

/** The SSH daemon's tuning, the chart's defaults applied. */
export interface ResolvedSshDaemonSettings {
  readonly ciphers?: readonly string[];
  readonly kexAlgorithms?: readonly string[];
  readonly macs?: readonly string[];
  readonly publicKeyAlgorithms?: readonly string[];
  readonly loginGraceTime: number;
  readonly clientAliveInterval: number;
  readonly maxStartups: { readonly start: number; readonly rate: number; readonly full: number };
}

type Fail = (path: string, value: unknown, allowed: string, fix: string) => void;

const ALGORITHMS = ['ciphers', 'kexAlgorithms', 'macs', 'publicKeyAlgorithms'] as const;

/** Algorithm lists only reach gitlab-sshd (the chart writes them into its config, not into OpenSSH's). */
export function resolveSshd(s: SshDaemonSettings | undefined, daemon: 'openssh' | 'gitlab-sshd', fail: Fail): ResolvedSshDaemonSettings {
  if (daemon === 'openssh') {
    for (const a of ALGORITHMS) {
      if (s?.[a]) {
        fail(`components.gitlabShell.sshd.${a}`, s[a], 'nothing with OpenSSH (the algorithm lists are gitlab-sshd settings, as in the chart)',
          `set components.gitlabShell.sshDaemon: gitlab-sshd, or remove sshd.${a}`);
      }
    }
  }
  const m = s?.maxStartups;
  const maxStartups = { start: m?.start ?? 10, rate: m?.rate ?? 30, full: m?.full ?? 100 };
  if (maxStartups.start > maxStartups.full) {
    fail('components.gitlabShell.sshd.maxStartups.start', maxStartups.start, `at most full (${maxStartups.full})`, 'lower start or raise full');
  }
  return {
    ...Object.fromEntries(ALGORITHMS.filter((a) => s?.[a]).map((a) => [a, s![a]])),
    loginGraceTime: s?.loginGraceTime ?? 60,
    clientAliveInterval: s?.clientAliveInterval ?? 0,
    maxStartups,
  };
}
