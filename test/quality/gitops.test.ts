import { describe, expect, it } from 'vitest';
import { SCENARIOS, scenarioConfig, scenarioObjects } from '../support/scenarios';
import { KubeObject } from '../support/synth';

/** What GitOps tools (Argo CD, Flux, Pulumi) need: plain objects, no Helm machinery, names the API server accepts. */

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass', 'IngressClass',
  'CustomResourceDefinition', 'ClusterIssuer', 'ClusterSecretStore', 'GatewayClass', 'PersistentVolume']);
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Every label map of an object: its own, its pod template's, and its selectors'. */
function labelMaps(o: KubeObject): [string, Record<string, string>][] {
  const maps: [string, Record<string, string> | undefined][] = [
    ['metadata.labels', o.metadata.labels],
    ['spec.selector.matchLabels', o.spec?.selector?.matchLabels],
    ['spec.selector', o.kind === 'Service' ? o.spec?.selector : undefined],
    ['spec.template.metadata.labels', o.spec?.template?.metadata?.labels],
    ['spec.jobTemplate.spec.template.metadata.labels', o.spec?.jobTemplate?.spec?.template?.metadata?.labels],
  ];
  return maps.filter((m): m is [string, Record<string, string>] => !!m[1]);
}

const allAnnotations = (o: KubeObject): Record<string, string> => ({
  ...o.metadata.annotations,
  ...o.spec?.template?.metadata?.annotations,
  ...o.spec?.jobTemplate?.spec?.template?.metadata?.annotations,
});

describe.each(SCENARIOS)('scenario $name', (scenario) => {
  const objects = () => scenarioObjects(scenario);

  it('has no Helm hooks', () => {
    const hooks = objects().filter((o) => Object.keys(allAnnotations(o)).some((k) => k.startsWith('helm.sh/')));
    expect(hooks.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  it('has no Helm ownership labels (heritage: Helm, managed-by Helm)', () => {
    const helmish = objects().flatMap((o) => labelMaps(o)
      .filter(([, m]) => m.heritage === 'Helm' || m['app.kubernetes.io/managed-by'] === 'Helm' || 'helm.sh/chart' in m)
      .map(([path]) => `${o.kind}/${o.metadata.name} ${path}`));
    expect(helmish).toEqual([]);
  });

  it('puts every namespaced object in the configured namespace', () => {
    const { namespace } = scenarioConfig(scenario);
    const stray = objects().filter((o) => !CLUSTER_SCOPED.has(o.kind) && o.metadata.namespace !== namespace);
    expect(stray.map((o) => `${o.kind}/${o.metadata.name} in ${o.metadata.namespace ?? '(none)'}`)).toEqual([]);
  });

  it('names every object with the release prefix', () => {
    const { release } = scenarioConfig(scenario);
    expect(objects().filter((o) => !o.metadata.name.startsWith(`${release}-`)).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  it('gives every object a unique kind and name', () => {
    const ids = objects().map((o) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('uses object names the API server accepts (DNS subdomains; Service names DNS labels of at most 63)', () => {
    const bad = objects().filter((o) => {
      const n = o.metadata.name;
      if (o.kind === 'Service') return !DNS_LABEL.test(n) || n.length > 63;
      // Pods of a StatefulSet/Job carry the owner's name in a label, so those names must fit a label value too.
      if (['StatefulSet', 'Job', 'CronJob'].includes(o.kind) && n.length > 63) return true;
      return !DNS_SUBDOMAIN.test(n) || n.length > 253;
    });
    expect(bad.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  it('uses label values the API server accepts (at most 63 characters, alphanumeric ends)', () => {
    const bad = objects().flatMap((o) => labelMaps(o).flatMap(([path, m]) => Object.entries(m)
      .filter(([, value]) => typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
      .map(([key, value]) => `${o.kind}/${o.metadata.name} ${path}.${key}=${JSON.stringify(value)}`)));
    expect(bad).toEqual([]);
  });

  it('pins every image to a version tag (no latest/master, no missing tag)', () => {
    const images = objects().flatMap((o) => {
      const spec = o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec ?? (o.kind === 'Pod' ? o.spec : undefined);
      return spec ? [...(spec.initContainers ?? []), ...spec.containers].map((c: any) => `${o.kind}/${o.metadata.name} ${c.name} ${c.image}`) : [];
    });
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((line) => !/:[\w][\w.-]*$/.test(line) || /:(latest|master|main|stable|nightly)$/.test(line))).toEqual([]);
  });

  it('lets an HPA own the replica count (no replicas on a Deployment an HPA targets)', () => {
    const scaled = new Set(objects().filter((o) => o.kind === 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name));
    const fighting = objects().filter((o) => o.kind === 'Deployment' && scaled.has(o.metadata.name) && o.spec.replicas !== undefined);
    expect(fighting.map((o) => o.metadata.name)).toEqual([]);
  });
});
