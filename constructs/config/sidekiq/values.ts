import { PropsBuilder } from '../../values/builder';
import { fixedValue, readStrategy, stringify } from '../../values/common';
import { judgeEntryKey } from '../../values/keys/judge';
import { isMap, ValuesReader } from '../../values/reader';
import { readTarget } from '../workloads/hpa-values';
import { COMPONENT_VALUES_PATHS } from '../components/names';

/**
 * The chart's Sidekiq values (`gitlab.sidekiq`) as `components.sidekiq` props. Its on/off switch, scaling,
 * resources and placement are read with every component's in `components/values.ts`; the pod annotations,
 * ServiceAccount and security contexts in `values/common.ts`.
 */

/** Concurrency, timeout and the memory killer's limit (`gitlab.sidekiq.{concurrency,timeout,memoryKiller.maxRss}`). */
export function readSidekiqOptions(b: PropsBuilder, path: string, to: string): void {
  b.number(`${path}.concurrency`, `${to}.concurrency`);
  b.number(`${path}.timeout`, `${to}.timeout`);
  b.number(`${path}.memoryKiller.maxRss`, `${to}.memoryKillerMaxRss`);
}

/** The chart's defaults of a pod's memory killer, accepted as written (gitlab-iac sets them). */
const MEMORY_KILLER_FIXED: Readonly<Record<string, number | boolean>> = { checkInterval: 3, graceTime: 900, shutdownWait: 30, daemonMode: true };

/**
 * `gitlab.sidekiq.queues` and `gitlab.sidekiq.pods`: one Deployment per pod, its own queues (a comma-separated
 * string, as in the chart), concurrency, scaling, resources and placement. Each pod entry is read like a values
 * file of its own, so that a key gitlab-iac does not read is reported at its place in the list.
 */
export function readSidekiqPods(b: PropsBuilder): void {
  const v = b.values;
  const from = COMPONENT_VALUES_PATHS.sidekiq;
  const queues = v.get(`${from}.queues`);
  if (queues !== undefined) b.set('components.sidekiq.queues', splitQueues(queues), `${from}.queues`);
  for (const [key, fixed] of Object.entries(MEMORY_KILLER_FIXED)) fixedValue(v, `${from}.memoryKiller.${key}`, fixed, 'gitlab-iac sets this memory killer setting');

  const pods = v.list(`${from}.pods`);
  if (!pods?.length) return;
  const out = pods.map((pod, i) => {
    const at = `${from}.pods[${i}]`;
    if (!isMap(pod)) {
      v.problem(at, pod, 'a mapping with at least a name', 'write e.g. { name: urgent, queues: "post_receive,pipeline_default" }');
      return {};
    }
    const sub = new PropsBuilder(new ValuesReader(pod));
    const sv = sub.values;
    sub.string('name', 'name');
    const q = sv.get('queues');
    if (q !== undefined) sub.set('queues', splitQueues(q));
    sub.number('concurrency', 'concurrency');
    sub.number('timeout', 'timeout');
    sub.number('memoryKiller.maxRss', 'memoryKillerMaxRss');
    for (const [key, fixed] of Object.entries(MEMORY_KILLER_FIXED)) fixedValue(sv, `memoryKiller.${key}`, fixed, 'gitlab-iac sets this memory killer setting');
    sub.number('minReplicas', 'autoscaling.minReplicas');
    sub.number('maxReplicas', 'autoscaling.maxReplicas');
    readTarget(sub, 'hpa.cpu', 'autoscaling.cpu', { type: 'AverageValue', averageValue: '350m' });
    readTarget(sub, 'hpa.memory', 'autoscaling.memory', { type: 'Utilization' });
    sub.number('hpa.behavior.scaleDown.stabilizationWindowSeconds', 'autoscaling.scaleDownStabilizationSeconds');
    sub.raw('resources', 'resources', stringify);
    sub.raw('nodeSelector', 'placement.nodeSelector');
    sub.raw('tolerations', 'placement.tolerations');
    sub.string('priorityClassName', 'placement.priorityClassName');
    sub.raw('podLabels', 'podLabels', stringify);
    sub.raw('extraEnv', 'extraEnv', stringify);
    sub.raw('maxUnavailable', 'podDisruptionBudget.maxUnavailable');
    sub.number('terminationGracePeriodSeconds', 'terminationGracePeriodSeconds');
    readStrategy(sub, 'strategy', 'deploymentStrategy');
    // Report what the entry sets but gitlab-iac does not read, at its place in the list.
    for (const [path, value] of sv.unread()) judgeEntryKey(v, `${at}.${path}`, `${from}.${path}`, value, 'gitlab.sidekiq.pods');
    for (const issue of [...sv.noEffects]) v.noEffects.push({ ...issue, path: `${at}.${issue.path}` });
    for (const issue of sv.problems) v.problems.push({ ...issue, path: `${at}.${issue.path}` });
    return sub.props;
  });
  b.set('components.sidekiq.pods', out, `${from}.pods`);
}

/** The chart's queues: a comma-separated string (a list is accepted too). */
function splitQueues(q: unknown): unknown {
  if (typeof q === 'string') return q.split(',').map((s) => s.trim()).filter(Boolean);
  return q;
}
