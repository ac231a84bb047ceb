import type { ResolvedServiceAccount } from '../config/service-account/types';
import { ApiObjectMetadata } from 'cdk8s';
import * as k8s from './k8s';
import { Construct } from 'constructs';
import { ResolvedAutoscaling, ResolvedConfig, ResolvedWorkload } from '../config/resolved';
import { Placement } from '../config/types';
import { ComponentLabels } from './labels';
import { extraContainer, extraVolume, withProbeTimings } from './pod-extras';
import { podSecurityContext } from './security';
import type { ResolvedPodExtras } from '../config/pod-extras/resolve';

/** Metadata of one object of the platform: name, namespace, labels. */
export function meta(config: Pick<ResolvedConfig, 'namespace'>, name: string, labels: Record<string, string>, annotations?: Record<string, string>): ApiObjectMetadata {
  return {
    name,
    namespace: config.namespace,
    labels,
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
  };
}

export interface PodTemplateOptions {
  readonly config: Pick<ResolvedConfig, 'imagePullSecrets'>;
  readonly labels: ComponentLabels;
  readonly workload: Pick<ResolvedWorkload, 'placement' | 'podAnnotations' | 'podLabels'> & Partial<Pick<ResolvedWorkload, 'terminationGracePeriodSeconds' | 'podExtras' | 'probes' | 'serviceAccount' | 'extraEnv'>>;
  /** Checksums and other annotations the component sets. */
  readonly annotations?: Record<string, string>;
  readonly serviceAccountName?: string;
  /** @default the workload's `serviceAccount.automountToken` (false: no GitLab workload talks to the Kubernetes API) */
  readonly automountServiceAccountToken?: boolean;
  readonly initContainers?: k8s.Container[];
  readonly containers: k8s.Container[];
  readonly volumes: k8s.Volume[];
  /** @default 1000 */
  readonly uid?: number;
  readonly terminationGracePeriodSeconds?: number;
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /** Default soft anti-affinity: spread from pods with these labels. @default the component's selector */
  readonly antiAffinityLabels?: Record<string, string> | false;
}

/** A pod template with the platform's secure defaults, placement and labels. */
export function podTemplate(o: PodTemplateOptions): k8s.PodTemplateSpec {
  const placement: Placement = o.workload.placement;
  const annotations = { ...o.workload.podAnnotations, ...o.annotations };
  const affinity = placement.affinity ?? defaultAffinity(placement, o.antiAffinityLabels ?? o.labels.selector);
  const grace = o.workload.terminationGracePeriodSeconds ?? o.terminationGracePeriodSeconds;
  return {
    metadata: {
      labels: { ...o.workload.podLabels, ...o.labels.workload },
      ...(Object.keys(annotations).length ? { annotations: sortKeys(annotations) } : {}),
    },
    spec: {
      ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
      automountServiceAccountToken: o.automountServiceAccountToken ?? o.workload.serviceAccount?.automountToken ?? false,
      securityContext: podSecurityContext(o.uid ?? 1000),
      ...(grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}),
      ...(o.restartPolicy ? { restartPolicy: o.restartPolicy } : {}),
      ...(o.config.imagePullSecrets.length ? { imagePullSecrets: o.config.imagePullSecrets.map((name) => ({ name })) } : {}),
      ...(placement.nodeSelector ? { nodeSelector: placement.nodeSelector } : {}),
      ...(placement.tolerations ? { tolerations: [...placement.tolerations] } : {}),
      ...(affinity ? { affinity } : {}),
      ...(placement.topologySpreadConstraints ? {
        topologySpreadConstraints: placement.topologySpreadConstraints.map((c) => ({ labelSelector: { matchLabels: o.labels.selector }, ...c })),
      } : {}),
      ...(placement.priorityClassName ? { priorityClassName: placement.priorityClassName } : {}),
      // As in the chart, the component's extraEnv reaches every container of the pod (init containers and sidecars too).
      ...withPodExtras(withExtraEnv(o.initContainers ?? [], o.workload.extraEnv),
        [withProbeTimings(o.containers[0], o.workload.probes), ...withExtraEnv(o.containers.slice(1), o.workload.extraEnv)], o.volumes, o.workload.podExtras),
    },
  };
}

