import { describe, expect, it } from 'vitest';
import { synthPlatform } from '../../support/synth';
import { find } from '../../support/synth';
import { albProps, CERT_ARN, exposed, WEB_HOSTS } from './props';

const ALB = 'alb.ingress.kubernetes.io/';
const annotations = (objs: ReturnType<typeof synthPlatform>, name: string) => find(objs, 'Ingress', name).metadata.annotations as Record<string, string>;

describe('alb provider (AWS Load Balancer Controller)', () => {
  const objects = synthPlatform(albProps());

  it('gives each web host an Ingress of class alb targeting pod IPs', () => {
    for (const { name } of WEB_HOSTS) {
      expect(find(objects, 'Ingress', name).spec.ingressClassName).toBe('alb');
      expect(annotations(objects, name)[`${ALB}target-type`]).toBe('ip');
    }
  });

  it('puts every host on one ALB: the same IngressGroup and the same load-balancer settings on each Ingress', () => {
    const shared = ['group.name', 'scheme', 'listen-ports', 'ssl-redirect', 'certificate-arn', 'load-balancer-attributes'];
    const values = WEB_HOSTS.map(({ name }) => shared.map((k) => annotations(objects, name)[`${ALB}${k}`]));
    expect(new Set(values.map((v) => JSON.stringify(v))).size).toBe(1);
    expect(values[0]).toEqual(['gitlab-gitlab', 'internet-facing', '[{"HTTP": 80}, {"HTTPS": 443}]', '443', CERT_ARN,
      'idle_timeout.timeout_seconds=4000,routing.http2.enabled=false']);
  });

  it('checks each backend on its traffic port (no debug or metrics port open to the load balancer): webservice /-/readiness, registry /v2/ (200 or 401), kas / (any answer)', () => {
    const check = (name: string) => ['healthcheck-path', 'healthcheck-port', 'success-codes'].map((k) => annotations(objects, name)[`${ALB}${k}`]);
    expect(check('gitlab-webservice-default')).toEqual(['/-/readiness', 'traffic-port', '200']);
    expect(check('gitlab-registry')).toEqual(['/v2/', 'traffic-port', '200,401']);
    expect(check('gitlab-kas')).toEqual(['/', 'traffic-port', '200-499']);
  });

  it('terminates TLS with ACM, so no Ingress names a TLS Secret, and adds no NGINX annotations', () => {
    for (const { name } of WEB_HOSTS) {
      expect(find(objects, 'Ingress', name).spec.tls).toBeUndefined();
      expect(Object.keys(annotations(objects, name)).filter((k) => k.includes('nginx'))).toEqual([]);
    }
  });

  it('keeps the backends of an NGINX Ingress: Workhorse, registry, kas paths', () => {
    expect(find(objects, 'Ingress', 'gitlab-kas').spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.port.number]))
      .toEqual([['/k8s-proxy/', 8154], ['/', 8150]]);
  });

  it('takes scheme, group, idle timeout, TLS policy and several certificates', () => {
    const objs = synthPlatform(albProps({
      tls: { certificateArn: [CERT_ARN, 'arn:aws:acm:us-east-1:123456789012:certificate/second'] },
      alb: { scheme: 'internal', groupName: 'shared-edge', idleTimeoutSeconds: 900, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
    }));
    const a = annotations(objs, 'gitlab-registry');
    expect(a[`${ALB}scheme`]).toBe('internal');
    expect(a[`${ALB}group.name`]).toBe('shared-edge');
    expect(a[`${ALB}load-balancer-attributes`]).toBe('idle_timeout.timeout_seconds=900,routing.http2.enabled=false');
    expect(a[`${ALB}ssl-policy`]).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(a[`${ALB}certificate-arn`]).toBe(`${CERT_ARN},arn:aws:acm:us-east-1:123456789012:certificate/second`);
  });

  it('keeps HTTP/2 on when kas (agent websockets) is off', () => {
    const base = albProps();
    const objs = synthPlatform({ ...base, components: { ...base.components, kas: { enabled: false } } });
    expect(annotations(objs, 'gitlab-registry')[`${ALB}load-balancer-attributes`]).toBe('idle_timeout.timeout_seconds=4000');
  });

  it('plain HTTP listens on 80 only, without redirect or certificate', () => {
    const objs = synthPlatform(exposed({ provider: 'alb', tls: false }, undefined, { hosts: { domain: 'example.com', https: false } }));
    const a = annotations(objs, 'gitlab-webservice-default');
    expect(a[`${ALB}listen-ports`]).toBe('[{"HTTP": 80}]');
    expect(a[`${ALB}ssl-redirect`]).toBeUndefined();
    expect(a[`${ALB}certificate-arn`]).toBeUndefined();
  });

  it('the user\'s annotations are applied last and win', () => {
    const objs = synthPlatform(albProps({ annotations: { [`${ALB}wafv2-acl-arn`]: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/gitlab/1', [`${ALB}success-codes`]: '200-399' } }));
    expect(annotations(objs, 'gitlab-webservice-default')[`${ALB}success-codes`]).toBe('200-399');
    expect(annotations(objs, 'gitlab-kas')[`${ALB}wafv2-acl-arn`]).toContain('webacl/gitlab');
  });
});
