import {
  all, Check, list, num, obj, record, required, rule, str,
} from './schema';
import { dnsLabel } from './common/checks';
import { componentIngressFields } from './exposure/checks';
import { qualifiedNameProblem } from './common/rules';

/**
 * Shape checks of the settings in `types-workloads.ts`. The checks they build on (label and annotation maps,
 * resources, placement, HPA, PDB) are passed in from `validate.ts`, which defines them.
 */

type Fields = Record<string, Check>;

const intOrPercent = (what: string) => rule((v: unknown) => ((typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && /^(100|[1-9]?[0-9])%$/.test(v))
  ? undefined : { allowed: `${what}: a non-negative integer or a percentage from 0% to 100%`, fix: 'write e.g. 1 or "25%"' }));

export const deploymentStrategyCheck: Check = all(obj({
  type: str({ oneOf: ['RollingUpdate', 'Recreate'] }),
  rollingUpdate: obj({ maxSurge: intOrPercent('maxSurge'), maxUnavailable: intOrPercent('maxUnavailable') }),
}, { what: 'a Deployment strategy { type, rollingUpdate: { maxSurge, maxUnavailable } }' }), rule((s: { type?: string; rollingUpdate?: unknown }) => (s.type === 'Recreate' && s.rollingUpdate
  ? { allowed: 'no rollingUpdate with type Recreate', fix: 'remove rollingUpdate, or use type RollingUpdate' } : undefined)));

export const terminationGracePeriodCheck: Check = num({ min: 0, max: 86400 });

/** Label keys as node labels and topology keys are written (`kubernetes.io/hostname`). */
const labelKey = (): Check => all(str({ allowed: 'a label key such as "topology.kubernetes.io/zone"', fix: 'write a node label key' }), rule((v: string) => {
  const problem = qualifiedNameProblem(v);
  return problem ? { allowed: `a label key such as "topology.kubernetes.io/zone" (${problem})`, fix: 'write a node label key' } : undefined;
}));

/** The chart's affinity shorthand in `Placement`. */
export const placementShorthandFields: Fields = {
  antiAffinity: str({ oneOf: ['soft', 'hard', 'none'] }),
  antiAffinityTopologyKey: labelKey(),
  nodeAffinity: obj({
    mode: required(str({ oneOf: ['soft', 'hard'] })),
    key: labelKey(),
    values: required(list(str(), { minItems: 1, unique: true }), 'list the accepted label values, e.g. zones'),
  }),
};

export interface WorkloadCheckDeps {
  readonly annotationMap: () => Check;
  readonly labelMap: () => Check;
  readonly resources: Check;
  readonly placement: Check;
  readonly autoscaling: Check;
  readonly pdb: Check;
  readonly extraEnv: Check;
  readonly queues: Check;
}

const podName = (what: string) => dnsLabel(`a ${what} name`, 'urgent');

/** `components.sidekiq.pods`. */
export function sidekiqPodsCheck(d: WorkloadCheckDeps): Check {
  return list(obj({
    name: required(all(podName('Sidekiq pod'), rule((v: string) => (v.length > 40
      ? { allowed: 'at most 40 characters (it names the Deployment <release>-sidekiq-<name>-v2)', fix: 'use a shorter name' } : undefined)))),
    queues: d.queues,
    concurrency: num({ min: 1, max: 200 }),
    timeout: num({ min: 1, max: 3600 }),
    memoryKillerMaxRss: num({ min: 0 }),
    autoscaling: d.autoscaling,
    podDisruptionBudget: d.pdb,
    resources: d.resources,
    placement: d.placement,
    podLabels: d.labelMap(),
    extraEnv: d.extraEnv,
    terminationGracePeriodSeconds: terminationGracePeriodCheck,
    deploymentStrategy: deploymentStrategyCheck,
  }), { minItems: 1 });
}

/** `components.webservice.deployments`. */
export function webserviceDeploymentsCheck(d: WorkloadCheckDeps): Check {
  return record(obj({
    ingress: obj({ ...componentIngressFields(d.annotationMap), path: str({ pattern: /^\/[^\s]*$/, allowed: 'a path starting with "/"', fix: 'write e.g. "/api"' }) }),
    workerProcesses: num({ min: 0, max: 64 }),
    puma: obj({ threadsMin: num({ min: 1, max: 64 }), threadsMax: num({ min: 1, max: 64 }), workerTimeout: num({ min: 1 }) }),
    resources: d.resources,
    workhorseResources: d.resources,
    shutdownBlackoutSeconds: num({ min: 0, max: 600 }),
    autoscaling: d.autoscaling,
    podDisruptionBudget: d.pdb,
    placement: d.placement,
    podLabels: d.labelMap(),
    podAnnotations: d.annotationMap(),
    extraEnv: d.extraEnv,
    terminationGracePeriodSeconds: terminationGracePeriodCheck,
    deploymentStrategy: deploymentStrategyCheck,
  }), { pattern: /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/, allowed: 'a Deployment name (lower-case letters, digits, "-", at most 40)', fix: 'use e.g. "api"' });
}

