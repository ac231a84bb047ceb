import { ConfigIssue, GitLabConfigError, show } from './errors';
import { DEFAULT_VERSION } from './images/catalog';
import { overImage, resolveImages } from './images/resolve';
import { versionProblem } from './gitlab-version';
import {
  ResolvedConfig,
} from './resolved';
import { resolvePostgres } from './postgres/resolve';
import { resolveRedis } from './redis/resolve';
import { resolveRails } from './rails/resolve';
import { sizedDefaults } from './sizing/defaults';
import { mergePlacement, withDefaultNodeSelector } from './placement/resolve';
import { SIZE_PRESETS } from './sizing/presets';
import { praefectEnabled, resolveGitalyTopology } from './gitaly/resolve';
import { resolveHosts, resolveIngress } from './exposure/resolve';
import { resolveNetworkPolicies } from './network-policies/resolve';
import { resolveOptional } from './resolve-optional';
import { ref, resolveSecretKeys, resolveSecretNames } from './secrets/resolve';
import { requireRegistryStorage, resolveRegistry } from './registry/resolve';
import { COMPONENT_DEFAULTS } from './workloads/defaults';
import { workloadResolver } from './workloads/resolve';
import { checkPumaThreads, resolveWebservice, withWebserviceTls } from './webservice/resolve';
import { resolveSidekiq } from './sidekiq/resolve';
import {
  GitLabPlatformInput, GitLabPlatformProps,
} from './types';
import { propsCheck } from './validate';
import { resolveUpgrade } from '../upgrades/resolve';
import { resolveInClusterServices } from '../data-services/resolution';
import { withInClusterServices } from '../data-services/wiring';
import { resolveToolbox } from './toolbox/resolve';
import { resolveMigrations } from './components/resolve';
import { resolveMonitoring } from './monitoring/resolve';
import { checkKedaTriggers } from './keda/resolve';
import { resolveGitLabShell } from './gitlab-shell/resolve';
import { resolveObjectStorage, resolveObjectStorageTargets } from './object-storage/resolve';

/**
 * Validates the props (shape, then cross-setting rules) and returns the resolved model.
 * Throws one `GitLabConfigError` listing every problem.
 */
export function resolveConfig(props: GitLabPlatformInput): ResolvedConfig {
  const { config, issues } = checkAndResolve(props);
  if (issues.length || !config) throw new GitLabConfigError(issues);
  return config;
}

/**
 * The shape checks and the cross-setting rules in one pass: every problem of both, and the model when one could be
 * built. A props object with a bad value and a missing setting and a conflict between two settings gets all three
 * reported together. Cross-setting rules still run after a shape problem; if the bad shape makes them fail, the
 * shape problem already explains it, and a rule's problem on a setting already reported is left out. With
 * problems, `config` is only good for finding more problems (the components' own), never for output.
 */