/** The containers with the component's extra variables each lacks (by name) appended. */
function withExtraEnv(containers: k8s.Container[], extraEnv: Readonly<Record<string, string>> | undefined): k8s.Container[] {
  const extra = Object.entries(extraEnv ?? {});
  if (!extra.length) return containers;
  return containers.map((c) => {
    const have = new Set((c.env ?? []).map((e) => e.name));
    const add = extra.filter(([name]) => !have.has(name)).map(([name, value]) => ({ name, value }));
    return add.length ? { ...c, env: [...(c.env ?? []), ...add] } : c;
  });
}

/**
 * The containers the chart gives a component's extra volume mounts besides the main one: the init containers that
 * prepare its configuration (`configure`) and wait for its dependencies (`dependencies`), and Workhorse.
 */
const EXTRA_MOUNT_CONTAINERS: ReadonlySet<string> = new Set(['configure', 'dependencies', 'gitlab-workhorse']);

/**
 * The containers and volumes with the workload's extras: extra init containers after the component's own, extra
 * containers after the main one, extra mounts on the main (first) container and on those of `EXTRA_MOUNT_CONTAINERS`.
 * Extra containers get the restricted security context under the few fields a user may set.
 */
function withPodExtras(init: k8s.Container[], containers: k8s.Container[], volumes: k8s.Volume[], x: ResolvedPodExtras | undefined) {
  const mounted = (c: k8s.Container): k8s.Container => (x && x.volumeMounts.length ? { ...c, volumeMounts: [...(c.volumeMounts ?? []), ...(x.volumeMounts as k8s.VolumeMount[])] } : c);
  const [main, ...rest] = containers;
  const withMounts = (c: k8s.Container) => (EXTRA_MOUNT_CONTAINERS.has(c.name) ? mounted(c) : c);
  const all = x ? [mounted(main), ...rest.map(withMounts), ...x.containers.map(extraContainer)] : containers;
  const inits = [...init.map(withMounts), ...(x?.initContainers.map(extraContainer) ?? [])];
  return {
    ...(inits.length ? { initContainers: inits } : {}),
    containers: all,
    volumes: [...volumes, ...(x?.volumes.map(extraVolume) ?? [])],
  };
}

/**
 * The affinity when the placement gives none: anti-affinity between pods with `anti` labels (`soft` on the node by
 * default, as the chart), and the chart's node-affinity shorthand.
 */
function defaultAffinity(placement: Placement, anti: Record<string, string> | false): k8s.Affinity | undefined {
  const mode = placement.antiAffinity ?? 'soft';
  const term = anti ? { topologyKey: placement.antiAffinityTopologyKey ?? 'kubernetes.io/hostname', labelSelector: { matchLabels: anti } } : undefined;
  const podAntiAffinity = !term || mode === 'none' ? undefined : mode === 'hard'
    ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
    : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }] };
  const n = placement.nodeAffinity;
  const expression: k8s.NodeSelectorTerm = n ? { matchExpressions: [{ key: n.key ?? 'topology.kubernetes.io/zone', operator: 'In', values: [...n.values] }] } : {};
  const nodeAffinity = !n ? undefined : n.mode === 'hard'
    ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [expression] } }
    : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: expression }] };
  return podAntiAffinity || nodeAffinity ? { ...(nodeAffinity ? { nodeAffinity } : {}), ...(podAntiAffinity ? { podAntiAffinity } : {}) } : undefined;
}

