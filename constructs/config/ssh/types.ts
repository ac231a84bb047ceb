import type { GatewayRef } from '../exposure/types';
import type { LOAD_BALANCER_SCHEMES } from '../exposure/names';

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

/**
 * SSH from outside the cluster (no Ingress carries SSH):
 * - `aws-nlb`: a LoadBalancer Service the AWS Load Balancer Controller provisions as an NLB with IP targets
 *   (give `hosts.ssh.name` its own DNS name: the NLB is not the ALB or ingress controller of the web hosts);
 * - `tcp-route`: a Gateway API TCPRoute on a TCP listener of a Gateway (`gateway`, default `ingress.gatewayApi.gateway`).
 */
export type SshExposure =
  | { readonly via: 'aws-nlb'; /** @default internet-facing */ readonly scheme?: typeof LOAD_BALANCER_SCHEMES[number] }
  | {
    readonly via: 'tcp-route';
    /** @default `ingress.gatewayApi.gateway` */
    readonly gateway?: GatewayRef;
    /** The Gateway's TCP listener (parentRef `sectionName`). @default none: every listener that accepts the route */
    readonly listener?: string;
  };
