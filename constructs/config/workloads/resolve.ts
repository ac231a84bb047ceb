import type { ResolvedImage } from '../images/resolve';
import { resolvePodExtras } from '../pod-extras/resolve';
import type { ResolvedPodExtras } from '../pod-extras/resolve';
import { mergePlacement, withDefaultNodeSelector } from '../placement/resolve';
import type { Placement } from '../placement/types';
import { resolveProbes } from '../probes/resolve';
import type { ProbeOverrides } from '../probes/types';
import type { ResolvedComponentIngress, ResolvedConfig } from '../resolved';
import { resolveComponentIngress } from '../exposure/component-ingress';
import { resolveServiceAccount } from '../service-account/resolve';
import type { ResolvedServiceAccount } from '../service-account/types';
import { resolveServiceExposure } from '../service/resolve';
import type { ResolvedServiceExposure } from '../service/resolve';
import type { ServiceExposure } from '../service/types';
import type { ComponentIngressOptions, ImageOverride } from '../types';
import type { WorkloadDefaults } from './defaults';
import type { DeploymentStrategy, DisruptionBudget, Resources, WorkloadOptions } from './types';
import type { Fail } from '../errors';

/**
 * A workload component's pods, every default applied (`ResolvedWorkload`): the chart's defaults (or a size
 * preset's) under the component's props, over the platform-wide placement and pod labels.
 */

export interface ResolvedAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpu?: { readonly averageValue: string } | { readonly averageUtilization: number };
  readonly memory?: { readonly averageValue: string } | { readonly averageUtilization: number };
  readonly scaleDownStabilizationSeconds: number;
}

export interface ResolvedWorkload {
  /** Fixed replica count when no HPA owns scaling. */
  readonly replicas: number;
  readonly autoscaling?: ResolvedAutoscaling;
  readonly pdb?: { readonly maxUnavailable: number | string };
  readonly resources: Resources;
  readonly placement: Placement;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** The component's ServiceAccount settings (name override, created or not, token mount). */
  readonly serviceAccount: ResolvedServiceAccount;
  /** Image of the `configure` init container: `images.gitlabBase` under the component's `initImage`. */
  readonly initImage: ResolvedImage;
  readonly extraEnv: Readonly<Record<string, string>>;
  /** Overrides the component's own grace period. */
  readonly terminationGracePeriodSeconds?: number;
  /** The Deployment's rollout strategy; absent: Kubernetes' default. */
  readonly deploymentStrategy?: DeploymentStrategy;
  /** The component's own Ingress settings (components with a host only). */
  readonly ingress?: ResolvedComponentIngress;
  /** Extra volumes, mounts and containers of the pods (`pod-extras/resolve.ts`). */
  readonly podExtras?: ResolvedPodExtras;
  /** Probe timings of the main container over the component's own. */
  readonly probes?: ProbeOverrides;
  /** The component's own Service type and load balancer (`components.<name>.service`); absent: ClusterIP. */
  readonly service?: ResolvedServiceExposure;
}

/** What every component's `workload()` reads besides its own props. */
export interface WorkloadContext {
  /** The platform-wide `placement`, a size preset's node pool applied. */
  readonly platformPlacement: Placement;
  /** The platform-wide `podLabels`. */
  readonly podLabels: Readonly<Record<string, string>> | undefined;
  /** The `configure` init container's image under a component's `initImage`. */
  readonly initImage: (o: ImageOverride | undefined) => ResolvedImage;
  readonly ingress: ResolvedConfig['ingress'];
  readonly fail: Fail;
}

