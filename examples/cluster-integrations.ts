// GitLab's three ways of working with a Kubernetes cluster, next to the platform they talk to:
// - a GitLab Runner that runs CI jobs as pods (kubernetes executor, S3 cache through an IAM role),
// - the GitLab agent (agentk) that gives CI jobs a Kubernetes context for push-based deployment: an application's
//   environments are partitioned namespaces its jobs' impersonated identity may deploy into, its Review Apps
//   namespaces the Review App identity creates and deletes within the review- prefix,
// - a Flux sync that pulls the platform's own manifests from Git (pull-based, GitLab's recommended GitOps).
// Each needs one Secret created out of band: the runner's glrt- token, the agent token, a read-only deploy token.
import { App, Chart } from 'cdk8s';
import { FluxSync, GitLabAgent, GitLabPlatform, GitLabRunner, NamespacePartition } from '../constructs';

/** The project that holds the agent's `.gitlab/agents/<name>/config.yaml` (and the manifests Flux syncs). */
const MANAGEMENT_PROJECT = 'platform/cluster-management';
/** The application deployed by the push pipeline (examples/web-app), its environments and their namespaces. */
const APP_PROJECT = 'apps/web-app';
const APP_ENVIRONMENTS = { staging: 'web-app-staging', production: 'web-app-production' } as const;
/** Who the agent impersonates for the application's deploy jobs: bound to the deploy Role of its partitions only. */
const APP_DEPLOYER = 'gitlab-agent:production:web-app';

/** Adds the `cluster-integrations` chart (runner, agent, Flux sync) for the given platform to the app. */
export function addClusterIntegrations(app: App, platform: GitLabPlatform): Chart {
  const chart = new Chart(app, 'cluster-integrations', { disableResourceNameHashes: true });

  new GitLabRunner(chart, 'gitlab-runner', {
    platform,
    token: { name: 'gitlab-runner-token', key: 'runner-token' },
    concurrent: 20,
    cache: { s3: { bucket: 'gl-runner-cache', region: 'us-east-1', iamRoleArn: 'arn:aws:iam::123456789012:role/gitlab-runner-cache' } },
    jobs: {
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      podLabels: { 'app.kubernetes.io/part-of': 'gitlab-ci-jobs' },
    },
  });

  new GitLabAgent(chart, 'production', {
    platform,
    token: { name: 'gitlab-agent-token', key: 'token' },
    configProject: MANAGEMENT_PROJECT,
    // Deploy rights in the platform's namespace only; the Flux module may manage the Receiver (and its Secret) of
    // the platform's GitRepository in flux-system; Review Apps get their own identity, confined to review-*.
    rbac: {
      namespaces: [platform.config.namespace],
      flux: { namespaces: ['flux-system'], gitRepositories: ['gitlab-platform'] },
      reviewApps: { namespacePrefix: 'review-' },
    },
    configFile: {
      ciAccess: {
        projects: [
          { id: MANAGEMENT_PROJECT, defaultNamespace: platform.config.namespace, environments: ['production'] },
          { id: APP_PROJECT, environments: Object.keys(APP_ENVIRONMENTS), accessAs: { impersonate: { username: APP_DEPLOYER } } },
        ],
        groups: [{ id: 'apps', environments: ['review/*'], accessAs: { impersonate: { username: 'gitlab-agent:production:review-apps' } } }],
      },
      flux: true,
    },
  });

  for (const namespace of Object.values(APP_ENVIRONMENTS)) {
    new NamespacePartition(chart, namespace, { namespace, purpose: 'application', deployers: [{ kind: 'User', name: APP_DEPLOYER }] });
  }

  new FluxSync(chart, 'gitlab-platform', {
    source: {
      git: {
        url: `${platform.config.hosts.gitlab.url}/${MANAGEMENT_PROJECT}.git`,
        branch: 'main',
        // A project deploy token with read_repository, as a Secret with username/password keys.
        secretRef: { name: 'cluster-management-deploy-token' },
      },
    },
    // The directory `npm run synth` writes; its kustomization.yaml names the platform's chart only.
    path: './dist',
    prune: true,
    timeout: '10m',
    // The agent triggers reconciliation on push (flux: true above); the webhook serves GitLab without the agent.
    receiver: { type: 'gitlab', secret: { name: 'cluster-management-webhook-token' } },
  });

  return chart;
}
