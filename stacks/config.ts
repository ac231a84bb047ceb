import { ConfigIssue, GitLabConfigError, show } from '../constructs/config/errors';
import { SIZE_NAMES } from '../constructs/config/sizing/names';
import { maxConnections, SizePreset, sizePreset } from '../constructs/config/sizing/presets';
import { Edition } from '../constructs/config/types';
import { EDITIONS } from '../constructs/config/images/names';
import { DNS_LABEL } from '../constructs/config/common/rules';
import { closest } from '../constructs/config/schema';

/**
 * The stack's configuration (`pulumi config set gitlab:<key> ...`), read and checked once, here. Every problem is
 * reported together in one `GitLabConfigError` whose paths are the config keys to fix.
 */
export interface StackSettings {
  readonly region: string;
  readonly domain: string;
  readonly size: SizePreset;
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  readonly clusterSecurityGroupId: string;
  readonly oidcProviderArn: string;
  readonly oidcIssuerUrl: string;
  readonly namespace: string;
  readonly release: string;
  readonly edition: Edition;
  readonly version?: string;
  /** Kubeconfig text (a secret); absent: the provider's ambient configuration (`KUBECONFIG`, `~/.kube/config`). */
  readonly kubeconfig?: string;
  readonly kubeContext?: string;
  readonly ingress: { readonly className: string; readonly tls: { readonly secretName: string } | { readonly issuer: { readonly name: string; readonly kind: 'Issuer' | 'ClusterIssuer' } } };
  readonly protect: boolean;
  /** Place pods on the preset's node pools (nodes labelled `workload: webservice|sidekiq|gitaly|support`). */
  readonly nodePools: boolean;
  readonly postgres: {
    readonly version: string;
    readonly instanceClass: string;
    readonly memoryGib: number;
    readonly allocatedStorageGb: number;
    readonly maxAllocatedStorageGb: number;
    readonly maxConnections: number;
    readonly port: number;
    readonly backupRetentionDays: number;
  };
  readonly redis: {
    readonly nodeType: string;
    readonly nodes: number;
    /** Separate cache group; absent when one group serves everything. */
    readonly cache?: { readonly nodeType: string; readonly nodes: number };
  };
  /** Bucket name prefix; absent: `gitlab-<account>-<region>`, decided once the account is known. */
  readonly bucketPrefix?: string;
  /** IAM role name prefix; absent: `<release>-<stack>-<region>`. */
  readonly iamRolePrefix?: string;
  readonly notificationTopicArn?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The platform's network paths (NetworkPolicies). */
  readonly network: {
    /** Namespace of the NGINX ingress controller (who reaches the web backends). */
    readonly ingressNamespace: string;
    /** Where PostgreSQL and Redis are; absent: the VPC's CIDRs, looked up. */
    readonly dataServiceCidrs?: readonly string[];
  };
}

/** Every `gitlab:` key the program reads. Anything else under `gitlab:` is refused. */
export const CONFIG_KEYS = [
  'domain', 'size', 'vpcId', 'privateSubnetIds', 'clusterSecurityGroupId', 'oidcProviderArn', 'oidcIssuerUrl',
  'namespace', 'release', 'edition', 'version', 'kubeconfig', 'kubeContext', 'ingressClass', 'tlsSecretName', 'certIssuer',
  'certIssuerKind', 'protect', 'nodePools', 'postgresVersion', 'postgresInstanceClass', 'postgresAllocatedStorageGb',
  'postgresMaxAllocatedStorageGb', 'postgresMaxConnections', 'postgresPort', 'postgresBackupRetentionDays',
  'redisNodeType', 'redisNodes', 'redisCache', 'redisCacheNodeType', 'redisCacheNodes', 'bucketPrefix', 'iamRolePrefix',
  'notificationTopicArn', 'tags', 'ingressNamespace', 'dataServiceCidrs', 'mode',
] as const;

export type ConfigGetter = (key: string) => string | undefined;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Memory of an RDS instance class from its shape (`db.<family>.<size>`); undefined when not recognised. */
export function instanceMemoryGib(instanceClass: string): number | undefined {
  const m = /^db\.([a-z]+)\d+[a-z]*\.(?:(\d*)x)?large$/.exec(instanceClass);
  if (!m) return undefined;
  const vcpu = m[2] === undefined ? 2 : 4 * Number(m[2] || 1);
  const perVcpu = m[1].startsWith('r') || m[1].startsWith('x') ? 8 : m[1].startsWith('c') ? 2 : 4;
  return vcpu * perVcpu;
}

