import { PropsBuilder } from './builder';

/**
 * Rails keys beside `global.appConfig`: Bootsnap (`global.rails.bootsnap.enabled`, `rails.bootsnap`).
 * Runs after `readAppConfig`.
 */
export function readRailsExtras(b: PropsBuilder): void {
  b.boolean('global.rails.bootsnap.enabled', 'rails.bootsnap');
}
