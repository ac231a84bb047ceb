import { show } from '../config/errors';
import { readWebservice } from '../config/webservice/values';
import { readAlb } from '../config/exposure/ingress-values';
import { readAffinity } from '../config/placement/values';
import { PropsBuilder } from './builder';
import { readSidekiqPods } from '../config/sidekiq/values';
import { isChartDefault } from './keys/lookup';
import { optionalComponentsOn } from './optional';
import { readCustomCAs, readGlobalSecrets } from '../config/secrets/values';
import { isMap, ValuesReader } from './reader';
import { readRegistryTuning } from '../config/registry/values';
import { COMPONENT_VALUES_PATHS } from '../config/components/names';

/**
 * The keys production values files set on every component and platform-wide, beyond scaling and placement:
 * pod annotations, ServiceAccounts, rollout knobs, PSS-compatible security contexts, the chart's affinity
 * shorthand, per-component Ingress settings, the shared Secrets' names and keys, the license, custom CAs, pod
 * labels and host suffixes; and the chart's main scaling features, several Sidekiq pods (`gitlab.sidekiq.pods`)
 * and several webservice Deployments (`gitlab.webservice.deployments`), plus the registry's tuning. Runs last:
 * the other readers have decided which components run and written the ServiceAccount annotations.
 */
export function readCommon(b: PropsBuilder): void {
  readGlobalSecrets(b);
  readPlatform(b);
  const alb = readAlb(b);
  for (const c of COMPONENTS) {
    if (running(b, c.key)) readComponentKnobs(b, c);
  }
  // The chart's root path; an ALB's `/*` (ImplementationSpecific) means the same as gitlab-iac's Prefix `/`.
  const root = b.values.peek('global.ingress.path');
  fixedValue(b.values, 'global.ingress.path', alb && root === '/*' ? '/*' : '/', 'every host is served from "/"');
  fixedValue(b.values, 'global.ingress.pathType', alb && root === '/*' ? 'ImplementationSpecific' : 'Prefix', 'gitlab-iac writes Prefix paths');
  if (running(b, 'webservice')) readWebservice(b);
  if (running(b, 'sidekiq')) readSidekiqPods(b);
  if (running(b, 'gitlabShell')) b.number('gitlab.gitlab-shell.service.nodePort', 'components.gitlabShell.nodePort');
  if (running(b, 'registry')) readRegistryTuning(b, fixedValue);
  if (b.get('components.migrations.enabled') !== false) b.raw('gitlab.migrations.extraEnv', 'components.migrations.extraEnv', stringify);
  readGlobalExtraEnv(b);
  readChartSwitches(b);
}

/**
 * `global.extraEnv` (e.g. HTTP_PROXY, NO_PROXY): the main container of every component that runs gets it, under
 * the component's own `extraEnv`, as in the chart.
 */
function readGlobalExtraEnv(b: PropsBuilder): void {
  const env = b.values.map('global.extraEnv');
  if (!env) return;
  const global = stringify(env) as Record<string, string>;
  for (const key of [...COMPONENTS.map((c) => c.key), 'migrations']) {
    const on = key === 'migrations' ? b.get('components.migrations.enabled') !== false : running(b, key);
    if (!on) continue;
    const own = (b.get(`components.${key}.extraEnv`) ?? {}) as Record<string, string>;
    b.set(`components.${key}.extraEnv`, { ...global, ...own }, 'global.extraEnv');
  }
}

/** The metrics switches gitlab-iac serves as the chart does by default (other chart switches: the key table). */
function readChartSwitches(b: PropsBuilder): void {
  const v = b.values;
  // Metrics are on where the chart has them on by default (and the registry's off): accepted at those values.
  if (running(b, 'webservice')) fixedValue(v, 'gitlab.webservice.metrics.enabled', true, 'Puma\'s metrics endpoint is always served on 8083');
  if (running(b, 'sidekiq')) fixedValue(v, 'gitlab.sidekiq.metrics.enabled', true, 'Sidekiq\'s metrics endpoint is always served on 3807');
}

