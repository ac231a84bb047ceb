import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { httpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import { deployment, podDisruptionBudget, podTemplate, serviceAccount } from '../../lib/workload';
import { clusterGrant, namespacedGrant } from '../common/rbac';
import { clusterScope } from '../common/scope';
import { agentConfigFile, agentConfigFilePath } from './config-file';
import { GitLabAgentProps } from './props';
import { FLUX_CLUSTER_RULES, LEADER_ELECTION_RULES, NAMESPACE_DEPLOY_RULES, REVIEW_APPS_RULES, fluxNamespaceRules } from './rbac';
import { reviewAppsAdmissionPolicy } from './review-apps';
import { ResolvedAgent, resolveAgent } from './resolve';

const OBSERVABILITY_PORT = 8080;
const TOKEN_DIR = '/etc/agentk/secrets';
const SA_TOKEN_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

const fieldEnv = (name: string, fieldPath: string): k8s.EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });

/**
 * The GitLab agent for Kubernetes (agentk) as the official gitlab-agent chart deploys it: two replicas with
 * leader election, the token read from a Secret file, a short-lived projected ServiceAccount token, the
 * observability port with liveness/readiness probes, under the restricted Pod Security Standard.
 *
 * Unlike the chart, nothing binds the agent to cluster-admin unless `rbac.clusterAdmin: true` says so; the presets
 * grant deploy rights per namespace, impersonation for `ci_access`, and the Flux module's rights. `configFile()`
 * renders `.gitlab/agents/<name>/config.yaml` for the agent's project.
 *
 * @see https://docs.gitlab.com/user/clusters/agent/install/
 */
export class GitLabAgent extends Construct {
  /** The agent's name in GitLab. */
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** The KAS address agentk connects to. */
  readonly kasAddress: string;
  /** The Kubernetes context CI jobs select (`<config project>:<agent name>`), when `configProject` is set. */
  readonly kubeContext?: string;
  /** Repository path of the configuration file. */
  readonly configFilePath: string;
  /** The settings after defaults. */
  readonly settings: ResolvedAgent;
  /**
   * With `rbac.reviewApps`: the user to impersonate for Review App jobs. Put it in the configuration file:
   * `ciAccess: { projects: [{ id, environments: ['review/*'], accessAs: { impersonate: { username } } }] }`.
   */
  readonly reviewAppsUsername?: string;