/** `workload(name, props, defaults)`: one component's resolved pods (`components.<name>`). */
export function workloadResolver(ctx: WorkloadContext) {
  const { platformPlacement, ingress, fail } = ctx;
  return <D extends WorkloadDefaults>(name: string, o: WorkloadOptions | undefined, d: D): ResolvedWorkload => {
    const opts = o ?? {};
    let autoscaling: ResolvedAutoscaling | undefined;
    if (d.autoscaling && opts.autoscaling !== false) {
      const a = opts.autoscaling ?? {};
      autoscaling = {
        minReplicas: a.minReplicas ?? d.autoscaling.minReplicas,
        maxReplicas: a.maxReplicas ?? Math.max(d.autoscaling.maxReplicas, a.minReplicas ?? 0),
        cpu: a.cpu ?? (a.memory ? undefined : d.autoscaling.cpu),
        memory: a.memory,
        scaleDownStabilizationSeconds: a.scaleDownStabilizationSeconds ?? 300,
      };
      if (autoscaling.minReplicas > autoscaling.maxReplicas) {
        fail(`components.${name}.autoscaling.minReplicas`, autoscaling.minReplicas, `at most maxReplicas (${autoscaling.maxReplicas})`, 'lower minReplicas or raise maxReplicas');
      }
      if (opts.replicas !== undefined) {
        fail(`components.${name}.replicas`, opts.replicas, 'no fixed replicas while an HPA owns scaling', `remove replicas, or set components.${name}.autoscaling: false`);
      }
    } else if (!d.autoscaling && opts.autoscaling !== undefined && opts.autoscaling !== false) {
      fail(`components.${name}.autoscaling`, opts.autoscaling, 'nothing: this component does not autoscale', 'remove the setting and use replicas');
    }
    const replicas = opts.replicas ?? (autoscaling ? autoscaling.minReplicas : d.replicas);
    const pdbOpt: DisruptionBudget | false | undefined = (opts as WorkloadOptions).podDisruptionBudget;
    const pdb = pdbOpt === false ? undefined : (d.pdb || pdbOpt) ? { maxUnavailable: pdbOpt?.maxUnavailable ?? d.maxUnavailable ?? 1 } : undefined;
    return {
      replicas,
      autoscaling,
      pdb,
      resources: opts.resources ?? d.resources,
      placement: mergePlacement(platformPlacement, withDefaultNodeSelector(opts.placement, d.nodeSelector)),
      podAnnotations: opts.podAnnotations ?? {},
      podLabels: { ...ctx.podLabels, ...opts.podLabels },
      serviceAccountAnnotations: opts.serviceAccountAnnotations ?? {},
      serviceAccount: resolveServiceAccount((opts as WorkloadOptions).serviceAccount),
      initImage: ctx.initImage((opts as WorkloadOptions).initImage),
      extraEnv: opts.extraEnv ?? {},
      ...workloadExtras(`components.${name}`, opts, ingress, fail),
    };
  };
}

/**
 * The optional workload fields every component's `workload()` adds when set: grace period, rollout strategy and
 * (components with a host) the Ingress overrides.
 */
function workloadExtras(path: string, o: WorkloadOptions & { readonly ingress?: ComponentIngressOptions; readonly service?: ServiceExposure },
  ingress: ResolvedConfig['ingress'], fail: Fail): Pick<ResolvedWorkload, 'terminationGracePeriodSeconds' | 'deploymentStrategy' | 'ingress' | 'podExtras' | 'probes' | 'service'> {
  const own = resolveComponentIngress(`${path}.ingress`, o.ingress, ingress, fail);
  const service = resolveServiceExposure(`${path}.service`, o.service, fail);
  const podExtras = resolvePodExtras(path, o, fail);
  return {
    ...(podExtras ? { podExtras } : {}),
    ...(o.livenessProbe || o.readinessProbe || o.startupProbe !== undefined ? { probes: resolveProbes(path, o, fail) } : {}),
    ...(o.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: o.terminationGracePeriodSeconds } : {}),
    ...(o.deploymentStrategy ? { deploymentStrategy: o.deploymentStrategy } : {}),
    ...(own ? { ingress: own } : {}),
    ...(service ? { service } : {}),
  };
}
