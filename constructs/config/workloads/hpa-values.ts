import type { PropsBuilder } from '../../values/builder';
import { HPA_TARGET_TYPES, HpaTargetType } from './names';

/** The chart's HPA targets (`hpa.cpu`, `hpa.memory` of each autoscaled component) as `autoscaling.cpu` / `.memory`. */

/** The chart's default HPA target of one metric. */
export interface TargetDefault {
  readonly type: HpaTargetType;
  readonly averageValue?: string;
  readonly averageUtilization?: number;
}

/**
 * One HPA metric target (`hpa.cpu` or `hpa.memory`): `targetType` picks which of `targetAverageValue` and
 * `targetAverageUtilization` counts, as in the chart; the other one is reported rather than dropped.
 */
export function readTarget(b: PropsBuilder, from: string, to: string, dflt: TargetDefault): void {
  const v = b.values;
  if (v.peek(from) === undefined) return;
  const type = v.string(`${from}.targetType`) ?? dflt.type;
  const valuePath = `${from}.targetAverageValue`;
  const utilizationPath = `${from}.targetAverageUtilization`;
  if (type === 'AverageValue') {
    const value = v.get(valuePath) ?? dflt.averageValue;
    if (value === undefined) v.problem(valuePath, undefined, 'a quantity when targetType is AverageValue', `set ${valuePath}, e.g. "500m"`);
    else b.set(to, { averageValue: typeof value === 'number' ? String(value) : value }, v.peek(valuePath) === undefined ? from : valuePath);
    v.noEffect(utilizationPath, 'nothing while targetType is AverageValue', `remove the key, or set ${from}.targetType: Utilization`);
  } else if (type === 'Utilization') {
    const value = v.number(utilizationPath) ?? dflt.averageUtilization;
    if (value === undefined) v.problem(utilizationPath, undefined, 'a percentage when targetType is Utilization', `set ${utilizationPath}, e.g. 75`);
    else b.set(to, { averageUtilization: value }, v.peek(utilizationPath) === undefined ? from : utilizationPath);
    v.noEffect(valuePath, 'nothing while targetType is Utilization', `remove the key, or set ${from}.targetType: AverageValue`);
  } else {
    v.problem(`${from}.targetType`, type, HPA_TARGET_TYPES.map((t) => JSON.stringify(t)).join(' | '), 'use one of the two target types');
  }
}
