import { ComponentsConfig, ConfigIssue, GitLabConfigError, GitLabPlatformProps, MailboxConfig } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { productionProps } from '../../support/fixtures';
import { find, KubeObject, podSpec } from '../../support/synth';

/** The production fixture with extra component settings merged in (and other top-level settings). */
export function withComponents(components: ComponentsConfig, rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps {
  const base = productionProps();
  return productionProps({ ...rest, components: { ...base.components, ...components } });
}

/** An IMAP mailbox for reply by e-mail. */
export const INCOMING: MailboxConfig = {
  address: 'incoming+%{key}@example.com',
  user: 'incoming@example.com',
  imap: { host: 'imap.example.com', password: { name: 'incoming-email-password', key: 'password' } },
};

/** A Service Desk mailbox read through Microsoft Graph. */
export const SERVICE_DESK: MailboxConfig = {
  address: 'servicedesk+%{key}@example.com',
  user: 'servicedesk@example.com',
  microsoftGraph: { tenantId: 'contoso.onmicrosoft.com', clientId: '0a1b2c3d-aaaa-bbbb-cccc-0123456789ab', clientSecret: { name: 'graph-client-secret' } },
};

/** The issues a configuration is refused with (fails when it is accepted). */
export function configIssues(props: GitLabPlatformProps): ConfigIssue[] {
  try {
    resolveConfig(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) return [...e.issues];
    throw e;
  }
  throw new Error('expected the configuration to be refused, but it resolved');
}

/** `{ path: "secret/key" }` of a projected volume (configMap items as `configmap:<name>/<key>`). */
export function projectedFiles(workload: KubeObject, volume: string): Record<string, string> {
  const v = podSpec(workload).volumes.find((x: any) => x.name === volume);
  if (!v?.projected) throw new Error(`no projected volume ${volume} in ${workload.metadata.name}`);
  const out: Record<string, string> = {};
  for (const source of v.projected.sources) {
    for (const item of source.secret?.items ?? []) out[item.path] = `${source.secret.name}/${item.key}`;
    for (const item of source.configMap?.items ?? []) out[item.path] = `configmap:${source.configMap.name}/${item.key}`;
  }
  return out;
}

/** Data of a ConfigMap. */
export const configMapData = (objects: KubeObject[], name: string): Record<string, string> => find(objects, 'ConfigMap', name).data;

/** `Kind/name` of the component's own objects whose name starts with `prefix` (NetworkPolicies belong to `networkPolicies`). */
export const named = (objects: KubeObject[], prefix: string) => objects
  .filter((o) => o.metadata.name.startsWith(prefix) && o.kind !== 'NetworkPolicy').map((o) => `${o.kind}/${o.metadata.name}`);