/**
 * Reads and checks the stack configuration. `get` returns the raw string of a fully qualified key
 * (`gitlab:domain`, `aws:region`); `allKeys` lists every key set, to refuse unknown `gitlab:` keys.
 */
export function parseStackConfig(get: ConfigGetter, allKeys: readonly string[] = []): StackSettings {
  const issues: ConfigIssue[] = [];
  const fail = (key: string, value: unknown, allowed: string, fix: string) => issues.push({ path: key, value: show(value), allowed, fix });
  const known = new Set<string>(CONFIG_KEYS.map((k) => `gitlab:${k}`));
  for (const k of allKeys) {
    if (k.startsWith('gitlab:') && !known.has(k)) {
      const near = closest(k.slice('gitlab:'.length), CONFIG_KEYS);
      fail(k, get(k), `one of ${CONFIG_KEYS.join(', ')}`, near
        ? `did you mean 'gitlab:${near}'? Set that key instead, and remove it (pulumi config rm ${k}); unknown keys are never ignored`
        : `remove it (pulumi config rm ${k}) or correct its spelling; unknown keys are never ignored`);
    }
  }

  const str = (key: string, required: boolean, pattern?: RegExp, allowed = 'a value', fix = `pulumi config set ${key} <value>`): string | undefined => {
    const v = get(key);
    if (v === undefined || v === '') {
      if (required) fail(key, undefined, allowed, fix);
      return undefined;
    }
    if (pattern && !pattern.test(v)) fail(key, v, allowed, fix);
    return v;
  };
  const int = (key: string, dflt: number, min: number, max: number): number => {
    const v = get(key);
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) fail(key, v, `an integer from ${min} to ${max}`, `pulumi config set ${key} ${dflt}`);
    return n;
  };
  const bool = (key: string, dflt: boolean): boolean => {
    const v = get(key);
    if (v === undefined || v === '') return dflt;
    if (v !== 'true' && v !== 'false') fail(key, v, 'true or false', `pulumi config set ${key} ${dflt}`);
    return v === 'true';
  };

  const region = str('aws:region', true, /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1', 'pulumi config set aws:region eu-central-1') ?? 'us-east-1';
  const domain = str('gitlab:domain', true, DOMAIN, 'a lower-case DNS domain such as example.com (hosts become gitlab.<domain>, registry.<domain> ...)') ?? 'example.com';

  let size: SizePreset = sizePreset('3k');
  const sizeName = get('gitlab:size') ?? '3k';
  try {
    size = sizePreset(sizeName, 'gitlab:size');
  } catch (e) {
    if (e instanceof GitLabConfigError) issues.push(...e.issues); else throw e;
  }

  const vpcId = str('gitlab:vpcId', true, /^vpc-[0-9a-f]{8,17}$/, 'a VPC id (vpc-...)', 'pulumi config set gitlab:vpcId vpc-0123456789abcdef0') ?? '';
  let privateSubnetIds: string[] = [];
  const rawSubnets = get('gitlab:privateSubnetIds');
  const subnetFix = 'pulumi config set --path \'gitlab:privateSubnetIds[0]\' subnet-... (one private subnet per availability zone, at least two)';
  if (rawSubnets === undefined) {
    fail('gitlab:privateSubnetIds', undefined, 'a list of at least two private subnet ids in different availability zones', subnetFix);
  } else {
    let parsed: unknown;
    try { parsed = JSON.parse(rawSubnets); } catch { parsed = undefined; }
    if (!Array.isArray(parsed) || parsed.some((s) => typeof s !== 'string' || !/^subnet-[0-9a-f]{8,17}$/.test(s))) {
      fail('gitlab:privateSubnetIds', rawSubnets, 'a list of subnet ids (subnet-...)', subnetFix);
    } else if (new Set(parsed).size < 2) {
      fail('gitlab:privateSubnetIds', parsed, 'at least two distinct subnets (RDS Multi-AZ and ElastiCache failover need two availability zones)', subnetFix);
    } else {
      privateSubnetIds = [...new Set(parsed as string[])];
    }
  }
  const clusterSecurityGroupId = str('gitlab:clusterSecurityGroupId', true, /^sg-[0-9a-f]{8,17}$/, 'the security group of the cluster\'s nodes or pods (sg-...)', 'use the EKS cluster security group id') ?? '';
  const oidcProviderArn = str('gitlab:oidcProviderArn', true, undefined, 'the IAM OIDC provider ARN of the cluster') ?? '';
  const oidcIssuerUrl = str('gitlab:oidcIssuerUrl', true, undefined, 'the cluster\'s OIDC issuer URL (https://oidc.eks.<region>.amazonaws.com/id/<id>)') ?? '';
  const namespace = str('gitlab:namespace', false, DNS_LABEL, 'a namespace name (DNS label)') ?? 'gitlab';
  const release = str('gitlab:release', false, /^[a-z]([-a-z0-9]{0,18}[a-z0-9])?$/, 'a DNS label of at most 20 characters starting with a letter (prefixes every object, ElastiCache id and role name)') ?? 'gitlab';
  const edition = (str('gitlab:edition', false, new RegExp(`^(${EDITIONS.join('|')})$`), EDITIONS.join(' or ')) ?? 'ee') as Edition;
  const version = str('gitlab:version', false);
  const kubeconfig = str('gitlab:kubeconfig', false);
  const kubeContext = str('gitlab:kubeContext', false);
  const className = str('gitlab:ingressClass', false, DNS_LABEL, 'an IngressClass name') ?? 'nginx';

  const tlsSecretName = str('gitlab:tlsSecretName', false, DNS_LABEL, 'a Secret name');
  const certIssuer = str('gitlab:certIssuer', false, DNS_LABEL, 'a cert-manager issuer name');
  const certIssuerKind = (str('gitlab:certIssuerKind', false, /^(Issuer|ClusterIssuer)$/, 'Issuer or ClusterIssuer') ?? 'ClusterIssuer') as 'Issuer' | 'ClusterIssuer';
  if (!tlsSecretName === !certIssuer) {
    fail(tlsSecretName ? 'gitlab:certIssuer' : 'gitlab:tlsSecretName', tlsSecretName && certIssuer ? certIssuer : undefined,
      'exactly one of gitlab:tlsSecretName (a TLS Secret covering every host) or gitlab:certIssuer (a cert-manager issuer)',
      tlsSecretName ? 'pulumi config rm gitlab:certIssuer' : 'pulumi config set gitlab:tlsSecretName gitlab-tls, or gitlab:certIssuer letsencrypt');
  }
  const tls = tlsSecretName ? { secretName: tlsSecretName } : { issuer: { name: certIssuer ?? '', kind: certIssuerKind } };

  const protect = bool('gitlab:protect', true);
  const nodePools = bool('gitlab:nodePools', false);

  const pgVersion = get('gitlab:postgresVersion') ?? '17';
  if (!['16', '17'].includes(pgVersion)) {
    fail('gitlab:postgresVersion', pgVersion, '17 or 16 (RDS for PostgreSQL; GitLab 18 needs 16 or newer; Aurora is not supported)', 'pulumi config set gitlab:postgresVersion 17');
  }
  const instanceClass = str('gitlab:postgresInstanceClass', false, /^db\.[a-z0-9]+\.[a-z0-9]+$/, 'an RDS instance class such as db.m5.2xlarge') ?? size.postgres.instanceClass;
  const allocatedStorageGb = int('gitlab:postgresAllocatedStorageGb', size.postgres.allocatedStorageGb, 20, 65536);
  const maxAllocatedStorageGb = int('gitlab:postgresMaxAllocatedStorageGb', Math.max(size.postgres.maxAllocatedStorageGb, allocatedStorageGb), 20, 65536);
  if (maxAllocatedStorageGb < allocatedStorageGb) {
    fail('gitlab:postgresMaxAllocatedStorageGb', maxAllocatedStorageGb, `at least gitlab:postgresAllocatedStorageGb (${allocatedStorageGb})`, 'raise the ceiling');
  }
  const pgMaxConnections = int('gitlab:postgresMaxConnections', maxConnections(size), 400, 262143);
  const port = int('gitlab:postgresPort', 5433, 1150, 65535);
  if (port === 5432) fail('gitlab:postgresPort', port, 'any port but the engine default 5432 (RDS.23)', 'pulumi config set gitlab:postgresPort 5433');
  const backupRetentionDays = int('gitlab:postgresBackupRetentionDays', 14, 7, 35);
  const memoryGib = instanceClass === size.postgres.instanceClass ? size.postgres.memoryGib : instanceMemoryGib(instanceClass) ?? 8;

  const redisNodeType = str('gitlab:redisNodeType', false, /^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'an ElastiCache node type such as cache.m5.large') ?? size.redis.persistent.nodeType;
  const redisNodes = int('gitlab:redisNodes', size.redis.persistent.nodes, 2, 6);
  const splitCache = bool('gitlab:redisCache', size.redis.cache !== undefined);
  const cacheDefault = size.redis.cache ?? size.redis.persistent;
  const cache = splitCache ? {
    nodeType: str('gitlab:redisCacheNodeType', false, /^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'an ElastiCache node type') ?? cacheDefault.nodeType,
    nodes: int('gitlab:redisCacheNodes', cacheDefault.nodes, 2, 6),
  } : undefined;

  // 46 = 63 (S3 limit) - 17 ('-dependency-proxy', the longest suffix).
  const bucketPrefix = str('gitlab:bucketPrefix', false, /^[a-z0-9][a-z0-9-]{1,44}[a-z0-9]$/, 'lower-case letters, digits and hyphens, 3-46 characters');
  const iamRolePrefix = str('gitlab:iamRolePrefix', false, /^[\w+=,.@-]{1,53}$/, 'at most 53 characters of letters, digits and +=,.@_-');
  const notificationTopicArn = str('gitlab:notificationTopicArn', false, /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'an SNS topic ARN');
  let tags: Record<string, string> = {};
  const rawTags = get('gitlab:tags');
  if (rawTags !== undefined) {
    let parsed: unknown;
    try { parsed = JSON.parse(rawTags); } catch { parsed = undefined; }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
      fail('gitlab:tags', rawTags, 'a map of tag names to string values', 'pulumi config set --path \'gitlab:tags.team\' platform');
    } else {
      tags = parsed as Record<string, string>;
    }
  }

  const ingressNamespace = str('gitlab:ingressNamespace', false, DNS_LABEL, 'the namespace of the NGINX ingress controller (DNS label)') ?? 'ingress-nginx';
  let dataServiceCidrs: string[] | undefined;
  const rawCidrs = get('gitlab:dataServiceCidrs');
  if (rawCidrs !== undefined) {
    let parsed: unknown;
    try { parsed = JSON.parse(rawCidrs); } catch { parsed = undefined; }
    const cidr = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-f:]+\/\d{1,3}$/i;
    if (!Array.isArray(parsed) || !parsed.length || parsed.some((c) => typeof c !== 'string' || !cidr.test(c) || /^(0\.0\.0\.0|::)\/0$/.test(c))) {
      fail('gitlab:dataServiceCidrs', rawCidrs, 'a non-empty list of CIDRs narrower than any address (e.g. the VPC\'s 10.0.0.0/16)',
        'pulumi config set --path \'gitlab:dataServiceCidrs[0]\' 10.0.0.0/16, or remove it to use the VPC\'s CIDRs');
    } else {
      dataServiceCidrs = parsed as string[];
    }
  }

  if (issues.length) throw new GitLabConfigError(issues);
  return {
    network: { ingressNamespace, ...(dataServiceCidrs ? { dataServiceCidrs } : {}) },
    region, domain, size, vpcId, privateSubnetIds, clusterSecurityGroupId, oidcProviderArn, oidcIssuerUrl,
    namespace, release, edition, version, kubeconfig, kubeContext,
    ingress: { className, tls }, protect, nodePools,
    postgres: { version: pgVersion, instanceClass, memoryGib, allocatedStorageGb, maxAllocatedStorageGb, maxConnections: pgMaxConnections, port, backupRetentionDays },
    redis: { nodeType: redisNodeType, nodes: redisNodes, cache },
    bucketPrefix, iamRolePrefix, notificationTopicArn, tags,
  };
}

