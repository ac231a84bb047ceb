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
import { resolveRegistryTuning } from './registry/resolve';
import { COMPONENT_DEFAULTS } from './workloads/defaults';
import { workloadResolver } from './workloads/resolve';
import { withSidekiqPods, withWebserviceDeployments } from './workloads/deployments';
import {
  GitLabPlatformInput, GitLabPlatformProps,
} from './types';
import { propsCheck } from './validate';
import { resolveUpgrade } from '../upgrades/resolve';
import { resolveInClusterServices } from '../data-services/resolution';
import { withInClusterServices } from '../data-services/wiring';
import { resolveBackupStorage } from './object-storage/backups';
import { resolveRegistryStorageExtras } from './registry-storage/resolve';
import { resolveMonitoring } from './monitoring/resolve';
import { checkKedaTriggers, resolveKeda } from './keda/resolve';
import { resolveSshd, resolveSshExposure } from './ssh/resolve';
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
  const registryWorkload = (o: NonNullable<NonNullable<GitLabPlatformProps['components']>['registry']>) => {
    const w = workload('registry', o, COMPONENT_DEFAULTS.registry);
    return { ...w, ...resolveRegistryStorageExtras(o, w, fail), ...(typeof o.storage === 'object' ? { storage: ref(o.storage, 'config') } : {}) };
  };
  if (on(rg) && !rg?.storage) {
    fail('components.registry.storage', undefined, 'a Secret with the registry storage driver YAML (e.g. s3:)',
      'set components.registry.storage: { name: registry-storage, key: config }, or components.registry.enabled: false');
  }
  // Puma refuses to boot when min threads exceed max threads.
  if ((web?.puma?.threadsMin ?? 4) > (web?.puma?.threadsMax ?? 4)) {
    fail('components.webservice.puma.threadsMin', web?.puma?.threadsMin, `at most threadsMax (${web?.puma?.threadsMax ?? 4})`, 'lower puma.threadsMin or raise puma.threadsMax');
  }

  const optional = resolveOptional(p, {
    hosts, ingressTls: ingress.tls, objectStorageEnabled: enabled, iamRoles, platformPlacement, toolboxOn: on(tb),
    workload, mergePlacement, fail,
  });
  const components = {
    webservice: on(web) ? withWebserviceDeployments(web, {
      ...workload('webservice', web, sized?.webservice ?? COMPONENT_DEFAULTS.webservice),
      workerProcesses: web?.workerProcesses ?? sized?.webservice.workerProcesses ?? 2,
      threadsMin: web?.puma?.threadsMin ?? 4,
      threadsMax: web?.puma?.threadsMax ?? 4,
      workerTimeout: web?.puma?.workerTimeout ?? 60,
      workhorseResources: web?.workhorseResources ?? { requests: { cpu: '100m', memory: '100M' } },
      shutdownBlackoutSeconds: web?.shutdownBlackoutSeconds ?? 10,
      keda: resolveKeda('components.webservice', web?.keda, web?.autoscaling, fail),
      monitoringWhitelist: web?.monitoringWhitelist ?? ['0.0.0.0/0', '::/0'],
    }, ingress, fail) : undefined,
    sidekiq: on(sk) ? withSidekiqPods(sk, {
      ...workload('sidekiq', sk, sized?.sidekiq ?? COMPONENT_DEFAULTS.sidekiq),
      concurrency: sk?.concurrency ?? sized?.sidekiq.concurrency ?? 20,
      timeout: sk?.timeout ?? 25,
      queues: sk?.queues ?? [],
      memoryKillerMaxRss: sk?.memoryKillerMaxRss ?? 2000000,
      keda: resolveKeda('components.sidekiq', sk?.keda, sk?.autoscaling, fail),
    }, fail) : undefined,
    gitaly: topology.gitaly,
    praefect: topology.praefect,
    gitlabShell: on(sh) ? {
      ...workload('gitlabShell', sh, COMPONENT_DEFAULTS.gitlabShell),
      sshDaemon: sh?.sshDaemon ?? 'openssh',
      sshd: resolveSshd(sh?.sshd, sh?.sshDaemon ?? 'openssh', fail),
      serviceAnnotations: sh?.serviceAnnotations ?? {},
      ...resolveSshExposure(sh, ingress, namespace, fail),
      ...(sh?.nodePort !== undefined ? { nodePort: sh.nodePort } : {}),
    } : undefined,
    registry: on(rg) && rg?.storage ? {
      ...registryWorkload(rg),
      bucket: rg.bucket ?? 'registry',
      tuning: resolveRegistryTuning(rg),
    } : undefined,
    kas: on(c.kas) ? workload('kas', c.kas, COMPONENT_DEFAULTS.kas) : undefined,
    gitlabExporter: on(c.gitlabExporter) ? workload('gitlabExporter', c.gitlabExporter, COMPONENT_DEFAULTS.gitlabExporter) : undefined,
    toolbox: on(tb) ? {
      ...workload('toolbox', tb, COMPONENT_DEFAULTS.toolbox),
      backupS3cmdConfig: tb?.backupS3cmdConfig ? ref(tb.backupS3cmdConfig, 'config') : undefined,
      backupStorage: resolveBackupStorage(tb, fail),
      backups: optional.toolboxBackups,
    } : undefined,
    migrations: on(mg) ? {
      resources: mg?.resources ?? { requests: { cpu: '250m', memory: '200Mi' } },
      placement: mergePlacement(platformPlacement, mg?.placement),
      activeDeadlineSeconds: mg?.activeDeadlineSeconds ?? 3600,
      backoffLimit: mg?.backoffLimit ?? 6,
      extraEnv: mg?.extraEnv ?? {},
    } : undefined,
    ...optional.components,
  };
  if (!components.webservice && components.migrations === undefined && on(mg, true)) { /* nothing */ }
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
