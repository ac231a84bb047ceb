/**
 * GitLab's required upgrade stops: releases an installation must run (and let its background migrations finish on)
 * before it moves past them.
 *
 * Source, unless a line says otherwise: GitLab's "Plan your upgrade path" page
 * (https://docs.gitlab.com/update/upgrade_paths/), sections "Required GitLab 15/16/17/18 upgrade stops". Since 17.5
 * the stops are scheduled at every x.2, x.5, x.8 and x.11. Stops the page marks as conditional (only instances with
 * a given trait) are enforced too, the safe reading: this library cannot see those traits, and an extra stop only
 * costs time. Each stop is upgraded to at its newest known patch (`LATEST_PATCHES`), as the page asks.
 */
export const REQUIRED_STOPS = [
  { minor: '15.0' },
  { minor: '15.1', condition: 'instances with multiple web nodes' },
  { minor: '15.4' },
  { minor: '15.11' },
  { minor: '16.0', condition: 'instances with lots of users or a large pipeline variables history' },
  { minor: '16.1', condition: 'instances with NPM packages in their package registry' },
  { minor: '16.2', condition: 'instances with a large pipeline variables history' },
  { minor: '16.3' },
  { minor: '16.7' },
  { minor: '16.11' },
  { minor: '17.1', condition: 'instances with a large ci_pipeline_messages table' },
  { minor: '17.3' },
  // The scheduled stops, from 17.5 on.
  { minor: '17.5' },
  { minor: '17.8' },
  { minor: '17.11' },
  { minor: '18.2' },
  { minor: '18.5' },
  // Also the official chart's own check: chart 9.9 (GitLab 18.9) refuses an upgrade from below 18.8
  // (`templates/_runcheck.tpl`, MIN_VERSION=18.8; see CHART_MINIMUM_FROM).
  { minor: '18.8' },
] as const satisfies readonly { readonly minor: string; readonly condition?: string }[];

export type RequiredStop = (typeof REQUIRED_STOPS)[number];

/**
 * The oldest release the official chart's pre-upgrade check (`templates/_runcheck.tpl`, `MIN_VERSION`) lets an
 * installation upgrade from, per GitLab minor this library deploys. Kept to prove the stops above agree with the
 * chart (a test does), since the chart's hook is what this library replaces.
 */
export const CHART_MINIMUM_FROM: Readonly<Record<string, string>> = {
  // chart 9.9.1: MIN_VERSION=18.8, CHART_MIN_VERSION=9.8
  '18.9': '18.8',
};
