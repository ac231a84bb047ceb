import { describe, expect, it } from 'vitest';
import { find, synthPlatform } from '../../support/synth';
import { fromHelmValues } from '../../../constructs';
import { convert, ignoredKeys, issuePaths, refusal, withValues } from '../../values/helpers';

/** The aws-production values with cert-manager on (no TLS Secret), as the chart's default install has it. */
const certManager = (patch: Record<string, any> = {}) => withValues({ global: { ingress: { configureCertmanager: true, tls: undefined } }, ...patch });
const gatewayApi = (gateway: Record<string, any> = {}, patch: Record<string, any> = {}) => withValues({
  global: { ingress: { enabled: false, configureCertmanager: undefined, tls: undefined }, gatewayApi: { enabled: true, gatewayRef: { name: 'edge', namespace: 'gateways' }, ...gateway } },
  ...patch,
});

describe('Helm values: cert-manager Issuer', () => {
  it('with certmanager-issuer.email, the platform creates the chart\'s ACME Issuer <release>-issuer', () => {
    const props = convert(certManager(), { releaseName: 'r1' });
    expect(props.ingress?.tls).toEqual({ acme: { email: 'ops@example.com' } });
    const objs = synthPlatform(props);
    expect(find(objs, 'Issuer', 'r1-issuer').spec.acme.email).toBe('ops@example.com');
    expect(find(objs, 'Ingress', 'r1-registry').metadata.annotations!['cert-manager.io/issuer']).toBe('r1-issuer');
  });

  it('takes the ACME directory from certmanager-issuer.server', () => {
    const staging = 'https://acme-staging-v02.api.letsencrypt.org/directory';
    expect(convert(certManager({ 'certmanager-issuer': { email: 'ops@example.com', server: staging } })).ingress?.tls).toEqual({ acme: { email: 'ops@example.com', server: staging } });
  });

  it('without an e-mail, names the Issuer a Helm install left behind', () => {
    expect(convert(certManager({ 'certmanager-issuer': undefined })).ingress?.tls).toEqual({ issuer: { name: 'gitlab-issuer', kind: 'Issuer' } });
  });

  it('with a TLS Secret, the e-mail creates nothing', () => {
    expect(convert(withValues({})).ingress?.tls).toEqual({ secretName: 'gitlab-tls' });
  });
});

describe('Helm values: ingress provider', () => {
  it('a provider other than nginx drops the NGINX annotations, as the chart does', () => {
    const props = convert(withValues({ global: { ingress: { provider: 'traefik', class: 'traefik' } } }));
    expect(props.ingress?.nginxAnnotations).toBe(false);
    expect(Object.keys(find(synthPlatform(props), 'Ingress', 'gitlab-registry').metadata.annotations ?? {}).filter((k) => k.includes('nginx'))).toEqual([]);
  });

  it('nginx changes nothing', () => {
    expect(convert(withValues({ global: { ingress: { provider: 'nginx' } } })).ingress?.nginxAnnotations).toBeUndefined();
  });
});

describe('Helm values: Gateway API', () => {
  it('attaches routes to global.gatewayApi.gatewayRef on the chart\'s listener names', () => {
    const props = convert(gatewayApi());
    expect(props.ingress).toMatchObject({
      enabled: true, provider: 'gateway-api',
      gatewayApi: { gateway: { name: 'edge', namespace: 'gateways' }, listeners: { gitlab: 'gitlab-web', registry: 'registry-web', kas: 'kas-web' } },
    });
    const objs = synthPlatform(props);
    expect(find(objs, 'HTTPRoute', 'gitlab-registry').spec.parentRefs[0]).toMatchObject({ name: 'edge', namespace: 'gateways', sectionName: 'registry-web' });
    expect(objs.filter((o) => o.kind === 'Ingress')).toEqual([]);
  });

  it('routes SSH through a TCPRoute on gitlab-ssh, like the chart', () => {
    const objs = synthPlatform(convert(gatewayApi()));
    expect(find(objs, 'TCPRoute', 'gitlab-gitlab-shell').spec.parentRefs[0].sectionName).toBe('gitlab-ssh');
  });

  it('takes each route\'s gatewayRoute.sectionName', () => {
    const props = convert(gatewayApi({}, { gitlab: { kas: { gatewayRoute: { sectionName: 'agents' } } } }));
    expect(props.ingress?.gatewayApi?.listeners?.kas).toBe('agents');
  });

  it('with configureCertmanager, issues a certificate per host: the platform\'s ACME Issuer when an e-mail is set, else the chart\'s <release>-gw-issuer', () => {
    expect(convert(gatewayApi({ configureCertmanager: true })).ingress?.tls).toEqual({ acme: { email: 'ops@example.com' } });
    expect(convert(gatewayApi({ configureCertmanager: true }, { 'certmanager-issuer': undefined })).ingress?.tls)
      .toEqual({ issuer: { name: 'gitlab-gw-issuer', kind: 'Issuer' } });
  });

  it('refuses the chart\'s own Gateway: gatewayRef.name is required', () => {
    const e = refusal(gatewayApi({ gatewayRef: undefined }));
    expect(issuePaths(e)).toEqual(['global.gatewayApi.gatewayRef.name']);
  });

  it('refuses Ingresses and routes at once', () => {
    const e = refusal(withValues({ global: { gatewayApi: { enabled: true, gatewayRef: { name: 'edge' } } } }));
    expect(issuePaths(e)).toEqual(['global.ingress.enabled']);
  });

  it('ignores settings of the chart\'s own Gateway, which has no effect, with a warning', () => {
    expect(ignoredKeys(gatewayApi({ class: { name: 'envoy' } }))).toEqual(['global.gatewayApi.class.name']);
  });
});

