import { parse as parseToml } from 'smol-toml';
import { show } from '../config/errors';
import { KUBERNETES_OWNED, RESOURCE_KEY, privilegedNeeds } from '../cluster/runner/runner-config';
import { PropsBuilder } from './builder';
import { CHART_DEFAULTS } from './keys/lookup';
import { isMap } from './reader';
import { evaluateTemplate } from './runner-template';

const BASE = 'gitlab-runner';
const PATH = `${BASE}.runners.config`;
/** Stands for the chart's bundled MinIO address in the evaluated template (the cache it names is dropped). */
const BUNDLED_S3 = '\u0000bundled-minio';

/** `[runners.kubernetes]` keys with a typed setting of their own. */
const KUBERNETES_KEYS: Readonly<Record<string, string>> = {
  namespace: 'jobs.namespace',
  image: 'jobs.image',
  service_account: 'jobs.serviceAccountName',
  poll_interval: 'jobs.pollIntervalSeconds',
  poll_timeout: 'jobs.pollTimeoutSeconds',
  node_selector: 'jobs.nodeSelector',
  pod_labels: 'jobs.podLabels',
  pod_annotations: 'jobs.podAnnotations',
  image_pull_secrets: 'jobs.imagePullSecrets',
};

/** Security-context keys at the values that say what gitlab-iac's restricted job pods do anyway. */
const RESTRICTED_VALUES: Readonly<Record<string, (v: unknown) => boolean>> = {
  privileged: (v) => v === false,
  allow_privilege_escalation: (v) => v === false,
  run_as_non_root: (v) => v === true,
  capabilities: (v) => isMap(v) && !(Array.isArray(v.add) && v.add.length) && (!Array.isArray(v.drop) || v.drop.some((d) => String(d).toUpperCase() === 'ALL')),
  seccomp_profile: (v) => isMap(v) && (v.type === 'RuntimeDefault' || v.type === 'Localhost'),
  read_only_root_filesystem: () => true,
};

/**
 * `runners.config`, the runner chart's config.toml template, kept whole: its Helm expressions evaluated (those
 * reading values), its `[[runners]]` entry read into typed settings where gitlab-iac has one (job namespace, image,
 * resources, labels, security contexts, the cache) and every other setting kept as `runnerConfig`, merged back into
 * the config.toml gitlab-iac writes. Refused: what cannot work (a token in the file, another executor, the API
 * host, per-job namespaces) and what needs privileged job pods without the opt-in.
 */
export function readRunnersConfig(b: PropsBuilder, namespace: string, release: string, privileged: boolean): void {
  const v = b.values;
  const text = v.string(PATH);
  if (text === undefined || text === CHART_DEFAULTS.get(PATH)) return;
  const refuse = (value: unknown, allowed: string, fix: string) => v.problem(PATH, value, allowed, fix);
  const evaluated = evaluateTemplate(text, {
    releaseName: release,
    namespace,
    value: (path) => (path.startsWith('global.') ? v.peek(path) ?? CHART_DEFAULTS.get(path) : v.get(`${BASE}.${path}`) ?? CHART_DEFAULTS.get(`${BASE}.${path}`)),
    include: (name) => (name === 'gitlab-runner.cache-tpl.s3ServerAddress'
      ? JSON.stringify(v.string(`${BASE}.runners.cache.s3ServerAddress`) ?? BUNDLED_S3) : undefined),
  });
  for (const p of evaluated.problems) {
    refuse(`line ${p.line}: ${p.expression}`, 'Helm expressions that read values ({{ .Values.<key> }}, {{ .Release.Namespace }}, {{ .Release.Name }}, {{ if .Values.<key> }} … {{ end }})',
      'write the value the expression stands for into runners.config');
  }
  if (evaluated.problems.length) return;
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(evaluated.text) as Record<string, unknown>;
  } catch (e) {
    refuse(text, 'valid TOML (after the Helm expressions are evaluated)', `fix the TOML: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  const entries = Array.isArray(toml.runners) ? toml.runners : [];
  if (entries.length !== 1 || !isMap(entries[0])) {
    refuse(text, 'one [[runners]] entry (the runner chart registers one runner from the template)', 'keep one [[runners]] block; run another runner as another GitLabRunner');
    return;
  }
  const global = Object.keys(toml).filter((k) => k !== 'runners');
  if (global.length) {
    v.warnings.push(`${PATH}: ${global.join(', ')} outside [[runners]] ignored, as the runner's register ignores everything but the [[runners]] entry of the template; `
      + `the global settings have keys of their own (gitlab-runner.concurrent, checkInterval, logLevel, shutdown_timeout)`);
  }
  const entry = entries[0] as Record<string, unknown>;
  // The opt-in first: the security contexts below are judged against it.
  const optIn = privileged || (isMap(entry.kubernetes) && entry.kubernetes.privileged === true);
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'kubernetes' && isMap(value)) {
      const rest = readKubernetes(b, value, namespace, optIn);
      if (Object.keys(rest).length) settings.kubernetes = rest;
    } else if (key === 'cache' && isMap(value)) readCache(b, value);
    else if (key === 'executor') {
      if (value !== 'kubernetes') refuse(`executor = ${show(value)}`, 'executor = "kubernetes" (gitlab-iac runs the kubernetes executor)', 'remove executor, or run this runner outside gitlab-iac');
    } else if (key === 'token' || key === 'token_obtained_at' || key === 'token_expires_at') {
      if (key === 'token' && value !== '') {
        refuse('runners.token = (a token)', 'no token in runners.config (it would land in the ConfigMap)',
          `remove token; store the runner's glrt- token under key runner-token of the Secret ${BASE}.runners.secret names`);
      }
    } else if (key === 'url') {
      v.warnings.push(`${PATH}: url = ${show(value)} ignored: the runner talks to ${BASE}.gitlabUrl, else the platform's URL, as the chart's register does`);
    } else if (key === 'limit') b.set('limit', value, PATH);
    else if (key === 'request_concurrency') b.set('requestConcurrency', value, PATH);
    else settings[key] = value;
  }
  if (Object.keys(settings).length) b.set('runnerConfig', settings, PATH);
}

