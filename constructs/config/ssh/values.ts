import type { PropsBuilder } from '../../values/builder';
import { COMPONENT_VALUES_PATHS } from '../components/names';

/**
 * The chart's SSH exposure values (`gitlab.gitlab-shell.service`) as `components.gitlabShell` props. The SSH
 * TCPRoute of the Gateway API is read with the rest of `global.gatewayApi` (`../exposure/values.ts`).
 */

/** gitlab-shell: its typed key, its chart values and the chart's default Gateway listener of its TCPRoute. */
export const SHELL_VALUES = { key: 'gitlabShell', path: COMPONENT_VALUES_PATHS.gitlabShell, section: 'gitlab-ssh' } as const;

/** The chart's fixed SSH Service settings: accepted at these values. */
const SHELL_SERVICE_FIXED: Readonly<Record<string, unknown>> = { name: 'gitlab-shell', internalPort: 2222 };

/**
 * `gitlab.gitlab-shell.service`: type, annotations (e.g. an AWS NLB's) and the load balancer's source ranges. Called
 * (by `readExposure`) only while gitlab-shell runs.
 */
export function readShellService(b: PropsBuilder): void {
  const v = b.values;
  const base = `${SHELL_VALUES.path}.service`;
  const to = 'components.gitlabShell';
  b.string(`${base}.type`, `${to}.serviceType`);
  b.raw(`${base}.annotations`, `${to}.serviceAnnotations`);
  b.raw(`${base}.loadBalancerSourceRanges`, `${to}.loadBalancerSourceRanges`);
  b.string(`${base}.loadBalancerIP`, `${to}.loadBalancerIP`);
  // The chart writes the traffic policy only into a NodePort or LoadBalancer Service.
  if ((b.get(`${to}.serviceType`) ?? 'ClusterIP') === 'ClusterIP') {
    v.noEffect(`${base}.externalTrafficPolicy`, `nothing while ${base}.type is ClusterIP (the chart ignores it)`, `remove the key, or set ${base}.type: LoadBalancer`);
  } else b.string(`${base}.externalTrafficPolicy`, `${to}.externalTrafficPolicy`);
  for (const [key, fixed] of Object.entries(SHELL_SERVICE_FIXED)) {
    const value = v.get(`${base}.${key}`);
    if (value !== undefined && value !== fixed) {
      v.problem(`${base}.${key}`, value, `${JSON.stringify(fixed)} (the chart's default; gitlab-iac keeps it fixed)`, 'remove the key');
    }
  }
}
