import { mergePlacement } from '../placement/resolve';
import type { Placement } from '../placement/types';
import type { ResolvedComponentIngress, ResolvedConfig } from '../resolved';
import { resolveComponentIngress } from '../exposure/component-ingress';
import type { SidekiqOptions, WebserviceOptions } from '../types';
import type { ResolvedAutoscaling, ResolvedWorkload } from './resolve';
import type { Autoscaling, DisruptionBudget, Resources } from './types';
import type { Fail } from '../errors';

/**
 * Several Deployments of one component: webservice's `deployments` and Sidekiq's `pods`, each over the
 * component's resolved settings (HPA fields merged, placement merged, labels, annotations and env added).
 */

/** Puma and Workhorse settings of webservice pods: the component's, and each Deployment's over them. */
export interface ResolvedWebserviceSettings {
  readonly workerProcesses: number;
  readonly threadsMin: number;
  readonly threadsMax: number;
  readonly workerTimeout: number;
  readonly workhorseResources: Resources;
  readonly shutdownBlackoutSeconds: number;
}

/** One webservice Deployment with its Service, HPA, PDB and (with `ingressPath`) Ingress. */
export interface ResolvedWebserviceDeployment extends ResolvedWorkload, ResolvedWebserviceSettings {
  /** The chart's deployment name: objects are `<release>-webservice-<name>`. */
  readonly name: string;
  /** Path on the GitLab host; absent: no Ingress. */
  readonly ingressPath?: string;
}

/** Sidekiq settings of Sidekiq pods: the component's, and each pod's over them. */
export interface ResolvedSidekiqSettings {
  readonly concurrency: number;
  readonly timeout: number;
  /** Empty: every queue. */
  readonly queues: readonly string[];
  readonly memoryKillerMaxRss: number;
}

/** One Sidekiq Deployment (`<release>-sidekiq-<name>-v2`) with its HPA and PDB. */
export interface ResolvedSidekiqPod extends ResolvedWorkload, ResolvedSidekiqSettings {
  readonly name: string;
}

/** A Deployment's own Ingress settings over its component's (both already resolved). */
function overIngress(base: ResolvedComponentIngress | undefined, own: ResolvedComponentIngress | undefined): ResolvedComponentIngress | undefined {
  if (!base || !own) return own ?? base;
  return {
    enabled: own.enabled,
    annotations: { ...base.annotations, ...own.annotations },
    tlsSecretName: own.tlsSecretName ?? base.tlsSecretName,
    ...(own.tls === false || base.tls === false ? { tls: false as const } : {}),
    nginxAnnotations: { ...base.nginxAnnotations, ...own.nginxAnnotations },
  };
}

/** An HPA setting of one of several Deployments: each field over the component's. */
function mergeAutoscaling(base: ResolvedAutoscaling | undefined, own: Autoscaling | undefined, path: string, fail: Fail): ResolvedAutoscaling | undefined {
  if (!base) {
    if (own) fail(`${path}.autoscaling`, own, 'nothing while the component has a fixed replica count', 'remove the setting');
    return undefined;
  }
  if (!own) return base;
  const a: ResolvedAutoscaling = {
    minReplicas: own.minReplicas ?? base.minReplicas,
    maxReplicas: own.maxReplicas ?? Math.max(base.maxReplicas, own.minReplicas ?? 0),
    cpu: own.cpu ?? base.cpu,
    memory: own.memory ?? base.memory,
    scaleDownStabilizationSeconds: own.scaleDownStabilizationSeconds ?? base.scaleDownStabilizationSeconds,
  };
  if (a.minReplicas > a.maxReplicas) {
    fail(`${path}.autoscaling.minReplicas`, a.minReplicas, `at most maxReplicas (${a.maxReplicas})`, 'lower minReplicas or raise maxReplicas');
  }
  return a;
}

function mergePdb(base: ResolvedWorkload['pdb'], own: DisruptionBudget | false | undefined): ResolvedWorkload['pdb'] {
  if (own === false) return undefined;
  if (own === undefined) return base;
  return { maxUnavailable: own.maxUnavailable ?? base?.maxUnavailable ?? 1 };
}

/** The settings of one of several Deployments of a component, over the component's resolved ones. */
interface DeploymentOverrides {
  readonly autoscaling?: Autoscaling;
  readonly podDisruptionBudget?: DisruptionBudget | false;
  readonly resources?: ResolvedWorkload['resources'];
  readonly placement?: Placement;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly podAnnotations?: Readonly<Record<string, string>>;
  readonly extraEnv?: Readonly<Record<string, string>>;
  readonly terminationGracePeriodSeconds?: number;
  readonly deploymentStrategy?: ResolvedWorkload['deploymentStrategy'];
}

function overWorkload(base: ResolvedWorkload, o: DeploymentOverrides, path: string, fail: Fail): ResolvedWorkload {
  const autoscaling = mergeAutoscaling(base.autoscaling, o.autoscaling, path, fail);
  return {
    ...base,
    replicas: autoscaling ? autoscaling.minReplicas : base.replicas,
    autoscaling,
    pdb: mergePdb(base.pdb, o.podDisruptionBudget),
    resources: o.resources ?? base.resources,
    placement: mergePlacement(base.placement, o.placement),
    podLabels: { ...base.podLabels, ...o.podLabels },
    podAnnotations: { ...base.podAnnotations, ...o.podAnnotations },
    extraEnv: { ...base.extraEnv, ...o.extraEnv },
    terminationGracePeriodSeconds: o.terminationGracePeriodSeconds ?? base.terminationGracePeriodSeconds,
    deploymentStrategy: o.deploymentStrategy ?? base.deploymentStrategy,
  };
}

