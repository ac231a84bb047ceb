import type { WorkloadDefaults } from '../workloads/defaults';
import type { NodePoolName } from './names';
import { ScaledWorkloadPreset, SizePreset } from './presets';

/**
 * A size preset as component defaults: HPA bounds and targets, resources, Puma workers, Sidekiq concurrency and
 * node pools, under whatever the props set explicitly (`../workloads/defaults.ts` holds the chart's).
 */

/** The node label the chart's `examples/ref` place pods by: `workload: webservice|sidekiq|gitaly|support`. */
export const NODE_POOL_LABEL = 'workload';

/** The defaults a size preset gives; fields set explicitly still win over them. */
export interface SizedDefaults {
  readonly webservice: WorkloadDefaults & { readonly workerProcesses: number };
  readonly sidekiq: WorkloadDefaults & { readonly concurrency: number };
  readonly gitaly: WorkloadDefaults;
  /** Every pod without a pool of its own runs on the support pool. */
  readonly nodeSelector: Readonly<Record<string, string>>;
}

const pool = (name: NodePoolName) => ({ [NODE_POOL_LABEL]: name });

function scaled(chart: WorkloadDefaults, p: ScaledWorkloadPreset, nodePool: NodePoolName): WorkloadDefaults {
  return {
    ...chart,
    replicas: p.minReplicas,
    autoscaling: { minReplicas: p.minReplicas, maxReplicas: p.maxReplicas, cpu: { averageValue: p.hpaCpuAverageValue } },
    resources: p.resources,
    nodeSelector: pool(nodePool),
  };
}

/** A reference architecture's settings as component defaults, over the chart's (`COMPONENT_DEFAULTS`). */
export function sizedDefaults(preset: SizePreset,
  chart: { readonly webservice: WorkloadDefaults; readonly sidekiq: WorkloadDefaults; readonly gitaly: WorkloadDefaults }): SizedDefaults {
  return {
    webservice: {
      ...scaled(chart.webservice, preset.webservice, 'webservice'),
      maxUnavailable: preset.webservice.maxUnavailable,
      workerProcesses: preset.webservice.workerProcesses,
    },
    sidekiq: { ...scaled(chart.sidekiq, preset.sidekiq, 'sidekiq'), concurrency: preset.sidekiq.concurrency },
    gitaly: { ...chart.gitaly, resources: preset.gitaly.resources, nodeSelector: pool('gitaly') },
    nodeSelector: pool('support'),
  };
}
