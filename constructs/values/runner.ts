import { parse as parseToml } from 'smol-toml';
import { ConfigIssue, show } from '../config/errors';
import { runnerPropsCheck } from '../cluster/runner/validate';
import { GitLabRunnerProps } from '../cluster/runner/props';
import { PropsBuilder } from './builder';
import { CHART_DEFAULTS } from './keys/lookup';
import { isMap, ValuesReader } from './reader';

const BASE = 'gitlab-runner';

/** The runner subchart's settings as `GitLabRunner` props (the platform and its URL are added by the caller). */
export type ImportedRunnerProps = Omit<GitLabRunnerProps, 'platform'>;

/** What `[runners.kubernetes]` keys of `runners.config` become (the rest of config.toml is generated). */
const KUBERNETES_KEYS: Readonly<Record<string, string>> = {
  namespace: 'jobs.namespace',
  image: 'jobs.image',
  service_account: 'jobs.serviceAccountName',
  poll_interval: 'jobs.pollIntervalSeconds',
  poll_timeout: 'jobs.pollTimeoutSeconds',
  node_selector: 'jobs.nodeSelector',
  pod_labels: 'jobs.podLabels',
  pod_annotations: 'jobs.podAnnotations',
  cpu_request: 'jobs.resources.build.requests.cpu',
  memory_request: 'jobs.resources.build.requests.memory',
  cpu_limit: 'jobs.resources.build.limits.cpu',
  memory_limit: 'jobs.resources.build.limits.memory',
  helper_cpu_request: 'jobs.resources.helper.requests.cpu',
  helper_memory_request: 'jobs.resources.helper.requests.memory',
  helper_cpu_limit: 'jobs.resources.helper.limits.cpu',
  helper_memory_limit: 'jobs.resources.helper.limits.memory',
  service_cpu_request: 'jobs.resources.service.requests.cpu',
  service_memory_request: 'jobs.resources.service.requests.memory',
  service_cpu_limit: 'jobs.resources.service.limits.cpu',
  service_memory_limit: 'jobs.resources.service.limits.memory',
};

/**
 * `gitlab-runner.*`, the chart's bundled runner (on by default), as the `GitLabRunner` construct: the token Secret
 * (`runners.secret`, else `global.runner.registrationToken.secret`, else `<release>-gitlab-runner-secret`, key
 * `runner-token`), `gitlabUrl`, `concurrent`, `checkInterval`, `logLevel`, `replicas`, `resources`, `nodeSelector`,
 * `tolerations`, `metrics.enabled`, `unregisterRunners`, `shutdown_timeout`, `rbac.create` (the executor's Role is
 * always created), and from `runners.config` the `[runners.kubernetes]` job settings (namespace, image, resources,
 * node selector, labels) and an S3 `[runners.cache]` with `runners.cache.secretName`. Privileged jobs
 * (`runners.privileged`, `privileged = true`) become `jobs.privileged`, with a warning. Returns undefined when the
 * runner is off.
 */