export function checkAndResolve(props: GitLabPlatformInput): { config?: ResolvedConfig; issues: ConfigIssue[] } {
  const shape: ConfigIssue[] = [];
  // In-cluster services fill the external services' settings first, so everything after sees one shape.
  const full = withInClusterServices(props, shape);
  propsCheck(full, '', shape);
  const rules: ConfigIssue[] = [];
  let config: ResolvedConfig | undefined;
  try {
    config = build(full, rules);
  } catch (e) {
    if (e instanceof GitLabConfigError) rules.push(...e.issues);
    else if (!shape.length) throw e;
  }
  // A rule reads settings of one group (`components.gitaly`, `components.webservice.autoscaling`); when a setting of
  // that group already has a shape problem, the rule's complaint is most likely its echo, so it waits for the fix.
  const reported = shape.map((i) => i.path.replace(/ \(key\)$/, ''));
  const within = (path: string, group: string) => path === group || path.startsWith(`${group}.`) || path.startsWith(`${group}[`);
  const parent = (path: string) => path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  const covered = (path: string) => {
    const group = parent(path);
    return reported.some((p) => within(path, p) || within(p, path) || (group !== path && group !== '' && within(p, group)));
  };
  const seen = new Set<string>();
  const issues = [...shape, ...rules.filter((i) => !(shape.length && covered(i.path)))].filter((i) => {
    const key = `${i.path}\n${i.allowed}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { config, issues };
}

function build(p: GitLabPlatformProps, issues: ConfigIssue[]): ResolvedConfig {
  const fail = (path: string, value: unknown, allowed: string, fix: string) => issues.push({ path, value: show(value), allowed, fix });
  const release = p.releaseName ?? 'gitlab';
  const namespace = p.namespace ?? 'gitlab';
  const edition = p.edition ?? 'ee';
  const version = p.version ?? DEFAULT_VERSION;
  const versionIssue = versionProblem(version);
  if (versionIssue) fail('version', version, versionIssue.allowed, versionIssue.fix);

  const images = resolveImages(p.images, version, edition, fail);

  // Hosts
  const hosts = resolveHosts(p.hosts);

  // PostgreSQL (main and ci, per client component) and Redis (global and per purpose).
  const c = p.components ?? {};
  const postgres = resolvePostgres(p.postgres, p.components, fail);
  const redis = resolveRedis(p.redis, fail);

  // Object storage
  const serviceAccounts = p.serviceAccounts ?? true;
  const { buckets, enabled, iamRoles } = resolveObjectStorageTargets(p.objectStorage, serviceAccounts, fail);

  // Ingress
  const ingress = resolveIngress(p, release, namespace, fail);

  const secrets = resolveSecretNames(p.secretNames, release);

  // Components: the chart's defaults, or a reference architecture's where `size` is set.
  const sized = p.size ? sizedDefaults(SIZE_PRESETS[p.size], COMPONENT_DEFAULTS) : undefined;
  const platformPlacement = withDefaultNodeSelector(p.placement, sized?.nodeSelector) ?? {};
  const workload = workloadResolver({ platformPlacement, podLabels: p.podLabels, initImage: (o) => overImage(images.gitlabBase, o), ingress, fail });
  const on = (o: { enabled?: boolean } | undefined, dflt = true) => o?.enabled ?? dflt;

  const web = c.webservice;
  const sk = c.sidekiq;
  const gy = c.gitaly;
  const sh = c.gitlabShell;
  const rg = c.registry;
  const tb = c.toolbox;
  const mg = c.migrations;
  const topology = resolveGitalyTopology({
    release, gitaly: gy, praefect: c.praefect, secrets, secretKeys: resolveSecretKeys(p), fail,
    gitalyWorkload: on(gy) ? workload('gitaly', gy, sized?.gitaly ?? COMPONENT_DEFAULTS.gitaly) : undefined,
    praefectWorkload: praefectEnabled(c.praefect) ? workload('praefect', c.praefect, COMPONENT_DEFAULTS.praefect) : undefined,
  });
  const own = { workload, sized, ingress, namespace, release, fail };
  requireRegistryStorage(rg, on(rg), fail);
  checkPumaThreads(web, fail);

  const optional = resolveOptional(p, {
    hosts, ingressTls: ingress.tls, objectStorageEnabled: enabled, iamRoles, platformPlacement, toolboxOn: on(tb),
    workload, mergePlacement, fail,
  });
  const components = {
    webservice: on(web) ? withWebserviceTls(resolveWebservice(web, own), web, release, ingress, fail) : undefined,
    sidekiq: on(sk) ? resolveSidekiq(sk, own) : undefined,
    gitaly: topology.gitaly,
    praefect: topology.praefect,
    gitlabShell: on(sh) ? resolveGitLabShell(sh, own) : undefined,
    registry: on(rg) && rg?.storage ? resolveRegistry(rg, own) : undefined,
    kas: on(c.kas) ? workload('kas', c.kas, COMPONENT_DEFAULTS.kas) : undefined,
    gitlabExporter: on(c.gitlabExporter) ? workload('gitlabExporter', c.gitlabExporter, COMPONENT_DEFAULTS.gitlabExporter) : undefined,
    toolbox: on(tb) ? resolveToolbox(tb, optional.toolboxBackups, own) : undefined,
    migrations: on(mg) ? resolveMigrations(mg, platformPlacement, release) : undefined,
    ...optional.components,
  };
  checkKedaTriggers('components.webservice', components.webservice?.keda, components.webservice?.deployments ?? [], fail);
  checkKedaTriggers('components.sidekiq', components.sidekiq?.keda, components.sidekiq?.pods ?? [], fail);

  const objectStorage = resolveObjectStorage(p.objectStorage, { buckets, enabled, iamRoles }, !!components.gitlabPages, fail);
  const inClusterServices = resolveInClusterServices(p, { release, namespace, objectStorage, components }, fail);
  return {
    ...(inClusterServices ? { inClusterServices } : {}),
    release, namespace, edition, version, images,
    imagePullSecrets: p.imagePullSecrets ?? [],
    hosts,
    timeZone: p.timeZone ?? 'UTC',
    postgres,
    redis,
    size: p.size,
    objectStorage,
    ingress,
    networkPolicies: resolveNetworkPolicies(p, ingress, components.gitlabShell),
    serviceAccounts,
    secrets,
    secretKeys: resolveSecretKeys(p),
    ...(p.license ? { license: ref(p.license, 'license') } : {}),
    podLabels: p.podLabels ?? {},
    customCAs: p.customCAs ?? [],
    labels: p.labels ?? {},
    components,
    repositories: topology.repositories,
    email: optional.email,
    omniauth: optional.omniauth,
    ldap: optional.ldap,
    rails: resolveRails(p.rails, components.webservice?.workerTimeout ?? 60),
    upgrade: resolveUpgrade(p.upgrade, version, issues),
    monitoring: resolveMonitoring(p.monitoring, {
      on: {
        webservice: !!components.webservice, workhorse: !!components.webservice, sidekiq: !!components.sidekiq,
        gitaly: !!components.gitaly || !!components.praefect, praefect: !!components.praefect, gitlabShell: !!components.gitlabShell,
        registry: !!components.registry, kas: !!components.kas, gitlabExporter: !!components.gitlabExporter,
        gitlabPages: !!components.gitlabPages,
      },
      sshDaemon: components.gitlabShell?.sshDaemon,
      fail,
    }),
  };
}
