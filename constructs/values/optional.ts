import { show } from '../config/errors';
import { readTarget, TargetDefault } from '../config/workloads/hpa-values';
import { PropsBuilder } from './builder';
import { Defaults, fixed, offExceptDefaults, under } from './off-features';
import { isMap } from './reader';
import { readEmail } from '../config/mail/values';
import { readLdap, readOmniauth } from '../config/auth/values';

/**
 * The optional parts of the chart: GitLab Pages (`global.pages`, `global.oauth.gitlab-pages`, `gitlab.gitlab-pages`),
 * e-mail (`config/mail/values.ts`) and mailroom (`gitlab.mailroom`), spamcheck (`global.spamcheck`,
 * `gitlab.spamcheck`), the backup CronJob (`gitlab.toolbox.backups.cron`), and sign-in (`config/auth/values.ts`).
 *
 * Keys left at the chart's default value are accepted while their feature is off (values files often carry the
 * chart's defaults); any other setting of an off feature has no effect and is reported.
 */
export function readOptional(b: PropsBuilder): void {
  readPages(b);
  readMailroom(b, readEmail(b));
  readSpamcheck(b);
  readBackups(b);
  readOmniauth(b);
  readLdap(b);
}

/** The optional components that run with these values (they get `global.serviceAccount.annotations` too). */
export function optionalComponentsOn(b: PropsBuilder): string[] {
  return (['gitlabPages', 'mailroom', 'spamcheck'] as const).filter((c) => (c === 'mailroom'
    ? b.get('email.incoming') !== undefined && b.get('components.mailroom.enabled') !== false
    : b.get(`components.${c}.enabled`) === true));
}

/** The settings every workload shares: resources, placement, pod labels, env, PDB and the HPA. */
function readWorkload(b: PropsBuilder, from: string, to: string, opts: { hpa?: TargetDefault; pdb?: boolean }): void {
  const stringify = (value: unknown): unknown => {
    if (typeof value === 'number') return String(value);
    if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, stringify(x)]));
    return value;
  };
  b.raw(`${from}.resources`, `${to}.resources`, stringify);
  b.raw(`${from}.extraEnv`, `${to}.extraEnv`, stringify);
  b.raw(`${from}.podLabels`, `${to}.podLabels`);
  b.raw(`${from}.nodeSelector`, `${to}.placement.nodeSelector`);
  b.raw(`${from}.tolerations`, `${to}.placement.tolerations`);
  b.string(`${from}.priorityClassName`, `${to}.placement.priorityClassName`);
  if (opts.pdb) b.raw(`${from}.maxUnavailable`, `${to}.podDisruptionBudget.maxUnavailable`);
  if (opts.hpa) {
    b.number(`${from}.hpa.minReplicas`, `${to}.autoscaling.minReplicas`);
    b.number(`${from}.hpa.maxReplicas`, `${to}.autoscaling.maxReplicas`);
    readTarget(b, `${from}.hpa.cpu`, `${to}.autoscaling.cpu`, opts.hpa);
    readTarget(b, `${from}.hpa.memory`, `${to}.autoscaling.memory`, { type: 'Utilization' });
    b.number(`${from}.hpa.behavior.scaleDown.stabilizationWindowSeconds`, `${to}.autoscaling.scaleDownStabilizationSeconds`);
  }
}

