/** The SSH daemon's tuning (the chart's `gitlab.gitlab-shell.config.*`). */
export interface SshDaemonSettings {
  /** Ciphers offered (gitlab-sshd only; OpenSSH keeps the image's). @default the daemon's */
  readonly ciphers?: readonly string[];
  /** Key exchange algorithms offered (gitlab-sshd only). @default the daemon's */
  readonly kexAlgorithms?: readonly string[];
  /** MAC algorithms offered (gitlab-sshd only). @default the daemon's */
  readonly macs?: readonly string[];
  /** Public key algorithms accepted (gitlab-sshd only). @default the daemon's */
  readonly publicKeyAlgorithms?: readonly string[];
  /** Seconds a client has to log in. @default 60 */
  readonly loginGraceTime?: number;
  /** Seconds between keepalive messages; 0 sends none. @default 0 */
  readonly clientAliveInterval?: number;
  /**
   * Unauthenticated connections: from `start`, drop `rate` percent, refuse all at `full` (OpenSSH `MaxStartups`;
   * gitlab-sshd takes `full` as its concurrent sessions limit). @default 10:30:100
   */
  readonly maxStartups?: { readonly start?: number; readonly rate?: number; readonly full?: number };
}
