import type { ComponentsConfig } from '../types';

/**
 * The chart's components, written once: each key of `components` (the typed props) with where the chart keeps that
 * component's values. The values readers of every concept take a component's path from here.
 */

/** Where the chart keeps each component's values (`gitlab.<chart name>`, the registry at the top level). */
export const COMPONENT_VALUES_PATHS = {
  webservice: 'gitlab.webservice',
  sidekiq: 'gitlab.sidekiq',
  gitaly: 'gitlab.gitaly',
  praefect: 'gitlab.praefect',
  gitlabShell: 'gitlab.gitlab-shell',
  registry: 'registry',
  kas: 'gitlab.kas',
  gitlabExporter: 'gitlab.gitlab-exporter',
  toolbox: 'gitlab.toolbox',
  gitlabPages: 'gitlab.gitlab-pages',
  mailroom: 'gitlab.mailroom',
  spamcheck: 'gitlab.spamcheck',
  migrations: 'gitlab.migrations',
} as const satisfies Record<keyof ComponentsConfig, string>;
export type ComponentKey = keyof typeof COMPONENT_VALUES_PATHS;
