import type { PropsBuilder } from '../../values/builder';

/**
 * The chart's gitlab-shell values (`gitlab.gitlab-shell`) as `components.gitlabShell` props, beyond the on/off
 * switch, scaling and placement (`components/values.ts`), the daemon's settings (`ssh/daemon-values.ts`) and how
 * SSH is exposed (`ssh/values.ts`).
 */

/** `gitlab.gitlab-shell.sshDaemon`: OpenSSH or gitlab-sshd. */
export function readGitLabShellOptions(b: PropsBuilder, path: string, to: string): void {
  b.string(`${path}.sshDaemon`, `${to}.sshDaemon`);
}