function readPages(b: PropsBuilder): void {
  const v = b.values;
  const to = 'components.gitlabPages';
  const on = b.boolean('global.pages.enabled', `${to}.enabled`) ?? false;
  // Rails' pages block names the Pages host even while Pages is off.
  b.boolean('global.hosts.pages.https', 'hosts.pages.https');
  b.string('global.hosts.pages.name', 'hosts.pages.name');
  if (!on) {
    const reason = 'nothing while GitLab Pages is off';
    const fix = 'remove the key, or turn Pages on (global.pages.enabled: true)';
    if (v.get('global.pages.host') !== undefined) {
      v.noEffects.push({ path: 'global.pages.host', value: show(v.peek('global.pages.host')), allowed: 'nothing while GitLab Pages is off (Pages outside the platform is not supported)',
        fix: 'remove the key, or run Pages here (global.pages.enabled: true)' });
    }
    offExceptDefaults(v, 'global.pages', PAGES_DEFAULTS, reason, fix, ['enabled', 'objectStore', 'host']);
    v.noEffect('gitlab.gitlab-pages', reason, fix);
    v.noEffect('global.oauth.gitlab-pages', reason, fix);
    return;
  }
  const base = 'global.pages';
  b.string(`${base}.host`, 'hosts.pages.name');
  b.boolean(`${base}.https`, 'hosts.pages.https');
  b.boolean(`${base}.accessControl`, `${to}.accessControl`);
  b.boolean(`${base}.namespaceInPath`, `${to}.namespaceInPath`);
  b.boolean(`${base}.artifactsServer`, `${to}.artifactsServer`);
  const port = v.number(`${base}.port`);
  if (port !== undefined && port !== 443 && port !== 80) {
    v.problem(`${base}.port`, port, '443 (https) or 80 (http), the port of the pages host', 'remove the key; the port follows the host\'s https setting');
  }
  for (const key of ['path', 'localStore.path']) {
    if (v.get(`${base}.${key}`) !== undefined) {
      v.noEffects.push({ path: `${base}.${key}`, value: show(v.peek(`${base}.${key}`)), allowed: 'nothing: sites live in object storage', fix: 'remove the key' });
    }
  }
  fixed(v, `${base}.localStore.enabled`, false, 'sites live in the pages object-storage bucket');
  b.string(`${base}.apiSecret.secret`, 'secretNames.pages');
  fixed(v, `${base}.apiSecret.key`, 'shared_secret', 'the shared Secret\'s key');
  b.string(`${base}.authSecret.secret`, 'secretNames.pagesAuth');
  fixed(v, `${base}.authSecret.key`, 'password', 'the shared Secret\'s key');

  const oauth = 'global.oauth.gitlab-pages';
  b.string(`${oauth}.secret`, 'secretNames.pagesOAuth');
  fixed(v, `${oauth}.appIdKey`, 'appid', 'the shared Secret\'s key');
  fixed(v, `${oauth}.appSecretKey`, 'appsecret', 'the shared Secret\'s key');
  b.string(`${oauth}.redirectUri`, `${to}.authRedirectUri`);
  b.string(`${oauth}.authScope`, `${to}.authScope`);

  // Custom domains: the chart's external addresses turn on its LoadBalancer Service (one address: loadBalancerIP).
  const http = (v.list(`${base}.externalHttp`) ?? []) as unknown[];
  const https = (v.list(`${base}.externalHttps`) ?? []) as unknown[];
  const mode = v.string(`${base}.customDomainMode`);
  const chart = 'gitlab.gitlab-pages';
  if (http.length || https.length) {
    const cd = `${to}.customDomains`;
    b.set(`${cd}.http`, http.length > 0, `${base}.externalHttp`);
    b.set(`${cd}.https`, https.length > 0, `${base}.externalHttps`);
    const addresses = [...new Set([...http, ...https])];
    // The chart gives the address to the Service only when it is a LoadBalancer; otherwise the addresses only turn
    // the listeners on.
    if ((v.peek(`${chart}.service.customDomains.type`) ?? 'LoadBalancer') === 'LoadBalancer') {
      if (addresses.length === 1) b.set(`${cd}.loadBalancerIP`, addresses[0], https.length ? `${base}.externalHttps` : `${base}.externalHttp`);
      else v.problem(`${base}.externalHttps`, addresses, 'one address (the LoadBalancer\'s loadBalancerIP); external IP lists are not supported', 'list one address, or none and set the address through the Service annotations');
    }
    const derived = https.length ? 'https' : 'http';
    if (mode !== undefined && mode !== derived) v.problem(`${base}.customDomainMode`, mode, `"${derived}" (follows externalHttp/externalHttps)`, 'remove the key');
    b.string(`${chart}.service.customDomains.type`, `${cd}.serviceType`);
    b.boolean(`${chart}.useHTTPProxy`, `${cd}.httpProxy`);
    b.boolean(`${chart}.useProxyV2`, `${cd}.proxyProtocolV2`);
    b.raw(`${chart}.service.customDomains.annotations`, `${cd}.serviceAnnotations`);
    b.string(`${chart}.ingress.tls.secretName`, `${cd}.tlsSecret`);
  } else {
    for (const key of ['useHTTPProxy', 'useProxyV2']) {
      v.noEffect(`${chart}.${key}`, 'nothing without externalHttp/externalHttps (the chart reads it only for the custom-domains listeners)', 'remove the key, or list the address in global.pages.externalHttp/externalHttps');
    }
  }
  if (!(http.length || https.length) && mode !== undefined) {
    v.noEffects.push({ path: `${base}.customDomainMode`, value: show(mode), allowed: 'nothing without externalHttp/externalHttps (custom domains need Pages\' own LoadBalancer)', fix: 'remove the key, or list the address in global.pages.externalHttps' });
  }
  readWorkload(b, chart, to, { hpa: { type: 'AverageValue', averageValue: '100m' }, pdb: true });
}

