/**
 * The lists of names the workload settings are built from, each written once: the props types, the checks and
 * the resolution derive from these arrays (as `../object-storage/names.ts` does for its lists).
 */

/** How a Deployment replaces its pods (`deploymentStrategy.type`, the Kubernetes `strategy.type`). */
export const DEPLOYMENT_STRATEGY_TYPES = ['RollingUpdate', 'Recreate'] as const;
export type DeploymentStrategyType = typeof DEPLOYMENT_STRATEGY_TYPES[number];

/** The resources a container's `requests` and `limits` may name (`ResourceList`). */
export const RESOURCE_NAMES = ['cpu', 'memory', 'ephemeral-storage'] as const;
export type ResourceName = typeof RESOURCE_NAMES[number];

/** The per-component keys of the chart's values every workload component may have (`components/values.ts` reads them). */
export const WORKLOAD_VALUES_FIELDS = ['resources', 'nodeSelector', 'tolerations', 'priorityClassName', 'podLabels', 'extraEnv', 'maxUnavailable'] as const;
export type WorkloadValuesField = typeof WORKLOAD_VALUES_FIELDS[number];

/** The chart's HPA metric target types (`hpa.cpu.targetType`, `hpa.memory.targetType`). */
export const HPA_TARGET_TYPES = ['AverageValue', 'Utilization'] as const;
export type HpaTargetType = typeof HPA_TARGET_TYPES[number];
