/**
 * The lists of names node placement is built from, each written once: the `Placement` and `Toleration` types, the
 * checks and the values import derive from these arrays (as `../object-storage/names.ts` does for its lists).
 */

/**
 * The chart's affinity shorthand modes: `soft` prefers, `hard` requires (`placement.nodeAffinity.mode`, and the
 * chart's `antiAffinity` and `nodeAffinity` values).
 */
export const AFFINITY_MODES = ['soft', 'hard'] as const;
export type AffinityMode = typeof AFFINITY_MODES[number];

/** The default pod anti-affinity between one component's pods (`placement.antiAffinity`): the chart's modes, or none. */
export const ANTI_AFFINITY_MODES = [...AFFINITY_MODES, 'none'] as const;
export type AntiAffinityMode = typeof ANTI_AFFINITY_MODES[number];

export const isAffinityMode = (v: unknown): v is AffinityMode => (AFFINITY_MODES as readonly unknown[]).includes(v);

/** Toleration operators a cluster accepts without feature gates. */
export const TOLERATION_OPERATORS = ['Exists', 'Equal'] as const;
export type TolerationOperator = typeof TOLERATION_OPERATORS[number];

/** Taint effects a toleration may name. */
export const TOLERATION_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type TolerationEffect = typeof TOLERATION_EFFECTS[number];

/** Operators of a label selector's `matchExpressions` (pod affinity terms, topology spread). */
export const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
/** Operators of a node selector term's `matchExpressions` (node labels may also be compared as numbers). */
export const NODE_SELECTOR_OPERATORS = [...LABEL_SELECTOR_OPERATORS, 'Gt', 'Lt'] as const;
/** Operators of a node selector term's `matchFields`. */
export const NODE_FIELD_SELECTOR_OPERATORS = ['In', 'NotIn'] as const;

/** A topology spread constraint's `whenUnsatisfiable`. */
export const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'] as const;
/** A topology spread constraint's `nodeAffinityPolicy` and `nodeTaintsPolicy`. */
export const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'] as const;
