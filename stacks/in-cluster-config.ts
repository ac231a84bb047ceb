import { ConfigIssue, GitLabConfigError, show } from '../constructs/config/errors';
import type { Edition } from '../constructs/config/types';
import { EDITIONS } from '../constructs/config/images/names';

/**
 * The configuration of an in-cluster stack (`gitlab:mode in-cluster`): GitLab with PostgreSQL, Valkey and Garage
 * inside the cluster, for evaluation; only a kubeconfig is needed (no AWS). Read and checked once; every problem
 * in one `GitLabConfigError` naming the config keys.
 */
export interface InClusterStackSettings {
  readonly domain: string;
  readonly namespace: string;
  readonly release: string;
  readonly edition: Edition;
  readonly version?: string;
  /** Kubeconfig text (a secret); absent: the provider's ambient configuration. */
  readonly kubeconfig?: string;
  readonly kubeContext?: string;
  readonly ingressClass: string;
  /** Serve over HTTPS with a certificate from this cert-manager ClusterIssuer; absent: plain HTTP (no public DNS needed). */
  readonly certIssuer?: string;
  /** Protect the namespace (and so the volumes) from `pulumi destroy`. */
  readonly protect: boolean;
  readonly postgresStorageSize?: string;
  readonly objectStorageSize?: string;
}

/** Every `gitlab:` key the in-cluster mode reads. */
export const IN_CLUSTER_CONFIG_KEYS = [
  'mode', 'domain', 'namespace', 'release', 'edition', 'version', 'kubeconfig', 'kubeContext', 'ingressClass', 'certIssuer',
  'protect', 'postgresStorageSize', 'objectStorageSize',
] as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const QUANTITY = /^[1-9][0-9]*(Mi|Gi|Ti)$/;

/** Whether the stack's configuration asks for the in-cluster mode. */
export const isInClusterMode = (get: (key: string) => string | undefined) => get('gitlab:mode') === 'in-cluster';

export function parseInClusterConfig(get: (key: string) => string | undefined, allKeys: readonly string[] = []): InClusterStackSettings {
  const issues: ConfigIssue[] = [];
  const fail = (key: string, value: unknown, allowed: string, fix: string) => issues.push({ path: key, value: show(value), allowed, fix });
  const known = new Set<string>(IN_CLUSTER_CONFIG_KEYS.map((k) => `gitlab:${k}`));
  for (const k of allKeys) {
    if (k.startsWith('aws:') || (k.startsWith('gitlab:') && !known.has(k))) {
      fail(k, k.includes('kubeconfig') ? '(hidden)' : get(k), `nothing in the in-cluster mode (its keys: ${IN_CLUSTER_CONFIG_KEYS.join(', ')})`,
        `remove it (pulumi config rm ${k}), or unset gitlab:mode for the AWS stack`);
    }
  }
  const str = (key: string, pattern: RegExp | undefined, allowed: string, required = false): string | undefined => {
    const v = get(key);
    if (v === undefined || v === '') {
      if (required) fail(key, undefined, allowed, `pulumi config set ${key} <value>`);
      return undefined;
    }
    if (pattern && !pattern.test(v)) fail(key, v, allowed, `pulumi config set ${key} <value>`);
    return v;
  };
  const domain = str('gitlab:domain', DOMAIN, 'a lower-case DNS domain such as 127.0.0.1.nip.io (hosts become gitlab.<domain> ...)', true) ?? 'example.com';
  const protectRaw = get('gitlab:protect');
  if (protectRaw !== undefined && protectRaw !== 'true' && protectRaw !== 'false') fail('gitlab:protect', protectRaw, 'true or false', 'pulumi config set gitlab:protect false');
  const settings: InClusterStackSettings = {
    domain,
    namespace: str('gitlab:namespace', DNS_LABEL, 'a namespace name (DNS label)') ?? 'gitlab',
    release: str('gitlab:release', /^[a-z]([-a-z0-9]{0,18}[a-z0-9])?$/, 'a DNS label of at most 20 characters starting with a letter') ?? 'gitlab',
    edition: (str('gitlab:edition', new RegExp(`^(${EDITIONS.join('|')})$`), EDITIONS.join(' or ')) ?? 'ee') as Edition,
    version: str('gitlab:version', undefined, 'a catalogued GitLab version'),
    kubeconfig: str('gitlab:kubeconfig', undefined, 'kubeconfig text'),
    kubeContext: str('gitlab:kubeContext', undefined, 'a kubeconfig context'),
    ingressClass: str('gitlab:ingressClass', DNS_LABEL, 'an IngressClass name') ?? 'nginx',
    certIssuer: str('gitlab:certIssuer', DNS_LABEL, 'a cert-manager ClusterIssuer name'),
    protect: protectRaw === 'true',
    postgresStorageSize: str('gitlab:postgresStorageSize', QUANTITY, 'a volume size such as 8Gi'),
    objectStorageSize: str('gitlab:objectStorageSize', QUANTITY, 'a volume size such as 10Gi'),
  };
  if (issues.length) throw new GitLabConfigError(issues);
  return settings;
}
