import type { PropsBuilder } from '../../values/builder';
import { RAILS_SETTINGS, RailsSettingName } from './table';

const APP = 'global.appConfig';

/** The table's values keys (`global.appConfig.<values>`), as one key-table pattern. */
export const RAILS_SETTINGS_VALUES_PATTERN = `${APP}.{${Object.values(RAILS_SETTINGS).map((s) => s.values).join(',')}}`;

/** Reads every setting of the table from `global.appConfig` into `rails.<setting>`. */
export function readRailsSettings(b: PropsBuilder): void {
  for (const [name, s] of Object.entries(RAILS_SETTINGS) as [RailsSettingName, typeof RAILS_SETTINGS[RailsSettingName]][]) {
    const from = `${APP}.${s.values}`;
    const to = `rails.${name}`;
    switch (s.type) {
      case 'boolean': b.boolean(from, to); break;
      case 'seconds': b.number(from, to); break;
      case 'url': b.string(from, to); break;
      case 'urls': case 'routingRules': b.raw(from, to); break;
    }
  }
}
