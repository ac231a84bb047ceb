import { describe, expect, it } from 'vitest';
import { productionProps } from '../../support/fixtures';
import { validateCustomResource } from '../../support/kube-schema';
import { find, synthPlatform } from '../../support/synth';
import { exposed, WEB_HOSTS } from './props';

const ingresses = (objs: ReturnType<typeof synthPlatform>) => objs.filter((o) => o.kind === 'Ingress');

describe('nginx provider (the default)', () => {
  const objects = synthPlatform(productionProps());

  it('gives each web host an Ingress of class nginx with the chart\'s NGINX annotations and the TLS Secret', () => {
    for (const { name, host } of WEB_HOSTS) {
      const ing = find(objects, 'Ingress', name);
      expect(ing.spec.ingressClassName).toBe('nginx');
      expect(ing.metadata.annotations!['kubernetes.io/ingress.provider']).toBe('nginx');
      expect(ing.spec.tls).toEqual([{ hosts: [host], secretName: 'gitlab-tls' }]);
      expect(ing.spec.rules[0].host).toBe(host);
    }
    expect(find(objects, 'Ingress', 'gitlab-webservice-default').metadata.annotations!['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('512m');
  });

  it('routes webservice to Workhorse 8181, registry to 5000, kas /k8s-proxy/ to 8154 and / to 8150', () => {
    const backends = (name: string) => find(objects, 'Ingress', name).spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.port.number]);
    expect(backends('gitlab-webservice-default')).toEqual([['/', 8181]]);
    expect(backends('gitlab-registry')).toEqual([['/', 5000]]);
    expect(backends('gitlab-kas')).toEqual([['/k8s-proxy/', 8154], ['/', 8150]]);
  });

  it('creates no Gateway API or ALB objects', () => {
    expect(objects.filter((o) => o.apiVersion.startsWith('gateway.networking.k8s.io') || o.kind === 'Issuer' || o.kind === 'Certificate')).toEqual([]);
    for (const ing of ingresses(objects)) expect(Object.keys(ing.metadata.annotations!).filter((k) => k.startsWith('alb.'))).toEqual([]);
  });

  it('keeps the former props working: another class gets no NGINX annotations, user annotations win', () => {
    const objs = synthPlatform(exposed({ className: 'traefik', tls: { secretName: 'gitlab-tls' }, annotations: { 'example.com/team': 'dev' } }));
    for (const ing of ingresses(objs)) {
      expect(ing.spec.ingressClassName).toBe('traefik');
      expect(Object.keys(ing.metadata.annotations!).filter((k) => k.includes('nginx'))).toEqual([]);
      expect(ing.metadata.annotations!['example.com/team']).toBe('dev');
    }
  });

  it('with a cert-manager issuer, each host gets its own certificate Secret <release>-<host>-tls', () => {
    const objs = synthPlatform(exposed({ tls: { issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } } }));
    for (const { name, host, tlsSecret } of WEB_HOSTS) {
      const ing = find(objs, 'Ingress', name);
      expect(ing.metadata.annotations!['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
      expect(ing.spec.tls).toEqual([{ hosts: [host], secretName: tlsSecret }]);
    }
    expect(objs.filter((o) => o.kind === 'Issuer' || o.kind === 'Certificate')).toEqual([]);
  });

  it('turned off, exposes nothing', () => {
    const objs = synthPlatform(exposed({ enabled: false }));
    expect(objs.filter((o) => ['Ingress', 'HTTPRoute', 'Certificate', 'Issuer'].includes(o.kind))).toEqual([]);
  });
});

describe('ACME issuer created by the platform', () => {
  const objects = synthPlatform(exposed({ tls: { acme: { email: 'ops@example.com' } } }));
  const issuer = find(objects, 'Issuer', 'gitlab-issuer');

  it('is a Let\'s Encrypt production Issuer with the e-mail and an account key Secret <release>-acme-key', () => {
    expect(issuer.apiVersion).toBe('cert-manager.io/v1');
    expect(issuer.spec.acme).toMatchObject({
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      email: 'ops@example.com',
      privateKeySecretRef: { name: 'gitlab-acme-key' },
    });
  });

  it('solves HTTP-01 through the ingress class, without editing the platform\'s Ingresses in place', () => {
    expect(issuer.spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: 'nginx' } } }]);
    for (const ing of ingresses(objects)) {
      expect(ing.metadata.annotations!['cert-manager.io/issuer']).toBe('gitlab-issuer');
      expect(ing.metadata.annotations!['acme.cert-manager.io/http01-edit-in-place']).toBeUndefined();
    }
  });

  it('takes another ACME directory (e.g. staging)', () => {
    const staging = 'https://acme-staging-v02.api.letsencrypt.org/directory';
    const objs = synthPlatform(exposed({ tls: { acme: { email: 'ops@example.com', server: staging } } }));
    expect(find(objs, 'Issuer', 'gitlab-issuer').spec.acme.server).toBe(staging);
  });

  it('is valid against the cert-manager CRD', () => {
    expect(validateCustomResource(issuer)).toEqual([]);
  });
});
