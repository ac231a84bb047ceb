import { describe, expect, it } from 'vitest';
import { validateCustomResource } from '../../support/kube-schema';
import { find, KubeObject, synthPlatform } from '../../support/synth';
import { GATEWAY, gatewayProps, WEB_HOSTS } from './props';

const kinds = (objs: KubeObject[], kind: string) => objs.filter((o) => o.kind === kind);
const PARENT = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'gateways' };

describe('gateway-api provider', () => {
  const objects = synthPlatform(gatewayProps());

  it('attaches one gateway.networking.k8s.io/v1 HTTPRoute per web host to the user\'s Gateway, and creates no Ingress', () => {
    expect(kinds(objects, 'Ingress')).toEqual([]);
    for (const { name, host } of WEB_HOSTS) {
      const route = find(objects, 'HTTPRoute', name);
      expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
      expect(route.spec.parentRefs).toEqual([PARENT]);
      expect(route.spec.hostnames).toEqual([host]);
    }
    expect(kinds(objects, 'Gateway')).toEqual([]);
  });

  it('routes webservice to Workhorse 8181, registry to 5000, kas /k8s-proxy to 8154 and / to 8150', () => {
    const rules = (name: string) => find(objects, 'HTTPRoute', name).spec.rules.map((r: any) =>
      [r.matches[0].path.type, r.matches[0].path.value, r.backendRefs[0].kind, r.backendRefs[0].name, r.backendRefs[0].port]);
    expect(rules('gitlab-webservice-default')).toEqual([['PathPrefix', '/', 'Service', 'gitlab-webservice-default', 8181]]);
    expect(rules('gitlab-registry')).toEqual([['PathPrefix', '/', 'Service', 'gitlab-registry', 5000]]);
    expect(rules('gitlab-kas')).toEqual([['PathPrefix', '/k8s-proxy', 'Service', 'gitlab-kas', 8154], ['PathPrefix', '/', 'Service', 'gitlab-kas', 8150]]);
  });

  it('lifts the Gateway\'s short default request timeout: none for git (webservice) and agent websockets (kas), 900s for registry uploads', () => {
    const timeouts = (name: string) => find(objects, 'HTTPRoute', name).spec.rules.map((r: any) => r.timeouts);
    expect(timeouts('gitlab-webservice-default')).toEqual([{ request: '0s', backendRequest: '0s' }]);
    expect(timeouts('gitlab-kas')).toEqual([{ request: '0s', backendRequest: '0s' }, { request: '0s', backendRequest: '0s' }]);
    expect(timeouts('gitlab-registry')).toEqual([{ request: '900s', backendRequest: '900s' }]);
  });

  it('picks a listener per host when named, and carries the user\'s annotations', () => {
    const objs = synthPlatform(gatewayProps({ gatewayApi: { gateway: GATEWAY, listeners: { gitlab: 'https-gitlab', kas: 'https-kas' } }, annotations: { 'example.com/team': 'dev' } }));
    expect(find(objs, 'HTTPRoute', 'gitlab-webservice-default').spec.parentRefs[0].sectionName).toBe('https-gitlab');
    expect(find(objs, 'HTTPRoute', 'gitlab-kas').spec.parentRefs[0].sectionName).toBe('https-kas');
    expect(find(objs, 'HTTPRoute', 'gitlab-registry').spec.parentRefs[0].sectionName).toBeUndefined();
    expect(find(objs, 'HTTPRoute', 'gitlab-registry').metadata.annotations).toEqual({ 'example.com/team': 'dev' });
  });

  it('a Gateway in the platform\'s namespace is referenced there', () => {
    const objs = synthPlatform(gatewayProps({ gatewayApi: { gateway: { name: 'edge' } } }));
    expect(find(objs, 'HTTPRoute', 'gitlab-registry').spec.parentRefs[0].namespace).toBe('gitlab');
  });

  it('without TLS settings, leaves certificates to the Gateway (no Certificate, no ReferenceGrant)', () => {
    expect(kinds(objects, 'Certificate')).toEqual([]);
    expect(kinds(objects, 'ReferenceGrant')).toEqual([]);
  });

  it.each(['HTTPRoute'])('every %s is valid against the Gateway API CRD', (kind) => {
    for (const o of kinds(objects, kind)) expect(validateCustomResource(o)).toEqual([]);
  });
});

describe('gateway-api with cert-manager', () => {
  const objects = synthPlatform(gatewayProps({ tls: { issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } } }));

  it('asks for one Certificate per host, into the Secret the Gateway listener references', () => {
    for (const { host, tlsSecret } of WEB_HOSTS) {
      const cert = find(objects, 'Certificate', tlsSecret);
      expect(cert.spec).toEqual({ secretName: tlsSecret, dnsNames: [host], issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt' } });
    }
  });

  it('lets the Gateway\'s namespace read each certificate Secret through a ReferenceGrant', () => {
    const grants = kinds(objects, 'ReferenceGrant');
    expect(grants.map((g) => g.spec.to[0].name).sort()).toEqual(WEB_HOSTS.map((h) => h.tlsSecret).sort());
    for (const g of grants) {
      expect(g.metadata.namespace).toBe('gitlab');
      expect(g.spec.from).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateways' }]);
      expect(g.spec.to).toHaveLength(1);
      expect(g.spec.to[0]).toMatchObject({ group: '', kind: 'Secret' });
    }
  });

  it('needs no ReferenceGrant when the Gateway is in the platform\'s namespace', () => {
    const objs = synthPlatform(gatewayProps({ gatewayApi: { gateway: { name: 'edge' } }, tls: { issuer: { name: 'letsencrypt' } } }));
    expect(kinds(objs, 'Certificate')).toHaveLength(3);
    expect(kinds(objs, 'ReferenceGrant')).toEqual([]);
  });

  it('with a shared TLS Secret, grants the Gateway read access to it and creates no Certificate', () => {
    const objs = synthPlatform(gatewayProps({ tls: { secretName: 'gitlab-tls' } }));
    expect(kinds(objs, 'Certificate')).toEqual([]);
    expect(kinds(objs, 'ReferenceGrant').map((g) => g.spec.to[0].name)).toEqual(['gitlab-tls', 'gitlab-tls', 'gitlab-tls']);
  });

  it('an ACME Issuer of the platform solves HTTP-01 on the Gateway', () => {
    const objs = synthPlatform(gatewayProps({ tls: { acme: { email: 'ops@example.com' } } }));
    const issuer = find(objs, 'Issuer', 'gitlab-issuer');
    expect(issuer.spec.acme.solvers).toEqual([{ http01: { gatewayHTTPRoute: { parentRefs: [PARENT] } } }]);
    expect(find(objs, 'Certificate', 'gitlab-gitlab-tls').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'gitlab-issuer' });
    expect(validateCustomResource(issuer)).toEqual([]);
  });

  it.each(['Certificate', 'ReferenceGrant'])('every %s is valid against its CRD', (kind) => {
    for (const o of kinds(objects, kind)) expect(validateCustomResource(o)).toEqual([]);
  });
});
