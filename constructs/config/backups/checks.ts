import {
  all, bool, Check, k8sName, list, num, obj, rule, str,
} from '../schema';
import { quantityCheck, timeZone } from '../common/checks';
import { BACKUP_SCRATCH_TYPES } from './names';

/**
 * Shape checks of `components.toolbox.backups` (`types.ts`), and the cron schedule rule the API server applies to
 * a CronJob (also used by `../rails/checks.ts`). Rules across settings are in `resolve.ts`. The resources and
 * placement checks are passed in by `../validate-optional.ts`, so this module does not import `../validate.ts`.
 */

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

/** `components.toolbox.backups`: the backup CronJob. */
export function backupsCheck(resources: Check, placement: Check): Check {
  return obj({
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
      type: str({ oneOf: BACKUP_SCRATCH_TYPES }),
      size: quantityCheck({ positive: true }),
      storageClass: k8sName('StorageClass name'),
    }),
    resources,
    placement,
  });
}
