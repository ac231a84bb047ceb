import { describe, expect, it } from 'vitest';
import { validateCustomResource } from '../../support/kube-schema';
import { find, synthPlatform } from '../../support/synth';
import { exposed, GATEWAY, gatewayProps } from './props';

const NLB = 'service.beta.kubernetes.io/aws-load-balancer-';

describe('SSH through an AWS NLB', () => {
  const objects = synthPlatform(exposed({ tls: { secretName: 'gitlab-tls' } }, { expose: { via: 'aws-nlb' }, loadBalancerSourceRanges: ['198.51.100.0/24'] }));
  const service = find(objects, 'Service', 'gitlab-gitlab-shell');

  it('is a LoadBalancer Service the AWS Load Balancer Controller provisions as an internet-facing NLB with IP targets', () => {
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.metadata.annotations).toEqual({
      [`${NLB}type`]: 'external', [`${NLB}nlb-target-type`]: 'ip', [`${NLB}scheme`]: 'internet-facing',
    });
  });

  it('keeps the SSH port mapping 22 -> 2222 and lets only the source ranges through', () => {
    expect(service.spec.ports).toEqual([{ name: 'ssh', port: 22, targetPort: 2222, protocol: 'TCP' }]);
    expect(service.spec.loadBalancerSourceRanges).toEqual(['198.51.100.0/24']);
  });

  it('can be internal, and the user\'s Service annotations win', () => {
    const objs = synthPlatform(exposed({ tls: { secretName: 'gitlab-tls' } }, {
      expose: { via: 'aws-nlb', scheme: 'internal' }, serviceAnnotations: { [`${NLB}nlb-target-type`]: 'instance', 'external-dns.alpha.kubernetes.io/hostname': 'ssh.example.com' },
    }));
    const a = find(objs, 'Service', 'gitlab-gitlab-shell').metadata.annotations!;
    expect(a[`${NLB}scheme`]).toBe('internal');
    expect(a[`${NLB}nlb-target-type`]).toBe('instance');
    expect(a['external-dns.alpha.kubernetes.io/hostname']).toBe('ssh.example.com');
  });
});

describe('SSH through a Gateway API TCPRoute', () => {
  const objects = synthPlatform(gatewayProps({}, { expose: { via: 'tcp-route', listener: 'ssh' } }));
  const route = find(objects, 'TCPRoute', 'gitlab-gitlab-shell');

  it('attaches a v1 TCPRoute to the TCP listener of the platform\'s Gateway, to the SSH Service port', () => {
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: GATEWAY.name, namespace: GATEWAY.namespace, sectionName: 'ssh' }],
      rules: [{ backendRefs: [{ kind: 'Service', name: 'gitlab-gitlab-shell', port: 22 }] }],
    });
    expect(find(objects, 'Service', 'gitlab-gitlab-shell').spec.type).toBe('ClusterIP');
  });

  it('is valid against the Gateway API CRD', () => {
    expect(validateCustomResource(route)).toEqual([]);
  });

  it('can use another Gateway than the web hosts\' (and works with an Ingress for them)', () => {
    const objs = synthPlatform(exposed({ tls: { secretName: 'gitlab-tls' } }, { expose: { via: 'tcp-route', gateway: { name: 'tcp-edge', namespace: 'edge' } } }));
    expect(find(objs, 'TCPRoute', 'gitlab-gitlab-shell').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'tcp-edge', namespace: 'edge' }]);
  });
});
