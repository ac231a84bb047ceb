import { Rule } from '../common/rbac';

/**
 * Leader election in the agent's own namespace: a coordination.k8s.io Lease `agent-<id>-lock` (the id is only
 * known to GitLab, so no resourceNames) and the events the election records.
 */
export const LEADER_ELECTION_RULES: readonly Rule[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];

const ALL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const READ = ['get', 'list', 'watch'];

/**
 * "Deploy into this namespace": apply, server-side-apply and prune the namespaced objects an application (or
 * this library's output) consists of, and read pods, logs and events to report rollout status. No RBAC objects,
 * no cluster-scoped kinds, and no Secrets: the manifests carry none (they come from the Pulumi stack or a secret
 * store), so a deploy job has no business reading them.
 */
export const NAMESPACE_DEPLOY_RULES: readonly Rule[] = [
  { apiGroups: [''], resources: ['configmaps', 'persistentvolumeclaims', 'serviceaccounts', 'services'], verbs: ALL },
  { apiGroups: [''], resources: ['endpoints', 'events', 'pods', 'pods/log'], verbs: READ },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'statefulsets'], verbs: ALL },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: ALL },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: ALL },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL },
];

/**
 * Review Apps: namespaces come and go with merge requests, so the identity of Review App jobs holds its rights
 * cluster-wide; the ValidatingAdmissionPolicy (`review-apps.ts`) confines every write to the prefix. Besides the
 * deploy rights it applies its partition (quota, limit range; NetworkPolicies are in the deploy rights).
 */
export const REVIEW_APPS_RULES: readonly Rule[] = [
  { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'delete', 'get', 'list', 'patch'] },
  { apiGroups: [''], resources: ['limitranges', 'resourcequotas'], verbs: ['create', 'get', 'list', 'patch', 'update'] },
  ...NAMESPACE_DEPLOY_RULES,
];

/** The extra attributes KAS sets when it impersonates a CI job or user (agentk source, `kubernetes_api/server/proxy.go`). */
export const AGENT_EXTRA_KEYS = [
  'agent.gitlab.com/access_type', 'agent.gitlab.com/ci_job_id', 'agent.gitlab.com/ci_pipeline_id', 'agent.gitlab.com/config_project_id',
  'agent.gitlab.com/environment_slug', 'agent.gitlab.com/environment_tier', 'agent.gitlab.com/id', 'agent.gitlab.com/project_id',
  'agent.gitlab.com/username',
];

/** Impersonation for `ci_job`, `impersonate` and `user` access modes. */
export function impersonationRules(extraKeys: readonly string[], uids: boolean): Rule[] {
  const keys = [...new Set([...AGENT_EXTRA_KEYS, ...extraKeys])].sort();
  return [
    { apiGroups: [''], resources: ['groups', 'serviceaccounts', 'users'], verbs: ['impersonate'] },
    { apiGroups: ['authentication.k8s.io'], resources: [...keys.map((k) => `userextras/${k}`), ...(uids ? ['uids'] : [])], verbs: ['impersonate'] },
  ];
}

/** Cluster-wide reads of the Flux module: its informers watch GitRepositories and Receivers everywhere. */
export const FLUX_CLUSTER_RULES: readonly Rule[] = [
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list'] },
  { apiGroups: ['notification.toolkit.fluxcd.io'], resources: ['receivers'], verbs: READ },
  { apiGroups: ['source.toolkit.fluxcd.io'], resources: ['gitrepositories'], verbs: READ },
];

/** Name of the Receiver (and its Secret) the Flux module applies for a GitRepository. */
export const fluxReceiverName = (gitRepository: string): string => `gitlab-${gitRepository}`;

/**
 * Where GitRepositories live, the module server-side-applies a Receiver `gitlab-<repo>` and its Secret. Secrets
 * only by name: those of the listed GitRepositories (server-side apply authorizes the create with the name, so
 * `resourceNames` holds for it too); never the namespace's other Secrets (Git credentials, SOPS keys).
 */
export function fluxNamespaceRules(gitRepositories: readonly string[]): Rule[] {
  const names = [...gitRepositories].sort().map(fluxReceiverName);
  return [
    ...(names.length ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'get', 'patch', 'update'], resourceNames: names }] : []),
    { apiGroups: ['notification.toolkit.fluxcd.io'], resources: ['receivers'], verbs: ['create', 'get', 'patch', 'update'] },
  ];
}
