import { show } from '../errors';
import type { PropsBuilder } from '../../values/builder';
import { AFFINITY_MODES, isAffinityMode } from './names';

/**
 * The chart's placement values as `placement` props: its affinity shorthand (`antiAffinity`, `nodeAffinity`,
 * `affinity.{podAntiAffinity.topologyKey,nodeAffinity.{key,values}}`), and the warning for a Kubernetes-style
 * `affinity` the chart ignores. (`nodeSelector`, `tolerations` and `priorityClassName` are copied as they are
 * by the component readers.)
 */

/** `"soft" | "hard"`: the modes the chart's shorthand takes. */
const MODES_TEXT = AFFINITY_MODES.map((m) => JSON.stringify(m)).join(' | ');

/** `antiAffinity`, `nodeAffinity` and `affinity.{podAntiAffinity.topologyKey,nodeAffinity.{key,values}}` under `from`. */
export function readAffinity(b: PropsBuilder, from: string, to: string): void {
  const v = b.values;
  const anti = v.string(`${from}.antiAffinity`);
  if (anti !== undefined) {
    if (isAffinityMode(anti)) b.set(`${to}.antiAffinity`, anti, `${from}.antiAffinity`);
    else v.problem(`${from}.antiAffinity`, anti, MODES_TEXT, 'use soft (preferred) or hard (required)');
  }
  b.string(`${from}.affinity.podAntiAffinity.topologyKey`, `${to}.antiAffinityTopologyKey`);
  const node = v.string(`${from}.nodeAffinity`);
  const key = v.string(`${from}.affinity.nodeAffinity.key`);
  const values = v.list(`${from}.affinity.nodeAffinity.values`);
  if (isAffinityMode(node)) {
    if (!values?.length) {
      v.problem(`${from}.affinity.nodeAffinity.values`, values, `the accepted node label values while ${from}.nodeAffinity is ${node}`, 'list the values, e.g. the zones: [us-east-1a, us-east-1b]');
    } else {
      b.set(`${to}.nodeAffinity`, { mode: node, ...(key !== undefined ? { key } : {}), values }, `${from}.nodeAffinity`);
    }
  } else if (node !== undefined) {
    v.problem(`${from}.nodeAffinity`, node, MODES_TEXT, 'use soft (preferred) or hard (required)');
  } else if (values?.length || (key !== undefined && key !== 'topology.kubernetes.io/zone')) {
    v.noEffects.push({ path: `${from}.affinity.nodeAffinity`, value: show(v.peek(`${from}.affinity.nodeAffinity`)), allowed: `nothing while ${from}.nodeAffinity is not set`, fix: `set ${from}.nodeAffinity: soft or hard, or remove the key` });
  }
}

/** The shorthand keys of `affinity`: the only ones the chart reads (`gitlab.affinity` in its helpers). */
const AFFINITY_SHORTHAND = ['podAntiAffinity.topologyKey', 'nodeAffinity.key', 'nodeAffinity.values'];

/**
 * A Kubernetes-style `affinity` under a component (or `global`) does nothing in the chart, which reads only the
 * shorthand keys: ignored here too, with a warning naming the typed setting that does take one.
 */
export function ignoredAffinity(b: PropsBuilder, path: string, typed: string): void {
  b.values.noEffect(`${path}.affinity`, 'nothing in the chart, which reads only the shorthand keys of affinity (podAntiAffinity.topologyKey, nodeAffinity.key, nodeAffinity.values)',
    `set a Kubernetes affinity through the typed API (${typed})`, AFFINITY_SHORTHAND.map((k) => `${path}.affinity.${k}`));
}
