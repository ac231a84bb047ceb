import * as k8s from '../../lib/k8s';
import { Construct } from 'constructs';
import { checkProps } from '../common/scope';
import { toPolicyRules } from '../common/rbac';
import { DEFAULT_DNS, DEFAULT_INGRESS_NAMESPACE, LIMIT_DEFAULTS, METADATA_CIDRS, PRIVILEGED_NAMESPACE_LABELS, QUOTA_DEFAULTS, RESTRICTED_NAMESPACE_LABELS } from './defaults';
import { NamespacePartitionProps, PartitionPeer, PartitionPurpose } from './props';
import { PARTITION_DEPLOY_RULES } from './rbac';
import { outsidePeer } from '../../components/network-policies/peers';
import { partitionPropsCheck } from './validate';

const q = (v: string | number) => k8s.Quantity.fromString(String(v));
const tcp = (ports: readonly number[]): k8s.NetworkPolicyPort[] => ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));

/** The settings after defaults. */
export interface ResolvedPartition {
  readonly namespace: string;
  readonly purpose: PartitionPurpose;
  readonly createNamespace: boolean;
  readonly ingressFrom: readonly PartitionPeer[];
  /** @default none (no egress to the GitLab host's ingress pods: every purpose but ci-jobs, unless `network.gitlab` is set) */
  readonly gitlab?: { readonly peers: readonly PartitionPeer[]; readonly ports: readonly number[] };
  readonly dns: readonly PartitionPeer[];
  readonly sameNamespace: boolean;
  readonly internet: boolean;
}

/**
 * A namespace partitioned for one tenant: CI job pods, one Review App, or one application environment.
 *
 * - the Namespace with the restricted Pod Security Standard enforced (unless the pipeline creates it; privileged
 *   only for a runner's privileged job namespace);
 * - a ResourceQuota and a LimitRange, sized for the purpose;
 * - deny-by-default NetworkPolicies: DNS, the ingress controller in, pods of the partition among themselves,
 *   the GitLab host and (CI jobs) the internet out; never the platform's pods nor the cloud metadata endpoint;
 * - a Role and RoleBinding for the deployers (e.g. the identity the GitLab agent impersonates for a project's CI
 *   jobs), valid in this namespace only.
 */
export class NamespacePartition extends Construct {
  readonly namespace: string;
  readonly settings: ResolvedPartition;

