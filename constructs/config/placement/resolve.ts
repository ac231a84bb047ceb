import type { Placement } from './types';

/**
 * How placements combine: the platform-wide `placement`, a size preset's node pool, a component's own and (for
 * several Deployments of one component) a Deployment's own.
 */

/** Component placement replaces the platform's per field (nodeSelector merged, the rest replaced). */
export function mergePlacement(base: Placement, own: Placement | undefined): Placement {
  if (!own) return base;
  return {
    nodeSelector: base.nodeSelector || own.nodeSelector ? { ...base.nodeSelector, ...own.nodeSelector } : undefined,
    tolerations: own.tolerations ?? base.tolerations,
    affinity: own.affinity ?? base.affinity,
    topologySpreadConstraints: own.topologySpreadConstraints ?? base.topologySpreadConstraints,
    priorityClassName: own.priorityClassName ?? base.priorityClassName,
    antiAffinity: own.antiAffinity ?? base.antiAffinity,
    antiAffinityTopologyKey: own.antiAffinityTopologyKey ?? base.antiAffinityTopologyKey,
    nodeAffinity: own.nodeAffinity ?? base.nodeAffinity,
  };
}

/** `placement` with `nodeSelector` defaulted: an explicit one (even `{}`) is kept as it is. */
export function withDefaultNodeSelector(placement: Placement | undefined, nodeSelector: Readonly<Record<string, string>> | undefined): Placement | undefined {
  if (!nodeSelector || placement?.nodeSelector !== undefined) return placement;
  return { ...placement, nodeSelector };
}
