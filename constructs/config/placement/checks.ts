import {
  all, Check, k8sName, list, num, obj, required, rule, str,
} from '../schema';
import { labelMap } from '../common/checks';
import { qualifiedNameProblem } from '../common/rules';
import {
  AFFINITY_MODES, ANTI_AFFINITY_MODES, LABEL_SELECTOR_OPERATORS, NODE_FIELD_SELECTOR_OPERATORS, NODE_INCLUSION_POLICIES,
  NODE_SELECTOR_OPERATORS, TOLERATION_EFFECTS, TOLERATION_OPERATORS, WHEN_UNSATISFIABLE,
} from './names';

/** Checks of `placement` (platform-wide and per component): node selector, tolerations, affinity, topology spread. */

type Fields = Record<string, Check>;

const toleration = all(obj({
  key: str(), operator: str({ oneOf: TOLERATION_OPERATORS }), value: str({ nonEmpty: false }),
  effect: str({ oneOf: TOLERATION_EFFECTS }), tolerationSeconds: num({ min: 0 }),
}), rule((t: { key?: string; operator?: string; value?: string }) => (t.operator === 'Exists' && t.value
  ? { allowed: 'no value with operator Exists', fix: 'remove value, or use operator: Equal' }
  : !t.key && t.operator !== 'Exists' ? { allowed: 'a key, unless operator is Exists', fix: 'set key, or operator: Exists to tolerate every taint' } : undefined)));

// Affinity and topology spread are passed to Kubernetes as written, and cdk8s drops fields it does not know:
// check them here so a typo is an error instead of a silently missing (or match-nothing) rule.
const selectorRequirement = (operators: readonly string[]) => obj({
  key: required(str()), operator: required(str({ oneOf: operators })), values: list(str({ nonEmpty: false })),
});
const labelSelector = obj({ matchLabels: labelMap(), matchExpressions: list(selectorRequirement(LABEL_SELECTOR_OPERATORS)) });
const nodeSelectorTerm = obj({
  matchExpressions: list(selectorRequirement(NODE_SELECTOR_OPERATORS)),
  matchFields: list(selectorRequirement(NODE_FIELD_SELECTOR_OPERATORS)),
});
const podAffinityTerm = obj({
  labelSelector, namespaceSelector: labelSelector, namespaces: list(str()), topologyKey: required(str()),
  matchLabelKeys: list(str()), mismatchLabelKeys: list(str()),
});
const weighted = (field: string, check: Check) => obj({ weight: required(num({ min: 1, max: 100 })), [field]: required(check) });
const podAffinity = obj({
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: list(weighted('podAffinityTerm', podAffinityTerm)),
});
const affinity = obj({
  nodeAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: obj({ nodeSelectorTerms: required(list(nodeSelectorTerm, { minItems: 1 })) }),
    preferredDuringSchedulingIgnoredDuringExecution: list(weighted('preference', nodeSelectorTerm)),
  }),
  podAffinity,
  podAntiAffinity: podAffinity,
}, { what: 'a Kubernetes affinity object' });
const topologySpreadConstraint = obj({
  maxSkew: required(num({ min: 1 })),
  topologyKey: required(str()),
  whenUnsatisfiable: required(str({ oneOf: WHEN_UNSATISFIABLE })),
  labelSelector,
  minDomains: num({ min: 1 }),
  nodeAffinityPolicy: str({ oneOf: NODE_INCLUSION_POLICIES }),
  nodeTaintsPolicy: str({ oneOf: NODE_INCLUSION_POLICIES }),
  matchLabelKeys: list(str()),
});

/** Label keys as node labels and topology keys are written (`kubernetes.io/hostname`). */
const labelKey = (): Check => all(str({ allowed: 'a label key such as "topology.kubernetes.io/zone"', fix: 'write a node label key' }), rule((v: string) => {
  const problem = qualifiedNameProblem(v);
  return problem ? { allowed: `a label key such as "topology.kubernetes.io/zone" (${problem})`, fix: 'write a node label key' } : undefined;
}));

/** The chart's affinity shorthand in `Placement`. */
export const placementShorthandFields: Fields = {
  antiAffinity: str({ oneOf: ANTI_AFFINITY_MODES }),
  antiAffinityTopologyKey: labelKey(),
  nodeAffinity: obj({
    mode: required(str({ oneOf: AFFINITY_MODES })),
    key: labelKey(),
    values: required(list(str(), { minItems: 1, unique: true }), 'list the accepted label values, e.g. zones'),
  }),
};

export const placementCheck = obj({
  nodeSelector: labelMap(),
  tolerations: list(toleration),
  affinity,
  topologySpreadConstraints: list(topologySpreadConstraint),
  priorityClassName: k8sName('PriorityClass name'),
  ...placementShorthandFields,
});
