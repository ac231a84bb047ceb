import type { PropsBuilder } from '../../values/builder';

/** KEDA's values mapping: the chart's `keda` settings of webservice and Sidekiq as `components.<name>.keda` props. */

/** `gitlab.webservice.keda` / `gitlab.sidekiq.keda` (or `global.keda.enabled`) onto `components.<name>.keda`. */
export function readKeda(b: PropsBuilder): void {
  const v = b.values;
  const global = v.boolean('global.keda.enabled') ?? false;
  for (const [key, path] of [['webservice', 'gitlab.webservice'], ['sidekiq', 'gitlab.sidekiq']] as const) {
    if (b.get(`components.${key}.enabled`) === false) continue;
    const k = `${path}.keda`;
    const on = v.boolean(`${k}.enabled`) ?? global;
    if (!on) continue;
    const to = `components.${key}.keda`;
    b.set(`${to}.enabled`, true, v.peek(`${k}.enabled`) !== undefined ? `${k}.enabled` : 'global.keda.enabled');
    b.number(`${k}.pollingInterval`, `${to}.pollingInterval`);
    b.number(`${k}.cooldownPeriod`, `${to}.cooldownPeriod`);
    // The chart coalesces the bounds with the HPA's: 0 counts as unset there.
    for (const bound of ['minReplicaCount', 'maxReplicaCount'] as const) {
      const n = v.number(`${k}.${bound}`);
      if (n) b.set(`${to}.${bound}`, n, `${k}.${bound}`);
    }
    b.raw(`${k}.fallback`, `${to}.fallback`);
    b.string(`${k}.hpaName`, `${to}.hpaName`);
    b.boolean(`${k}.restoreToOriginalReplicaCount`, `${to}.restoreToOriginalReplicaCount`);
    b.raw(`${k}.triggers`, `${to}.triggers`, (t) => (Array.isArray(t) && t.length === 0 ? undefined : t));
    if (v.peek(`${k}.behavior`) !== undefined) {
      v.problem(`${k}.behavior`, v.get(`${k}.behavior`), 'nothing (the HPA KEDA creates takes the scale-down window of hpa.behavior)',
        `remove the key; set ${path}.hpa.behavior.scaleDown.stabilizationWindowSeconds`);
    }
  }
}
