import {
  all, bool, Check, falseOr, k8sName, list, num, obj, rule, str,
} from './schema';
import { serviceExposureCheck } from './service/validate';
import { componentIngressFields } from './exposure/checks';
import { httpUrl, quantityCheck, templateText, timeZone } from './common/checks';

/**
 * Shape checks of the optional settings: GitLab Pages, mailroom, spamcheck and the backup CronJob (e-mail and
 * sign-in are checked in `mail/` and `auth/`). Cross-setting rules live in `resolve-optional.ts`. The settings every
 * workload shares come from `validate.ts` (passed in, so the two modules do not import each other).
 */
export interface SharedChecks {
  /** The checks of `WorkloadOptions`' fields. */
  readonly workload: Readonly<Record<string, Check>>;
  readonly placement: Check;
  readonly resources: Check;
  readonly annotations: () => Check;
}

/**
 * Free text that ends up in an ERB or gomplate template: ERB would evaluate `<%`, gomplate `{%`, so neither may
 * appear (GitLab's settings never need them).
 */
export const plainText: (what?: string, nonEmpty?: boolean) => Check = templateText;

const FIVE_FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, any: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], any: true },
];
const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** Why a CronJob schedule would be refused by the API server (or never fire); undefined when it is fine. */
export function cronScheduleProblem(schedule: string): string | undefined {
  const s = schedule.trim();
  if (CRON_MACROS.includes(s)) return undefined;
  if (/^(CRON_)?TZ=/.test(s)) return 'a time zone inside the schedule (Kubernetes refuses it): use backups.timeZone';
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return `five fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
  for (const [i, field] of fields.entries()) {
    const spec = FIVE_FIELDS[i];
    const value = (v: string) => {
      const named = spec.names?.indexOf(v.toUpperCase()) ?? -1;
      if (named >= 0) return named + spec.min;
      return /^[0-9]+$/.test(v) ? Number(v) : NaN;
    };
    for (const item of field.split(',')) {
      const [range, step, ...rest] = item.split('/');
      if (rest.length || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) return `a valid step in the ${spec.name} field (got "${item}")`;
      if (range === '*' || (spec.any && range === '?')) continue;
      const bounds = range.split('-');
      if (bounds.length > 2 || bounds.some((b) => { const n = value(b); return Number.isNaN(n) || n < spec.min || n > spec.max; })) {
        return `values from ${spec.min} to ${spec.max} in the ${spec.name} field (got "${item}")`;
      }
      if (bounds.length === 2 && value(bounds[0]) > value(bounds[1])) return `a rising range in the ${spec.name} field (got "${item}")`;
    }
  }
  return undefined;
}

const cronSchedule = (): Check => all(str(), rule((v: string) => {
  const problem = cronScheduleProblem(v);
  return problem ? { allowed: `a cron schedule with ${problem}`, fix: 'write e.g. "0 1 * * *" (every day at 01:00) or "@daily"' } : undefined;
}));

/** One backup-utility argument; passed to bash single-quoted, so only NUL and newlines are refused. */
const shellArgument = () => str({ pattern: /^[^\0\n\r]*$/, allowed: 'one argument on one line', fix: 'give each argument as its own list item, e.g. ["--skip", "registry"]' });

/** The checks, keyed by where they go in `propsCheck`. */
export function optionalChecks(shared: SharedChecks) {
  const w = shared.workload;
  return {
    components: {
      gitlabPages: obj({
        ...w,
        ingress: obj(componentIngressFields(shared.annotations)),
        service: serviceExposureCheck,
        accessControl: bool(),
        authRedirectUri: httpUrl('https://projects.pages.example.com/auth'),
        authScope: str({ oneOf: ['api', 'read_api'] }),
        namespaceInPath: bool(),
        artifactsServer: bool(),
        customDomains: falseOr(obj({
          http: bool(),
          https: bool(),
          tlsSecret: k8sName('Secret name'),
          serviceType: str({ oneOf: ['ClusterIP', 'LoadBalancer', 'NodePort'] }),
          httpProxy: bool(),
          proxyProtocolV2: bool(),
          serviceAnnotations: shared.annotations(),
          loadBalancerIP: str({ pattern: /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:]*)$/, allowed: 'an IPv4 or IPv6 address', fix: 'write e.g. "203.0.113.10"' }),
        })),
      }),
      mailroom: obj(w),
      spamcheck: obj({ ...w, logLevel: str({ oneOf: ['debug', 'info', 'warn', 'error'] }) }),
    },
    toolboxBackups: obj({
      enabled: bool(),
      schedule: cronSchedule(),
      timeZone: timeZone(),
      extraArgs: list(shellArgument()),
      backoffLimit: num({ min: 0, max: 100 }),
      successfulJobsHistoryLimit: num({ min: 0, max: 100 }),
      failedJobsHistoryLimit: num({ min: 0, max: 100 }),
      activeDeadlineSeconds: num({ min: 60 }),
      // The CronJob controller checks every 10 s: a shorter deadline may skip every run.
      startingDeadlineSeconds: num({ min: 10, fix: 'set at least 10 seconds, or remove the setting' }),
      suspend: bool(),
      scratch: obj({
        type: str({ oneOf: ['emptyDir', 'persistentVolumeClaim'] }),
        size: quantityCheck({ positive: true }),
        storageClass: k8sName('StorageClass name'),
      }),
      resources: shared.resources,
      placement: shared.placement,
    }),
  };
}
