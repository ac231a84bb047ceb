/**
 * The lists of names gitlab-shell's settings are built from, each written once: the props types, the checks, the
 * resolution and the components derive from these arrays.
 */

/** The SSH daemons gitlab-shell can run: OpenSSH (the chart's default) or GitLab's own `gitlab-sshd`. */
export const SSH_DAEMONS = ['openssh', 'gitlab-sshd'] as const;
export type SshDaemon = typeof SSH_DAEMONS[number];
