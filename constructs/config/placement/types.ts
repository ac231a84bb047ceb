// Kubernetes structures a user passes through (affinity, tolerations, topology spread) use the classes generated for
// the newest Kubernetes we validate against, so every field it accepts reaches the output.
import type * as k8s from '../../lib/k8s';
import type { AffinityMode, AntiAffinityMode, TolerationEffect, TolerationOperator } from './names';

/** Node placement: what a user writes under `placement` and `components.<name>.placement`. Re-exported by `../types.ts`. */

/** A Kubernetes toleration (`k8s.Toleration`), with the operators and effects a cluster accepts without feature gates. */
export interface Toleration extends k8s.Toleration {
  /** @default Equal */
  readonly operator?: TolerationOperator;
  /** @default every effect */
  readonly effect?: TolerationEffect;
}

export interface Placement {
  /** @default none (with `size`, the preset's node pool) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default none */
  readonly tolerations?: readonly Toleration[];
  /** A Kubernetes `affinity` object; replaces the default soft anti-affinity. @default soft anti-affinity between the component's pods per node (`antiAffinity`) */
  readonly affinity?: k8s.Affinity;
  /** Kubernetes `topologySpreadConstraints` (selectors are filled with the component's labels when omitted). @default none */
  readonly topologySpreadConstraints?: readonly k8s.TopologySpreadConstraint[];
  /** @default none (the cluster default) */
  readonly priorityClassName?: string;
  /**
   * The default pod anti-affinity when `affinity` is not given (the chart's `antiAffinity`): `soft` prefers and
   * `hard` requires pods of one component on different `antiAffinityTopologyKey` domains; `none` sets none.
   * @default soft
   */
  readonly antiAffinity?: AntiAffinityMode;
  /** Topology of the default anti-affinity (the chart's `affinity.podAntiAffinity.topologyKey`). @default kubernetes.io/hostname */
  readonly antiAffinityTopologyKey?: string;
  /** Node affinity when `affinity` is not given (the chart's `nodeAffinity` shorthand). @default none */
  readonly nodeAffinity?: NodeAffinityShorthand;
}

/** The chart's node-affinity shorthand (`nodeAffinity` with `affinity.nodeAffinity.{key,values}`). */
export interface NodeAffinityShorthand {
  /** `soft` prefers, `hard` requires nodes whose label `key` has one of `values`. */
  readonly mode: AffinityMode;
  /** Node label. @default topology.kubernetes.io/zone */
  readonly key?: string;
  /** Accepted label values, e.g. zones. */
  readonly values: readonly string[];
}
