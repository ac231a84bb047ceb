import { ConfigIssue, GitLabConfigError, show } from '../config/errors';
import { resolveConfig } from '../config/resolve';
import { GitLabPlatformProps } from '../config/types';
import { PropsBuilder } from './builder';
import { readCommon } from './common';
import { COMPONENTS_WITH_ACCOUNTS, readComponents } from '../config/components/values';
import { readAppConfig } from '../config/rails/values';
import { readRailsExtras } from './rails-extras';
import { readBundledServices } from './bundled-services';
import { POSTGRES_MISSING, readPostgres, readPostgresOverrides } from '../config/postgres/values';
import { readRedis, readRedisInstances, REDIS_MISSING } from '../config/redis/values';
import { readImages } from '../config/images/values';
import { UnsupportedValuesError } from './errors';
import { readGeneral, readServiceAccounts } from './general';
import { readExposure } from '../config/exposure/values';
import { readServices } from '../config/service/values';
import { readGitaly } from '../config/gitaly/values';
import { judgeValues } from './keys/verdicts';
import { readIngress } from '../config/exposure/ingress-values';
import { readInstalls } from './installs';
import { ImportedRunnerProps, readRunner, runnerIssues } from './runner';
import { readObjectStorage } from '../config/object-storage/values';
import { readMonitoring } from '../config/monitoring/values';
import { readKeda } from '../config/keda/values';
import { readWorkloadExtras } from '../config/workloads/values';
import { readSshd } from '../config/ssh/daemon-values';
import { readTraefikShell } from '../config/exposure/ingress-values';
import { optionalComponentsOn, readOptional } from './optional';
import { HelmValues, isMap, ValuesReader } from './reader';

export interface HelmValuesOptions {
  /** The Helm release name (prefix of object names and of the chart's default Secret names). @default gitlab */
  readonly releaseName?: string;
  /** The namespace the release lived in. @default gitlab */
  readonly namespace?: string;
  /**
   * Receives one line per warning (a key outside the chart, a key without effect) and per add-on notice (what to
   * install instead of a cluster add-on the chart bundles). The CLI prints them on stderr.
   * @default warnings are dropped
   */
  readonly onWarning?: (line: string) => void;
}

/** Where to set a required setting in values when the file lacks it entirely. */
const MISSING: Readonly<Record<string, { path: string; fix: string }>> = {
  'hosts': { path: 'global.hosts.domain', fix: 'set global.hosts.domain, e.g. example.com' },
  'hosts.domain': { path: 'global.hosts.domain', fix: 'set global.hosts.domain, e.g. example.com' },
  ...POSTGRES_MISSING,
  ...REDIS_MISSING,
  'objectStorage': { path: 'global.appConfig.object_store.connection.secret', fix: 'name the fog connection Secret in global.appConfig.object_store.connection.secret' },
  'objectStorage.connection': { path: 'global.appConfig.object_store.connection.secret', fix: 'name the fog connection Secret in global.appConfig.object_store.connection.secret' },
  'components.registry.storage': { path: 'registry.storage.secret', fix: 'name the registry storage-driver Secret in registry.storage.secret (and .key), or set registry.enabled: false' },
  'components.webservice.internalDeployment': { path: 'global.workhorse.serviceName', fix: 'name the webservice Deployment the other components call, e.g. webservice-api, or keep a Deployment named default' },
};

/**
 * Converts a values file of the official GitLab chart into `GitLabPlatformProps`: the migration path for Helm
 * users. It reads the documented subset (hosts, edition and version, external PostgreSQL/Redis/object storage,
 * ingress and TLS, per-component switches, scaling, resources and placement) and refuses everything else:
 * unknown keys, keys that would have no effect, and requests for in-cluster installs, all listed at once.
 *
 * Keys the values leave out take the chart's defaults where the chart's behaviour depends on them (Secret names
 * and keys, the `<release>-nginx` IngressClass, cert-manager with `<release>-issuer`, which object types are on);
 * elsewhere this library's defaults apply (e.g. one ServiceAccount per component, no token mounted).
 *
 * The result is validated like typed props; errors name the values keys.
 *
 * @throws UnsupportedValuesError listing every key that is not supported
 * @throws GitLabConfigError for values that are set but invalid
 */
