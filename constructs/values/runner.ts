import { ConfigIssue, show } from '../config/errors';
import { runnerPropsCheck } from '../cluster/runner/validate';
import { GitLabRunnerProps } from '../cluster/runner/props';
import { PropsBuilder } from './builder';
import { CHART_DEFAULTS } from './keys/lookup';
import { isMap, ValuesReader } from './reader';
import { readRunnersConfig } from './runner-config-toml';
import { readJobSecurityContext, readRunnerPod } from './runner-pod';

const BASE = 'gitlab-runner';

/** The runner subchart's settings as `GitLabRunner` props (the platform and its URL are added by the caller). */
export type ImportedRunnerProps = Omit<GitLabRunnerProps, 'platform'>;

/**
 * `gitlab-runner.*`, the chart's bundled runner (on by default), as the `GitLabRunner` construct: the token Secret
 * (`runners.secret`, else `global.runner.registrationToken.secret`, else `<release>-gitlab-runner-secret`, key
 * `runner-token`), `gitlabUrl`, `concurrent`, `checkInterval`, `logLevel`, `replicas`, `resources`, `nodeSelector`,
 * `tolerations`, `metrics.enabled`, `unregisterRunners`, `shutdown_timeout`, `rbac.create` (the executor's Role is
 * always created), `runners.config` kept whole (runner-config-toml.ts: typed job settings, the S3, GCS or Azure
 * cache with `runners.cache.secretName`, every other `[[runners]]` setting as `runnerConfig`), `runners.image`, the
 * manager pod's settings (runner-pod.ts). Privileged jobs (`runners.privileged`, `privileged = true`) become
 * `jobs.privileged`, with a warning. Returns undefined when the runner is off.
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
  b.string(`${BASE}.logFormat`, 'logFormat');
  b.number(`${BASE}.terminationGracePeriodSeconds`, 'terminationGracePeriodSeconds');
  b.raw(`${BASE}.topologySpreadConstraints`, 'topologySpreadConstraints');
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
  readRunnersConfig(b, namespace, release, b.get('jobs.privileged') === true);
  readJobSecurityContext(b, b.get('jobs.privileged') === true);
  readRunnerPod(b);
  const jobImage = v.string(`${BASE}.runners.image`);
  if (jobImage !== undefined && b.get('jobs.image') === undefined) b.set('jobs.image', jobImage, `${BASE}.runners.image`);
  else if (jobImage !== undefined && b.get('jobs.image') !== jobImage) {
    v.warnings.push(`${BASE}.runners.image: ${show(jobImage)} ignored: runners.config sets the default job image (${show(b.get('jobs.image'))})`);
  }
  if (b.get('jobs.privileged') === true) v.warnings.push(privilegedWarning(b.get('name') as string));
  if (b.get('cache') === undefined) {
    v.noEffect(`${BASE}.runners.cache`, 'nothing without a [runners.cache] (S3, GCS or Azure) in runners.config', 'remove the key, or configure the cache in runners.config');
  }
  return { props: b.props as unknown as ImportedRunnerProps, builder: b };
}

/** The stderr line of a privileged runner: what it means and what to do instead. */
function privilegedWarning(runner: string): string {
  return `${BASE}.runners.privileged: CI jobs of ${runner} run privileged (docker-in-docker): the build and service containers `
    + `are root on their node, so any job of any project the runner serves (a merge request's code included) can take the node over, `
    + `read the Secrets of every pod on it and use the node's cloud credentials. Only the job namespace ${runner}-jobs allows it `
    + '(Pod Security privileged, audited against restricted); the runner manager stays restricted. Prefer rootless builds '
    + '(kaniko, buildah), or give this runner a node pool of its own (runners.config node_selector) and trusted projects only';
}

/** The runner props' own checks (without the URL, which the platform gives), at their values keys. */
export function runnerIssues(props: ImportedRunnerProps, b: PropsBuilder): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  runnerPropsCheck(props, '', issues);
  return issues.map((i) => b.relabel(i, {}));
}
