import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { GitLabPlatformProps } from '../../constructs/config/types';
import { APPLY_PHASES, applyPhase, ApplyPhase, KubeObject, objectKey, PHASE_DEPENDENCIES, resourceName, synthesizePlatform } from './manifests';

/**
 * Field manager of every server-side apply, fixed so repeated `pulumi up`s (from any machine) own the same fields.
 * The provider takes it from the `pulumi.com/patchFieldManager` annotation for every resource in SSA mode (else a
 * random `pulumi-kubernetes-<suffix>` kept in state).
 */
export const FIELD_MANAGER = 'gitlab-iac';

export interface PlatformReleaseArgs {
  /**
   * The platform's props with every value known before apply; values that only exist after the first apply
   * (RDS and ElastiCache endpoints) are placeholders that differ between variant `a` and `b`. These props fix
   * WHICH objects exist, so a preview lists them all; comparing the two variants shows which object names are
   * derived from content (the migrations Job is named after a hash of what it applies).
   */
  readonly layout: (variant: 'a' | 'b') => GitLabPlatformProps;
  /** The real props; where an endpoint is still unknown (first preview), the affected object's body is unknown. */
  readonly props: pulumi.Input<GitLabPlatformProps>;
  /** Field manager for server-side apply. @default gitlab-iac */
  readonly fieldManager?: string;
}