/** `[runners.kubernetes]`: typed settings out, security contexts judged; returns the settings kept as they are. */
function readKubernetes(b: PropsBuilder, k8s: Record<string, unknown>, managerNamespace: string, privileged: boolean): Record<string, unknown> {
  const v = b.values;
  const rest: Record<string, unknown> = {};
  const needsPrivileged: string[] = [];
  for (const [key, value] of Object.entries(k8s)) {
    const to = KUBERNETES_KEYS[key];
    const resource = RESOURCE_KEY.exec(key);
    if (key === 'namespace' && value === managerNamespace) {
      // The chart runs jobs beside GitLab; gitlab-iac gives them a partition of their own (a privileged job
      // namespace must never be GitLab's).
      v.warnings.push(`${PATH}: [runners.kubernetes] namespace = ${show(value)} is the release's namespace: job pods run in `
        + `the partition ${b.get('name')}-jobs instead (quota, NetworkPolicies, Pod Security labels of its own), not beside GitLab`);
    } else if (to) b.set(to, value, PATH);
    else if (resource) {
      const container = resource[1] === 'helper_' ? 'helper' : resource[1] === 'service_' ? 'service' : 'build';
      const name = resource[2] === 'ephemeral_storage' ? 'ephemeral-storage' : resource[2];
      b.set(`jobs.resources.${container}.${resource[3] === 'request' ? 'requests' : 'limits'}.${name}`, typeof value === 'number' ? String(value) : value, PATH);
    } else if (key === 'privileged') {
      if (value === true) b.set('jobs.privileged', true, PATH);
      else if (value !== false) v.problem(PATH, `privileged = ${show(value)}`, 'true or false', 'write privileged = true or false');
    } else if (key === 'allow_privilege_escalation') {
      if (value === true && !privileged) needsPrivileged.push('allow_privilege_escalation = true');
    } else if (key === 'node_tolerations' && isMap(value)) {
      b.set('jobs.tolerations', Object.entries(value).map(([k, effect]) => {
        const [tkey, tvalue] = k.split('=');
        return { key: tkey, ...(tvalue !== undefined ? { operator: 'Equal', value: tvalue } : { operator: 'Exists' }), ...(effect ? { effect } : {}) };
      }), PATH);
    } else if (key === 'pod_security_context' && isMap(value)) {
      readSecurityContext(b, key, value, privileged, needsPrivileged, rest);
    } else if (/_container_security_context$/.test(key) && isMap(value)) {
      // Build and service containers are privileged with the opt-in; the helper and init containers stay restricted.
      const jobContainer = key.startsWith('build_') || key.startsWith('service_');
      readSecurityContext(b, key, value, privileged && jobContainer, needsPrivileged, rest);
    } else if (key in KUBERNETES_OWNED && KUBERNETES_OWNED[key].startsWith('nothing')) {
      v.problem(PATH, `[runners.kubernetes] ${key} = ${key === 'bearer_token' ? '(a token)' : show(value)}`, KUBERNETES_OWNED[key], `remove ${key}`);
    } else rest[key] = value;
  }
  if (!privileged) needsPrivileged.push(...privilegedNeeds(k8s));
  if (needsPrivileged.length) {
    v.problem(PATH, `[runners.kubernetes] ${needsPrivileged.join(', ')}`, 'job settings the restricted Pod Security Standard admits (the job namespace enforces it)',
      `remove them, or set ${BASE}.runners.privileged: true for privileged job pods (docker-in-docker; read its warning)`);
  }
  return rest;
}