describe('Helm values: SSH Service', () => {
  it('reads gitlab.gitlab-shell.service type, annotations and source ranges (an AWS NLB)', () => {
    const annotations = { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' };
    const props = convert(withValues({ gitlab: { 'gitlab-shell': { service: { type: 'LoadBalancer', annotations, loadBalancerSourceRanges: ['198.51.100.0/24'] } } } }));
    expect(props.components?.gitlabShell).toMatchObject({ serviceType: 'LoadBalancer', serviceAnnotations: annotations, loadBalancerSourceRanges: ['198.51.100.0/24'] });
    const svc = find(synthPlatform(props), 'Service', 'gitlab-gitlab-shell');
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['198.51.100.0/24']);
  });

  it('accepts the chart\'s fixed Service settings at their defaults and refuses others', () => {
    convert(withValues({ gitlab: { 'gitlab-shell': { service: { name: 'gitlab-shell', internalPort: 2222, externalTrafficPolicy: 'Cluster' } } } }));
    const e = refusal(withValues({ gitlab: { 'gitlab-shell': { service: { internalPort: 2022 } } } }));
    expect(issuePaths(e)).toEqual(['gitlab.gitlab-shell.service.internalPort']);
  });

  it('reads the traffic policy and address of a LoadBalancer Service; ignores the policy of a ClusterIP one, as the chart', () => {
    const props = convert(withValues({ gitlab: { 'gitlab-shell': { service: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerIP: '203.0.113.9' } } } }));
    expect(props.components?.gitlabShell).toMatchObject({ serviceType: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerIP: '203.0.113.9' });
    const lines: string[] = [];
    fromHelmValues(withValues({ gitlab: { 'gitlab-shell': { service: { externalTrafficPolicy: 'Local' } } } }), { onWarning: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('gitlab.gitlab-shell.service.externalTrafficPolicy: ignored');
  });

  it('names the values key when the source ranges cannot apply', () => {
    const e = refusal(withValues({ gitlab: { 'gitlab-shell': { service: { loadBalancerSourceRanges: ['198.51.100.0/24'] } } } }));
    expect(issuePaths(e)).toEqual(['gitlab.gitlab-shell.service.loadBalancerSourceRanges']);
  });
});

describe('Helm values: networkpolicy', () => {
  it('enabled: false everywhere keeps the chart\'s behaviour: no NetworkPolicies', () => {
    const props = convert(withValues({ gitlab: { webservice: { networkpolicy: { enabled: false } }, sidekiq: { networkpolicy: { enabled: false } } } }));
    expect(props.networkPolicies).toBe(false);
  });

  it('enabled: true (without rules) keeps gitlab-iac\'s policies on', () => {
    const props = convert(withValues({ registry: { networkpolicy: { enabled: true, ingress: { enabled: true } } } }));
    expect(props.networkPolicies).toBeUndefined();
  });

  it('refuses hand-written rules, and a mix of on and off', () => {
    const rules = refusal(withValues({ gitlab: { kas: { networkpolicy: { enabled: true, egress: { enabled: true, rules: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] } } } } }));
    expect(issuePaths(rules)).toEqual(['gitlab.kas.networkpolicy.egress.rules']);
    const mixed = refusal(withValues({ gitlab: { webservice: { networkpolicy: { enabled: true } }, sidekiq: { networkpolicy: { enabled: false } } } }));
    expect(issuePaths(mixed)).toEqual(['gitlab.sidekiq.networkpolicy.enabled']);
  });
});
