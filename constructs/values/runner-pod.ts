import { show } from '../config/errors';
import { PropsBuilder } from './builder';
import { CHART_DEFAULTS } from './keys/lookup';
import { isMap } from './reader';

const BASE = 'gitlab-runner';
/** Tags that move (refused by the construct, which pins its images). */
const MOVING_TAGS = /^(latest|alpine|ubuntu|main|master|bleeding|edge)$/;
/** The runner image's user and group (the alpine image's gitlab-runner user, group nogroup). */
const RUNNER_IDS = { runAsUser: 100, runAsGroup: 65533, fsGroup: 65533 };

/** Keys GitLab keeps on the runner itself (set when the runner is created in GitLab), with their chart defaults. */
const TOKEN_CARRIED = ['tags', 'locked', 'name', 'protected', 'runUntagged', 'maximumTimeout'] as const;

/**
 * The runner manager pod's keys of the runner chart, as typed `GitLabRunner` props: `podAnnotations`, `podLabels`,
 * `image.{registry,image,tag}` (or the older one-string `image`), `imagePullPolicy`, `priorityClassName`,
 * `affinity`, `hostAliases`, `envVars`, `volumes`, `volumeMounts`, `secrets`, `configMaps`, `serviceAccount.annotations` (and
 * `rbac.serviceAccountAnnotations`); `securityContext` / `podSecurityContext` accepted at values the restricted
 * Pod Security Standard allows; the settings a runner authentication token carries accepted with one warning.
 */
export function readRunnerPod(b: PropsBuilder): void {
  const v = b.values;
  const annotations = v.map(`${BASE}.podAnnotations`);
  if (annotations) {
    // The chart's own two (GitLab's Prometheus integration) stay as the chart default: the pod has its prometheus.io ones.
    const defaults = (CHART_DEFAULTS.get(`${BASE}.podAnnotations`) ?? {}) as Record<string, unknown>;
    const own = Object.entries(annotations).filter(([k, val]) => String(defaults[k]) !== String(val));
    if (own.length) b.set('podAnnotations', Object.fromEntries(own.map(([k, val]) => [k, typeof val === 'string' ? val : JSON.stringify(val)])), `${BASE}.podAnnotations`);
  }
  b.raw(`${BASE}.podLabels`, 'podLabels');
  b.string(`${BASE}.priorityClassName`, 'priorityClassName');
  b.raw(`${BASE}.affinity`, 'affinity');
  b.raw(`${BASE}.hostAliases`, 'hostAliases');
  b.raw(`${BASE}.envVars`, 'env');
  b.raw(`${BASE}.volumes`, 'extraVolumes');
  b.raw(`${BASE}.volumeMounts`, 'extraVolumeMounts');
  b.raw(`${BASE}.secrets`, 'secrets');
  b.raw(`${BASE}.configMaps`, 'configFiles');
  const saAnnotations = { ...(v.map(`${BASE}.rbac.serviceAccountAnnotations`) ?? {}), ...(v.map(`${BASE}.serviceAccount.annotations`) ?? {}) };
  if (Object.keys(saAnnotations).length) b.set('serviceAccountAnnotations', saAnnotations, `${BASE}.serviceAccount.annotations`);
  if (v.boolean(`${BASE}.serviceAccount.create`) === false) {
    v.problem(`${BASE}.serviceAccount.create`, false, 'true (gitlab-iac creates the manager\'s ServiceAccount and the executor\'s Role, scoped to the job namespace)', 'remove the key');
  }
  const saName = v.string(`${BASE}.serviceAccount.name`) ?? v.string(`${BASE}.rbac.serviceAccountName`);
  if (saName !== undefined) {
    v.problem(`${BASE}.serviceAccount.name`, saName, 'nothing: the manager\'s ServiceAccount is named after the runner and holds only the executor\'s Role', 'remove the key; annotate the account with serviceAccount.annotations');
  }
  readImage(b);
  readSecurityContexts(b);
  const session = v.boolean(`${BASE}.sessionServer.enabled`);
  if (session === true) {
    v.problem(`${BASE}.sessionServer.enabled`, true, 'false: the interactive web terminal needs the session server exposed to GitLab, which gitlab-iac does not build',
      'remove the key (jobs run without the web terminal; debug with CI_DEBUG_TRACE or a job of its own)');
  } else v.noEffect(`${BASE}.sessionServer`, 'nothing while sessionServer.enabled is false', 'remove the key');
  const carried = TOKEN_CARRIED.filter((k) => {
    const at = `${BASE}.runners.${k}`;
    const value = v.get(at);
    return value !== undefined && JSON.stringify(value) !== JSON.stringify(CHART_DEFAULTS.get(at));
  });
  if (carried.length) {
    v.warnings.push(`${carried.map((k) => `${BASE}.runners.${k}`).join(', ')}: ignored: a runner authentication token (glrt-) carries these, and the runner `
      + 'ignores them when it starts (as it does under the chart); set them on the runner in GitLab (Admin > CI/CD > Runners, or the runner\'s settings in the group or project)');
  }
  const enabled = v.get(`${BASE}.enabled`);
  if (enabled !== undefined) {
    v.warnings.push(`${BASE}.enabled: ${show(enabled)} ignored: the chart's switch for its runner is ${BASE}.install (the runner is ${b.props.name ? 'built' : 'left out'}, as the chart does)`
      + `${b.props.name && enabled === false ? `; set ${BASE}.install: false to leave it out` : ''}`);
  }
  const executor = v.string(`${BASE}.runners.executor`);
  if (executor !== undefined && executor !== 'kubernetes') {
    v.problem(`${BASE}.runners.executor`, executor, 'kubernetes (gitlab-iac runs the kubernetes executor)', 'remove the key, or run this runner outside gitlab-iac');
  }
}