/** A security context: non-root ids become jobs.user; restricted values are what gitlab-iac does; others need privileged. */
function readSecurityContext(b: PropsBuilder, name: string, ctx: Record<string, unknown>, privileged: boolean, needs: string[], rest: Record<string, unknown>): void {
  const ids: Record<string, string> = { run_as_user: 'uid', run_as_group: 'gid', fs_group: 'fsGroup' };
  for (const [key, value] of Object.entries(ctx)) {
    if (key in ids && typeof value === 'number' && value > 0) {
      if (name === 'pod_security_context' || name === 'build_container_security_context') b.set(`jobs.user.${ids[key]}`, value, PATH);
    } else if (key === 'supplemental_groups' || key === 'selinux_type') {
      rest[name] = { ...(rest[name] as object), [key]: value };
    } else if (RESTRICTED_VALUES[key]?.(value)) continue;
    else if (!privileged) needs.push(`${name}.${key} = ${show(value)}`);
  }
}

/** `[runners.cache]`: S3, GCS or Azure; keys in the file are refused (they would land in the ConfigMap). */
function readCache(b: PropsBuilder, cache: Record<string, unknown>): void {
  const v = b.values;
  const secretName = v.string(`${BASE}.runners.cache.secretName`);
  const from = `${BASE}.runners.cache.secretName`;
  const type = cache.Type;
  const unread: string[] = [];
  const take = (table: Record<string, unknown>, known: Readonly<Record<string, string>>, at: string, secretKeys: readonly string[]) => {
    for (const [key, value] of Object.entries(table)) {
      if (key in known) { if (known[key]) b.set(known[key], value, PATH); }
      else if (secretKeys.includes(key)) {
        if (secretName) v.warnings.push(`${PATH}: [runners.cache.${at}] ${key} ignored (its value is not shown): ${from} provides it, as in the chart`);
        else v.problem(PATH, `[runners.cache.${at}] ${key} = (a secret)`, 'no credentials in runners.config (they would land in the ConfigMap)', `move it into a Secret and name the Secret in ${from}`);
      } else unread.push(`runners.cache.${at}.${key}`);
    }
  };
  const common = (to: string) => {
    if (cache.Path !== undefined) b.set(`${to}.path`, cache.Path, PATH);
    if (cache.Shared !== undefined) b.set(`${to}.shared`, cache.Shared, PATH);
  };
  for (const key of Object.keys(cache)) if (!['Type', 'Path', 'Shared', 's3', 'gcs', 'azure'].includes(key)) unread.push(`runners.cache.${key}`);
  if (type === 's3') {
    const s3 = isMap(cache.s3) ? cache.s3 : {};
    if (s3.ServerAddress === BUNDLED_S3) {
      v.warnings.push(`${PATH}: the cache in the chart's bundled MinIO is left out: gitlab-iac's in-cluster object storage keeps no runner cache, so jobs run without a shared cache; `
        + `to keep one, point [runners.cache.s3] at a bucket (ServerAddress, BucketName) and name its keys Secret in ${from}`);
      return;
    }
    common('cache.s3');
    take(s3, { BucketName: 'cache.s3.bucket', BucketLocation: 'cache.s3.region', ServerAddress: 'cache.s3.serverAddress', ServerSideEncryption: 'cache.s3.serverSideEncryption', Insecure: 'cache.s3.insecure', AuthenticationType: '' }, 's3', ['AccessKey', 'SecretKey', 'SessionToken']);
    if (s3.AuthenticationType === 'iam' && !secretName) {
      unread.push('runners.cache.s3.AuthenticationType = "iam" (give the IAM role through the GitLabRunner construct: cache.s3.iamRoleArn)');
    } else if (secretName) b.set('cache.s3.credentials', { name: secretName }, from);
    else unread.push(`runners.cache.s3 without ${from} (the Secret with accesskey and secretkey)`);
  } else if (type === 'gcs') {
    common('cache.gcs');
    take(isMap(cache.gcs) ? cache.gcs : {}, { BucketName: 'cache.gcs.bucket' }, 'gcs', ['AccessID', 'PrivateKey', 'CredentialsFile']);
    if (secretName) b.set('cache.gcs.credentials', { name: secretName }, from);
  } else if (type === 'azure') {
    common('cache.azure');
    take(isMap(cache.azure) ? cache.azure : {}, { ContainerName: 'cache.azure.containerName', StorageDomain: 'cache.azure.storageDomain' }, 'azure', ['AccountName', 'AccountKey']);
    if (secretName) b.set('cache.azure.credentials', { name: secretName }, from);
    else unread.push(`runners.cache.azure without ${from} (the Secret with azure-account-name and azure-account-key)`);
  } else unread.push(`runners.cache.Type = ${show(type)} (s3, gcs or azure)`);
  if (unread.length) {
    v.problem(PATH, unread.join(', '), '[runners.cache] of Type s3, gcs or azure with its bucket (or container), Path, Shared, and credentials from runners.cache.secretName',
      'remove these settings, or configure the cache on the GitLabRunner construct (cache.s3 / gcs / azure)');
  }
}
