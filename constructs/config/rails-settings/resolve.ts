import { RAILS_SETTINGS, RailsSettingName, RailsSettings } from './table';

/** The settings with the table's defaults applied; a setting without default stays unset (left out of gitlab.yml). */
export type ResolvedRailsSettings = RailsSettings;

export function resolveRailsSettings(r: RailsSettings | undefined): ResolvedRailsSettings {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(RAILS_SETTINGS) as [RailsSettingName, typeof RAILS_SETTINGS[RailsSettingName]][]) {
    const value = r?.[name] ?? ('default' in s ? s.default : undefined);
    if (value !== undefined) out[name] = value;
  }
  return out as ResolvedRailsSettings;
}
