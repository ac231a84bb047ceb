import { describe, expect, it } from 'vitest';
import { podTemplateOf } from '../support/pod-security';
import { externalSecretNames, SCENARIOS, scenarioConfig, scenarioObjects } from '../support/scenarios';
import { KubeObject } from '../support/synth';

/** The objects of a scenario refer to each other correctly: selectors, names, ports, volumes, accounts. */

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

function selects(selector: Selector | Record<string, string>, labels: Record<string, string> = {}): boolean {
  const s: Selector = 'matchLabels' in selector || 'matchExpressions' in selector ? selector as Selector : { matchLabels: selector as Record<string, string> };
  const byLabel = Object.entries(s.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpr = (s.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case 'In': return e.values!.includes(labels[e.key]);
      case 'NotIn': return !e.values!.includes(labels[e.key]);
      case 'Exists': return e.key in labels;
      case 'DoesNotExist': return !(e.key in labels);
      default: return false;
    }
  });
  return byLabel && byExpr && (Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length > 0);
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const workloads = (objects: KubeObject[]) => objects.filter((o) => WORKLOAD_KINDS.has(o.kind));
const podLabels = (o: KubeObject) => podTemplateOf(o)?.metadata.labels ?? {};
const id = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
const allContainers = (spec: any): any[] => [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
const pods = (objects: KubeObject[]) => objects.flatMap((o) => {
  const pod = podTemplateOf(o);
  return pod ? [{ owner: o, spec: pod.spec }] : [];
});
const dupes = (names: string[]) => names.filter((n, i) => names.indexOf(n) !== i);
/** IANA service name: at most 15 characters, lower-case letters, digits and '-', at least one letter (validation.IsValidPortName). */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

describe.each(SCENARIOS)('scenario $name', (scenario) => {
  const objects = () => scenarioObjects(scenario);

  it('every Deployment and StatefulSet selects its own pod template', () => {
    const bad = workloads(objects()).filter((w) => !selects(w.spec.selector, podLabels(w)));
    expect(bad.map(id)).toEqual([]);
  });

  it('every Service selects the pods of exactly one workload', () => {
    const bad = objects().filter((o) => o.kind === 'Service' && o.spec.selector).flatMap((svc) => {
      const matched = workloads(objects()).filter((w) => selects(svc.spec.selector, podLabels(w)));
      return matched.length === 1 ? [] : [`Service/${svc.metadata.name} selects ${matched.map(id).join(', ') || 'nothing'}`];
    });
    expect(bad).toEqual([]);
  });

  it('every PodDisruptionBudget selects the pods of exactly one workload', () => {
    const bad = objects().filter((o) => o.kind === 'PodDisruptionBudget').flatMap((pdb) => {
      const matched = workloads(objects()).filter((w) => selects(pdb.spec.selector, podLabels(w)));
      return matched.length === 1 ? [] : [`PodDisruptionBudget/${pdb.metadata.name} selects ${matched.map(id).join(', ') || 'nothing'}`];
    });
    expect(bad).toEqual([]);
  });

  it('every HorizontalPodAutoscaler targets a Deployment of the platform', () => {
    const deployments = new Set(objects().filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name));
    const bad = objects().filter((o) => o.kind === 'HorizontalPodAutoscaler'
      && !(o.spec.scaleTargetRef.kind === 'Deployment' && o.spec.scaleTargetRef.apiVersion === 'apps/v1' && deployments.has(o.spec.scaleTargetRef.name)));
    expect(bad.map(id)).toEqual([]);
  });

  it('every Service targetPort exists on the pods it selects', () => {
    const bad = objects().filter((o) => o.kind === 'Service' && o.spec.selector).flatMap((svc) => {
      const targets = workloads(objects()).filter((w) => selects(svc.spec.selector, podLabels(w)));
      const ports = targets.flatMap((w) => allContainers(podTemplateOf(w)!.spec).flatMap((c) => c.ports ?? []));
      return (svc.spec.ports ?? []).filter((p: any) => {
        const target = p.targetPort ?? p.port;
        return !ports.some((cp: any) => (typeof target === 'string' ? cp.name === target : cp.containerPort === target));
      }).map((p: any) => `Service/${svc.metadata.name} port ${p.name ?? p.port} -> ${p.targetPort ?? p.port}`);
    });
    expect(bad).toEqual([]);
  });

  it('every Ingress backend is a Service port of the platform', () => {
    const services = objects().filter((o) => o.kind === 'Service');
    const bad = objects().filter((o) => o.kind === 'Ingress').flatMap((ing) => (ing.spec.rules ?? [])
      .flatMap((r: any) => (r.http?.paths ?? []).map((p: any) => p.backend.service))
      .filter((b: any) => {
        const svc = services.find((s) => s.metadata.name === b.name);
        return !svc?.spec.ports.some((p: any) => (b.port.name ? p.name === b.port.name : p.port === b.port.number));
      })
      .map((b: any) => `Ingress/${ing.metadata.name} -> ${b.name}:${b.port.name ?? b.port.number}`));
    expect(bad).toEqual([]);
  });

  it('every Gateway API route backend is a Service port of the platform', () => {
    const services = objects().filter((o) => o.kind === 'Service');
    const bad = objects().filter((o) => o.kind === 'HTTPRoute' || o.kind === 'TCPRoute').flatMap((route) => (route.spec.rules ?? [])
      .flatMap((r: any) => r.backendRefs ?? [])
      .filter((b: any) => (b.kind ?? 'Service') === 'Service'
        && !services.find((s) => s.metadata.name === b.name)?.spec.ports.some((p: any) => p.port === b.port))
      .map((b: any) => `${route.kind}/${route.metadata.name} -> ${b.name}:${b.port}`));
    expect(bad).toEqual([]);
  });

  it('every ConfigMap a pod reads is rendered by the platform', () => {
    const rendered = new Set(objects().filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name));
    const refs = pods(objects()).flatMap(({ owner, spec }) => [
      ...(spec.volumes ?? []).flatMap((v: any) => [v.configMap, ...(v.projected?.sources ?? []).map((s: any) => s.configMap)]),
      ...allContainers(spec).flatMap((c) => [...(c.env ?? []).map((e: any) => e.valueFrom?.configMapKeyRef), ...(c.envFrom ?? []).map((e: any) => e.configMapRef)]),
      // kube-root-ca.crt is published by Kubernetes in every namespace (the API server's CA, for a projected token).
    ].filter((r) => r && !r.optional && !rendered.has(r.name) && r.name !== 'kube-root-ca.crt').map((r) => `${id(owner)} -> ConfigMap/${r.name}`));
    expect(refs).toEqual([]);
  });

  it('every Secret a pod reads is one the configuration declares (a Secret reference, a shared or TLS Secret)', () => {
    const declared = externalSecretNames(scenarioConfig(scenario));
    const refs = pods(objects()).flatMap(({ owner, spec }) => [
      ...(spec.volumes ?? []).flatMap((v: any) => [v.secret && { name: v.secret.secretName, optional: v.secret.optional }, ...(v.projected?.sources ?? []).map((s: any) => s.secret)]),
      ...allContainers(spec).flatMap((c) => [...(c.env ?? []).map((e: any) => e.valueFrom?.secretKeyRef), ...(c.envFrom ?? []).map((e: any) => e.secretRef)]),
      ...(spec.imagePullSecrets ?? []),
    ].filter((r) => r && !declared.has(r.name)).map((r) => `${id(owner)} -> Secret/${r.name}`));
    expect(refs).toEqual([]);
  });

  it('every volume mount names a volume of its pod, and volume names are unique', () => {
    const bad = pods(objects()).flatMap(({ owner, spec }) => {
      // A StatefulSet's claim templates are volumes of its pods too.
      const claims = (owner.spec.volumeClaimTemplates ?? []).map((t: any) => t.metadata.name);
      const volumes = [...(spec.volumes ?? []).map((v: any) => v.name), ...claims];
      return [
        ...dupes(volumes).map((n: string) => `${id(owner)} volume ${n} twice`),
        ...allContainers(spec).flatMap((c) => (c.volumeMounts ?? []).filter((m: any) => !volumes.includes(m.name)).map((m: any) => `${id(owner)} ${c.name} mounts missing ${m.name}`)),
      ];
    });
    expect(bad).toEqual([]);
  });

  it('no container mounts two volumes at the same path', () => {
    const bad = pods(objects()).flatMap(({ owner, spec }) => allContainers(spec).flatMap((c) =>
      dupes((c.volumeMounts ?? []).map((m: any) => m.mountPath.replace(/\/+$/, ''))).map((p) => `${id(owner)} ${c.name} ${p}`)));
    expect(bad).toEqual([]);
  });

  it('every env var name is unique per container', () => {
    const bad = pods(objects()).flatMap(({ owner, spec }) => allContainers(spec).flatMap((c) =>
      dupes((c.env ?? []).map((e: any) => e.name)).map((n) => `${id(owner)} ${c.name} ${n}`)));
    expect(bad).toEqual([]);
  });

  it('every port name is unique per container and a valid port name (at most 15 characters)', () => {
    const bad = pods(objects()).flatMap(({ owner, spec }) => allContainers(spec).flatMap((c) => {
      const names = (c.ports ?? []).map((p: any) => p.name).filter(Boolean);
      return [
        ...dupes(names).map((n) => `${id(owner)} ${c.name} ${n} twice`),
        ...names.filter((n: string) => n.length > 15 || !PORT_NAME.test(n)).map((n: string) => `${id(owner)} ${c.name} invalid port name ${n}`),
      ];
    }));
    expect(bad).toEqual([]);
  });

  it('every container name is unique per pod', () => {
    const bad = pods(objects()).flatMap(({ owner, spec }) => dupes(allContainers(spec).map((c) => c.name)).map((n) => `${id(owner)} ${n}`));
    expect(bad).toEqual([]);
  });

  it('every pod runs as a ServiceAccount the platform renders (or the namespace default when accounts are off)', () => {
    const accounts = new Set(objects().filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name));
    const withAccounts = scenarioConfig(scenario).serviceAccounts;
    const bad = pods(objects()).filter(({ spec }) => (spec.serviceAccountName ? !accounts.has(spec.serviceAccountName) : withAccounts))
      .map(({ owner, spec }) => `${id(owner)} -> ${spec.serviceAccountName ?? '(default)'}`);
    expect(bad).toEqual([]);
  });

  it('every IAM role lands on a ServiceAccount annotation', () => {
    const roles = scenarioConfig(scenario).objectStorage.iamRoles;
    const annotated = objects().filter((o) => o.kind === 'ServiceAccount').flatMap((o) => o.metadata.annotations?.['eks.amazonaws.com/role-arn'] ?? []);
    expect(annotated.every((arn) => Object.values(roles ?? {}).includes(arn))).toBe(true);
    if (roles) expect(annotated.length).toBeGreaterThan(0);
  });
});
