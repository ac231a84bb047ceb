import { describe, expect, it } from 'vitest';
import { checksum } from '../../../constructs/lib/checksum';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, find, KubeObject, podSpec, synthPlatform } from '../../support/synth';
import { withPlaceholders } from '../../support/templates';
import { praefectProps } from './props';

const objects = synthPlatform(praefectProps());
const nodes = (objs = objects, vs = 'default') => find(objs, 'StatefulSet', `gitlab-gitaly-${vs}`);
const configMap = (objs = objects) => find(objs, 'ConfigMap', 'gitlab-gitaly-praefect').data;
const gitalyObjects = (objs: KubeObject[]) => objs.filter((o) => o.metadata.labels?.app === 'gitaly');
const twoStorages = synthPlatform(praefectProps({
  virtualStorages: [
    { name: 'default' },
    { name: 'archive', gitalyReplicas: 2, persistence: { size: '500Gi', storageClass: 'st1' }, podDisruptionBudget: false },
  ],
}, { persistence: { size: '100Gi', storageClass: 'gp3' }, resources: { requests: { cpu: '2', memory: '8Gi' } } }));

describe('Gitaly behind Praefect', () => {
  it('runs one StatefulSet <release>-gitaly-<virtual storage> of three pods per virtual storage', () => {
    const sts = nodes();
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.serviceName).toBe('gitlab-gitaly-default');
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(nodes(twoStorages, 'archive').spec.replicas).toBe(2);
  });

  it('replaces the plain <release>-gitaly StatefulSet by default', () => {
    for (const kind of ['StatefulSet', 'Service', 'PodDisruptionBudget', 'ConfigMap']) {
      expect(objects.some((o) => o.kind === kind && o.metadata.name === 'gitlab-gitaly'), kind).toBe(false);
    }
  });

  it('selects and labels each virtual storage by storage: <name> next to app and release', () => {
    const sts = nodes(twoStorages, 'archive');
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'gitaly', release: 'gitlab', storage: 'archive' });
    expect(sts.metadata.labels).toMatchObject({ app: 'gitaly', storage: 'archive' });
    expect(sts.spec.template.metadata.labels).toMatchObject({ app: 'gitaly', release: 'gitlab', storage: 'archive', 'app.kubernetes.io/version': 'v18.9.1' });
  });

  it('has a headless Service per virtual storage on the same selector, so Praefect reaches each pod by name', () => {
    const svc = find(objects, 'Service', 'gitlab-gitaly-default');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.selector).toEqual({ app: 'gitaly', release: 'gitlab', storage: 'default' });
    expect(svc.spec.ports.map((p: any) => [p.name, p.port])).toEqual([['tcp-gitaly', 8075], ['http-metrics', 9236]]);
  });

  it('has a disruption budget per virtual storage, unless the virtual storage turns it off', () => {
    expect(find(objects, 'PodDisruptionBudget', 'gitlab-gitaly-default').spec).toEqual({
      maxUnavailable: 1, selector: { matchLabels: { app: 'gitaly', release: 'gitlab', storage: 'default' } },
    });
    expect(twoStorages.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'gitlab-gitaly-archive')).toBe(false);
  });

  it('takes components.gitaly persistence and resources, and a virtual storage\'s own persistence', () => {
    expect(nodes(twoStorages).spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } }, storageClassName: 'gp3',
    });
    expect(nodes(twoStorages, 'archive').spec.volumeClaimTemplates[0].spec).toMatchObject({ resources: { requests: { storage: '500Gi' } }, storageClassName: 'st1' });
    expect(nodes(twoStorages, 'archive').spec.volumeClaimTemplates[0].metadata.labels).toEqual({ app: 'gitaly', release: 'gitlab', storage: 'archive' });
    expect(container(nodes(twoStorages, 'archive'), 'gitaly').resources).toEqual({ requests: { cpu: '2', memory: '8Gi' } });
  });

  it('keeps the repository volumes when a StatefulSet is deleted or scaled down', () => {
    expect(nodes().spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  it('runs as the <release>-gitaly ServiceAccount', () => {
    expect(podSpec(nodes()).serviceAccountName).toBe('gitlab-gitaly');
    expect(find(objects, 'ServiceAccount', 'gitlab-gitaly').automountServiceAccountToken).toBe(false);
  });

  it('reads the Gitaly token and the shell secret like the plain Gitaly pods', () => {
    const v = podSpec(nodes()).volumes.find((x: any) => x.name === 'init-gitaly-secrets');
    expect(v.projected.sources.map((s: any) => s.secret.name)).toEqual(['gitlab-gitaly-secret', 'gitlab-gitlab-shell-secret']);
    expect(podSpec(nodes()).volumes.find((x: any) => x.name === 'gitaly-config').configMap.name).toBe('gitlab-gitaly-praefect');
  });
});

describe('gitlab-gitaly-praefect config.toml.tpl', () => {
  const toml = configMap(twoStorages)['config.toml.tpl'];

  it('lists every Gitaly pod of every virtual storage as a storage name', () => {
    expect(toml).toContain('{% $storages := coll.Slice "gitlab-gitaly-default-0" "gitlab-gitaly-default-1" "gitlab-gitaly-default-2" "gitlab-gitaly-archive-0" "gitlab-gitaly-archive-1" %}');
  });

  it('serves the storage named after the pod (its HOSTNAME), the name Praefect knows the node by', () => {
    expect(toml).toContain('{% $hostname := .Env.HOSTNAME | strings.TrimSpace %}');
    expect(toml).toContain('{% if coll.Has $storages $hostname %}');
    expect(toml).toContain('name = "{% $hostname %}"');
  });

  it('refuses to start a pod that is not a node of any virtual storage (a kubectl scale past gitalyReplicas)', () => {
    expect(toml).toMatch(/{% printf "pod %q is not a node of any Praefect virtual storage.*\| fail %}/);
  });

  it('is the same Gitaly configuration otherwise: one [[storage]], the tables Gitaly relies on', () => {
    const lines = withPlaceholders(toml, 'gomplate', () => 'x').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(lines.filter((l) => l.startsWith('['))).toEqual(['[[storage]]', '[logging]', '[auth]', '[git]', '[gitlab-shell]', '[gitlab]', '[hooks]']);
    expect(toml).toContain('url = "http://gitlab-webservice-default.gitlab.svc:8181/"');
  });

  it('does not restart the pods already serving when a virtual storage or a node is added', () => {
    const sum = (objs: KubeObject[]) => nodes(objs).spec.template.metadata.annotations['checksum/config'];
    expect(sum(twoStorages)).toBe(sum(objects));
    const data = configMap();
    const withoutNodes = data['config.toml.tpl'].replace(/coll\.Slice [^%]*%}/, 'coll.Slice  %}');
    expect(sum(objects)).toBe(checksum({ 'config.toml.tpl': withoutNodes, configure: data.configure }));
  });
});

describe('Gitaly behind Praefect next to the plain Gitaly StatefulSet (replaceInternalGitaly: false)', () => {
  const both = synthPlatform(praefectProps({ replaceInternalGitaly: false, virtualStorages: [{ name: 'cluster' }] }));

  it('runs both StatefulSets', () => {
    expect(find(both, 'StatefulSet', 'gitlab-gitaly').spec.replicas).toBe(1);
    expect(find(both, 'StatefulSet', 'gitlab-gitaly-cluster').spec.replicas).toBe(3);
  });

  it("leaves Praefect's Gitaly pods out of the plain Gitaly disruption budget (its selector matches them too)", () => {
    expect(find(both, 'PodDisruptionBudget', 'gitlab-gitaly').spec.selector).toEqual({
      matchLabels: { app: 'gitaly', release: 'gitlab' },
      matchExpressions: [{ key: 'storage', operator: 'DoesNotExist' }],
    });
  });

  it('shares one ServiceAccount', () => {
    expect(both.filter((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'gitlab-gitaly')).toHaveLength(1);
    expect(podSpec(find(both, 'StatefulSet', 'gitlab-gitaly-cluster')).serviceAccountName).toBe('gitlab-gitaly');
  });

  it('is schema-valid and meets the restricted Pod Security Standard', () => {
    expect(validateObjects(gitalyObjects(both), '1.36')).toEqual([]);
    expect(restrictedViolations(gitalyObjects(both))).toEqual([]);
  });
});

describe('Gitaly behind Praefect security', () => {
  it('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(gitalyObjects(twoStorages))).toEqual([]);
  });

  it.each(KUBERNETES_VERSIONS)('is valid against the Kubernetes %s schema', (version) => {
    expect(validateObjects(gitalyObjects(twoStorages), version)).toEqual([]);
  });
});