export function fromHelmValues(values: unknown, options: HelmValuesOptions = {}): GitLabPlatformProps {
  const imported = importHelmValues(values, options);
  if (imported.runner) {
    options.onWarning?.('warning: gitlab-runner: the runner the values turn on is a construct of its own: build it from importHelmValues(values).runner (the CLI does)');
  }
  return imported.props;
}

/** What a values file describes: the platform, and the chart's bundled runner when it is on. */
export interface HelmValuesImport {
  /** The platform's props. */
  readonly props: GitLabPlatformProps;
  /**
   * The runner of `gitlab-runner.*` (on by default in the chart), for `new GitLabRunner(scope, id, { ...runner, platform })`.
   * @default none (when the values turn `gitlab-runner.install` off)
   */
  readonly runner?: ImportedRunnerProps;
}

/**
 * `fromHelmValues`, with the chart's bundled runner (`gitlab-runner.*`) as `GitLabRunner` props beside the platform's.
 * Every problem of both is reported in one error.
 */
export function importHelmValues(values: unknown, options: HelmValuesOptions = {}): HelmValuesImport {
  if (!isMap(values)) {
    throw new GitLabConfigError([{ path: '(values)', value: show(values), allowed: 'a mapping of chart values (global:, gitlab:, ...)', fix: 'pass the parsed values file' }]);
  }
  const release = options.releaseName ?? 'gitlab';
  // Plain data from here on (JSON keeps `__proto__` as an ordinary own key; cdk8s expects plain objects).
  const reader = new ValuesReader(JSON.parse(JSON.stringify(values)) as HelmValues);
  const b = new PropsBuilder(reader);
  b.set('releaseName', options.releaseName);
  b.set('namespace', options.namespace);

  readInstalls(reader);
  const runner = readRunner(reader, release, options.namespace ?? 'gitlab');
  readGeneral(b);
  readPostgres(b, release);
  readRedis(b, release);
  readObjectStorage(b);
  readIngress(b, release);
  readComponents(b);
  readRedisInstances(b, release);
  readPostgresOverrides(b, release);
  readOptional(b);
  readAppConfig(b);
  readServiceAccounts(b, [...COMPONENTS_WITH_ACCOUNTS, ...optionalComponentsOn(b)]);
  readGitaly(b, release);
  readExposure(b, release);
  readServices(b);
  readMonitoring(b);
  readKeda(b);
  readWorkloadExtras(b);
  readSshd(b);
  readTraefikShell(b);
  readCommon(b);
  readBundledServices(b);
  readImages(b);
  readRailsExtras(b);

  // One pass: the keys the readers did not take (judged by the key table), the values they refused, and the typed
  // validation of what they built, all in one error.
  const { refused, problems, warnings } = judgeValues(reader, b);
  for (const line of warnings) options.onWarning?.(line);
  const props = b.props as unknown as GitLabPlatformProps;
  let invalid: ConfigIssue[] = [];
  try {
    resolveConfig(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) {
      const imported = refused.length + problems.length > 0;
      // With import problems listed, a typed-setting issue that no values key explains is their consequence.
      invalid = e.issues.map((i) => [i, b.relabel(i, MISSING)] as const)
        .filter(([i, r]) => !imported || r.path !== i.path || MISSING[i.path] !== undefined).map(([, r]) => r);
    }
    // A partial import can trip over its own gaps; its problems are already listed.
    else if (!refused.length && !problems.length) throw e;
  }
  if (runner.props) invalid.push(...runnerIssues(runner.props, runner.builder));
  const reported = [...refused, ...problems].map((i) => i.path);
  const near = (p: string) => reported.some((r) => p === r || p.startsWith(`${r}.`) || p.startsWith(`${r}[`) || r.startsWith(`${p}.`) || r.startsWith(`${p}[`));
  // One setting given to two typed settings (GitLab's and the in-cluster service's) is one problem of its key.
  const seen = new Set<string>();
  const once = (i: ConfigIssue) => { const id = `${i.path}\u0000${i.allowed}`; if (seen.has(id)) return false; seen.add(id); return true; };
  const others = [...problems, ...invalid.filter((i) => !near(i.path) && once(i))];
  if (refused.length) throw new UnsupportedValuesError(refused, others);
  if (others.length) throw new GitLabConfigError(others);
  return { props, ...(runner.props ? { runner: runner.props } : {}) };
}
