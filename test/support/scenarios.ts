import { App, Chart } from 'cdk8s';
import { GitLabPlatform, GitLabPlatformInput, GitLabPlatformProps } from '../../constructs';
import { resolveConfig } from '../../constructs/config/resolve';
import { ResolvedConfig } from '../../constructs/config/resolved';
import { addClusterIntegrations } from '../../examples/cluster-integrations';
import { productionProps } from './fixtures';
import { KubeObject, synthPlatform, synthPlatformYaml } from './synth';

/** A platform configuration the quality gates check as a whole. */
export interface Scenario {
  /** Short, file-name-safe id (snapshot files are named after it). */
  readonly name: string;
  /** What the scenario covers. */
  readonly description: string;
  readonly props: GitLabPlatformProps;
}

const base = productionProps();

/**
 * The configurations every platform-wide test runs on. Together they turn each optional feature on and off
 * at least once: editions, optional components, IAM roles vs keys, TLS from a Secret vs cert-manager,
 * autoscaling vs fixed replicas, default vs custom placement, default vs custom release/namespace.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'production',
    description: 'the production fixture: EE on RDS, ElastiCache over TLS, S3 with keys, TLS from a Secret',
    props: base,
  },
  {
    name: 'minimal-ce',
    description: 'only the required settings, CE, another release name and namespace, Redis without AUTH',
    props: {
      releaseName: 'code',
      namespace: 'devtools',
      edition: 'ce',
      hosts: { domain: 'code.example.org' },
      postgres: { host: 'db.internal', password: { name: 'pg-password' } },
      redis: { host: 'redis.internal' },
      objectStorage: { connection: { name: 'object-storage' } },
      ingress: { tls: { secretName: 'wildcard-tls' } },
      components: { registry: { storage: { name: 'registry-storage' } } },
    },
  },
  {
    name: 'core-only',
    description: 'production with kas, the registry and gitlab-exporter turned off',
    props: productionProps({
      components: {
        kas: { enabled: false },
        registry: { enabled: false },
        gitlabExporter: { enabled: false },
        toolbox: base.components!.toolbox,
      },
    }),
  },
  {
    name: 'iam-cert-manager',
    description: 'IAM roles for service accounts (one per-component override), TLS from a cert-manager ClusterIssuer, '
      + 'PostgreSQL verify-full with the RDS CA bundle, a custom CA and an image pull secret',
    props: productionProps({
      objectStorage: {
        ...base.objectStorage,
        iamRole: {
          roleArn: 'arn:aws:iam::123456789012:role/gitlab-object-storage',
          perComponent: { registry: 'arn:aws:iam::123456789012:role/gitlab-registry' },
        },
      },
      ingress: { tls: { issuer: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } } },
      postgres: { ...base.postgres, tls: { mode: 'verify-full', rootCertificate: { name: 'rds-ca-bundle', key: 'global-bundle.pem' } } },
      customCAs: [{ secret: 'corporate-ca', keys: ['ca.crt'] }],
      imagePullSecrets: ['registry-credentials'],
    }),
  },
  {
    name: 'fixed-replicas-placement',
    description: 'autoscaling off with fixed replicas everywhere, platform-wide node selector and tolerations, '
      + 'webservice with its own affinity, topology spread and priority class',
    props: productionProps({
      placement: {
        nodeSelector: { 'node.kubernetes.io/pool': 'gitlab' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gitlab', effect: 'NoSchedule' }],
      },
      components: {
        ...base.components,
        webservice: {
          autoscaling: false,
          replicas: 4,
          placement: {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a', 'us-east-1b'] }] }],
                },
              },
            },
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
            priorityClassName: 'gitlab-high',
          },
        },
        sidekiq: { autoscaling: false, replicas: 3 },
        gitlabShell: { autoscaling: false, replicas: 2 },
        registry: { ...base.components!.registry, autoscaling: false, replicas: 2 },
        kas: { autoscaling: false, replicas: 2 },
      },
    }),
  },
  {
    name: 'gateway-api-optional',
    description: 'Gateway API HTTPRoutes on a shared Gateway, TLS from an ACME Issuer the platform creates, SSH through a '
      + 'TCPRoute; every optional component on: Praefect, Pages, spamcheck, mailroom (incoming e-mail and Service Desk), '
      + 'scheduled backups',
    props: productionProps({
      hosts: { domain: 'example.com', ssh: { name: 'ssh.example.com' } },
      ingress: {
        provider: 'gateway-api',
        gatewayApi: { gateway: { name: 'edge', namespace: 'gateways' } },
        tls: { acme: { email: 'ops@example.com' } },
      },
      email: {
        from: 'gitlab@example.com',
        incoming: {
          address: 'incoming+%{key}@example.com',
          user: 'incoming@example.com',
          imap: { host: 'imap.example.com', password: { name: 'incoming-email-password', key: 'password' } },
        },
        serviceDesk: {
          address: 'servicedesk+%{key}@example.com',
          user: 'servicedesk@example.com',
          microsoftGraph: { tenantId: 'contoso.onmicrosoft.com', clientId: '0a1b2c3d-aaaa-bbbb-cccc-0123456789ab', clientSecret: { name: 'graph-client-secret' } },
        },
      },
      components: {
        ...base.components,
        gitlabShell: { expose: { via: 'tcp-route', listener: 'ssh' } },
        praefect: { database: { host: 'praefect-db.abc123.us-east-1.rds.amazonaws.com', password: { name: 'praefect-db-password', key: 'password' } } },
        gitlabPages: { enabled: true },
        spamcheck: { enabled: true },
        toolbox: { ...base.components!.toolbox, backups: { enabled: true, schedule: '0 2 * * *' } },
      },
    }),
  },
  {
    name: 'alb-nlb',
    description: 'an AWS ALB (IngressGroup, ACM certificate) for the web hosts and an NLB for SSH',
    props: productionProps({
      hosts: { domain: 'example.com', ssh: { name: 'ssh.example.com' } },
      ingress: {
        provider: 'alb',
        tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b' },
        alb: { scheme: 'internet-facing', idleTimeoutSeconds: 4000 },
      },
      components: { ...base.components, gitlabShell: { expose: { via: 'aws-nlb' } } },
    }),
  },
  {
    name: 'evaluation',
    description: 'in-cluster PostgreSQL (CloudNativePG, backups to Garage), Valkey (with a cache and metrics) and Garage, from a domain',
    // Without postgres/redis/objectStorage: the in-cluster services fill them (GitLabPlatformInput).
    props: {
      hosts: { domain: 'gitlab.127.0.0.1.nip.io', https: false },
      ingress: { tls: false },
      inClusterServices: { postgres: { backup: {} }, redis: { cache: {}, metrics: true }, objectStorage: true },
    } as GitLabPlatformInput as GitLabPlatformProps,
  },
];

const objectsCache = new Map<string, KubeObject[]>();

/** The scenario's objects (synthesized once per test process). */
export function scenarioObjects(s: Scenario): KubeObject[] {
  let objects = objectsCache.get(s.name);
  if (!objects) {
    objects = synthPlatform(s.props);
    objectsCache.set(s.name, objects);
  }
  return objects;
}