/** One object to apply: fixed kind and place; a fixed name, or a fixed name prefix when the name hashes content. */
export interface ObjectSlot {
  readonly key: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  /** The object's name when it does not depend on values unknown before apply. */
  readonly name?: string;
  /** Otherwise the part of the name that does not (e.g. `gitlab-migrations-`). */
  readonly namePrefix?: string;
  readonly fields: readonly string[];
  /** When Pulumi applies it (`applyPhase`). */
  readonly phase: ApplyPhase;
  /** Pulumi resource name (stable across content-hash renames, which Pulumi applies as a replacement). */
  readonly resourceName: string;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The slots of the platform from two layout variants; throws when the object set itself would depend on an unknown. */
export function objectSlots(a: readonly KubeObject[], b: readonly KubeObject[]): ObjectSlot[] {
  const same = a.length === b.length && a.every((o, i) => o.apiVersion === b[i].apiVersion && o.kind === b[i].kind && o.metadata.namespace === b[i].metadata.namespace);
  if (!same) throw new Error('the platform\'s set of objects depends on a value unknown before apply (an RDS or ElastiCache endpoint); it must not');
  return a.map((o, i) => {
    const base = {
      apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, phase: applyPhase(o.kind, o.metadata.labels),
      fields: Object.keys(o).filter((f) => f !== 'apiVersion' && f !== 'kind' && f !== 'metadata'),
    };
    if (o.metadata.name === b[i].metadata.name) {
      return { ...base, key: objectKey(o), name: o.metadata.name, resourceName: resourceName(o) };
    }
    // Up to the last "-": two hashes may share leading characters by chance, which the real name need not.
    const common = commonPrefix(o.metadata.name, b[i].metadata.name);
    const namePrefix = common.slice(0, common.lastIndexOf('-') + 1) || common;
    const stem = namePrefix.replace(/-+$/, '');
    return { ...base, key: `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${namePrefix}*`, namePrefix, resourceName: `${o.kind.toLowerCase()}-${stem}` };
  });
}

/** Assigns each synthesized object to its slot; throws when an object has no slot or a slot no object. */
export function assignObjects(slots: readonly ObjectSlot[], objects: readonly KubeObject[]): Map<string, KubeObject> {
  const byKey = new Map<string, KubeObject>();
  for (const o of objects) {
    const slot = slots.find((s) => !byKey.has(s.key) && s.apiVersion === o.apiVersion && s.kind === o.kind && s.namespace === o.metadata.namespace
      && (s.name !== undefined ? s.name === o.metadata.name : o.metadata.name.startsWith(s.namePrefix!)));
    if (!slot) throw new Error(`${objectKey(o)} appeared only once the endpoints were known; the platform's object set must not depend on them`);
    byKey.set(slot.key, o);
  }
  const missing = slots.filter((s) => !byKey.has(s.key)).map((s) => s.key);
  if (missing.length) throw new Error(`objects missing once the endpoints were known: ${missing.join(', ')}`);
  return byKey;
}

type ResourceClass = new (name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Typed classes for the kinds the platform emits (so awaiters and schemas apply); others go through CustomResource. */
const CLASSES: Readonly<Record<string, ResourceClass>> = {
  'v1/ConfigMap': k8s.core.v1.ConfigMap as unknown as ResourceClass,
  'v1/Secret': k8s.core.v1.Secret as unknown as ResourceClass,
  'v1/Service': k8s.core.v1.Service as unknown as ResourceClass,
  'v1/ServiceAccount': k8s.core.v1.ServiceAccount as unknown as ResourceClass,
  'v1/PersistentVolumeClaim': k8s.core.v1.PersistentVolumeClaim as unknown as ResourceClass,
  'apps/v1/Deployment': k8s.apps.v1.Deployment as unknown as ResourceClass,
  'apps/v1/StatefulSet': k8s.apps.v1.StatefulSet as unknown as ResourceClass,
  'apps/v1/DaemonSet': k8s.apps.v1.DaemonSet as unknown as ResourceClass,
  'batch/v1/Job': k8s.batch.v1.Job as unknown as ResourceClass,
  'batch/v1/CronJob': k8s.batch.v1.CronJob as unknown as ResourceClass,
  'autoscaling/v2/HorizontalPodAutoscaler': k8s.autoscaling.v2.HorizontalPodAutoscaler as unknown as ResourceClass,
  'policy/v1/PodDisruptionBudget': k8s.policy.v1.PodDisruptionBudget as unknown as ResourceClass,
  'networking.k8s.io/v1/Ingress': k8s.networking.v1.Ingress as unknown as ResourceClass,
  'networking.k8s.io/v1/NetworkPolicy': k8s.networking.v1.NetworkPolicy as unknown as ResourceClass,
  'rbac.authorization.k8s.io/v1/Role': k8s.rbac.v1.Role as unknown as ResourceClass,
  'rbac.authorization.k8s.io/v1/RoleBinding': k8s.rbac.v1.RoleBinding as unknown as ResourceClass,
};

/**
 * The GitLab platform's Kubernetes objects applied by Pulumi, one resource per object, with server-side apply
 * under a fixed field manager. Configuration lands first, migrations (Jobs, awaited to completion) before the
 * Deployments, and no object sets `replicas` where an HPA scales it (the platform omits it), so nothing fights.
 *
 * Why a layout and props: the object set comes from `layout`, whose values are all known at preview, so even the
 * first `pulumi preview` (before RDS and ElastiCache exist) lists every object; each object's body comes from
 * `props`. An object whose name hashes its content (the migrations Job) keeps one Pulumi resource; a new hash
 * renames the object, which Pulumi applies as a replacement (a new Job runs, the old one is deleted).
 */
export class PlatformRelease extends pulumi.ComponentResource {
  /** `apiVersion/kind/namespace/name` of every object, in apply order of synthesis. */
  readonly objectKeys: readonly string[];
  /** Every object's Pulumi resource, by key. */
  readonly resources: Readonly<Record<string, pulumi.CustomResource>>;

  constructor(name: string, args: PlatformReleaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:kubernetes:PlatformRelease', name, {}, opts);
    const slots = objectSlots(synthesizePlatform(args.layout('a')), synthesizePlatform(args.layout('b')));
    const fieldManager = args.fieldManager ?? FIELD_MANAGER;
    const keys = slots.map((s) => s.key);

    // One synthesis of the real props, shared by every object's body.
    const bodies: pulumi.Output<Map<string, KubeObject>> = pulumi.output(args.props)
      .apply((props) => assignObjects(slots, synthesizePlatform(props as GitLabPlatformProps)));

    const byPhase = new Map<ApplyPhase, pulumi.CustomResource[]>();
    const resources: Record<string, pulumi.CustomResource> = {};
    // Phases in dependency order, so every dependency exists before its dependents are declared.
    for (const phase of APPLY_PHASES) {
      for (const slot of slots.filter((x) => x.phase === phase)) {
        const body = bodies.apply((m) => m.get(slot.key)!);
        const fields: Record<string, unknown> = {
          apiVersion: slot.apiVersion,
          kind: slot.kind,
          // Name and namespace known at preview where they can be; labels and annotations from the body.
          metadata: {
            name: slot.name ?? body.apply((b) => b.metadata.name),
            ...(slot.namespace ? { namespace: slot.namespace } : {}),
            labels: body.apply((b) => b.metadata.labels ?? {}),
            annotations: body.apply((b) => ({ ...b.metadata.annotations, 'pulumi.com/patchFieldManager': fieldManager })),
          },
        };
        for (const field of slot.fields) fields[field] = body.apply((b) => b[field]);
        const cls = CLASSES[`${slot.apiVersion}/${slot.kind}`] ?? (k8s.apiextensions.CustomResource as unknown as ResourceClass);
        const dependsOn = PHASE_DEPENDENCIES[phase].flatMap((p) => byPhase.get(p) ?? []);
        const resource = new cls(`${name}-${slot.resourceName}`, fields, { parent: this, dependsOn });
        resources[slot.key] = resource;
        byPhase.set(phase, [...(byPhase.get(phase) ?? []), resource]);
      }
    }
    this.objectKeys = keys;
    this.resources = resources;
    this.registerOutputs({ objectKeys: keys });
  }
}
