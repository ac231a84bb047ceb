import { describe, expect, it } from 'vitest';
import { ComponentsConfig, GitLabPlatformProps, PodExtras } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { find, podSpec, synthPlatform } from '../../support/synth';
import { configIssues } from '../optional/fixtures';

const withComponents = (components: ComponentsConfig): GitLabPlatformProps => {
  const base = productionProps();
  return productionProps({ components: { ...base.components, ...components } });
};

const EXTRAS: PodExtras = {
  extraVolumes: [{ name: 'ca-bundle', configMap: { name: 'corp-ca' } }, { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } }],
  extraVolumeMounts: [{ name: 'ca-bundle', mountPath: '/etc/corp-ca', readOnly: true }],
  extraInitContainers: [{ name: 'wait-for-vault', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }],
  extraContainers: [{
    name: 'log-shipper', image: 'fluent/fluent-bit:3.0', env: [{ name: 'LEVEL', value: 'info' }],
    volumeMounts: [{ name: 'scratch', mountPath: '/buffer' }], resources: { requests: { cpu: '10m', memory: '32Mi' } },
    securityContext: { readOnlyRootFilesystem: true }, livenessProbe: { httpGet: { path: '/api/v1/health', port: 2020 }, periodSeconds: 10 },
  }],
};
const objects = synthPlatform(withComponents({ webservice: EXTRAS, sidekiq: EXTRAS, gitaly: EXTRAS, toolbox: EXTRAS, kas: EXTRAS }));
const workloads = [
  ['Deployment', 'gitlab-webservice-default'], ['Deployment', 'gitlab-sidekiq-all-in-1-v2'], ['StatefulSet', 'gitlab-gitaly'],
  ['Deployment', 'gitlab-toolbox'], ['Deployment', 'gitlab-kas'],
] as const;

describe('extraVolumes, extraVolumeMounts, extraInitContainers, extraContainers', () => {
  for (const [kind, name] of workloads) {
    it(`adds them to ${name}, after the component's own`, () => {
      const spec = podSpec(find(objects, kind, name));
      expect(spec.volumes.slice(-2)).toEqual(EXTRAS.extraVolumes);
      expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'ca-bundle', mountPath: '/etc/corp-ca', readOnly: true });
      expect(spec.initContainers.at(-1).name).toBe('wait-for-vault');
      expect(spec.containers.at(-1)).toMatchObject({
        name: 'log-shipper', image: 'fluent/fluent-bit:3.0', resources: { requests: { cpu: '10m', memory: '32Mi' } },
        livenessProbe: { httpGet: { path: '/api/v1/health', port: 2020 }, periodSeconds: 10 },
      });
    });
  }

  it('gives extra containers the restricted security context under the fields the user may set', () => {
    const c = podSpec(find(objects, 'Deployment', 'gitlab-webservice-default')).containers.at(-1);
    expect(c.securityContext).toEqual({
      runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' }, readOnlyRootFilesystem: true,
    });
  });

  it('leaves the pods unchanged without them', () => {
    const plain = podSpec(find(synthPlatform(productionProps()), 'Deployment', 'gitlab-webservice-default'));
    expect(plain.containers.map((c: any) => c.name)).toEqual(['webservice', 'gitlab-workhorse']);
  });

  it('refuses volume types the restricted Pod Security Standard forbids, privileged settings, and duplicates', () => {
    const issues = configIssues(withComponents({
      webservice: {
        extraVolumes: [{ name: 'host', hostPath: { path: '/var' } } as never, { name: 'two', configMap: { name: 'a' }, secret: { secretName: 'b' } }, { name: 'two', emptyDir: {} }],
        extraContainers: [{ name: 'x', image: 'busybox', securityContext: { privileged: true } as never }, { name: 'x', image: 'busybox', restartPolicy: 'Always' }],
        extraVolumeMounts: [{ name: 'two', mountPath: 'relative' }],
      },
    }));
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining([
      'components.webservice.extraVolumes[0].hostPath', 'components.webservice.extraVolumes[1]',
      'components.webservice.extraContainers[0].securityContext.privileged', 'components.webservice.extraVolumeMounts[0].mountPath',
    ]));
    expect(issues.find((i) => i.path.endsWith('hostPath'))!.allowed).toContain('restricted Pod Security Standard');
  });

  it('refuses duplicate names and restartPolicy on a regular container', () => {
    const issues = configIssues(withComponents({
      sidekiq: {
        extraVolumes: [{ name: 'two', emptyDir: {} }, { name: 'two', emptyDir: {} }],
        extraContainers: [{ name: 'x', image: 'busybox' }, { name: 'x', image: 'busybox', restartPolicy: 'Always' }],
      },
    }));
    expect(issues.map((i) => i.path).sort()).toEqual([
      'components.sidekiq.extraContainers[1].name', 'components.sidekiq.extraContainers[1].restartPolicy', 'components.sidekiq.extraVolumes[1].name',
    ]);
  });

  it('keeps every pod schema-valid and PSS-restricted', () => {
    for (const v of KUBERNETES_VERSIONS) expect(validateObjects(objects, v), v).toEqual([]);
    expect(restrictedViolations(objects)).toEqual([]);
  });
});
