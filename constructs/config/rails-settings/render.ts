import { RAILS_SETTINGS, RailsSettingName, RailsSettingPod } from './table';
import { ResolvedRailsSettings } from './resolve';

type Tree = Record<string, unknown>;

/**
 * The gitlab.yml keys of the table's settings for one Rails pod, as a tree under `production` (`gitlab`,
 * `oidc_provider`, `ci_id_tokens`, `sidekiq`): only the settings that pod's chart ConfigMap writes, only when set.
 */
export function railsSettingsYml(settings: ResolvedRailsSettings, pod: RailsSettingPod): Tree {
  const tree: Tree = {};
  for (const [name, s] of Object.entries(RAILS_SETTINGS) as [RailsSettingName, typeof RAILS_SETTINGS[RailsSettingName]][]) {
    const value = settings[name];
    if (value === undefined || !(s.pods as readonly string[]).includes(pod)) continue;
    // An empty routing-rule list is left out, as the chart leaves it out.
    if (name === 'sidekiqRoutingRules' && Array.isArray(value) && !value.length) continue;
    const path = s.yml.split('.');
    let node = tree;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Tree;
    node[path[path.length - 1]] = value;
  }
  return tree;
}

/** One section of that tree (e.g. `gitlab`), empty when the pod has none of its settings. */
export const railsSettingsSection = (settings: ResolvedRailsSettings, pod: RailsSettingPod, section: string): Tree =>
  (railsSettingsYml(settings, pod)[section] ?? {}) as Tree;