  constructor(scope: Construct, id: string, props: NamespacePartitionProps) {
    super(scope, id);
    checkProps(`NamespacePartition(${id})`, props, partitionPropsCheck);
    const p = props;
    const purpose = p.purpose;
    const jobs = purpose === 'ci-jobs';
    const net = p.network ?? {};
    const ingressNamespace = [{ namespace: DEFAULT_INGRESS_NAMESPACE }];
    const s: ResolvedPartition = {
      namespace: p.namespace,
      purpose,
      createNamespace: p.createNamespace ?? purpose !== 'review-app',
      ingressFrom: net.ingressFrom ?? (jobs ? [] : ingressNamespace),
      gitlab: net.gitlab ?? (jobs ? { peers: ingressNamespace, ports: [443, 80] } : undefined),
      dns: net.dns ?? DEFAULT_DNS,
      sameNamespace: net.sameNamespace ?? !jobs,
      internet: net.internet ?? jobs,
    };
    this.settings = s;
    this.namespace = s.namespace;
    const labels = { 'app.kubernetes.io/managed-by': 'gitlab-iac', 'app.kubernetes.io/name': 'namespace-partition', 'gitlab-iac.io/partition': purpose, ...p.labels };
    const meta = (name: string) => ({ name, namespace: s.namespace, labels });

    if (s.createNamespace) {
      const podSecurity = p.podSecurity === 'privileged' ? PRIVILEGED_NAMESPACE_LABELS : RESTRICTED_NAMESPACE_LABELS;
      new k8s.KubeNamespace(this, 'namespace', { metadata: { name: s.namespace, labels: { ...labels, ...podSecurity } } });
    }

    if (p.quota !== false) {
      const h = { ...QUOTA_DEFAULTS[purpose], ...p.quota };
      new k8s.KubeResourceQuota(this, 'quota', {
        metadata: meta('partition'),
        spec: {
          hard: {
            'requests.cpu': q(h.cpuRequests), 'requests.memory': q(h.memoryRequests),
            'limits.cpu': q(h.cpuLimits), 'limits.memory': q(h.memoryLimits),
            pods: q(h.pods), services: q(h.services), persistentvolumeclaims: q(h.persistentVolumeClaims),
            'requests.storage': q(h.storage), 'services.loadbalancers': q(h.loadBalancers), 'services.nodeports': q(h.nodePorts),
          },
        },
      });
    }
    const l = { ...LIMIT_DEFAULTS[purpose], ...p.limits };
    const sizeOf = (c: { cpu: string; memory: string }) => ({ cpu: q(c.cpu), memory: q(c.memory) });
    new k8s.KubeLimitRange(this, 'limits', {
      metadata: meta('partition'),
      spec: { limits: [{ type: 'Container', defaultRequest: sizeOf(l.defaultRequest), default: sizeOf(l.defaultLimit), max: sizeOf(l.max) }] },
    });

    this.networkPolicies(s, net, meta);

    if (p.deployers?.length) {
      new k8s.KubeRole(this, 'deploy-role', { metadata: meta('partition-deploy'), rules: toPolicyRules(PARTITION_DEPLOY_RULES) });
      new k8s.KubeRoleBinding(this, 'deploy-binding', {
        metadata: meta('partition-deploy'),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'partition-deploy' },
        subjects: p.deployers.map((d) => (d.kind === 'ServiceAccount'
          ? { kind: d.kind, name: d.name, namespace: d.namespace }
          : { kind: d.kind, name: d.name, apiGroup: 'rbac.authorization.k8s.io' })),
      });
    }
  }

  private networkPolicies(s: ResolvedPartition, net: NonNullable<NamespacePartitionProps['network']>, meta: (name: string) => { name: string; namespace: string; labels: Record<string, string> }): void {
    const all: k8s.LabelSelector = {};
    const policy = (id: string, name: string, spec: k8s.NetworkPolicySpec) => new k8s.KubeNetworkPolicy(this, id, { metadata: meta(name), spec });
    policy('deny-all', 'partition-default-deny', { podSelector: all, policyTypes: ['Ingress', 'Egress'] });
    policy('dns', 'partition-dns', {
      podSelector: all, policyTypes: ['Egress'],
      egress: [{ to: s.dns.map(outsidePeer), ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) }] }],
    });
    if (s.sameNamespace) {
      policy('same-namespace', 'partition-same-namespace', {
        podSelector: all, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: all }] }], egress: [{ to: [{ podSelector: all }] }],
      });
    }
    if (s.ingressFrom.length) {
      policy('ingress', 'partition-ingress', { podSelector: all, policyTypes: ['Ingress'], ingress: [{ from: s.ingressFrom.map(outsidePeer) }] });
    }
    const egress: k8s.NetworkPolicyEgressRule[] = [];
    if (s.gitlab) egress.push({ to: s.gitlab.peers.map(outsidePeer), ports: tcp(s.gitlab.ports) });
    if (s.internet) {
      const blocked = net.blockedCidrs ?? [];
      // ipBlock peers match addresses outside the cluster: pods (the platform's included) are never matched by them.
      egress.push({
        to: [
          { ipBlock: { cidr: '0.0.0.0/0', except: [METADATA_CIDRS.v4, ...blocked.filter((c) => !c.includes(':'))] } },
          { ipBlock: { cidr: '::/0', except: [METADATA_CIDRS.v6, ...blocked.filter((c) => c.includes(':'))] } },
        ],
        ...(net.internetPorts ? { ports: tcp(net.internetPorts) } : {}),
      });
    }
    for (const extra of net.extraEgress ?? []) egress.push({ to: extra.to.map(outsidePeer), ports: tcp(extra.ports) });
    if (egress.length) policy('egress', 'partition-egress', { podSelector: all, policyTypes: ['Egress'], egress });
  }
}