/** Sizes the stack accepts, for messages and docs. */
export const STACK_SIZES = SIZE_NAMES;

export interface SubnetFacts {
  readonly id: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly mapPublicIpOnLaunch: boolean;
}

/**
 * Checks the looked-up subnets: in the configured VPC, private (no public IPs on launch: RDS.46), and spread over
 * at least two availability zones. Throws `GitLabConfigError` naming `gitlab:privateSubnetIds`.
 */
export function checkSubnets(vpcId: string, subnets: readonly SubnetFacts[]): void {
  const issues: ConfigIssue[] = [];
  const key = 'gitlab:privateSubnetIds';
  for (const s of subnets) {
    if (s.mapPublicIpOnLaunch) issues.push({ path: key, value: show(s.id), allowed: 'private subnets only (mapPublicIpOnLaunch false)', fix: `replace ${s.id}, a public subnet, with a private subnet of the same availability zone` });
    if (s.vpcId !== vpcId) issues.push({ path: key, value: show(s.id), allowed: `subnets of gitlab:vpcId (${vpcId})`, fix: `${s.id} is in ${s.vpcId}: use subnets of the cluster's VPC` });
  }
  const zones = new Set(subnets.map((s) => s.availabilityZone));
  if (subnets.length && zones.size < 2) {
    issues.push({ path: key, value: show(subnets.map((s) => s.id)), allowed: 'subnets in at least two availability zones', fix: 'add a private subnet of another availability zone' });
  }
  if (issues.length) throw new GitLabConfigError(issues);
}