interface Component {
  /** Typed key under `components`. */
  readonly key: string;
  /** Where the chart keeps its values. */
  readonly path: string;
  /** Runs as a Deployment (rollout strategy). @default true */
  readonly deployment?: boolean;
  /** Has a host of its own (per-component Ingress settings). @default false */
  readonly ingress?: boolean;
  /** The user and group the component runs as. @default 1000 */
  readonly uid?: number;
}

const COMPONENTS: readonly Component[] = [
  { key: 'webservice', path: COMPONENT_VALUES_PATHS.webservice, ingress: true },
  { key: 'sidekiq', path: COMPONENT_VALUES_PATHS.sidekiq },
  { key: 'gitlabShell', path: COMPONENT_VALUES_PATHS.gitlabShell },
  { key: 'kas', path: COMPONENT_VALUES_PATHS.kas, ingress: true, uid: 65532 },
  { key: 'registry', path: COMPONENT_VALUES_PATHS.registry, ingress: true },
  { key: 'gitaly', path: COMPONENT_VALUES_PATHS.gitaly, deployment: false },
  { key: 'praefect', path: COMPONENT_VALUES_PATHS.praefect, deployment: false },
  { key: 'gitlabExporter', path: COMPONENT_VALUES_PATHS.gitlabExporter },
  { key: 'toolbox', path: COMPONENT_VALUES_PATHS.toolbox },
  { key: 'gitlabPages', path: COMPONENT_VALUES_PATHS.gitlabPages, ingress: true },
  { key: 'mailroom', path: COMPONENT_VALUES_PATHS.mailroom },
  { key: 'spamcheck', path: COMPONENT_VALUES_PATHS.spamcheck },
];

/** Whether a component runs with these values (the readers before reported every key of an off component). */
function running(b: PropsBuilder, key: string): boolean {
  if (key === 'gitlabPages' || key === 'mailroom' || key === 'spamcheck') return optionalComponentsOn(b).includes(key);
  if (key === 'praefect') return b.get('components.praefect.enabled') === true;
  return b.get(`components.${key}.enabled`) !== false;
}


/** `global.hosts.hostSuffix`, `global.pod.labels`, `global.certificates.customCAs`, the affinity shorthand. */
function readPlatform(b: PropsBuilder): void {
  const v = b.values;
  // The chart appends `-<suffix>` to every host it builds from the domain; named hosts stay as written.
  const suffix = v.string('global.hosts.hostSuffix');
  const domain = v.peek('global.hosts.domain');
  if (suffix !== undefined && typeof domain === 'string') {
    for (const host of ['gitlab', 'registry', 'kas', 'pages'] as const) {
      if (b.get(`hosts.${host}.name`) === undefined) b.set(`hosts.${host}.name`, `${host}-${suffix}.${domain}`, 'global.hosts.hostSuffix');
    }
  }
  b.raw('global.pod.labels', 'podLabels', stringify);
  readCustomCAs(b);
  readAffinity(b, 'global', 'placement');
}

export const stringify = (value: unknown): unknown => {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, stringify(x)]));
  return value;
};

/** A key that must keep the one value gitlab-iac renders (or be left out). */
export function fixedValue(v: ValuesReader, path: string, allowed: unknown, why: string): void {
  const value = v.get(path);
  if (value !== undefined && JSON.stringify(value) !== JSON.stringify(allowed)) v.problem(path, value, `${JSON.stringify(allowed)} (${why})`, 'remove the key');
}

/** Per-component knobs every workload takes. */
function readComponentKnobs(b: PropsBuilder, c: Component): void {
  const v = b.values;
  const to = `components.${c.key}`;
  b.raw(`${c.path}.annotations`, `${to}.podAnnotations`, stringify);
  readServiceAccount(b, c.path, to);
  b.number(`${c.path}.deployment.terminationGracePeriodSeconds`, `${to}.terminationGracePeriodSeconds`);
  if (c.deployment !== false) readStrategy(b, `${c.path}.deployment.strategy`, `${to}.deploymentStrategy`);
  readSecurityContexts(v, c.path, c.uid ?? 1000);
  readAffinity(b, c.path, `${to}.placement`);
  b.raw(`${c.path}.topologySpreadConstraints`, `${to}.placement.topologySpreadConstraints`);
  if (c.ingress) readComponentIngress(b, `${c.path}.ingress`, `${to}.ingress`);
  if (c.key === 'gitaly') {
    b.raw(`${c.path}.persistence.annotations`, `${to}.persistence.annotations`, stringify);
    b.raw(`${c.path}.persistence.labels`, `${to}.persistence.labels`, stringify);
  }
}

