import type { PropsBuilder } from '../../values/builder';
import { COMPONENT_VALUES_PATHS } from '../components/names';

/** The chart's per-component `networkpolicy` switches as `networkPolicies` props. */

/** The components whose chart has a `networkpolicy` block. */
const WITH_NETWORK_POLICY = (['webservice', 'sidekiq', 'kas', 'gitlabShell', 'registry', 'gitlabPages', 'mailroom'] as const)
  .map((key) => [key, COMPONENT_VALUES_PATHS[key]] as const);

/**
 * `<component>.networkpolicy`: gitlab-iac writes the policies itself, for every component, from the flows the
 * platform uses. `enabled: false` everywhere keeps the chart's behaviour (no policies); `true` turns them on for all;
 * hand-written rules are refused (the typed API takes extra peers and egress).
 */
export function readNetworkPolicies(b: PropsBuilder, running: (key: string) => boolean): void {
  const v = b.values;
  const on: string[] = [];
  const off: string[] = [];
  for (const [key, path] of WITH_NETWORK_POLICY) {
    if (!running(key)) continue;
    const base = `${path}.networkpolicy`;
    const enabled = v.boolean(`${base}.enabled`);
    if (enabled === undefined) continue;
    (enabled ? on : off).push(`${base}.enabled`);
    if (!enabled) {
      v.noEffect(base, `nothing while ${base}.enabled is false`, 'remove the key', [`${base}.enabled`]);
      continue;
    }
    for (const direction of ['ingress', 'egress']) {
      v.boolean(`${base}.${direction}.enabled`);
      const rules = v.list(`${base}.${direction}.rules`);
      if (rules?.length) {
        v.problem(`${base}.${direction}.rules`, rules, 'nothing: gitlab-iac derives every rule from the flows the platform uses',
          'remove the rules; allow other peers or destinations through the typed API (networkPolicies.ingressFrom, metricsFrom, extraEgress)');
      }
    }
  }
  if (off.length && on.length) {
    v.problem(off[0], false, `true, like ${on[0]} (gitlab-iac's NetworkPolicies cover every component or none)`, 'set networkpolicy.enabled the same for every component');
  } else if (off.length) {
    b.set('networkPolicies', false, off[0]);
  }
}
