import { describe, expect, it } from 'vitest';
import { GitLabConfigError, GitLabPlatformProps, IngressConfig } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { albProps, CERT_ARN, exposed, GATEWAY, gatewayProps } from './props';

/** The one issue a configuration raises. */
function issueOf(props: GitLabPlatformProps) {
  try {
    resolveConfig(props);
  } catch (e) {
    expect(e).toBeInstanceOf(GitLabConfigError);
    const issues = (e as GitLabConfigError).issues;
    expect(issues, JSON.stringify(issues)).toHaveLength(1);
    return issues[0];
  }
  throw new Error('no GitLabConfigError');
}
const ingress = (i: unknown) => exposed(i as IngressConfig);

describe('exposure settings that cannot work are refused with a fix', () => {
  it('an ALB with a TLS Secret (an ALB cannot read Kubernetes Secrets)', () => {
    const issue = issueOf(ingress({ provider: 'alb', tls: { secretName: 'gitlab-tls' } }));
    expect(issue.path).toBe('ingress.tls');
    expect(issue.allowed).toMatch(/certificateArn/);
    expect(issue.fix).toMatch(/AWS Certificate Manager/);
  });

  it('an ALB with a cert-manager issuer, or an ACME issuer of the platform', () => {
    expect(issueOf(ingress({ provider: 'alb', tls: { issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } } })).path).toBe('ingress.tls');
    expect(issueOf(ingress({ provider: 'alb', tls: { acme: { email: 'ops@example.com' } } })).path).toBe('ingress.tls');
  });

  it('an ALB without any TLS setting asks for the ACM certificate', () => {
    const issue = issueOf(ingress({ provider: 'alb' }));
    expect(issue).toMatchObject({ path: 'ingress.tls', allowed: '{ certificateArn } or false' });
  });

  it('ACM certificates without an ALB', () => {
    expect(issueOf(ingress({ tls: { certificateArn: CERT_ARN } })).path).toBe('ingress.tls.certificateArn');
  });

  it('a certificate ARN that is not an ACM one', () => {
    expect(issueOf(ingress({ provider: 'alb', tls: { certificateArn: 'arn:aws:s3:::bucket' } })).path).toBe('ingress.tls.certificateArn');
  });

  it('gateway-api without the parent Gateway', () => {
    const issue = issueOf(ingress({ provider: 'gateway-api' }));
    expect(issue.path).toBe('ingress.gatewayApi.gateway');
    expect(issue.fix).toMatch(/does not create a Gateway/);
  });

  it('a Gateway reference without a name', () => {
    expect(issueOf(ingress({ provider: 'gateway-api', gatewayApi: { gateway: { namespace: 'gateways' } } })).path).toBe('ingress.gatewayApi.gateway.name');
  });

  it('an unknown provider', () => {
    const issue = issueOf(ingress({ provider: 'traefik', tls: { secretName: 'gitlab-tls' } }));
    expect(issue).toMatchObject({ path: 'ingress.provider', allowed: '"nginx" | "alb" | "gateway-api"' });
  });

  it('settings of another provider: ALB settings with nginx, a class with gateway-api, NGINX annotations with an ALB', () => {
    expect(issueOf(ingress({ tls: { secretName: 'gitlab-tls' }, alb: { scheme: 'internal' } })).path).toBe('ingress.alb');
    expect(issueOf(gatewayProps({ className: 'nginx' })).path).toBe('ingress.className');
    expect(issueOf(albProps({ nginxAnnotations: true })).path).toBe('ingress.nginxAnnotations');
    expect(issueOf(ingress({ tls: { secretName: 'gitlab-tls' }, gatewayApi: { gateway: GATEWAY } })).path).toBe('ingress.gatewayApi');
  });

  it('an ALB idle timeout beyond what AWS allows', () => {
    expect(issueOf(albProps({ alb: { idleTimeoutSeconds: 4001 } })).path).toBe('ingress.alb.idleTimeoutSeconds');
  });

  it('an ALB group name the controller refuses, or a default one that is too long', () => {
    expect(issueOf(albProps({ alb: { groupName: 'Edge_Group' } })).path).toBe('ingress.alb.groupName');
    const long = { ...albProps(), releaseName: 'r'.repeat(30), namespace: 'n'.repeat(40) };
    expect(issueOf(long)).toMatchObject({ path: 'ingress.alb.groupName', fix: 'set ingress.alb.groupName, e.g. "gitlab"' });
  });

  it('an ACME issuer without an e-mail, or with a non-https directory', () => {
    expect(issueOf(ingress({ tls: { acme: {} } })).path).toBe('ingress.tls.acme.email');
    expect(issueOf(ingress({ tls: { acme: { email: 'ops@example.com', server: 'http://acme.example.com' } } })).path).toBe('ingress.tls.acme.server');
  });

  it('two TLS sources at once', () => {
    expect(issueOf(ingress({ tls: { issuer: { name: 'letsencrypt' }, acme: { email: 'admin@example.com' } } as never })).path).toBe('ingress.tls');
    expect(issueOf(ingress({ tls: { secretName: 'gitlab-tls', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' } as never })).path).toBe('ingress.tls');
  });
});

describe('SSH exposure settings that cannot work are refused', () => {
  const shell = (gitlabShell: unknown, i: IngressConfig = { tls: { secretName: 'gitlab-tls' } }) => exposed(i, gitlabShell as never);

  it('a TCPRoute without a Gateway when the web hosts use no Gateway', () => {
    expect(issueOf(shell({ expose: { via: 'tcp-route' } })).path).toBe('components.gitlabShell.expose.gateway');
  });

  it('an NLB on a NodePort Service, a TCPRoute on a LoadBalancer Service', () => {
    expect(issueOf(shell({ expose: { via: 'aws-nlb' }, serviceType: 'NodePort' })).path).toBe('components.gitlabShell.serviceType');
    expect(issueOf(shell({ expose: { via: 'tcp-route', gateway: GATEWAY }, serviceType: 'LoadBalancer' })).path).toBe('components.gitlabShell.serviceType');
  });

  it('source ranges without a load balancer', () => {
    expect(issueOf(shell({ loadBalancerSourceRanges: ['10.0.0.0/8'] })).path).toBe('components.gitlabShell.loadBalancerSourceRanges');
  });

  it('an unknown way of exposing SSH, and a bad source range', () => {
    expect(issueOf(shell({ expose: { via: 'ingress' } })).path).toBe('components.gitlabShell.expose');
    expect(issueOf(shell({ expose: { via: 'aws-nlb' }, loadBalancerSourceRanges: ['10.0.0.300/8'] })).path).toBe('components.gitlabShell.loadBalancerSourceRanges[0]');
  });
});
