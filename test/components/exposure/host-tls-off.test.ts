import { describe, expect, it } from 'vitest';
import { fromHelmValues, GitLabConfigError } from '../../../constructs';
import { synthPlatform } from '../../support/synth';
import { withValues } from '../../values/helpers';

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: any };
const ingress = (objects: Obj[], name: string) => objects.find((o) => o.kind === 'Ingress' && o.metadata.name === name)!;
const values = (patch: Record<string, any>) => withValues({
  global: { ingress: { class: 'nginx', provider: 'nginx', annotations: undefined, tls: { secretName: 'gitlab-tls' } } }, ...patch,
});

describe('one host without TLS while the platform has TLS (the chart\'s per-component ingress.tls.enabled: false)', () => {
  it('the registry\'s Ingress has no TLS section; the other hosts keep theirs', () => {
    const objects = synthPlatform(fromHelmValues(values({ registry: { ingress: { tls: { enabled: false, secretName: 'ignored' } } } }))) as unknown as Obj[];
    expect(ingress(objects, 'gitlab-registry').spec.tls).toBeUndefined();
    expect(ingress(objects, 'gitlab-webservice-default').spec.tls).toEqual([{ hosts: [expect.stringMatching(/^gitlab\./)], secretName: 'gitlab-tls' }]);
  });

  it('the typed setting refuses a TLS Secret for a host whose TLS is off', () => {
    const props = fromHelmValues(values({}));
    expect(() => synthPlatform({ ...props, components: { ...props.components, registry: { ...props.components?.registry, ingress: { tls: false, tlsSecretName: 'x' } } } } as never))
      .toThrow(GitLabConfigError);
  });
});
