import { Check } from '../../config/schema';
import { show } from '../../config/errors';

/**
 * `runnerConfig`: the user's own `[[runners]]` settings of config.toml, merged with what the construct writes. The
 * settings below are the construct's: each is set through the typed prop named here (so it is validated, and the
 * partition, RBAC and Pod Security labels follow it), or cannot work with the runner gitlab-iac builds.
 */
export const RUNNER_OWNED: Readonly<Record<string, string>> = {
  url: 'gitlabUrl (or platform)',
  token: 'token (a Secret reference; a token in config.toml would land in the ConfigMap)',
  token_obtained_at: 'token', token_expires_at: 'token',
  executor: 'nothing: gitlab-iac runs the kubernetes executor',
  limit: 'limit', request_concurrency: 'requestConcurrency',
  cache: 'cache (s3, gcs or azure)',
};

/** `[runners.kubernetes]` settings owned by typed props, or refused with the reason. */
export const KUBERNETES_OWNED: Readonly<Record<string, string>> = {
  namespace: 'jobs.namespace',
  service_account: 'jobs.serviceAccountName',
  image: 'jobs.image',
  privileged: 'jobs.privileged', allow_privilege_escalation: 'jobs.privileged',
  poll_interval: 'jobs.pollIntervalSeconds', poll_timeout: 'jobs.pollTimeoutSeconds',
  image_pull_secrets: 'jobs.imagePullSecrets',
  pod_labels: 'jobs.podLabels', pod_annotations: 'jobs.podAnnotations',
  node_selector: 'jobs.nodeSelector', node_tolerations: 'jobs.tolerations',
  pod_security_context: 'jobs.user (uid, gid, fsGroup) and jobs.privileged',
  init_permissions_container_security_context: 'jobs.user and jobs.privileged',
  build_container_security_context: 'jobs.user and jobs.privileged',
  helper_container_security_context: 'jobs.user and jobs.privileged',
  service_container_security_context: 'jobs.user and jobs.privileged',
  host: 'nothing: the manager talks to its own cluster with its ServiceAccount',
  cert_file: 'nothing: the manager talks to its own cluster with its ServiceAccount',
  key_file: 'nothing: the manager talks to its own cluster with its ServiceAccount',
  ca_file: 'nothing: the manager talks to its own cluster with its ServiceAccount',
  bearer_token: 'nothing: the manager talks to its own cluster with its ServiceAccount',
  bearer_token_overwrite_allowed: 'nothing: jobs cannot pick the credentials the manager uses',
  namespace_per_job: 'nothing: the executor\'s Role and the partition cover one job namespace (jobs.namespace)',
  namespace_overwrite_allowed: 'nothing: the executor\'s Role and the partition cover one job namespace (jobs.namespace)',
  service_account_overwrite_allowed: 'nothing: job pods run as jobs.serviceAccountName, without API rights',
};

/** `*_request` / `*_limit` of the build, helper and service containers: `jobs.resources`. */
export const RESOURCE_KEY = /^(helper_|service_)?(cpu|memory|ephemeral_storage)_(request|limit)$/;

/** What the runner needs beyond the restricted Pod Security Standard: only with `jobs.privileged`. */
export function privilegedNeeds(kubernetes: Readonly<Record<string, unknown>>): string[] {
  const needs: string[] = [];
  const volumes = kubernetes.volumes;
  if (volumes && typeof volumes === 'object' && 'host_path' in volumes) needs.push('volumes.host_path (a directory of the node, e.g. the Docker socket)');
  if (Array.isArray(kubernetes.cap_add) && kubernetes.cap_add.length) needs.push(`cap_add = ${show(kubernetes.cap_add)}`);
  return needs;
}

const isTable = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The typed check of `runnerConfig` (knowing `jobs.privileged`). */
export const runnerConfigCheck = (privileged: boolean): Check => (value, path, issues) => {
  if (value === undefined) return;
  if (!isTable(value)) {
    issues.push({ path, value: show(value), allowed: 'a table of [[runners]] settings', fix: 'write e.g. runnerConfig: { environment: ["GIT_DEPTH=10"] }' });
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key in RUNNER_OWNED) issues.push({ path: `${path}.${key}`, value: show(v), allowed: `nothing here: ${RUNNER_OWNED[key]}`, fix: `remove ${key} from runnerConfig${RUNNER_OWNED[key].startsWith('nothing') ? '' : ` and set ${RUNNER_OWNED[key].split(' ')[0]}`}` });
  }
  const k8s = value.kubernetes;
  if (k8s === undefined) return;
  if (!isTable(k8s)) {
    issues.push({ path: `${path}.kubernetes`, value: show(k8s), allowed: 'a table of [runners.kubernetes] settings', fix: 'write kubernetes: { helper_image: "..." }' });
    return;
  }
  for (const [key, v] of Object.entries(k8s)) {
    const owner = KUBERNETES_OWNED[key] ?? (RESOURCE_KEY.test(key) ? 'jobs.resources' : undefined);
    if (owner) {
      issues.push({ path: `${path}.kubernetes.${key}`, value: show(v), allowed: owner.startsWith('nothing') ? owner : `nothing here: the typed setting ${owner}`,
        fix: owner.startsWith('nothing') ? `remove ${key}` : `remove ${key} from runnerConfig and set ${owner}` });
    }
  }
  if (!privileged) {
    for (const need of privilegedNeeds(k8s)) {
      issues.push({ path: `${path}.kubernetes`, value: need, allowed: 'settings job pods can use under the restricted Pod Security Standard the job namespace enforces',
        fix: 'remove the setting (use an emptyDir, PVC, ConfigMap or Secret volume), or set jobs.privileged: true for a runner of its own (privileged job pods, on nodes of their own)' });
    }
  }
};

/**
 * The user's settings under the construct's: tables merge key by key, the construct's value wins where both set
 * one (validation keeps them apart), and `pod_spec` patches add up (the construct's first).
 */
export function mergeRunnerSettings(ours: Record<string, unknown>, theirs: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  if (!theirs) return ours;
  const out: Record<string, unknown> = { ...ours };
  for (const [key, value] of Object.entries(theirs)) {
    const mine = out[key];
    if (mine === undefined) out[key] = value;
    else if (isTable(mine) && isTable(value)) out[key] = mergeRunnerSettings(mine, value);
    else if (key === 'pod_spec' && Array.isArray(mine) && Array.isArray(value)) out[key] = [...mine, ...value];
  }
  return out;
}
