import type { PropsBuilder } from '../../values/builder';
import { stringifyNumbers } from '../../values/reader';
import { readTarget, TargetDefault } from './hpa-values';

/**
 * The chart's values of the optional workloads (GitLab Pages, mailroom, spamcheck) that every workload shares, as
 * `components.<name>` props: read by `../pages/values.ts`, `../mailroom/values.ts` and `../spamcheck/values.ts`.
 */

/** The settings every workload shares: resources, placement, pod labels, env, PDB and the HPA. */
export function readWorkload(b: PropsBuilder, from: string, to: string, opts: { hpa?: TargetDefault; pdb?: boolean }): void {
  b.raw(`${from}.resources`, `${to}.resources`, stringifyNumbers);
  b.raw(`${from}.extraEnv`, `${to}.extraEnv`, stringifyNumbers);
  b.raw(`${from}.podLabels`, `${to}.podLabels`);
  b.raw(`${from}.nodeSelector`, `${to}.placement.nodeSelector`);
  b.raw(`${from}.tolerations`, `${to}.placement.tolerations`);
  b.string(`${from}.priorityClassName`, `${to}.placement.priorityClassName`);
  if (opts.pdb) b.raw(`${from}.maxUnavailable`, `${to}.podDisruptionBudget.maxUnavailable`);
  if (opts.hpa) {
    b.number(`${from}.hpa.minReplicas`, `${to}.autoscaling.minReplicas`);
    b.number(`${from}.hpa.maxReplicas`, `${to}.autoscaling.maxReplicas`);
    readTarget(b, `${from}.hpa.cpu`, `${to}.autoscaling.cpu`, opts.hpa);
    readTarget(b, `${from}.hpa.memory`, `${to}.autoscaling.memory`, { type: 'Utilization' });
    b.number(`${from}.hpa.behavior.scaleDown.stabilizationWindowSeconds`, `${to}.autoscaling.scaleDownStabilizationSeconds`);
  }
}
