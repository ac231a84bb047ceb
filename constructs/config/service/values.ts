import type { PropsBuilder } from '../../values/builder';
import { optionalComponentsOn } from '../../values/optional';

/**
 * `<component>.service.*` of the components whose Service the chart lets users expose: the type and, as each
 * subchart's Service template reads them, the load balancer's address and source ranges and the Service's
 * annotations. The chart writes `loadBalancerIP` / `loadBalancerSourceRanges` only into a LoadBalancer Service and
 * ignores them otherwise; so does the import, with a warning. (gitlab-shell's Service: `config/ssh/values.ts`.)
 */
const SERVICES = [
  { key: 'webservice', path: 'gitlab.webservice', keys: ['loadBalancerIP', 'loadBalancerSourceRanges', 'annotations'] },
  { key: 'registry', path: 'registry', keys: ['loadBalancerIP'] },
  { key: 'kas', path: 'gitlab.kas', keys: ['loadBalancerIP', 'loadBalancerSourceRanges'] },
  { key: 'gitlabPages', path: 'gitlab.gitlab-pages', keys: [] },
] as const;

export function readServices(b: PropsBuilder): void {
  const v = b.values;
  for (const s of SERVICES) {
    const on = s.key === 'gitlabPages' ? optionalComponentsOn(b).includes('gitlabPages') : b.get(`components.${s.key}.enabled`) !== false;
    if (!on) continue;
    const from = `${s.path}.service`;
    const to = `components.${s.key}.service`;
    const type = v.string(`${from}.type`);
    // The chart's default type asks for nothing: the typed setting stays out (the Service as before).
    if (type !== undefined && type !== 'ClusterIP') b.set(`${to}.type`, type, `${from}.type`);
    for (const key of s.keys) {
      if (key !== 'annotations' && type !== 'LoadBalancer') {
        v.noEffect(`${from}.${key}`, `nothing unless ${from}.type is LoadBalancer (the chart ignores it)`, `remove the key, or set ${from}.type: LoadBalancer`);
        continue;
      }
      b.raw(`${from}.${key}`, `${to}.${key}`, key === 'annotations' ? stringValues : (x) => x);
    }
    // Pages' proxy Service takes `service.primary.annotations` (its `service.annotations` go to every Pages Service).
    if (s.key === 'gitlabPages') b.raw(`${from}.primary.annotations`, `${to}.annotations`, stringValues);
  }
}

/** Annotation values are strings; `true` or a number written unquoted is read as its text. */
const stringValues = (a: unknown) => (a && typeof a === 'object' && !Array.isArray(a)
  ? Object.fromEntries(Object.entries(a).map(([k, x]) => [k, typeof x === 'boolean' || typeof x === 'number' ? String(x) : x])) : a);
