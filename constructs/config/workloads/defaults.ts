import type { Autoscaling, Resources } from './types';

/**
 * The chart's scaling, disruption budget and resources of each workload component: what `workload()` fills in
 * where the props say nothing (a size preset replaces some of them, `../sizing/defaults.ts`).
 */

/** The chart's per-component defaults (contract §6). */
export interface WorkloadDefaults {
  readonly replicas: number;
  readonly autoscaling?: Required<Pick<Autoscaling, 'minReplicas' | 'maxReplicas'>> & Pick<Autoscaling, 'cpu'>;
  readonly pdb: boolean;
  readonly resources: Resources;
  /** PodDisruptionBudget `maxUnavailable`. @default 1 */
  readonly maxUnavailable?: number;
  /** Node pool, unless the component's placement names one. @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
}

export const COMPONENT_DEFAULTS = {
  webservice: { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 10, cpu: { averageValue: '1' } }, pdb: true, resources: { requests: { cpu: '300m', memory: '2.5G' } } },
  sidekiq: { replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 10, cpu: { averageValue: '350m' } }, pdb: true, resources: { requests: { cpu: '900m', memory: '2G' } } },
  gitaly: { replicas: 1, pdb: true, resources: { requests: { cpu: '100m', memory: '200Mi' } } },
  praefect: { replicas: 2, pdb: true, resources: { requests: { cpu: '100m', memory: '200Mi' } } },
  gitlabShell: { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 10, cpu: { averageValue: '100m' } }, pdb: true, resources: { requests: { cpu: '0', memory: '6M' } } },
  registry: { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 10, cpu: { averageUtilization: 75 } }, pdb: true, resources: { requests: { cpu: '50m', memory: '32Mi' } } },
  kas: { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 10, cpu: { averageValue: '100m' } }, pdb: true, resources: { requests: { cpu: '100m', memory: '256Mi' } } },
  gitlabExporter: { replicas: 1, pdb: false, resources: { requests: { cpu: '75m', memory: '100M' } } },
  toolbox: { replicas: 1, pdb: false, resources: { requests: { cpu: '50m', memory: '350M' } } },
} satisfies Record<string, WorkloadDefaults>;
