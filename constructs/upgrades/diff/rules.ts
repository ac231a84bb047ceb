import { changedPaths, Manifest } from './objects';

/** A change Kubernetes refuses to apply to an existing object (the API server rejects the update). */
export interface ImmutableChange {
  /** Where, e.g. `spec.selector`. */
  readonly path: string;
  /** Why it cannot be applied in place, and what to do. */
  readonly fix: string;
}

const RECREATE = 'delete the object and let the next apply create it (Deployments: brief downtime unless a second Deployment takes over)';
const STS_FIELDS = ['replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'ordinals'];
const stsRecreate = (name: string) => `delete only the StatefulSet, keeping its pods and volumes (kubectl delete statefulset ${name} --cascade=orphan), then apply: `
  + 'the new StatefulSet adopts the pods and their PersistentVolumeClaims';

const differs = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);

/** Quantity in bytes, for comparing storage sizes (`10Gi`, `500M`, `1T`). */
export function bytes(q: unknown): number | undefined {
  const m = /^([0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(String(q ?? ''));
  if (!m) return undefined;
  const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
  const decimal: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
  return Number(m[1]) * (m[2] ? binary[m[2]] ?? decimal[m[2]] : 1);
}

/**
 * The changes between two versions of one object that Kubernetes does not allow on an existing object: the
 * immutable fields of StatefulSets, Jobs, Services, workload selectors, PersistentVolumeClaims, RoleBinding
 * roleRefs and immutable ConfigMaps/Secrets.
 */
export function immutableChanges(old: Manifest, next: Manifest): ImmutableChange[] {
  const o = old.spec ?? {};
  const n = next.spec ?? {};
  const out: ImmutableChange[] = [];
  switch (next.kind) {
    case 'StatefulSet':
      for (const key of [...new Set([...Object.keys(o), ...Object.keys(n)])].sort()) {
        if (STS_FIELDS.includes(key) || !differs(o[key], n[key])) continue;
        if (key === 'volumeClaimTemplates') {
          out.push({ path: 'spec.volumeClaimTemplates', fix: `${volumeClaimChange(next.metadata?.name, o[key], n[key])}; ${stsRecreate(next.metadata?.name)}` });
        } else out.push({ path: `spec.${key}`, fix: stsRecreate(next.metadata?.name) });
      }
      break;
    case 'Deployment': case 'DaemonSet': case 'ReplicaSet':
      if (differs(o.selector, n.selector)) out.push({ path: 'spec.selector', fix: `${RECREATE}; the old pods keep running until it is deleted` });
      break;
    case 'Job':
      for (const key of ['selector', 'template', 'completions', 'completionMode']) {
        if (differs(o[key], n[key])) out.push({ path: `spec.${key}`, fix: 'a Job cannot be changed once created: delete the finished Job (or give the new one a new name, as the migrations Jobs are named from their content)' });
      }
      break;
    case 'Service':
      for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'loadBalancerClass']) {
        // An unset clusterIP keeps the allocated one: only a value set on both sides that differs is a change.
        if (o[key] !== undefined && n[key] !== undefined && differs(o[key], n[key])) {
          out.push({ path: `spec.${key}`, fix: 'delete the Service and apply again (clients see a new address; a LoadBalancer gets a new load balancer and DNS name)' });
        }
      }
      break;
    case 'PersistentVolumeClaim':
      for (const path of changedPaths(o, n).map((p) => `spec.${p}`)) {
        if (path === 'spec.resources.requests.storage') {
          const [before, after] = [bytes(o.resources?.requests?.storage), bytes(n.resources?.requests?.storage)];
          if (before !== undefined && after !== undefined && after >= before) continue;
          out.push({ path, fix: 'a volume can only grow: keep the size, or move the data to a new claim' });
        } else out.push({ path, fix: 'only the size of a claim can change (and only up): create a new claim and copy the data' });
      }
      break;
    case 'RoleBinding': case 'ClusterRoleBinding':
      if (differs(old.roleRef, next.roleRef)) out.push({ path: 'roleRef', fix: 'delete the binding and apply again' });
      break;
    case 'ConfigMap': case 'Secret':
      if (old.immutable === true && (differs(old.data, next.data) || differs(old.binaryData, next.binaryData) || differs(old.stringData, next.stringData))) {
        out.push({ path: 'data', fix: 'an immutable ConfigMap/Secret cannot change: create one under a new name and point the pods at it' });
      }
      break;
    default:
  }
  return out;
}

function volumeClaimChange(statefulSet: string, old: Manifest[] | undefined, next: Manifest[] | undefined): string {
  const byName = (list: Manifest[] | undefined) => new Map((list ?? []).map((t) => [t.metadata?.name, t]));
  const [before, after] = [byName(old), byName(next)];
  const parts: string[] = [];
  for (const [name, t] of after) {
    const prev = before.get(name);
    if (!prev) { parts.push(`claim template ${name} added (new pods only)`); continue; }
    const [from, to] = [prev.spec?.resources?.requests?.storage, t.spec?.resources?.requests?.storage];
    if (from !== to) {
      parts.push(`claim template ${name} size ${from} -> ${to}: ${(bytes(to) ?? 0) > (bytes(from) ?? 0)
        ? `resize each existing claim first (kubectl patch pvc ${name}-${statefulSet}-<ordinal> -p '{"spec":{"resources":{"requests":{"storage":"${to}"}}}}'; the StorageClass must allow volume expansion)`
        : 'volumes cannot shrink: keep the size'}`);
    }
    const rest = changedPaths({ ...prev, spec: { ...prev.spec, resources: undefined } }, { ...t, spec: { ...t.spec, resources: undefined } });
    if (rest.length) parts.push(`claim template ${name} ${rest.join(', ')} changed: existing claims keep their old settings`);
  }
  for (const name of before.keys()) if (!after.has(name)) parts.push(`claim template ${name} removed: existing claims stay (and keep their data)`);
  return parts.join('; ') || 'claim templates changed';
}