/** The chart's defaults of `global.pages` (kept silently while Pages is off). */
const PAGES_DEFAULTS: Defaults = {
  accessControl: false, artifactsServer: true, externalHttp: [], externalHttps: [], 'localStore.enabled': false,
  namespaceInPath: false,
};

/** `gitlab.mailroom`: the mailroom workload, which runs only while incoming e-mail is on (`config/mail/values.ts`). */
function readMailroom(b: PropsBuilder, incoming: boolean): void {
  const v = b.values;
  const mailroom = 'gitlab.mailroom';
  if (!incoming) {
    offExceptDefaults(v, mailroom, { enabled: true }, 'nothing without incoming e-mail (mailroom runs only then)',
      'remove the key, or turn on global.appConfig.incomingEmail');
    return;
  }
  if (b.boolean(`${mailroom}.enabled`, 'components.mailroom.enabled') === false) {
    v.noEffect(mailroom, 'nothing while mailroom is off', `remove the key, or set ${mailroom}.enabled: true`, ['enabled']);
    return;
  }
  readWorkload(b, mailroom, 'components.mailroom', { hpa: { type: 'Utilization', averageUtilization: 75 } });
}

function readSpamcheck(b: PropsBuilder): void {
  const v = b.values;
  const to = 'components.spamcheck';
  if (!b.boolean('global.spamcheck.enabled', `${to}.enabled`)) {
    v.noEffect('gitlab.spamcheck', 'nothing while spamcheck is off', 'remove the key, or set global.spamcheck.enabled: true');
    return;
  }
  const from = 'gitlab.spamcheck';
  b.string(`${from}.logging.level`, `${to}.logLevel`);
  readWorkload(b, from, to, { hpa: { type: 'AverageValue', averageValue: '100m' }, pdb: true });
}

/** The chart's defaults of `gitlab.toolbox.backups.cron`. */
const CRON_DEFAULTS: Defaults = {
  enabled: false, concurrencyPolicy: 'Replace', failedJobsHistoryLimit: 1, schedule: '0 1 * * *', successfulJobsHistoryLimit: 3,
  suspend: false, backoffLimit: 6, safeToEvict: false, restartPolicy: 'OnFailure', extraArgs: '',
  'resources.requests.cpu': '50m', 'resources.requests.memory': '350M',
  'persistence.enabled': false, 'persistence.useGenericEphemeralVolume': false, 'persistence.accessMode': 'ReadWriteOnce',
  'persistence.size': '10Gi', 'persistence.subPath': '',
};

