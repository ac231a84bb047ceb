import {
  all, bool, Check, falseOr, list, num, obj, quantity, record, required, rule, str,
} from '../schema';
import { annotationMap, dnsLabel, ownLabelMap, requestsWithinLimits } from '../common/checks';
import { placementCheck } from '../placement/checks';
import { podExtrasFields } from '../pod-extras/validate';
import { probeFields } from '../probes/validate';
import { serviceAccountCheck } from '../service-account/validate';
import { componentIngressFields } from '../exposure/checks';
import { DEPLOYMENT_STRATEGY_TYPES, RESOURCE_NAMES } from './names';

/**
 * Checks of the workload settings (`workloads/types.ts`): the fields every workload component shares, and the
 * several Deployments of Sidekiq (`pods`) and webservice (`deployments`). Cross-setting rules are in `resolve.ts`
 * and `deployments.ts`.
 */

/** A count or a percentage, as Kubernetes takes `maxSurge`, `maxUnavailable` (rollouts and PDBs). */
const intOrPercent = (what?: string) => rule((v: unknown) => ((typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && /^(100|[1-9]?[0-9])%$/.test(v))
  ? undefined : { allowed: `${what ? `${what}: ` : ''}a non-negative integer or a percentage from 0% to 100%`, fix: 'write e.g. 1 or "25%"' }));

export const deploymentStrategyCheck: Check = all(obj({
  type: str({ oneOf: DEPLOYMENT_STRATEGY_TYPES }),
  rollingUpdate: obj({ maxSurge: intOrPercent('maxSurge'), maxUnavailable: intOrPercent('maxUnavailable') }),
}, { what: 'a Deployment strategy { type, rollingUpdate: { maxSurge, maxUnavailable } }' }), rule((s: { type?: string; rollingUpdate?: unknown }) => (s.type === 'Recreate' && s.rollingUpdate
  ? { allowed: 'no rollingUpdate with type Recreate', fix: 'remove rollingUpdate, or use type RollingUpdate' } : undefined)));

export const terminationGracePeriodCheck: Check = num({ min: 0, max: 86400 });

const resourceList = obj(Object.fromEntries(RESOURCE_NAMES.map((name) => [name, quantity()])));
export const resourcesCheck = all(obj({ requests: resourceList, limits: resourceList }), requestsWithinLimits);

const target = obj({
  averageValue: quantity(),
  averageUtilization: num({ min: 1, max: 1000 }),
}, { what: '{ averageValue: "1" } or { averageUtilization: 75 }' });
const oneTarget: Check = all(target, rule((v: Record<string, unknown>) =>
  (('averageValue' in v) === ('averageUtilization' in v)
    ? { allowed: 'exactly one of averageValue or averageUtilization', fix: 'keep one of the two keys' } : undefined)));

/** HPA settings (one of several Deployments takes these; a component may also write `false`). */
const autoscalingFields = obj({
  minReplicas: num({ min: 1, max: 1000 }),
  maxReplicas: num({ min: 1, max: 1000 }),
  cpu: oneTarget,
  memory: oneTarget,
  scaleDownStabilizationSeconds: num({ min: 0, max: 3600 }),
});
export const autoscalingCheck = falseOr(autoscalingFields);

export const pdbCheck = falseOr(obj({ maxUnavailable: intOrPercent() }));

const extraEnvCheck = record(str({ nonEmpty: false }), { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'an environment variable name', fix: 'use letters, digits and _' });

/**
 * The fields every workload component shares (`WorkloadOptions`), `pick` for a component that takes only some
 * of them, and `noScaling` (every field but the HPA and PDB). `initImage` is the image override check.
 */
export function workloadChecks(initImage: Check) {
  const fields = {
    enabled: bool(),
    replicas: num({ min: 0, max: 1000 }),
    autoscaling: autoscalingCheck,
    podDisruptionBudget: pdbCheck,
    resources: resourcesCheck,
    placement: placementCheck,
    podAnnotations: annotationMap(),
    podLabels: ownLabelMap(),
    serviceAccountAnnotations: annotationMap(),
    serviceAccount: serviceAccountCheck,
    initImage,
    extraEnv: extraEnvCheck,
    terminationGracePeriodSeconds: terminationGracePeriodCheck,
    deploymentStrategy: deploymentStrategyCheck,
    ...podExtrasFields,
    ...probeFields,
  };
  const pick = <K extends keyof typeof fields>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, fields[k]]));
  const noScaling = pick('enabled', 'replicas', 'resources', 'placement', 'podAnnotations', 'podLabels', 'serviceAccountAnnotations', 'serviceAccount', 'initImage', 'extraEnv',
    'terminationGracePeriodSeconds', 'deploymentStrategy', 'extraVolumes', 'extraVolumeMounts', 'extraInitContainers', 'extraContainers',
    'livenessProbe', 'readinessProbe', 'startupProbe');
  return { fields, pick, noScaling };
}

export const sidekiqQueues = list(str({ pattern: /^[a-z0-9_:.-]+$/, allowed: 'a Sidekiq queue name' }), { unique: true });

const podName = (what: string) => dnsLabel(`a ${what} name`, 'urgent');

/** `components.sidekiq.pods`. */
export const sidekiqPodsCheck: Check = list(obj({
  name: required(all(podName('Sidekiq pod'), rule((v: string) => (v.length > 40
    ? { allowed: 'at most 40 characters (it names the Deployment <release>-sidekiq-<name>-v2)', fix: 'use a shorter name' } : undefined)))),
  queues: sidekiqQueues,
  concurrency: num({ min: 1, max: 200 }),
  timeout: num({ min: 1, max: 3600 }),
  memoryKillerMaxRss: num({ min: 0 }),
  autoscaling: autoscalingFields,
  podDisruptionBudget: pdbCheck,
  resources: resourcesCheck,
  placement: placementCheck,
  podLabels: ownLabelMap(),
  extraEnv: extraEnvCheck,
  terminationGracePeriodSeconds: terminationGracePeriodCheck,
  deploymentStrategy: deploymentStrategyCheck,
}), { minItems: 1 });

/** `components.webservice.deployments`. */
export const webserviceDeploymentsCheck: Check = record(obj({
  ingress: obj({ ...componentIngressFields(annotationMap), path: str({ pattern: /^\/[^\s]*$/, allowed: 'a path starting with "/"', fix: 'write e.g. "/api"' }) }),
  workerProcesses: num({ min: 0, max: 64 }),
  puma: obj({ threadsMin: num({ min: 1, max: 64 }), threadsMax: num({ min: 1, max: 64 }), workerTimeout: num({ min: 1 }) }),
  resources: resourcesCheck,
  workhorseResources: resourcesCheck,
  shutdownBlackoutSeconds: num({ min: 0, max: 600 }),
  autoscaling: autoscalingFields,
  podDisruptionBudget: pdbCheck,
  placement: placementCheck,
  podLabels: ownLabelMap(),
  podAnnotations: annotationMap(),
  extraEnv: extraEnvCheck,
  terminationGracePeriodSeconds: terminationGracePeriodCheck,
  deploymentStrategy: deploymentStrategyCheck,
}), { pattern: /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/, allowed: 'a Deployment name (lower-case letters, digits, "-", at most 40)', fix: 'use e.g. "api"' });
