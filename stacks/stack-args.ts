import { ConfigIssue, GitLabConfigError } from '../constructs/config/errors';
import { SizeName } from '../constructs/config/sizing/names';
import { Edition } from '../constructs/config/types';
import { parseStackConfig, StackSettings } from './config';

/**
 * The typed arguments of `GitLabAwsStack`: the same settings as the stack configuration keys
 * (`pulumi config set gitlab:<key>`, see the README's table), with the same checks and defaults.
 */
export interface GitLabAwsStackArgs {
  /** AWS region of every resource. @default the stack's `aws:region` configuration */
  readonly region?: string;
  /** DNS domain; hosts become `gitlab.<domain>`, `registry.<domain>` ... */
  readonly domain: string;
  /** Reference-architecture size preset: instance classes, node types, replicas. @default '3k' */
  readonly size?: SizeName;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** Private subnets of the cluster's VPC, in at least two availability zones. */
  readonly privateSubnetIds: readonly string[];
  /** Security group of the cluster's nodes or pods: the only source admitted to RDS and ElastiCache. */
  readonly clusterSecurityGroupId: string;
  /** IAM OIDC provider ARN of the cluster (IRSA). */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly oidcIssuerUrl: string;
  /** Namespace of the platform. @default 'gitlab' */
  readonly namespace?: string;
  /** Release name: prefixes every object, ElastiCache id and role name. @default 'gitlab' */
  readonly release?: string;
  /** @default 'ee' */
  readonly edition?: Edition;
  /** GitLab version of the images. @default the catalog's version */
  readonly version?: string;
  /** Kubeconfig text (held as a Pulumi secret). @default the ambient configuration (`KUBECONFIG`, `~/.kube/config`) */
  readonly kubeconfig?: string;
  /** Kubeconfig context. @default the kubeconfig's current context */
  readonly kubeContext?: string;
  /** IngressClass of the platform's Ingresses. @default 'nginx' */
  readonly ingressClass?: string;
  /** TLS Secret covering every host; exactly one of this or `certIssuer`. @default none */
  readonly tlsSecretName?: string;
  /** cert-manager issuer that issues the hosts' certificates; exactly one of this or `tlsSecretName`. @default none */
  readonly certIssuer?: string;
  /** @default 'ClusterIssuer' */
  readonly certIssuerKind?: 'Issuer' | 'ClusterIssuer';
  /** Pulumi `protect` + `retainOnDelete` on the database, Redis, buckets, KMS keys and namespace. @default true */
  readonly protect?: boolean;
  /** Place pods on the preset's node pools (nodes labelled `workload: webservice|sidekiq|gitaly|support`). @default false */
  readonly nodePools?: boolean;
  /** RDS for PostgreSQL major version. @default '17' */
  readonly postgresVersion?: '16' | '17';
  /** @default the size preset's class */
  readonly postgresInstanceClass?: string;
  /** @default the size preset's storage */
  readonly postgresAllocatedStorageGb?: number;
  /** Storage autoscaling ceiling. @default the size preset's ceiling */
  readonly postgresMaxAllocatedStorageGb?: number;
  /** @default from the size preset's pods and processes */
  readonly postgresMaxConnections?: number;
  /** @default 5433 */
  readonly postgresPort?: number;
  /** @default 14 */
  readonly postgresBackupRetentionDays?: number;
  /** @default the size preset's node type */
  readonly redisNodeType?: string;
  /** @default the size preset's node count */
  readonly redisNodes?: number;
  /** A separate cache Redis (allkeys-lru). @default true for the sizes that have one (10k and up) */
  readonly redisCache?: boolean;
  /** @default the size preset's cache node type */
  readonly redisCacheNodeType?: string;
  /** @default the size preset's cache node count */
  readonly redisCacheNodes?: number;
  /** Bucket name prefix. @default `gitlab-<account>-<region>` */
  readonly bucketPrefix?: string;
  /** IAM role name prefix. @default `<release>-<stack>-<region>` */
  readonly iamRolePrefix?: string;
  /** SNS topic for RDS and ElastiCache events. @default none */
  readonly notificationTopicArn?: string;
  /** Tags on every AWS resource. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** Namespace of the NGINX ingress controller (the only source of the web backends' traffic). @default 'ingress-nginx' */
  readonly ingressNamespace?: string;
  /** Where PostgreSQL and Redis are (NetworkPolicy destinations). @default the VPC's CIDRs, looked up */
  readonly dataServiceCidrs?: readonly string[];
}