/** The scenario's YAML, as `cdk8s synth` writes it (synthesized afresh on every call). */
export const scenarioYaml = (s: Scenario): string => synthPlatformYaml(s.props);

/**
 * Names of the Secrets a scenario expects to exist outside the manifests: every Secret reference in the resolved
 * configuration (any `{ name, key }` pair), the shared Secrets, custom CAs, image pull secrets and the ingress TLS Secret.
 */
export function externalSecretNames(config: ResolvedConfig): Set<string> {
  const names = new Set<string>([...Object.values(config.secrets), ...config.customCAs.flatMap((c) => (c.secret ? [c.secret] : [])), ...config.imagePullSecrets]);
  if (config.ingress.tls.mode === 'secret') names.add(config.ingress.tls.secretName);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const keys = Object.keys(node).sort().join(',');
      const o = node as Record<string, unknown>;
      if (keys === 'key,name' && typeof o.name === 'string' && typeof o.key === 'string') names.add(o.name);
      else Object.values(o).forEach(walk);
    }
  };
  walk(config);
  return names;
}

/** The resolved configuration of a scenario. */
export const scenarioConfig = (s: Scenario): ResolvedConfig => resolveConfig(s.props);

let clusterObjects: KubeObject[] | undefined;

/**
 * The default app's second chart (examples/cluster-integrations.ts: GitLab Runner, agent, Flux sync), built
 * next to the production platform; synthesized once per test process.
 */
export function clusterIntegrationObjects(): KubeObject[] {
  if (!clusterObjects) {
    const app = new App({ outdir: '/tmp/unused' });
    const platform = new GitLabPlatform(new Chart(app, 'gitlab', { disableResourceNameHashes: true }), 'platform', base);
    clusterObjects = addClusterIntegrations(app, platform).toJson() as KubeObject[];
  }
  return clusterObjects;
}
