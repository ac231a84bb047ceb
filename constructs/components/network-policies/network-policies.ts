import * as k8s from '../../lib/k8s';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { PlatformEndpoints } from '../../lib/endpoints';
import { componentLabels } from '../../lib/labels';
import { meta } from '../../lib/workload';
import { Flow, FlowPort, isMember, MEMBERS, MemberName, platformFlows } from './flows';
import { memberPeer, outsidePeer, outsidePeers } from './peers';

export interface PlatformNetworkPoliciesProps {
  /** The resolved platform configuration (`resolveConfig`); `networkPolicies` must be on. */
  readonly config: ResolvedConfig;
  /** Service names and ports of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

type Rule = { peers: k8s.NetworkPolicyPeer[]; ports: readonly FlowPort[] };

/**
 * NetworkPolicies (networking.k8s.io/v1) confining every platform pod: one policy denies all ingress and egress
 * to the pods of every component that runs, and one policy per component allows exactly its flows (`flows.ts`):
 * between components by their selector labels, from the ingress, SSH and Prometheus peers, and to DNS,
 * PostgreSQL, Redis and object storage (`networkPolicies` settings). Turning a component off removes its policy
 * and every flow to or from it.
 *
 * Kubelet probes need no rule: traffic from a pod's own node is always allowed.
 */
export class PlatformNetworkPolicies extends Construct {
  /** Name of the deny-all policy. */
  readonly denyAllName: string;
  /** Name of each running component's policy. */
  readonly policyNames: Readonly<Partial<Record<MemberName, string>>>;
  /** The deny-all NetworkPolicy: add an annotation or a checked patch (`strictJsonPatch`). */
  readonly denyAll: k8s.KubeNetworkPolicy;
  /** Each running component's NetworkPolicy, by component. */
  readonly policies: Readonly<Partial<Record<MemberName, k8s.KubeNetworkPolicy>>>;

  constructor(scope: Construct, id: string, props: PlatformNetworkPoliciesProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const np = config.networkPolicies!;
    const running = (Object.keys(MEMBERS) as MemberName[]).filter((m) => MEMBERS[m].enabled(config));
    const on = (end: string) => !isMember(end) || running.includes(end);
    const flows = platformFlows(config, endpoints).filter((f) => on(f.from) && on(f.to));

    this.denyAllName = `${config.release}-default-deny`;
    this.denyAll = new k8s.KubeNetworkPolicy(this, 'deny-all', {
      metadata: meta(config, this.denyAllName, componentLabels(config, 'network-policies').common),
      spec: {
        podSelector: {
          matchLabels: { release: config.release },
          matchExpressions: [{ key: 'app', operator: 'In', values: running.map((m) => MEMBERS[m].app) }],
        },
        policyTypes: ['Ingress', 'Egress'],
      },
    });

    const names: Partial<Record<MemberName, string>> = {};
    const policies: Partial<Record<MemberName, k8s.KubeNetworkPolicy>> = {};
    for (const member of running) {
      const labels = componentLabels(config, MEMBERS[member].app);
      const peersOf = (end: Flow['from'] | Flow['to']) => (isMember(end) ? [memberPeer(config, end)] : outsidePeers(config, end));
      const ingress = rules(flows.filter((f) => f.to === member).map((f) => ({ peers: peersOf(f.from), ports: f.ports })));
      const egress = rules([
        ...flows.filter((f) => f.from === member).map((f) => ({ peers: peersOf(f.to), ports: f.ports })),
        ...np.extraEgress.filter((e) => e.components.includes(member))
          .map((e) => ({ peers: e.to.map(outsidePeer), ports: e.ports.map((port) => ({ port, protocol: 'TCP' as const })) })),
      ]);
      names[member] = `${config.release}-${MEMBERS[member].app}`;
      policies[member] = new k8s.KubeNetworkPolicy(this, member, {
        metadata: meta(config, names[member]!, labels.common),
        spec: {
          podSelector: { matchLabels: labels.selector },
          policyTypes: ['Ingress', 'Egress'],
          ...(ingress.length ? { ingress: ingress.map((r) => ({ from: r.peers, ports: policyPorts(r.ports) })) } : {}),
          ...(egress.length ? { egress: egress.map((r) => ({ to: r.peers, ports: policyPorts(r.ports) })) } : {}),
        },
      });
    }
    this.policyNames = names;
    this.policies = policies;
  }
}

const policyPorts = (ports: readonly FlowPort[]): k8s.NetworkPolicyPort[] =>
  ports.map((p) => ({ protocol: p.protocol, port: k8s.IntOrString.fromNumber(p.port) }));

/**
 * Merges flows into rules: one rule per distinct port set, listing every peer that uses it (in table order).
 * A flow without peers is dropped: a rule with no peers would allow everyone.
 */
function rules(flows: readonly Rule[]): Rule[] {
  const byPorts = new Map<string, Rule>();
  for (const flow of flows) {
    if (flow.peers.length === 0 || flow.ports.length === 0) continue;
    const key = JSON.stringify(flow.ports);
    const rule = byPorts.get(key) ?? { peers: [], ports: flow.ports };
    for (const peer of flow.peers) {
      if (!rule.peers.some((p) => JSON.stringify(p) === JSON.stringify(peer))) rule.peers.push(peer);
    }
    byPorts.set(key, rule);
  }
  return [...byPorts.values()];
}
