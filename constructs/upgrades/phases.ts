/**
 * The delivery phases of an upgrade, as a label every delivery path can select on: what the pre-deployment
 * migrations need and the pre-deployment Job (`pre-deployment`), the post-deployment Job (`post-deployment`), and
 * everything else (no label: the workloads, rolled out between the two).
 */
export const PHASE_LABEL = 'gitlab-iac.io/phase';
export const DELIVERY_PHASES = ['pre-deployment', 'deployment', 'post-deployment'] as const;
export type DeliveryPhase = (typeof DELIVERY_PHASES)[number];

/** The phase of a synthesized object, from its label. */
export function phaseOf(o: { readonly metadata?: { readonly labels?: Readonly<Record<string, string>> } }): DeliveryPhase {
  const label = o.metadata?.labels?.[PHASE_LABEL];
  return label === 'pre-deployment' || label === 'post-deployment' ? label : 'deployment';
}

/** The objects of a synthesis grouped by phase, in delivery order, each group in its original order. */
export function splitPhases<T extends { readonly metadata?: { readonly labels?: Readonly<Record<string, string>> } }>(objects: readonly T[]): Record<DeliveryPhase, T[]> {
  const out: Record<DeliveryPhase, T[]> = { 'pre-deployment': [], 'deployment': [], 'post-deployment': [] };
  for (const o of objects) out[phaseOf(o)].push(o);
  return out;
}