type WebBase = ResolvedWorkload & ResolvedWebserviceSettings;

/**
 * `components.webservice.deployments`: one Deployment each, over the component's settings. Without it, the chart's
 * single `default` Deployment on `/`. While Ingresses are on, one Deployment must serve `/` (the chart's rule), and
 * paths must differ; `internalDeployment` must name one of them.
 */
export function resolveWebserviceDeployments(web: WebserviceOptions | undefined, base: WebBase, ingress: ResolvedConfig['ingress'],
  fail: Fail): { deployments: ResolvedWebserviceDeployment[]; internalDeployment: string } {
  const path = 'components.webservice';
  const entries = Object.entries(web?.deployments ?? { default: { ingress: { path: '/' } } });
  const deployments = entries.map(([name, d]): ResolvedWebserviceDeployment => {
    const at = `${path}.deployments.${name}`;
    const { path: ingressPath, ...own } = d.ingress ?? {};
    const threadsMin = d.puma?.threadsMin ?? base.threadsMin;
    const threadsMax = d.puma?.threadsMax ?? base.threadsMax;
    if (threadsMin > threadsMax) fail(`${at}.puma.threadsMin`, threadsMin, `at most threadsMax (${threadsMax})`, 'lower puma.threadsMin or raise puma.threadsMax');
    return {
      ...overWorkload(base, d, at, fail),
      name,
      ingressPath,
      ingress: overIngress(base.ingress, resolveComponentIngress(`${at}.ingress`, Object.keys(own).length ? own : undefined,
        { ...ingress, enabled: base.ingress?.enabled ?? ingress.enabled }, fail)),
      workerProcesses: d.workerProcesses ?? base.workerProcesses,
      threadsMin,
      threadsMax,
      workerTimeout: d.puma?.workerTimeout ?? base.workerTimeout,
      workhorseResources: d.workhorseResources ?? base.workhorseResources,
      shutdownBlackoutSeconds: d.shutdownBlackoutSeconds ?? base.shutdownBlackoutSeconds,
    };
  });
  const routed = deployments.filter((d) => d.ingressPath !== undefined && d.ingress?.enabled !== false);
  if ((base.ingress?.enabled ?? ingress.enabled) && web?.deployments && !routed.some((d) => d.ingressPath === '/')) {
    fail(`${path}.deployments`, Object.keys(web.deployments), 'one Deployment with ingress.path "/" while Ingresses are on (it answers every path the others do not)',
      'give one Deployment (usually default) ingress: { path: "/" }');
  }
  const seen = new Map<string, string>();
  for (const d of routed) {
    const other = seen.get(d.ingressPath!);
    if (other) fail(`${path}.deployments.${d.name}.ingress.path`, d.ingressPath, `a path no other Deployment serves (${other} serves it)`, 'give each Deployment its own path');
    seen.set(d.ingressPath!, d.name);
    if (!d.ingressPath!.startsWith('/')) fail(`${path}.deployments.${d.name}.ingress.path`, d.ingressPath, 'a path starting with "/"', 'write e.g. "/api"');
  }
  const internalDeployment = web?.internalDeployment ?? 'default';
  if (!deployments.some((d) => d.name === internalDeployment)) {
    fail(`${path}.internalDeployment`, internalDeployment, `one of the Deployments: ${deployments.map((d) => d.name).join(', ')}`,
      'name the Deployment the other components call (gitlab-shell, KAS, Gitaly hooks reach GitLab through it)');
  }
  return { deployments, internalDeployment };
}

/** The resolved webservice with its Deployments. */
export function withWebserviceDeployments<B extends WebBase>(web: WebserviceOptions | undefined, base: B, ingress: ResolvedConfig['ingress'],
  fail: Fail): B & { deployments: ResolvedWebserviceDeployment[]; internalDeployment: string } {
  return { ...base, ...resolveWebserviceDeployments(web, base, ingress, fail) };
}

type SidekiqBase = ResolvedWorkload & ResolvedSidekiqSettings;

/** `components.sidekiq.pods`: one Deployment each, over the component's settings; the chart's `all-in-1` without it. */
export function resolveSidekiqPods(sk: SidekiqOptions | undefined, base: SidekiqBase, fail: Fail): ResolvedSidekiqPod[] {
  const pods = sk?.pods ?? [{ name: 'all-in-1' }];
  const names = new Set<string>();
  return pods.map((pod, i) => {
    const at = `components.sidekiq.pods[${i}]`;
    if (names.has(pod.name)) fail(`${at}.name`, pod.name, 'a name no other pod has', 'give every pod its own name');
    names.add(pod.name);
    return {
      ...overWorkload(base, pod, at, fail),
      name: pod.name,
      concurrency: pod.concurrency ?? base.concurrency,
      timeout: pod.timeout ?? base.timeout,
      queues: pod.queues ?? base.queues,
      memoryKillerMaxRss: pod.memoryKillerMaxRss ?? base.memoryKillerMaxRss,
    };
  });
}

/** The resolved Sidekiq with its pods. */
export function withSidekiqPods<B extends SidekiqBase>(sk: SidekiqOptions | undefined, base: B, fail: Fail): B & { pods: ResolvedSidekiqPod[] } {
  return { ...base, pods: resolveSidekiqPods(sk, base, fail) };
}
