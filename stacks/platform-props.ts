import * as pulumi from '@pulumi/pulumi';
import { GitLabPlatformProps } from '../constructs/config/types';
import { IrsaComponent } from './aws/iam';
import { NetworkRanges } from './aws/network';
import { StackSettings } from './config';
import { StackSecretRefs } from './kubernetes/secrets';

/** What the stack exports: names, endpoints and ARNs. Never a password, token or key. */
export interface GitLabStackOutputs {
  readonly url: string;
  readonly namespace: string;
  readonly postgresEndpoint: pulumi.Output<string>;
  readonly postgresPort: number;
  readonly redisEndpoint: pulumi.Output<string>;
  readonly redisCacheEndpoint?: pulumi.Output<string>;
  readonly buckets: Readonly<Record<string, string>>;
  readonly iamRoleArns: Readonly<Record<IrsaComponent, string>>;
  readonly kubernetesObjects: number;
  /** The GitLab release deployed (read back by the next update to check the upgrade path). */
  readonly gitlabVersion: string;
}

/** A name AWS accepts as an RDS identifier / ElastiCache id: lower-case, letters, digits, single hyphens. */
export function awsIdentifier(parts: readonly string[], max: number): string {
  const id = parts.join('-').toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^[^a-z]+/, '');
  return id.slice(0, max).replace(/-+$/, '');
}

/** Placeholders for endpoints in the layout props (never applied; see PlatformRelease). */
export const PENDING = { a: 'endpoint-pending-a.invalid', b: 'endpoint-pending-b.invalid' } as const;

export interface PlatformInputs {
  readonly settings: StackSettings;
  readonly refs: StackSecretRefs;
  readonly bucketNames: Readonly<Record<string, string>>;
  readonly roleArns: Readonly<Record<IrsaComponent, string>>;
  readonly postgresPort: number;
  readonly postgresUser: string;
  readonly postgresDatabase: string;
  readonly redisPort: number;
  readonly network: NetworkRanges;
  /** The release running now (`upgrade.fromVersion`). @default none */
  readonly fromVersion?: string;
}

/** The platform's props for this stack: sized by the preset, wired to the managed services and the stack's Secrets. */
export function platformProps(i: PlatformInputs, postgresHost: string, redisHost: string, redisCacheHost?: string): GitLabPlatformProps {
  const s = i.settings;
  const p = s.size;
  return {
    releaseName: s.release,
    namespace: s.namespace,
    edition: s.edition,
    ...(s.version ? { version: s.version } : {}),
    // The preset's node pools (`workload: webservice|sidekiq|gitaly|support`) only when the cluster has them.
    ...(s.nodePools ? { size: p.name } : {}),
    hosts: { domain: s.domain },
    postgres: {
      host: postgresHost,
      port: i.postgresPort,
      database: i.postgresDatabase,
      username: i.postgresUser,
      password: { name: i.refs.postgresPassword.name, key: i.refs.postgresPassword.key },
      // The parameter group refuses plaintext (rds.force_ssl); `require` makes the client refuse it too.
      tls: { mode: 'require' },
    },
    redis: {
      host: redisHost,
      port: i.redisPort,
      scheme: 'rediss',
      password: { name: i.refs.redisPassword.name, key: i.refs.redisPassword.key },
      ...(redisCacheHost ? { cache: { host: redisCacheHost, password: { name: i.refs.redisCachePassword.name, key: i.refs.redisCachePassword.key } } } : {}),
    },
    objectStorage: {
      connection: { name: i.refs.objectStorage.name, key: i.refs.objectStorage.key },
      buckets: {
        artifacts: i.bucketNames.artifacts, lfs: i.bucketNames.lfs, uploads: i.bucketNames.uploads, packages: i.bucketNames.packages,
        externalDiffs: i.bucketNames.externalDiffs, terraformState: i.bucketNames.terraformState, ciSecureFiles: i.bucketNames.ciSecureFiles,
        dependencyProxy: i.bucketNames.dependencyProxy, pages: i.bucketNames.pages,
      },
      backupBucket: i.bucketNames.backups,
      backupTmpBucket: i.bucketNames.tmp,
      iamRole: { roleArn: i.roleArns.webservice, perComponent: { ...i.roleArns } },
    },
    ingress: { className: s.ingress.className, tls: s.ingress.tls },
    // PostgreSQL and Redis only in the VPC, the web backends only from the ingress controller's namespace.
    networkPolicies: { vpcCidrs: [...i.network.dataServiceCidrs], ingressNamespace: s.network.ingressNamespace },
    serviceAccounts: true,
    ...(i.fromVersion ? { upgrade: { fromVersion: i.fromVersion } } : {}),
    components: {
      webservice: {
        workerProcesses: p.webservice.workerProcesses,
        resources: p.webservice.resources,
        autoscaling: { minReplicas: p.webservice.minReplicas, maxReplicas: p.webservice.maxReplicas, cpu: { averageValue: p.webservice.hpaCpuAverageValue } },
        podDisruptionBudget: { maxUnavailable: p.webservice.maxUnavailable },
      },
      sidekiq: {
        concurrency: p.sidekiq.concurrency,
        resources: p.sidekiq.resources,
        autoscaling: { minReplicas: p.sidekiq.minReplicas, maxReplicas: p.sidekiq.maxReplicas, cpu: { averageValue: p.sidekiq.hpaCpuAverageValue } },
      },
      gitaly: { resources: p.gitaly.resources },
      registry: { storage: { name: i.refs.registryStorage.name, key: i.refs.registryStorage.key }, bucket: i.bucketNames.registry },
      toolbox: { backupS3cmdConfig: { name: i.refs.backupS3cmd.name, key: i.refs.backupS3cmd.key } },
    },
  };
}