/** Args that are not configuration keys of the stack. */
const ARG_ONLY = ['region'] as const;

/** A configuration key's text in an error message about args: `gitlab:postgresPort` → `postgresPort`. */
function argText(text: string): string {
  return text
    .replace(/pulumi config set (?:--(?:path|secret) )?'?(?:gitlab|aws):(\w+)[^'\s]*'?\s*/g, 'set $1 to ')
    .replace(/pulumi config rm (?:gitlab|aws):(\w+)/g, 'remove $1')
    .replace(/\b(?:gitlab|aws):(\w+)/g, '$1');
}

/**
 * The args checked and completed with defaults, as the stack's settings. Throws one `GitLabConfigError` listing
 * every problem, with the args' names as paths.
 */
export function stackSettings(args: GitLabAwsStackArgs, configRegion?: string): StackSettings {
  const raw = args as unknown as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined
    : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const get = (key: string): string | undefined => {
    if (key === 'aws:region') return text(raw.region) ?? configRegion;
    return key.startsWith('gitlab:') ? text(raw[key.slice('gitlab:'.length)]) : undefined;
  };
  const keys = Object.keys(raw).filter((k) => !(ARG_ONLY as readonly string[]).includes(k) && raw[k] !== undefined).map((k) => `gitlab:${k}`);
  try {
    return parseStackConfig(get, keys);
  } catch (e) {
    if (!(e instanceof GitLabConfigError)) throw e;
    throw new GitLabConfigError(e.issues.map((i): ConfigIssue => ({
      ...i, path: `GitLabAwsStackArgs.${argText(i.path)}`, allowed: argText(i.allowed).replace(/^one of domain, size,/, 'one of region, domain, size,'), fix: argText(i.fix),
    })));
  }
}

/** The args that give these settings (`stackSettings(argsFromSettings(s))` is `s`). */
export function argsFromSettings(s: StackSettings): GitLabAwsStackArgs {
  const tls = s.ingress.tls;
  const args: Record<string, unknown> = {
    region: s.region, domain: s.domain, size: s.size.name, vpcId: s.vpcId, privateSubnetIds: [...s.privateSubnetIds],
    clusterSecurityGroupId: s.clusterSecurityGroupId, oidcProviderArn: s.oidcProviderArn, oidcIssuerUrl: s.oidcIssuerUrl,
    namespace: s.namespace, release: s.release, edition: s.edition, version: s.version, kubeconfig: s.kubeconfig, kubeContext: s.kubeContext,
    ingressClass: s.ingress.className,
    ...('secretName' in tls ? { tlsSecretName: tls.secretName } : { certIssuer: tls.issuer.name, certIssuerKind: tls.issuer.kind }),
    protect: s.protect, nodePools: s.nodePools,
    postgresVersion: s.postgres.version, postgresInstanceClass: s.postgres.instanceClass, postgresAllocatedStorageGb: s.postgres.allocatedStorageGb,
    postgresMaxAllocatedStorageGb: s.postgres.maxAllocatedStorageGb, postgresMaxConnections: s.postgres.maxConnections,
    postgresPort: s.postgres.port, postgresBackupRetentionDays: s.postgres.backupRetentionDays,
    redisNodeType: s.redis.nodeType, redisNodes: s.redis.nodes, redisCache: s.redis.cache !== undefined,
    redisCacheNodeType: s.redis.cache?.nodeType, redisCacheNodes: s.redis.cache?.nodes,
    bucketPrefix: s.bucketPrefix, iamRolePrefix: s.iamRolePrefix, notificationTopicArn: s.notificationTopicArn,
    tags: Object.keys(s.tags).length ? { ...s.tags } : undefined,
    ingressNamespace: s.network.ingressNamespace, dataServiceCidrs: s.network.dataServiceCidrs ? [...s.network.dataServiceCidrs] : undefined,
  };
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as unknown as GitLabAwsStackArgs;
}
