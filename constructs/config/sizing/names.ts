/**
 * The reference architecture sizes, written once: `size` (props and values), its check, the presets and the
 * Pulumi stack's `size` setting derive from this array.
 */
export const SIZE_NAMES = ['2k', '3k', '5k', '10k', '25k', '50k'] as const;
export type SizeName = typeof SIZE_NAMES[number];

/** The node pools a size places pods on (node label `workload: <pool>`, as the chart's `examples/ref` do). */
export const NODE_POOLS = ['webservice', 'sidekiq', 'gitaly', 'support'] as const;
export type NodePoolName = typeof NODE_POOLS[number];
