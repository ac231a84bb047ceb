import { PropsBuilder } from './builder';

/**
 * Rails keys beside `global.appConfig`: Bootsnap (`global.rails.bootsnap.enabled`, `rails.bootsnap`), the
 * webservice's monitoring whitelist (`gitlab.webservice.monitoring.ipWhitelist`,
 * `components.webservice.monitoringWhitelist`), and `gitlab.migrations.initialRootPassword`, which the chart
 * ignores. Runs after `readAppConfig`.
 */
export function readRailsExtras(b: PropsBuilder): void {
  const v = b.values;
  b.boolean('global.rails.bootsnap.enabled', 'rails.bootsnap');
  // The chart trims each entry and writes a list only when given one.
  b.raw('gitlab.webservice.monitoring.ipWhitelist', 'components.webservice.monitoringWhitelist',
    (list) => (Array.isArray(list) ? list.map((ip) => (typeof ip === 'string' ? ip.trim() : ip)) : list === null ? [] : list));
  // The migrations Job of the chart names the Secret from global.initialRootPassword only (its helper reads nothing
  // of the subchart's own `initialRootPassword`), so these keys change nothing there either.
  v.noEffect('gitlab.migrations.initialRootPassword',
    'the chart\'s migrations Job reads the initial root password Secret from global.initialRootPassword only, so the chart ignores this key too',
    'move it to global.initialRootPassword.{secret,key}');
}
