import type { NETWORK_COMPONENTS, OutboundPresetName } from './names';

/**
 * NetworkPolicies as a user writes them (`networkPolicies`): extra peers, egress and outbound presets over the
 * flows the platform's settings imply.
 */

/** Traffic from or to outside the platform's pods: pods of a namespace, or an address range. */
export type NetworkPeer =
  | {
    /** Namespace name (matched by its `kubernetes.io/metadata.name` label). */
    readonly namespace: string;
    /** Only the pods with these labels. @default every pod of the namespace */
    readonly podLabels?: Readonly<Record<string, string>>;
  }
  | {
    /** IPv4 or IPv6 CIDR, e.g. `10.0.0.0/16`. */
    readonly cidr: string;
    /** CIDRs inside `cidr` to leave out. @default none */
    readonly except?: readonly string[];
  };

/** The platform's components, as network policies name them. */
export type NetworkComponent = typeof NETWORK_COMPONENTS[number];

/** Extra outgoing traffic some components need (webhooks on other ports, SMTP, repository mirroring...). */
export interface NetworkEgressRule {
  readonly components: readonly NetworkComponent[];
  readonly to: readonly NetworkPeer[];
  /** TCP ports. */
  readonly ports: readonly number[];
}

/** Who may talk to the platform's pods, and where they may connect. Peers default to what the platform's settings imply. */
export interface NetworkPoliciesConfig {
  /**
   * Who reaches the web hosts' backends (webservice 8181, registry 5000, kas 8150/8154).
   * @default `nginx`: every pod of namespace `ingress-nginx`; `alb`: any address (the ALB's, in the VPC; narrow it
   * to the VPC CIDR); `gateway-api`: the Gateway's namespace; nobody when `ingress.enabled` is false
   */
  readonly ingressFrom?: readonly NetworkPeer[];
  /**
   * Who reaches SSH (gitlab-shell 2222). @default any address with a LoadBalancer/NodePort Service or an NLB; the
   * Gateway's namespace with a TCPRoute; else `ingressFrom` (an ingress controller proxying TCP)
   */
  readonly sshFrom?: readonly NetworkPeer[];
  /** Who scrapes the metrics ports (Prometheus). `[]` for nobody. @default every pod of namespace `monitoring` */
  readonly metricsFrom?: readonly NetworkPeer[];
  /**
   * The cluster DNS (UDP and TCP 53); with NodeLocal DNSCache add its address (e.g. `{ cidr: '169.254.20.10/32' }`).
   * @default pods `k8s-app: kube-dns` of namespace `kube-system`
   */
  readonly dns?: readonly NetworkPeer[];
  /** Where PostgreSQL is (the ports come from `postgres`). @default any address */
  readonly postgres?: { readonly cidrs?: readonly string[] };
  /** Where Redis is (the port comes from `redis`). @default any address */
  readonly redis?: { readonly cidrs?: readonly string[] };
  /** Where object storage (and AWS STS for IAM roles) is. @default any address, port 443 */
  readonly objectStorage?: { readonly cidrs?: readonly string[]; readonly ports?: readonly number[] };
  /** Extra egress per component. @default none */
  readonly extraEgress?: readonly NetworkEgressRule[];
  /**
   * The cluster network's address ranges (the VPC's CIDRs). Known ranges replace "any address" as the default
   * destination of PostgreSQL and Redis, and as the default source of an ALB (whose nodes live in the VPC).
   * The Pulumi stack sets them from the VPC it looks up. @default none (those defaults stay any address)
   */
  readonly vpcCidrs?: readonly string[];
  /** Namespace of the NGINX ingress controller (the default `ingressFrom` with `provider: nginx`). @default ingress-nginx */
  readonly ingressNamespace?: string;
  /**
   * Opt-in outbound traffic GitLab features need, with the ports and ranges you choose (never the cloud
   * metadata endpoint, unless your ranges name it). @default none
   */
  readonly outbound?: NetworkOutboundPresets;
}

/** Where a preset may connect: TCP ports and address ranges. */
export interface NetworkOutboundRule {
  /** TCP ports. @default see each preset */
  readonly ports?: readonly number[];
  /** Destination ranges. @default any address except the cloud metadata endpoint (169.254.169.254, fd00:ec2::254) */
  readonly cidrs?: readonly string[];
}

/** Outbound presets per GitLab feature (`names.ts`); `true` takes the preset's defaults. */
export interface NetworkOutboundPresets extends Partial<Record<OutboundPresetName, true | NetworkOutboundRule>> {
  /**
   * Repository mirroring (pull and push) and import by URL: Gitaly fetches and pushes Git over HTTPS and SSH,
   * Sidekiq downloads the LFS objects. Without it, mirroring fails with a connection timeout.
   * @default off; `true`: TCP 443 and 22 to any address
   */
  readonly repositoryMirroring?: true | NetworkOutboundRule;
  /**
   * Webhooks, integrations (Slack, Jira, ...) and importers' API calls: Sidekiq sends them, webservice sends
   * test hooks. @default off; `true`: TCP 443 and 80 to any address
   */
  readonly webhooks?: true | NetworkOutboundRule;
}
