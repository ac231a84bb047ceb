import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps } from '../../../constructs';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { synthPlatform } from '../../support/synth';
import { albProps, exposed, gatewayProps } from './props';

/** One platform per way of exposing it, each with SSH exposed to match. */
const VARIANTS: readonly [string, GitLabPlatformProps][] = [
  ['nginx with an ACME issuer', exposed({ tls: { acme: { email: 'ops@example.com' } } })],
  ['alb with an NLB for SSH', albProps({}, { expose: { via: 'aws-nlb' }, loadBalancerSourceRanges: ['198.51.100.0/24'] })],
  ['gateway-api with cert-manager and a TCPRoute', gatewayProps({ tls: { issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } } }, { expose: { via: 'tcp-route', listener: 'ssh' } })],
];

describe.each(VARIANTS)('%s', (_name, props) => {
  const objects = synthPlatform(props);

  it.each(KUBERNETES_VERSIONS)('every object is schema-valid on Kubernetes %s, custom resources against their CRDs', (version) => {
    expect(validateObjects(objects, version, VENDORED_CRDS)).toEqual([]);
  });

  it('every pod still meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(objects)).toEqual([]);
  });

  it('names no object twice', () => {
    const ids = objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`);
    expect(ids.length).toBe(new Set(ids).size);
  });
});