/**
 * `<component>.serviceAccount`: each component runs as its own account, so `enabled` is accepted when true; as the
 * chart coalesces them, the component's `name` (else `global.serviceAccount.name`), `create` (the account is made
 * unless both the component's and the global `create` are false) and `automountServiceAccountToken` (else the
 * global one) become `components.<name>.serviceAccount`; its annotations join those of `global.serviceAccount`.
 */
function readServiceAccount(b: PropsBuilder, from: string, to: string): void {
  const v = b.values;
  const base = `${from}.serviceAccount`;
  const global = v.peek('global.serviceAccount.enabled') !== false;
  const enabled = v.boolean(`${base}.enabled`);
  // The chart's default (false for most components) asks for nothing: each component has its own account anyway.
  if (enabled === false && !isChartDefault(`${base}.enabled`, false)) {
    v.problem(`${base}.enabled`, false, 'true (each component runs as its own ServiceAccount, token not mounted)',
      'remove the key; to run every component as the namespace\'s default account, set global.serviceAccount.enabled: false');
  }
  const create = v.boolean(`${base}.create`);
  const name = v.string(`${base}.name`);
  const automount = v.boolean(`${base}.automountServiceAccountToken`);
  if (global) {
    const globalName = v.peek('global.serviceAccount.name');
    const globalAutomount = v.peek('global.serviceAccount.automountServiceAccountToken');
    if (name !== undefined) b.set(`${to}.serviceAccount.name`, name, `${base}.name`);
    else if (typeof globalName === 'string' && globalName) b.set(`${to}.serviceAccount.name`, globalName, 'global.serviceAccount.name');
    if (create !== true && v.peek('global.serviceAccount.create') === false) b.set(`${to}.serviceAccount.create`, false, 'global.serviceAccount.create');
    if (automount !== undefined ? automount : globalAutomount === true) {
      b.set(`${to}.serviceAccount.automountToken`, true, automount !== undefined ? `${base}.automountServiceAccountToken` : 'global.serviceAccount.automountServiceAccountToken');
    }
  } else {
    for (const key of ['create', 'name', 'automountServiceAccountToken']) {
      if (v.peek(`${base}.${key}`) !== undefined && !isChartDefault(`${base}.${key}`, v.peek(`${base}.${key}`))) {
        v.noEffects.push({ path: `${base}.${key}`, value: show(v.peek(`${base}.${key}`)), allowed: 'nothing while global.serviceAccount.enabled is false', fix: 'remove the key, or turn ServiceAccounts on' });
      }
    }
  }
  const annotations = v.map(`${base}.annotations`);
  if (!annotations) return;
  if (!global) {
    v.noEffects.push({ path: `${base}.annotations`, value: show(annotations), allowed: 'nothing while global.serviceAccount.enabled is false', fix: 'remove the key, or turn ServiceAccounts on' });
    return;
  }
  const inherited = (b.get(`${to}.serviceAccountAnnotations`) ?? {}) as Record<string, string>;
  b.set(`${to}.serviceAccountAnnotations`, { ...inherited, ...(stringify(annotations) as Record<string, string>) }, `${base}.annotations`);
}

