import {
  all, bool, Check, k8sName, list, num, obj, record, required, rule, str,
} from './schema';
import { dnsLabel, secretKey, templateText } from './common/checks';

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

/** `components.<name>.ingress`. */
export function componentIngressFields(annotationMap: () => Check): Fields {
  return {
    enabled: bool(),
    annotations: annotationMap(),
    tlsSecretName: k8sName('Secret name'),
    tls: bool(),
    proxyBodySize: str({ pattern: /^[0-9]+[kKmMgG]?$/, allowed: 'an NGINX size such as "512m" or "0" (no limit)', fix: 'write a number with an optional k, m or g' }),
    proxyReadTimeout: num({ min: 1 }),
    proxyConnectTimeout: num({ min: 1, max: 75 }),
  };
}

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

const duration = () => str({ pattern: /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, allowed: 'a Go duration such as "24h" or "10s"', fix: 'write a number with a unit: s, m or h' });

/** The registry's tuning settings. */
export const registryTuningFields: Fields = {
  maintenance: obj({
    readOnly: bool(),
    uploadPurging: obj({ enabled: bool(), age: duration(), interval: duration(), dryRun: bool() }),
  }),
  storageHealthCheck: obj({ enabled: bool(), interval: duration(), threshold: num({ min: 1 }) }),
  log: obj({
    level: str({ oneOf: ['error', 'warn', 'info', 'debug'] }),
    formatter: str({ oneOf: ['text', 'json', 'logstash'] }),
    accessLog: obj({ disabled: bool(), formatter: str({ oneOf: ['text', 'json', 'combined'] }) }),
  }),
  validation: obj({
    disabled: bool(),
    manifests: obj({
      referenceLimit: num({ min: 0 }),
      payloadSizeLimit: num({ min: 0 }),
      urls: obj({ allow: list(templateText('a regular expression')), deny: list(templateText('a regular expression')) }),
    }),
  }),
};

/** `secretKeys`. */
export const secretKeysCheck: Check = obj(Object.fromEntries(['gitlabShell', 'gitaly', 'workhorse', 'registryHttp', 'kas', 'initialRootPassword', 'praefect']
  .map((k) => [k, secretKey('password')])));
