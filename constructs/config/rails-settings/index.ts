export { RAILS_SETTINGS, RAILS_SETTING_NAMES, RailsSettingName, RailsSettings, SidekiqRoutingRule } from './table';
export { railsSettingsChecks } from './checks';
export { resolveRailsSettings, ResolvedRailsSettings } from './resolve';
export { railsSettingsSection, railsSettingsYml } from './render';
