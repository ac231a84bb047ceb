import { GitLabConfigError, show } from '../errors';
import type { Resources } from '../workloads/types';
import { NodePoolName, SIZE_NAMES, SizeName } from './names';

/**
 * Size presets from GitLab's reference architectures (Cloud Native Hybrid, chart `examples/ref/<size>.yaml`),
 * with the external services mapped to AWS PaaS classes the way the reference pages and the GitLab Environment
 * Toolkit do (`m5.2xlarge` PostgreSQL node -> `db.m5.2xlarge`). Machine types are the reference's examples, not
 * hard requirements: every class can be overridden per stack.
 */

/** One autoscaled Rails workload (webservice or sidekiq). */
export interface ScaledWorkloadPreset {
  /** HPA floor (the reference recommends 75% of the maximum). */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Per-pod requests and limits. */
  readonly resources: Resources;
  /** HPA CPU target as an average value per pod. */
  readonly hpaCpuAverageValue: string;
}

export interface WebservicePreset extends ScaledWorkloadPreset {
  /** Puma workers per pod. */
  readonly workerProcesses: number;
  /** Pods that may be down during a voluntary disruption. */
  readonly maxUnavailable: number;
}

/** A group of Kubernetes nodes with the reference's AWS example instance type. */
export interface NodePoolPreset {
  readonly count: number;
  readonly instanceType: string;
}

export interface RedisGroupPreset {
  /** ElastiCache node type. */
  readonly nodeType: string;
  /** Primary plus replicas (always at least 2, for automatic failover). */
  readonly nodes: number;
}

export interface SizePreset {
  readonly name: SizeName;
  /** Users the reference architecture is named after. */
  readonly users: number;
  /** Peak requests per second the reference is tested at. */
  readonly rps: { readonly api: number; readonly web: number; readonly gitPull: number; readonly gitPush: number };
  readonly webservice: WebservicePreset;
  readonly sidekiq: ScaledWorkloadPreset & { readonly concurrency: number };
  /** One Gitaly pod (the reference's Gitaly node less room for the kubelet and daemons). */
  readonly gitaly: { readonly resources: Resources };
  /** Node groups the workloads are placed on (label `workload: <pool>`, as the chart's ref examples do). */
  readonly nodePools: Readonly<Record<NodePoolName, NodePoolPreset>>;
  readonly postgres: {
    /** RDS instance class. */
    readonly instanceClass: string;
    /** Memory of the instance class, GiB (sizes buffers and the connection ceiling). */
    readonly memoryGib: number;
    readonly allocatedStorageGb: number;
    /** Storage autoscaling ceiling. */
    readonly maxAllocatedStorageGb: number;
    /** Read replicas the reference recommends for database load balancing (0: none). */
    readonly recommendedReadReplicas: number;
  };
  readonly redis: {
    /** The persistent (or combined) group: queues, shared state, sessions. */
    readonly persistent: RedisGroupPreset;
    /** A separate cache group; absent when one combined group serves everything. */
    readonly cache?: RedisGroupPreset;
  };
}

// Per-pod shapes every reference size shares (chart examples/ref/*.yaml).
const WEB_POD: Resources = { requests: { cpu: '4', memory: '5G' }, limits: { memory: '7G' } };
const SIDEKIQ_POD: Resources = { requests: { cpu: '900m', memory: '2G' }, limits: { memory: '4G' } };
const web = (minReplicas: number, maxReplicas: number, maxUnavailable: number): WebservicePreset => ({
  minReplicas, maxReplicas, maxUnavailable, workerProcesses: 4, resources: WEB_POD, hpaCpuAverageValue: '1600m',
});
const sidekiq = (minReplicas: number, maxReplicas: number) => ({
  minReplicas, maxReplicas, concurrency: 20, resources: SIDEKIQ_POD, hpaCpuAverageValue: '700m',
});
const gitaly = (cpu: string, memoryRequest: string, memoryLimit: string) => ({
  resources: { requests: { cpu, memory: memoryRequest }, limits: { memory: memoryLimit } },
});
const pool = (count: number, instanceType: string): NodePoolPreset => ({ count, instanceType });
const pg = (instanceClass: string, memoryGib: number, allocatedStorageGb: number, recommendedReadReplicas: number) => ({
  instanceClass, memoryGib, allocatedStorageGb, maxAllocatedStorageGb: allocatedStorageGb * 4, recommendedReadReplicas,
});