export function readRunner(values: ValuesReader, release: string, namespace: string): { props?: ImportedRunnerProps; builder: PropsBuilder } {
  const b = new PropsBuilder(values);
  const v = values;
  const install = v.boolean(`${BASE}.install`) ?? true;
  if (!install) {
    v.noEffect(BASE, 'nothing while gitlab-runner.install is false', 'remove the key, or set gitlab-runner.install: true', [`${BASE}.install`]);
    v.get('global.runner.registrationToken.secret');
    return { builder: b };
  }
  b.set('name', `${release}-gitlab-runner`);
  b.set('namespace', namespace);
  const secret = v.string(`${BASE}.runners.secret`);
  const global = v.string('global.runner.registrationToken.secret');
  const tokenSecret = secret !== undefined && secret !== CHART_DEFAULTS.get(`${BASE}.runners.secret`) ? secret : global ?? `${release}-gitlab-runner-secret`;
  b.set('token', { name: tokenSecret, key: 'runner-token' }, secret !== undefined ? `${BASE}.runners.secret` : 'global.runner.registrationToken.secret');
  b.string(`${BASE}.gitlabUrl`, 'gitlabUrl');
  b.number(`${BASE}.concurrent`, 'concurrent');
  b.number(`${BASE}.checkInterval`, 'checkIntervalSeconds');
  b.string(`${BASE}.logLevel`, 'logLevel');
  b.number(`${BASE}.replicas`, 'replicas');
  b.number(`${BASE}.shutdown_timeout`, 'shutdownTimeoutSeconds');
  b.raw(`${BASE}.resources`, 'resources');
  b.raw(`${BASE}.nodeSelector`, 'nodeSelector');
  b.raw(`${BASE}.tolerations`, 'tolerations');
  b.boolean(`${BASE}.metrics.enabled`, 'metrics');
  b.boolean(`${BASE}.unregisterRunners`, 'unregisterOnStop');
  b.string(`${BASE}.certsSecretName`, 'certificatesSecretName');
  b.raw(`${BASE}.imagePullSecrets`, 'imagePullSecrets', (list) => (Array.isArray(list) ? list.map((s) => (isMap(s) && 'name' in s ? s.name : s)) : list));

  for (const key of ['runnerToken', 'runnerRegistrationToken']) {
    if (v.get(`${BASE}.${key}`) !== undefined) {
      v.problem(`${BASE}.${key}`, '(a token)', 'nothing: no token is written in values (it would land in a manifest)',
        `create the runner in GitLab, store its glrt- token under key runner-token of a Secret, and name the Secret in ${BASE}.runners.secret`);
    }
  }
  if (v.boolean(`${BASE}.rbac.create`) === false) {
    v.problem(`${BASE}.rbac.create`, false, 'true (gitlab-iac always creates the executor\'s Role, scoped to the job namespace)', 'remove the key');
  }
  if (v.boolean(`${BASE}.rbac.clusterWideAccess`) === true) {
    v.problem(`${BASE}.rbac.clusterWideAccess`, true, 'false (the executor\'s Role covers the job namespace only)', 'remove the key; run jobs in one namespace');
  }
  if (v.boolean(`${BASE}.runners.privileged`) === true) b.set('jobs.privileged', true, `${BASE}.runners.privileged`);
  readRunnersConfig(b, `${BASE}.runners.config`, namespace);
  if (b.get('jobs.privileged') === true) v.warnings.push(privilegedWarning(b.get('name') as string));
  if (b.get('cache') === undefined) {
    v.noEffect(`${BASE}.runners.cache`, 'nothing without an S3 [runners.cache] in runners.config', 'remove the key, or configure the cache in runners.config');
  }
  return { props: b.props as unknown as ImportedRunnerProps, builder: b };
}