function sortKeys(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The component's own ServiceAccount (token automount off), when the platform creates them. Returns its name,
 * or undefined to run as the namespace's default account.
 */
export function serviceAccount(scope: Construct, config: Pick<ResolvedConfig, 'namespace' | 'serviceAccounts'>, name: string, labels: ComponentLabels,
  annotations: Readonly<Record<string, string>> = {}, iamRoleArn?: string, account?: ResolvedServiceAccount): string | undefined {
  if (!config.serviceAccounts) return undefined;
  // An account that exists already (`serviceAccount.create: false`): the pods run as it, nothing is written.
  if (account && !account.create) return account.name ?? name;
  if (account?.name) name = account.name;
  const all: Record<string, string> = { ...annotations };
  if (iamRoleArn) all['eks.amazonaws.com/role-arn'] = iamRoleArn;
  new k8s.KubeServiceAccount(scope, 'service-account', {
    metadata: meta(config, name, labels.common, sortKeys(all)),
    automountServiceAccountToken: false,
  });
  return name;
}

const metric = (name: 'cpu' | 'memory', t: NonNullable<ResolvedAutoscaling['cpu']>): k8s.MetricSpecV2 => ({
  type: 'Resource',
  resource: {
    name,
    target: 'averageValue' in t
      ? { type: 'AverageValue', averageValue: k8s.Quantity.fromString(t.averageValue) }
      : { type: 'Utilization', averageUtilization: t.averageUtilization },
  },
});

/** autoscaling/v2 HPA for a Deployment. */
export function horizontalPodAutoscaler(scope: Construct, config: ResolvedConfig, name: string, labels: ComponentLabels,
  target: string, a: ResolvedAutoscaling): k8s.KubeHorizontalPodAutoscalerV2 {
  const metrics: k8s.MetricSpecV2[] = [];
  if (a.cpu) metrics.push(metric('cpu', a.cpu));
  if (a.memory) metrics.push(metric('memory', a.memory));
  return new k8s.KubeHorizontalPodAutoscalerV2(scope, 'hpa', {
    metadata: meta(config, name, labels.common),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics,
      behavior: { scaleDown: { stabilizationWindowSeconds: a.scaleDownStabilizationSeconds } },
    },
  });
}

/** policy/v1 PodDisruptionBudget on the component's selector. */
export function podDisruptionBudget(scope: Construct, config: Pick<ResolvedConfig, 'namespace'>, name: string, labels: ComponentLabels,
  maxUnavailable: number | string): k8s.KubePodDisruptionBudget {
  return new k8s.KubePodDisruptionBudget(scope, 'pdb', {
    metadata: meta(config, name, labels.common),
    spec: {
      maxUnavailable: typeof maxUnavailable === 'number' ? k8s.IntOrString.fromNumber(maxUnavailable) : k8s.IntOrString.fromString(maxUnavailable),
      selector: { matchLabels: labels.selector },
    },
  });
}

/** A Deployment; `replicas` is omitted when an HPA owns scaling (else appliers fight over it). */
export function deployment(scope: Construct, config: Pick<ResolvedConfig, 'namespace'>, name: string, labels: ComponentLabels,
  workload: Pick<ResolvedWorkload, 'replicas' | 'autoscaling'> & Partial<Pick<ResolvedWorkload, 'deploymentStrategy'>>, template: k8s.PodTemplateSpec,
  strategy?: k8s.DeploymentStrategy): k8s.KubeDeployment {
  const rollout = workload.deploymentStrategy ? deploymentStrategy(workload.deploymentStrategy) : strategy;
  return new k8s.KubeDeployment(scope, 'deployment', {
    metadata: meta(config, name, labels.workload),
    spec: {
      ...(workload.autoscaling ? {} : { replicas: workload.replicas }),
      selector: { matchLabels: labels.selector },
      ...(rollout ? { strategy: rollout } : {}),
      template,
    },
  });
}

/** The user's rollout strategy as a Kubernetes one (counts and percentages as IntOrString). */
function deploymentStrategy(d: NonNullable<ResolvedWorkload['deploymentStrategy']>): k8s.DeploymentStrategy {
  const intOrString = (v: number | string | undefined) => (v === undefined ? undefined
    : typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v));
  const r = d.rollingUpdate;
  return {
    type: d.type ?? 'RollingUpdate',
    ...(r && (d.type ?? 'RollingUpdate') === 'RollingUpdate' ? {
      rollingUpdate: {
        ...(r.maxSurge !== undefined ? { maxSurge: intOrString(r.maxSurge) } : {}),
        ...(r.maxUnavailable !== undefined ? { maxUnavailable: intOrString(r.maxUnavailable) } : {}),
      },
    } : {}),
  };
}
