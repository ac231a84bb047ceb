/**
 * The lists of names the Rails application settings are built from, each written once: the props types, the
 * checks, the resolution and the values import derive from these arrays.
 */

/** Features of new projects that `rails.defaultProjectsFeatures` turns on or off (the chart's `defaultProjectsFeatures`). */
export const PROJECT_FEATURES = ['issues', 'mergeRequests', 'wiki', 'snippets', 'builds', 'containerRegistry'] as const;
export type ProjectFeature = typeof PROJECT_FEATURES[number];

/** When merge request diffs go to object storage (`rails.externalDiffsWhen`, the chart's `externalDiffs.when`). */
export const EXTERNAL_DIFFS_WHEN = ['always', 'outdated'] as const;
export type ExternalDiffsWhen = typeof EXTERNAL_DIFFS_WHEN[number];

/** The Rails pods that take a `trusted_proxies` list in the chart (`gitlab.<pod>.trusted_proxies`). */
export const RAILS_CHARTS = ['webservice', 'sidekiq', 'toolbox'] as const;