function readBackups(b: PropsBuilder): void {
  const v = b.values;
  const cron = 'gitlab.toolbox.backups.cron';
  // While the toolbox is off, the components reader has already reported everything under gitlab.toolbox.
  if (b.get('components.toolbox.enabled') === false) return;
  if (!v.boolean(`${cron}.enabled`)) {
    offExceptDefaults(v, cron, CRON_DEFAULTS, `nothing while ${cron}.enabled is false`, `remove the key, or set ${cron}.enabled: true`, ['enabled']);
    return;
  }
  const to = 'components.toolbox.backups';
  b.set(`${to}.enabled`, true, `${cron}.enabled`);
  b.string(`${cron}.schedule`, `${to}.schedule`);
  b.string(`${cron}.timeZone`, `${to}.timeZone`);
  b.number(`${cron}.backoffLimit`, `${to}.backoffLimit`);
  b.number(`${cron}.successfulJobsHistoryLimit`, `${to}.successfulJobsHistoryLimit`);
  b.number(`${cron}.failedJobsHistoryLimit`, `${to}.failedJobsHistoryLimit`);
  b.number(`${cron}.startingDeadlineSeconds`, `${to}.startingDeadlineSeconds`);
  b.number(`${cron}.activeDeadlineSeconds`, `${to}.activeDeadlineSeconds`);
  b.boolean(`${cron}.suspend`, `${to}.suspend`);
  const policy = v.string(`${cron}.concurrencyPolicy`);
  if (policy !== undefined && policy !== 'Forbid') {
    v.problem(`${cron}.concurrencyPolicy`, policy, '"Forbid" (a backup is never replaced or doubled by the next one)', 'remove the key');
  }
  fixed(v, `${cron}.restartPolicy`, 'OnFailure', 'a failed backup container is retried in place');
  fixed(v, `${cron}.safeToEvict`, false, 'an evicted backup starts over');
  const extra = v.string(`${cron}.extraArgs`);
  if (extra !== undefined && extra.trim() !== '') {
    if (/["'\\$`]/.test(extra)) {
      v.problem(`${cron}.extraArgs`, extra, 'arguments separated by spaces, without quotes or shell syntax', 'write e.g. "--skip registry --skip artifacts"');
    } else {
      b.set(`${to}.extraArgs`, extra.trim().split(/\s+/), `${cron}.extraArgs`);
    }
  }
  b.raw(`${cron}.resources`, `${to}.resources`, (r) => JSON.parse(JSON.stringify(r, (_, x) => (typeof x === 'number' ? String(x) : x))));
  b.raw(`${cron}.nodeSelector`, `${to}.placement.nodeSelector`);
  b.raw(`${cron}.tolerations`, `${to}.placement.tolerations`);
  const p = `${cron}.persistence`;
  if (v.boolean(`${p}.enabled`)) {
    b.set(`${to}.scratch.type`, 'persistentVolumeClaim', `${p}.enabled`);
    b.string(`${p}.size`, `${to}.scratch.size`);
    b.string(`${p}.storageClass`, `${to}.scratch.storageClass`);
    fixed(v, `${p}.accessMode`, 'ReadWriteOnce', 'one backup pod uses the volume at a time');
    fixed(v, `${p}.useGenericEphemeralVolume`, false, 'use an emptyDir with a size limit for scratch space that goes with the pod');
    fixed(v, `${p}.subPath`, '', 'the volume is the backup\'s own');
  } else {
    offExceptDefaults(v, p, CRON_DEFAULTS_PERSISTENCE, `nothing while ${p}.enabled is false`, `remove the key, or set ${p}.enabled: true`, ['enabled']);
  }
}

const CRON_DEFAULTS_PERSISTENCE = under(CRON_DEFAULTS, 'persistence');
