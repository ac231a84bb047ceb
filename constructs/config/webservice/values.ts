import { PropsBuilder } from '../../values/builder';
import { fixedValue, readComponentIngress, readStrategy, stringify } from '../../values/common';
import { isMap } from '../../values/reader';
import { readTarget, TargetDefault } from '../workloads/hpa-values';
import { COMPONENT_VALUES_PATHS } from '../components/names';
import { readWebserviceTls } from './tls/values';

/**
 * The chart's webservice values (`gitlab.webservice`, `global.webservice`, `global.workhorse.serviceName`) as
 * `components.webservice` props. Its on/off switch, scaling, resources and placement are read with every component's
 * in `components/values.ts`; the pod annotations, ServiceAccount and security contexts in `values/common.ts`.
 */

/** Puma's workers and threads (`gitlab.webservice.{workerProcesses,puma.threads}`). */
export function readWebserviceOptions(b: PropsBuilder, path: string, to: string): void {
  b.number(`${path}.workerProcesses`, `${to}.workerProcesses`);
  b.number(`${path}.puma.threads.min`, `${to}.puma.threadsMin`);
  b.number(`${path}.puma.threads.max`, `${to}.puma.threadsMax`);
}

/** `gitlab.webservice`: Workhorse's resources, shutdown and worker timeout, `deployments`, `global.workhorse.serviceName`. */
export function readWebservice(b: PropsBuilder): void {
  const v = b.values;
  const from = COMPONENT_VALUES_PATHS.webservice;
  const to = 'components.webservice';
  b.raw(`${from}.workhorse.resources`, `${to}.workhorseResources`, stringify);
  b.number(`${from}.shutdown.blackoutSeconds`, `${to}.shutdownBlackoutSeconds`);
  // The chart keeps Puma's worker timeout under global (Rails' request limit follows it).
  b.number('global.webservice.workerTimeout', `${to}.puma.workerTimeout`);
  readWebserviceTls(b);
  // The chart's default ingress path; any other one belongs to a Deployment of `deployments`.
  fixedValue(v, `${from}.ingress.path`, '/', 'the default Deployment serves "/"; give other paths their own Deployment under deployments');

  const service = v.string('global.workhorse.serviceName');
  if (service !== undefined) {
    const name = service.replace(/^webservice-/, '');
    if (name === service) v.problem('global.workhorse.serviceName', service, '"webservice-<deployment>", the Service of one webservice Deployment', 'write e.g. webservice-default');
    else b.set(`${to}.internalDeployment`, name, 'global.workhorse.serviceName');
  }

  // Peeked, not read: each key of each Deployment is read below, so the ones not taken are reported.
  const deployments = v.peek(`${from}.deployments`);
  if (deployments === undefined) return;
  if (!isMap(deployments)) {
    v.problem(`${from}.deployments`, v.get(`${from}.deployments`), 'a mapping of Deployment names to their settings', 'write e.g. deployments: { default: { ingress: { path: / } } }');
    return;
  }
  b.set(`${to}.deployments`, {}, `${from}.deployments`);
  for (const [name, d] of Object.entries(deployments)) {
    const at = `${from}.deployments.${name}`;
    const into = `${to}.deployments.${name}`;
    b.set(into, {}, at);
    if (!isMap(d)) {
      if (d !== null) v.problem(at, v.get(at), 'a mapping of the Deployment\'s settings', 'write e.g. { ingress: { path: /api } }');
      continue;
    }
    const path = v.get(`${at}.ingress.path`);
    if (path !== undefined) b.set(`${into}.ingress.path`, path, `${at}.ingress.path`);
    readComponentIngress(b, `${at}.ingress`, `${into}.ingress`);
    fixedValue(v, `${at}.ingress.pathType`, 'Prefix', 'gitlab-iac writes Prefix paths');
    b.number(`${at}.workerProcesses`, `${into}.workerProcesses`);
    b.number(`${at}.puma.threads.min`, `${into}.puma.threadsMin`);
    b.number(`${at}.puma.threads.max`, `${into}.puma.threadsMax`);
    b.number(`${at}.shutdown.blackoutSeconds`, `${into}.shutdownBlackoutSeconds`);
    b.raw(`${at}.resources`, `${into}.resources`, stringify);
    b.raw(`${at}.workhorse.resources`, `${into}.workhorseResources`, stringify);
    b.raw(`${at}.extraEnv`, `${into}.extraEnv`, stringify);
    b.raw(`${at}.nodeSelector`, `${into}.placement.nodeSelector`);
    b.raw(`${at}.tolerations`, `${into}.placement.tolerations`);
    b.string(`${at}.priorityClassName`, `${into}.placement.priorityClassName`);
    b.raw(`${at}.pod.labels`, `${into}.podLabels`, stringify);
    b.raw(`${at}.pod.annotations`, `${into}.podAnnotations`, stringify);
    b.raw(`${at}.pdb.maxUnavailable`, `${into}.podDisruptionBudget.maxUnavailable`);
    b.number(`${at}.deployment.terminationGracePeriodSeconds`, `${into}.terminationGracePeriodSeconds`);
    readStrategy(b, `${at}.deployment.strategy`, `${into}.deploymentStrategy`);
    readHpa(b, `${at}.hpa`, `${into}.autoscaling`, { type: 'AverageValue', averageValue: '1' });
  }
}

/** `hpa.{minReplicas,maxReplicas,cpu,memory,behavior}` of one Deployment. */
function readHpa(b: PropsBuilder, from: string, to: string, cpu: TargetDefault): void {
  b.number(`${from}.minReplicas`, `${to}.minReplicas`);
  b.number(`${from}.maxReplicas`, `${to}.maxReplicas`);
  readTarget(b, `${from}.cpu`, `${to}.cpu`, cpu);
  readTarget(b, `${from}.memory`, `${to}.memory`, { type: 'Utilization' });
  b.number(`${from}.behavior.scaleDown.stabilizationWindowSeconds`, `${to}.scaleDownStabilizationSeconds`);
}