/** The reference architectures, 2k to 50k users. */
export const SIZE_PRESETS: Readonly<Record<SizeName, SizePreset>> = {
  '2k': {
    name: '2k', users: 2000, rps: { api: 40, web: 4, gitPull: 4, gitPush: 1 },
    webservice: web(2, 3, 1), sidekiq: sidekiq(3, 4), gitaly: gitaly('3', '12G', '14G'),
    nodePools: { webservice: pool(3, 'c5.2xlarge'), sidekiq: pool(2, 'm5.xlarge'), gitaly: pool(1, 'm5.xlarge'), support: pool(2, 'm5.large') },
    postgres: pg('db.m5.large', 8, 100, 0),
    // The reference runs one Redis node at 2k; two keep automatic failover (ElastiCache.3).
    redis: { persistent: { nodeType: 'cache.m5.large', nodes: 2 } },
  },
  '3k': {
    name: '3k', users: 3000, rps: { api: 60, web: 6, gitPull: 6, gitPush: 1 },
    webservice: web(3, 4, 2), sidekiq: sidekiq(6, 8), gitaly: gitaly('3', '12G', '14G'),
    nodePools: { webservice: pool(2, 'c5.4xlarge'), sidekiq: pool(3, 'm5.xlarge'), gitaly: pool(1, 'm5.xlarge'), support: pool(2, 'm5.large') },
    postgres: pg('db.m5.large', 8, 100, 0),
    redis: { persistent: { nodeType: 'cache.m5.large', nodes: 3 } },
  },
  '5k': {
    name: '5k', users: 5000, rps: { api: 100, web: 10, gitPull: 10, gitPush: 2 },
    webservice: web(7, 9, 5), sidekiq: sidekiq(6, 8), gitaly: gitaly('7', '27G', '29G'),
    nodePools: { webservice: pool(3, 'c5.4xlarge'), sidekiq: pool(3, 'm5.xlarge'), gitaly: pool(1, 'm5.2xlarge'), support: pool(2, 'm5.large') },
    postgres: pg('db.m5.xlarge', 16, 200, 0),
    redis: { persistent: { nodeType: 'cache.m5.large', nodes: 3 } },
  },
  '10k': {
    name: '10k', users: 10000, rps: { api: 200, web: 20, gitPull: 20, gitPush: 4 },
    webservice: web(15, 20, 10), sidekiq: sidekiq(10, 14), gitaly: gitaly('15', '56G', '58G'),
    nodePools: { webservice: pool(3, 'c5.9xlarge'), sidekiq: pool(4, 'm5.xlarge'), gitaly: pool(1, 'm5.4xlarge'), support: pool(2, 'm5.xlarge') },
    postgres: pg('db.m5.2xlarge', 32, 500, 2),
    redis: { persistent: { nodeType: 'cache.m5.xlarge', nodes: 3 }, cache: { nodeType: 'cache.m5.xlarge', nodes: 3 } },
  },
  '25k': {
    name: '25k', users: 25000, rps: { api: 500, web: 50, gitPull: 50, gitPush: 10 },
    webservice: web(26, 35, 17), sidekiq: sidekiq(10, 14), gitaly: gitaly('31', '116G', '118G'),
    nodePools: { webservice: pool(5, 'c5.9xlarge'), sidekiq: pool(4, 'm5.xlarge'), gitaly: pool(1, 'm5.8xlarge'), support: pool(2, 'm5.xlarge') },
    postgres: pg('db.m5.4xlarge', 64, 1000, 2),
    redis: { persistent: { nodeType: 'cache.m5.xlarge', nodes: 3 }, cache: { nodeType: 'cache.m5.xlarge', nodes: 3 } },
  },
  '50k': {
    name: '50k', users: 50000, rps: { api: 1000, web: 100, gitPull: 100, gitPush: 20 },
    webservice: web(58, 77, 40), sidekiq: sidekiq(10, 14), gitaly: gitaly('63', '236G', '238G'),
    nodePools: { webservice: pool(11, 'c5.9xlarge'), sidekiq: pool(4, 'm5.xlarge'), gitaly: pool(1, 'm5.16xlarge'), support: pool(2, 'm5.xlarge') },
    postgres: pg('db.m5.8xlarge', 128, 2000, 2),
    redis: { persistent: { nodeType: 'cache.m5.xlarge', nodes: 3 }, cache: { nodeType: 'cache.m5.xlarge', nodes: 3 } },
  },
};

/**
 * The preset of a size name. Throws `GitLabConfigError` naming `path` (the setting the name came from) for an
 * unknown size.
 */
export function sizePreset(name: string, path = 'size'): SizePreset {
  if (!(SIZE_NAMES as readonly string[]).includes(name)) {
    throw new GitLabConfigError([{
      path, value: show(name), allowed: SIZE_NAMES.join(', '),
      fix: 'pick the reference architecture closest to your peak load (users or requests per second)',
    }]);
  }
  return SIZE_PRESETS[name as SizeName];
}

/** Connections a Rails pool may open beyond its threads (GitLab's `DB_POOL_HEADROOM`). */
const POOL_HEADROOM = 10;
/** Puma threads per worker (chart default `puma.threads.max`). */
const PUMA_THREADS = 4;
/** Toolbox, migrations, exporter and administrators. */
const OTHER_CLIENTS = 50;

/**
 * PostgreSQL connections the platform may open at full scale: each Puma worker and each Sidekiq process keeps
 * a pool of threads + headroom, twice over because GitLab holds separate `main` and `ci` connection sets even
 * on one database. Pools open on demand, so this is a ceiling, not the usual load.
 */
export function connectionBudget(p: {
  readonly webservice: Pick<SizePreset['webservice'], 'maxReplicas' | 'workerProcesses'>;
  readonly sidekiq: Pick<SizePreset['sidekiq'], 'maxReplicas' | 'concurrency'>;
}): number {
  const puma = p.webservice.maxReplicas * p.webservice.workerProcesses * (PUMA_THREADS + POOL_HEADROOM);
  const sidekiqPools = p.sidekiq.maxReplicas * (p.sidekiq.concurrency + 1 + POOL_HEADROOM);
  return 2 * (puma + sidekiqPools) + OTHER_CLIENTS;
}

/** GitLab's minimum for external databases. */
export const MIN_MAX_CONNECTIONS = 400;
/** Beyond this a connection pooler (PgBouncer) or read replicas are the answer, not more backends. */
export const MAX_MAX_CONNECTIONS = 5000;

/**
 * `max_connections` for the preset: the connection budget rounded up to a hundred, at least GitLab's minimum
 * of 400 and at most 5,000 (above that, pool connections instead).
 */
export function maxConnections(p: SizePreset): number {
  const rounded = Math.ceil(connectionBudget(p) / 100) * 100;
  return Math.min(MAX_MAX_CONNECTIONS, Math.max(MIN_MAX_CONNECTIONS, rounded));
}