  constructor(scope: Construct, id: string, props: GitLabAgentProps) {
    super(scope, id);
    const a = resolveAgent(id, props);
    this.settings = a;
    this.name = a.name;
    this.namespace = a.namespace;
    this.kasAddress = a.kasAddress;
    this.configFilePath = agentConfigFilePath(a.name);
    if (a.configProject) this.kubeContext = `${a.configProject}:${a.name}`;
    this.reviewAppsUsername = a.rbac.reviewApps?.username;

    const ctx = clusterScope(a.namespace, a.name, a.labels, a.imagePullSecrets);
    const labels = componentLabels(ctx, 'gitlab-agent', a.version);
    this.serviceAccountName = serviceAccount(this, ctx, a.name, labels)!;
    this.grantRbac(a, labels.common);

    const limits = a.resources.limits ?? {};
    const template = podTemplate({
      config: ctx,
      labels,
      workload: { placement: { nodeSelector: a.nodeSelector, tolerations: a.tolerations }, podAnnotations: {}, podLabels: {} },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': String(OBSERVABILITY_PORT) },
      serviceAccountName: this.serviceAccountName,
      // The API token is mounted below as a short-lived projected token, as the chart does.
      automountServiceAccountToken: false,
      containers: [{
        name: 'gitlab-agent',
        image: a.image.ref,
        imagePullPolicy: a.image.pullPolicy,
        args: [
          `--token-file=${TOKEN_DIR}/token`,
          `--kas-address=${a.kasAddress}`,
          ...a.kasHeaders.flatMap((h) => ['--kas-header', h]),
        ],
        env: [
          fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
          fieldEnv('POD_NAME', 'metadata.name'),
          fieldEnv('SERVICE_ACCOUNT_NAME', 'spec.serviceAccountName'),
          ...(limits.cpu ? [{ name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] : []),
          ...(limits.memory ? [{ name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }] : []),
          // Operational container scanning reads every Secret in the cluster: off unless configured separately.
          ...envList({ OCS_ENABLED: 'false' }, a.extraEnv, `GitLabAgent(${a.name}).extraEnv`),
        ],
        ports: [{ name: 'observability', containerPort: OBSERVABILITY_PORT, protocol: 'TCP' }],
        livenessProbe: httpProbe('/liveness', OBSERVABILITY_PORT, { delay: 15, period: 20, timeout: 1, failures: 3 }),
        readinessProbe: httpProbe('/readiness', OBSERVABILITY_PORT, { delay: 5, period: 10, timeout: 1, failures: 3 }),
        terminationMessagePolicy: 'FallbackToLogsOnError',
        volumeMounts: [
          { name: 'service-account-token-volume', mountPath: SA_TOKEN_DIR, readOnly: true },
          { name: 'secret-volume', mountPath: TOKEN_DIR, readOnly: true },
        ],
        securityContext: { ...containerSecurityContext(), readOnlyRootFilesystem: true },
        resources: resources(a.resources),
      }],
      volumes: [
        {
          name: 'service-account-token-volume',
          projected: {
            defaultMode: 0o444,
            sources: [
              { configMap: { name: 'kube-root-ca.crt' } },
              { downwardApi: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
              { serviceAccountToken: { expirationSeconds: 3600, path: 'token' } },
            ],
          },
        },
        { name: 'secret-volume', secret: { secretName: a.token.name, items: [{ key: a.token.key, path: 'token' }], defaultMode: 0o440 } },
      ],
    });
    deployment(this, ctx, a.name, labels, { replicas: a.replicas }, template,
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) } });
    if (a.pdb && a.replicas > 1) podDisruptionBudget(this, ctx, a.name, labels, a.pdb.maxUnavailable);
  }

  /** The YAML of `.gitlab/agents/<name>/config.yaml` from `configFile` (an empty mapping when none was given). */
  configFile(): string {
    return agentConfigFile(this.settings.configFile ?? {}, this.name);
  }

  private grantRbac(a: ResolvedAgent, labels: Record<string, string>): void {
    const subject = { name: this.serviceAccountName, namespace: a.namespace };
    const clusterName = (suffix: string) => `${a.namespace}:${a.name}-${suffix}`;
    namespacedGrant(this, 'leader-election', { name: a.name, namespace: a.namespace, labels, rules: LEADER_ELECTION_RULES, subject });
    if (a.rbac.clusterAdmin) {
      clusterGrant(this, 'cluster-admin', { name: clusterName('cluster-admin'), labels, existingRole: 'cluster-admin', subject });
    }
    if (a.rbac.existingClusterRole) {
      clusterGrant(this, 'existing-role', { name: clusterName(a.rbac.existingClusterRole), labels, existingRole: a.rbac.existingClusterRole, subject });
    }
    for (const ns of a.rbac.namespaces) {
      namespacedGrant(this, `deploy-${ns}`, { name: `${a.name}-deploy`, namespace: ns, labels, rules: NAMESPACE_DEPLOY_RULES, subject });
    }
    if (a.rbac.reviewApps) {
      clusterGrant(this, 'review-apps', {
        name: clusterName('review-apps'), labels, rules: REVIEW_APPS_RULES, subject: { kind: 'User', name: a.rbac.reviewApps.username },
      });
      reviewAppsAdmissionPolicy(this, `${a.namespace}-${a.name}-review-apps`, labels, a.rbac.reviewApps);
    }
    if (a.rbac.impersonation) {
      clusterGrant(this, 'impersonate', { name: clusterName('impersonate'), labels, rules: a.rbac.impersonation, subject });
    }
    if (a.rbac.fluxNamespaces.length) {
      clusterGrant(this, 'flux', { name: clusterName('flux'), labels, rules: FLUX_CLUSTER_RULES, subject });
      for (const ns of a.rbac.fluxNamespaces) {
        namespacedGrant(this, `flux-${ns}`, { name: `${a.name}-flux`, namespace: ns, labels, rules: fluxNamespaceRules(a.rbac.fluxGitRepositories), subject });
      }
    }
  }
}
