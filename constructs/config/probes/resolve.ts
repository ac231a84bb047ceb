import { HTTP_PROBED, ProbeOverrides } from './types';
import type { Fail } from '../errors';

/**
 * `components.<name>.{livenessProbe,readinessProbe,startupProbe}`: another HTTP path or port only where the
 * component's check is an HTTP GET (elsewhere it would silently not apply).
 */
export function resolveProbes(path: string, o: ProbeOverrides, fail: Fail): ProbeOverrides {
  const name = path.split('.').pop()!;
  for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
    const httpGet = o[probe]?.httpGet;
    if (httpGet && !(HTTP_PROBED as readonly string[]).includes(name)) {
      fail(`${path}.${probe}.httpGet`, httpGet, `nothing: the ${probe} of ${name} is not an HTTP GET (only ${HTTP_PROBED.join(', ')})`,
        `remove ${probe}.httpGet; change its timings, or give the container a startupProbe with a check of your own`);
    }
  }
  return { livenessProbe: o.livenessProbe, readinessProbe: o.readinessProbe, ...(o.startupProbe !== undefined ? { startupProbe: o.startupProbe } : {}) };
}
