import type { PropsBuilder } from '../../values/builder';
import { Defaults, fixed, offExceptDefaults, under } from '../../values/off-features';

/**
 * The chart's backup CronJob values (`gitlab.toolbox.backups.cron`) as `components.toolbox.backups` props. Keys left
 * at the chart's default value are accepted while the CronJob is off; any other setting is reported.
 */

/** The chart's defaults of `gitlab.toolbox.backups.cron`. */
const CRON_DEFAULTS: Defaults = {
  enabled: false, concurrencyPolicy: 'Replace', failedJobsHistoryLimit: 1, schedule: '0 1 * * *', successfulJobsHistoryLimit: 3,
  suspend: false, backoffLimit: 6, safeToEvict: false, restartPolicy: 'OnFailure', extraArgs: '',
  'resources.requests.cpu': '50m', 'resources.requests.memory': '350M',
  'persistence.enabled': false, 'persistence.useGenericEphemeralVolume': false, 'persistence.accessMode': 'ReadWriteOnce',
  'persistence.size': '10Gi', 'persistence.subPath': '',
};

export function readBackups(b: PropsBuilder): void {
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
