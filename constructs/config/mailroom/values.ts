import type { PropsBuilder } from '../../values/builder';
import { offExceptDefaults } from '../../values/off-features';
import { readWorkload } from '../workloads/optional-values';

/** The chart's mailroom values (`gitlab.mailroom`) as `components.mailroom` props. */

/** `gitlab.mailroom`: the mailroom workload, which runs only while incoming e-mail is on (`config/mail/values.ts`). */
export function readMailroom(b: PropsBuilder, incoming: boolean): void {
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
