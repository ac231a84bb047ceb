import type { ResolvedConfig } from '../../config/resolved';

/**
 * `ENABLE_BOOTSNAP=1` for the Rails containers while Bootsnap is on (`rails.bootsnap`, the chart's
 * `global.rails.bootsnap.enabled`): the CNG images then cache Ruby's load paths and compiled code. With it off the
 * variable is left out, as the chart leaves it out.
 */
export const bootsnapEnv = (config: Pick<ResolvedConfig, 'rails'>): Record<string, string> =>
  (config.rails.bootsnap ? { ENABLE_BOOTSNAP: '1' } : {});
