// GitLab's three ways of working with a Kubernetes cluster, next to the platform they talk to:
// - a GitLab Runner that runs CI jobs as pods (kubernetes executor, S3 cache through an IAM role),
// - the GitLab agent (agentk) that gives CI jobs a Kubernetes context for push-based deployment,
// - a Flux sync that pulls the platform's own manifests from Git (pull-based, GitLab's recommended GitOps).
// Each needs one Secret created out of band: the runner's glrt- token, the agent token, a read-only deploy token.
import { App, Chart } from 'cdk8s';
import { FluxSync, GitLabAgent, GitLabPlatform, GitLabRunner } from '../constructs';

/** The project that holds the agent's `.gitlab/agents/<name>/config.yaml` (and the manifests Flux syncs). */
const MANAGEMENT_PROJECT = 'platform/cluster-management';

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
    // Deploy rights in the platform's namespace only; the Flux module may manage Receivers in flux-system.
    rbac: { namespaces: [platform.config.namespace], flux: { namespaces: ['flux-system'] } },
    configFile: {
      ciAccess: { projects: [{ id: MANAGEMENT_PROJECT, defaultNamespace: platform.config.namespace, environments: ['production'] }] },
      flux: true,
    },
  });

  new FluxSync(chart, 'gitlab-platform', {
    source: {
      git: {
        url: `${platform.config.hosts.gitlab.url}/${MANAGEMENT_PROJECT}.git`,
        branch: 'main',
        // A project deploy token with read_repository, as a Secret with username/password keys.
        secretRef: { name: 'cluster-management-deploy-token' },
      },
    },
    path: './manifests/gitlab',
    prune: true,
    timeout: '10m',
    // The agent triggers reconciliation on push (flux: true above); the webhook serves GitLab without the agent.
    receiver: { type: 'gitlab', secret: { name: 'cluster-management-webhook-token' } },
  });

  return chart;
}
