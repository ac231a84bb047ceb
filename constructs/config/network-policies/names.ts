import type { ComponentsConfig } from '../types-components';

/**
 * The lists of names the NetworkPolicy settings are built from, each written once: the props types, the checks
 * and the resolution derive from these.
 */

/** The platform's components as NetworkPolicies name them (`extraEgress[].components`), in the order errors list them. */
export const NETWORK_COMPONENTS = [
  'webservice', 'sidekiq', 'gitaly', 'praefect', 'gitlabShell', 'registry', 'kas', 'gitlabExporter', 'toolbox', 'migrations',
  'gitlabPages', 'mailroom', 'spamcheck',
] as const satisfies readonly (keyof ComponentsConfig)[];

/** The opt-in outbound presets (`networkPolicies.outbound.<name>`): which components connect, and their default ports. */
export const OUTBOUND_PRESETS = {
  repositoryMirroring: { components: ['gitaly', 'sidekiq'], ports: [443, 22] },
  webhooks: { components: ['sidekiq', 'webservice'], ports: [443, 80] },
} as const satisfies Readonly<Record<string, { components: readonly (typeof NETWORK_COMPONENTS)[number][]; ports: readonly number[] }>>;
export const OUTBOUND_PRESET_NAMES = Object.keys(OUTBOUND_PRESETS) as (keyof typeof OUTBOUND_PRESETS)[];
export type OutboundPresetName = keyof typeof OUTBOUND_PRESETS;