/** `image`: `{registry, image, tag}` (or one string), with a moving tag pinned to the runner version's own. */
function readImage(b: PropsBuilder): void {
  const v = b.values;
  const at = `${BASE}.image`;
  const raw = v.get(at);
  const policy = v.string(`${BASE}.imagePullPolicy`);
  if (policy !== undefined) b.set('image.pullPolicy', policy, `${BASE}.imagePullPolicy`);
  if (raw === undefined) return;
  let repository: string | undefined;
  let tag: string | undefined;
  if (typeof raw === 'string') {
    const m = /^(.+?)(?::([\w][\w.-]{0,127}))?$/.exec(raw);
    repository = m?.[1];
    tag = m?.[2];
  } else if (isMap(raw)) {
    const image = typeof raw.image === 'string' ? raw.image : undefined;
    const registry = typeof raw.registry === 'string' && raw.registry ? raw.registry : undefined;
    repository = image && (registry ? `${registry}/${image}` : image);
    tag = raw.tag === undefined || raw.tag === null || raw.tag === '' ? undefined : String(raw.tag);
    if (!image && registry) repository = `${registry}/gitlab-org/gitlab-runner`;
  }
  if (repository) b.set('image.repository', repository, at);
  if (tag && MOVING_TAGS.test(tag)) {
    v.warnings.push(`${at}: tag ${show(tag)} moves; the runner image is pinned to the version's own tag (alpine-v<version>) so every synth gives the same manifests; set a version tag to choose another`);
  } else if (tag) b.set('image.tag', tag, at);
}

/**
 * The manager's `securityContext` / `podSecurityContext` at values the restricted profile allows (and the image's
 * user) are what gitlab-iac does; anything else is refused: privileges are for job pods (`runners.privileged`).
 */
function readSecurityContexts(b: PropsBuilder): void {
  const v = b.values;
  const ok: Readonly<Record<string, (x: unknown) => boolean>> = {
    runAsNonRoot: (x) => x === true,
    allowPrivilegeEscalation: (x) => x === false,
    privileged: (x) => x === false,
    readOnlyRootFilesystem: () => true,
    'capabilities.drop': (x) => Array.isArray(x) && x.some((d) => String(d).toUpperCase() === 'ALL'),
    'capabilities.add': (x) => Array.isArray(x) && x.length === 0,
    'seccompProfile.type': (x) => x === 'RuntimeDefault',
    runAsUser: (x) => x === RUNNER_IDS.runAsUser,
    runAsGroup: (x) => x === RUNNER_IDS.runAsGroup,
    fsGroup: (x) => x === RUNNER_IDS.fsGroup,
  };
  for (const ctx of ['securityContext', 'podSecurityContext']) {
    const walk = (node: unknown, path: string) => {
      if (node === undefined || node === null) return;
      if (isMap(node)) {
        for (const [k, child] of Object.entries(node)) walk(child, path ? `${path}.${k}` : k);
        return;
      }
      const at = `${BASE}.${ctx}.${path}`;
      if (ok[path]?.(node)) { v.get(at); return; }
      // Privileges asked for the manager (often meant for docker-in-docker jobs) are not needed by it: it runs
      // restricted, which only takes privileges away; jobs get theirs from runners.privileged.
      if (path === 'privileged' || path === 'allowPrivilegeEscalation') {
        v.noEffect(at, 'nothing: the runner manager needs no privileges and runs restricted (job pods get theirs from runners.privileged)',
          `remove the key; for docker-in-docker jobs set ${BASE}.runners.privileged: true`);
        return;
      }
      v.get(at);
      v.problem(at, node, `nothing beyond the restricted Pod Security Standard for the runner manager (it runs as the image's gitlab-runner user ${RUNNER_IDS.runAsUser}:${RUNNER_IDS.runAsGroup}, non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp)`,
        path === 'privileged' || path === 'allowPrivilegeEscalation' || path === 'runAsUser'
          ? `remove the key: the manager needs no privileges; for docker-in-docker jobs set ${BASE}.runners.privileged: true`
          : 'remove the key');
    };
    walk(v.peek(`${BASE}.${ctx}`), '');
  }
}

/**
 * `runners.securityContext` (not a key of the runner chart today; older charts applied it to job containers): root
 * and privilege escalation only with privileged jobs, a non-root user as `jobs.user`.
 */
export function readJobSecurityContext(b: PropsBuilder, privileged: boolean): void {
  const v = b.values;
  const base = `${BASE}.runners.securityContext`;
  const ctx = v.map(base);
  if (!ctx) return;
  const ids: Record<string, string> = { runAsUser: 'uid', runAsGroup: 'gid', fsGroup: 'fsGroup' };
  for (const [k, value] of Object.entries(ctx)) {
    const at = `${base}.${k}`;
    if (k in ids && typeof value === 'number' && value > 0) b.set(`jobs.user.${ids[k]}`, value, at);
    else if ((k === 'runAsNonRoot' && value === true) || ((k === 'allowPrivilegeEscalation' || k === 'privileged') && value === false)) continue;
    else if (!privileged) {
      v.problem(at, value, 'job settings the restricted Pod Security Standard admits (the job namespace enforces it)',
        `remove the key, or set ${BASE}.runners.privileged: true for privileged job pods (docker-in-docker; read its warning)`);
    }
  }
}