/** A Kubernetes Deployment `strategy` as the chart takes it. */
export function readStrategy(b: PropsBuilder, from: string, to: string): void {
  const v = b.values;
  const type = v.string(`${from}.type`);
  const surge = v.get(`${from}.rollingUpdate.maxSurge`);
  const unavailable = v.get(`${from}.rollingUpdate.maxUnavailable`);
  if (type === undefined && surge === undefined && unavailable === undefined) return;
  const rollingUpdate = surge !== undefined || unavailable !== undefined
    ? { ...(surge !== undefined ? { maxSurge: surge } : {}), ...(unavailable !== undefined ? { maxUnavailable: unavailable } : {}) } : undefined;
  b.set(to, { ...(type !== undefined ? { type } : {}), ...(rollingUpdate ? { rollingUpdate } : {}) }, from);
}

/** What the Pod Security Standards' restricted profile (and the images) allow, with the value gitlab-iac sets. */
const SECURITY_FIELDS = (uid: number): Readonly<Record<string, unknown>> => ({
  runAsUser: uid, runAsGroup: uid, fsGroup: uid, runAsNonRoot: true, 'seccompProfile.type': 'RuntimeDefault',
  fsGroupChangePolicy: 'OnRootMismatch', allowPrivilegeEscalation: false, 'capabilities.drop': ['ALL'], privileged: false,
  readOnlyRootFilesystem: false,
});

/**
 * `securityContext` and `containerSecurityContext`: every pod already runs under the restricted Pod Security
 * Standard as the component's user, so values that say the same are accepted; anything else (another user, added
 * capabilities, privilege escalation, a read-only root the images cannot run with) is refused.
 */
function readSecurityContexts(v: ValuesReader, from: string, uid: number): void {
  const fields = SECURITY_FIELDS(uid);
  for (const ctx of ['securityContext', 'containerSecurityContext', 'init.containerSecurityContext']) {
    const walk = (value: unknown, rel: string) => {
      const path = `${from}.${ctx}.${rel}`;
      if (isMap(value) && !(rel in fields)) {
        for (const [k, child] of Object.entries(value)) walk(child, `${rel}.${k}`.replace(/^\./, ''));
        return;
      }
      v.get(path);
      if (value === undefined || value === null || value === '') return;
      const allowed = fields[rel];
      const same = rel === 'capabilities.drop' && Array.isArray(value)
        ? value.length === 1 && String(value[0]).toUpperCase() === 'ALL' : JSON.stringify(value) === JSON.stringify(allowed);
      if (!same) {
        v.problem(path, value, allowed === undefined
          ? 'nothing: gitlab-iac sets the security context itself (Pod Security Standards, restricted)'
          : `${JSON.stringify(allowed)} (gitlab-iac runs every pod under the restricted Pod Security Standard as user ${uid})`,
        'remove the key; the pod already runs non-root, without privilege escalation, with every capability dropped and the RuntimeDefault seccomp profile');
      }
    };
    const value = v.peek(`${from}.${ctx}`);
    if (isMap(value)) for (const [k, child] of Object.entries(value)) walk(child, k);
  }
}

/** `<component>.ingress`: on/off, annotations, its own TLS Secret and the NGINX proxy knobs. */
export function readComponentIngress(b: PropsBuilder, from: string, to: string): void {
  const v = b.values;
  b.boolean(`${from}.enabled`, `${to}.enabled`);
  b.raw(`${from}.annotations`, `${to}.annotations`, stringify);
  // `tls.enabled: false` drops this host's TLS (its Secret name then does nothing, as in the chart); `true` is what
  // the platform-wide TLS gives it, or its own Secret does.
  if (v.boolean(`${from}.tls.enabled`) === false) {
    b.set(`${to}.tls`, false, `${from}.tls.enabled`);
    v.noEffect(`${from}.tls`, `nothing while ${from}.tls.enabled is false`, 'remove the key, or turn this host\'s TLS on', [`${from}.tls.enabled`]);
  } else {
    b.string(`${from}.tls.secretName`, `${to}.tlsSecretName`);
  }
  const body = v.get(`${from}.proxyBodySize`);
  if (body !== undefined) b.set(`${to}.proxyBodySize`, String(body), `${from}.proxyBodySize`);
  b.number(`${from}.proxyReadTimeout`, `${to}.proxyReadTimeout`);
  b.number(`${from}.proxyConnectTimeout`, `${to}.proxyConnectTimeout`);
}
