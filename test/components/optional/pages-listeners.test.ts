import { describe, expect, it } from 'vitest';
import { fromHelmValues } from '../../../constructs';
import { synthPlatform } from '../../support/synth';
import { withValues } from '../../values/helpers';

type Obj = { kind: string; metadata: { name: string }; data?: Record<string, string>; spec?: any };
const pagesValues = (pages: Record<string, unknown>, chart: Record<string, unknown> = {}) => withValues({
  global: { pages: { enabled: true, ...pages } },
  gitlab: { 'gitlab-pages': chart },
});
const synth = (values: Record<string, unknown>) => synthPlatform(fromHelmValues(values)) as unknown as Obj[];
const pagesConfig = (objects: Obj[]) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'gitlab-gitlab-pages')!.data!['config.tpl'];

describe('Pages custom-domain listeners, as the chart renders them', () => {
  it('useHTTPProxy makes the custom-domains HTTP listener a proxy listener; useProxyV2 the HTTPS one PROXY v2', () => {
    const objects = synth(pagesValues({ externalHttp: ['10.0.0.5'], externalHttps: ['10.0.0.5'] }, { useHTTPProxy: true, useProxyV2: true, ingress: { tls: { secretName: 'pages-tls' } } }));
    const config = pagesConfig(objects);
    expect(config).toMatch(/^listen-proxy=:8090$/m);
    expect(config).toMatch(/^listen-https-proxyv2=:8091$/m);
    expect(config).not.toMatch(/^listen-http=/m);
  });

  it('a ClusterIP custom-domains Service takes no address (the chart gives it only to a LoadBalancer)', () => {
    const objects = synth(pagesValues({ externalHttp: ['0.0.0.0'] }, { service: { customDomains: { type: 'ClusterIP' } } }));
    const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'gitlab-gitlab-pages-custom-domains')!;
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.loadBalancerIP).toBeUndefined();
    expect(pagesConfig(objects)).toMatch(/^listen-http=:8090$/m);
  });

  it('without custom domains, useHTTPProxy does nothing (as in the chart): ignored with a warning', () => {
    const lines: string[] = [];
    fromHelmValues(pagesValues({}, { useHTTPProxy: true }), { onWarning: (l) => lines.push(l) });
    expect(lines.some((l) => l.includes('gitlab.gitlab-pages.useHTTPProxy'))).toBe(true);
  });
});
