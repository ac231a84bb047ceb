import { GitLabPlatformProps, GitLabShellOptions, IngressConfig } from '../../../constructs';
import { productionProps } from '../../support/fixtures';

export const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
export const GATEWAY = { name: 'edge', namespace: 'gateways' };

/** The production fixture exposed another way. */
export function exposed(ingress: IngressConfig, gitlabShell?: GitLabShellOptions, rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps {
  const base = productionProps();
  return productionProps({ ...rest, ingress, components: { ...base.components, ...(gitlabShell ? { gitlabShell } : {}) } });
}

export const albProps = (alb: IngressConfig = {}, gitlabShell?: GitLabShellOptions) =>
  exposed({ provider: 'alb', tls: { certificateArn: CERT_ARN }, ...alb }, gitlabShell);

export const gatewayProps = (ingress: IngressConfig = {}, gitlabShell?: GitLabShellOptions) =>
  exposed({ provider: 'gateway-api', gatewayApi: { gateway: GATEWAY }, ...ingress }, gitlabShell);

/** The three web hosts' objects: name, host and backends. */
export const WEB_HOSTS = [
  { name: 'gitlab-webservice-default', host: 'gitlab.example.com', tlsSecret: 'gitlab-gitlab-tls' },
  { name: 'gitlab-registry', host: 'registry.example.com', tlsSecret: 'gitlab-registry-tls' },
  { name: 'gitlab-kas', host: 'kas.example.com', tlsSecret: 'gitlab-kas-tls' },
] as const;
