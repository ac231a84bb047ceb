import type { PropsBuilder } from '../../values/builder';
import { readWorkload } from '../workloads/optional-values';

/** The chart's spamcheck values (`global.spamcheck`, `gitlab.spamcheck`) as `components.spamcheck` props. */

export function readSpamcheck(b: PropsBuilder): void {
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