/** `runners.config`: the chart's config.toml template; its `[runners.kubernetes]` and S3 `[runners.cache]` are read. */
function readRunnersConfig(b: PropsBuilder, path: string, namespace: string): void {
  const v = b.values;
  const text = v.string(path);
  if (text === undefined || text === CHART_DEFAULTS.get(path)) return;
  const refuse = (value: unknown, allowed: string, fix: string) => v.problem(path, value, allowed, fix);
  const filled = text.replace(/\{\{-?\s*\.Release\.Namespace\s*-?\}\}/g, namespace);
  if (/\{\{/.test(filled)) {
    refuse(text, 'config.toml without Helm template expressions other than {{ .Release.Namespace }}', 'write the values out, or configure the runner through the typed API (GitLabRunner)');
    return;
  }
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(filled) as Record<string, unknown>;
  } catch (e) {
    refuse(text, 'valid TOML', `fix the TOML: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  const runners = toml.runners;
  const extra = Object.keys(toml).filter((k) => k !== 'runners');
  const entries = Array.isArray(runners) ? runners : [];
  if (extra.length || entries.length !== 1 || !isMap(entries[0])) {
    refuse(text, 'one [[runners]] entry', 'keep one [[runners]] block with [runners.kubernetes] and [runners.cache]; global settings have keys of their own (concurrent, checkInterval, logLevel)');
    return;
  }
  const entry = entries[0] as Record<string, unknown>;
  const unread: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'kubernetes' && isMap(value)) readKubernetes(b, path, value, unread, namespace);
    else if (key === 'cache' && isMap(value)) readCache(b, path, value, unread);
    else if (key === 'executor' && value === 'kubernetes') continue;
    else unread.push(`runners.${key}`);
  }
  if (unread.length) {
    v.problem(path, unread.join(', '), 'in [[runners]] only [runners.kubernetes] job settings (namespace, image, service_account, privileged, poll_*, node_selector, pod_labels, pod_annotations, *_request, *_limit) and an S3 [runners.cache]',
      'remove these settings, or set them on the GitLabRunner construct (typed API)');
  }
}

function readKubernetes(b: PropsBuilder, path: string, k8s: Record<string, unknown>, unread: string[], managerNamespace: string): void {
  for (const [key, value] of Object.entries(k8s)) {
    const to = KUBERNETES_KEYS[key];
    if (key === 'namespace' && value === managerNamespace) {
      // The chart runs jobs beside GitLab; gitlab-iac gives them a partition of their own (a privileged job
      // namespace must never be GitLab's).
      b.values.warnings.push(`${path}: [runners.kubernetes] namespace = ${show(value)} is the release's namespace: job pods run in `
        + `the partition ${b.get('name')}-jobs instead (quota, NetworkPolicies, Pod Security labels of its own), not beside GitLab`);
    } else if (to) b.set(to, typeof value === 'number' && /resources/.test(to) ? String(value) : value, path);
    else if (key === 'privileged' && typeof value === 'boolean') {
      if (value) b.set('jobs.privileged', true, path);
    } else unread.push(`runners.kubernetes.${key}`);
  }
}

/** The stderr line of a privileged runner: what it means and what to do instead. */
function privilegedWarning(runner: string): string {
  return `${BASE}.runners.privileged: CI jobs of ${runner} run privileged (docker-in-docker): the build and service containers `
    + `are root on their node, so any job of any project the runner serves (a merge request's code included) can take the node over, `
    + `read the Secrets of every pod on it and use the node's cloud credentials. Only the job namespace ${runner}-jobs allows it `
    + '(Pod Security privileged, audited against restricted); the runner manager stays restricted. Prefer rootless builds '
    + '(kaniko, buildah), or give this runner a node pool of its own (runners.config node_selector) and trusted projects only';
}

function readCache(b: PropsBuilder, path: string, cache: Record<string, unknown>, unread: string[]): void {
  const v = b.values;
  const s3 = isMap(cache.s3) ? cache.s3 : {};
  if (cache.Type !== 's3') {
    unread.push(`runners.cache.Type = ${show(cache.Type)} (only s3)`);
    return;
  }
  b.set('cache.s3.bucket', s3.BucketName, path);
  if (s3.BucketLocation !== undefined) b.set('cache.s3.region', s3.BucketLocation, path);
  if (s3.ServerAddress !== undefined) b.set('cache.s3.serverAddress', s3.ServerAddress, path);
  if (cache.Path !== undefined) b.set('cache.s3.path', cache.Path, path);
  if (cache.Shared !== undefined) b.set('cache.s3.shared', cache.Shared, path);
  const secretName = v.string(`${BASE}.runners.cache.secretName`);
  if (secretName !== undefined) b.set('cache.s3.credentials', { name: secretName }, `${BASE}.runners.cache.secretName`);
  for (const key of Object.keys(cache)) if (!['Type', 's3', 'Path', 'Shared'].includes(key)) unread.push(`runners.cache.${key}`);
  for (const key of Object.keys(s3)) if (!['BucketName', 'BucketLocation', 'ServerAddress', 'AuthenticationType', 'Insecure'].includes(key)) unread.push(`runners.cache.s3.${key}`);
}

/** The runner props' own checks (without the URL, which the platform gives), at their values keys. */
export function runnerIssues(props: ImportedRunnerProps, b: PropsBuilder): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  runnerPropsCheck(props, '', issues);
  return issues.map((i) => b.relabel(i, {}));
}
