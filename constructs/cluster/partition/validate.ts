import { Check, all, bool, falseOr, list, num, obj, quantity, required, rule, str } from '../../config/schema';
import { cidr } from '../../config/common/checks';
import { labelMap } from '../common/checks';
import { namespaceName } from '../common/scope';
import { PARTITION_POD_SECURITY, PARTITION_PURPOSES } from './props';

const port = () => num({ min: 1, max: 65535 });
const size = () => obj({ cpu: required(quantity()), memory: required(quantity()) });

const peer: Check = (value, path, issues) => {
  const v = value as Record<string, unknown> | undefined;
  if (v && typeof v === 'object' && ('namespace' in v) !== ('cidr' in v)) {
    ('namespace' in v ? obj({ namespace: required(namespaceName()), podLabels: labelMap() }) : obj({ cidr: required(cidr()), except: list(cidr(), { unique: true }) }))(value, path, issues);
    return;
  }
  rule(() => ({ allowed: '{ namespace, podLabels? } or { cidr, except? }', fix: 'name pods by namespace (and labels), or addresses by CIDR' }))(value, path, issues);
};

const subject = all(
  obj({ kind: required(str({ oneOf: ['User', 'Group', 'ServiceAccount'] })), name: required(str()), namespace: namespaceName() }),
  rule((s: { kind?: string; namespace?: string }) => ((s.kind === 'ServiceAccount') !== (s.namespace !== undefined)
    ? { allowed: 'a namespace for a ServiceAccount, none for a User or Group', fix: 'set namespace on ServiceAccount subjects only' } : undefined)),
);

const settings = {
  createNamespace: bool(),
  quota: falseOr(obj({
    cpuRequests: quantity(), memoryRequests: quantity(), cpuLimits: quantity(), memoryLimits: quantity(),
    pods: num({ min: 0, max: 100000 }), services: num({ min: 0, max: 100000 }), persistentVolumeClaims: num({ min: 0, max: 100000 }),
    storage: quantity(), loadBalancers: num({ min: 0, max: 1000 }), nodePorts: num({ min: 0, max: 1000 }),
  }, { what: 'false or quota settings' })),
  limits: obj({ defaultRequest: size(), defaultLimit: size(), max: size() }),
  network: obj({
    ingressFrom: list(peer),
    gitlab: obj({ peers: required(list(peer, { minItems: 1 })), ports: required(list(port(), { minItems: 1, unique: true })) }),
    dns: list(peer, { minItems: 1 }),
    sameNamespace: bool(),
    internet: bool(),
    internetPorts: list(port(), { minItems: 1, unique: true }),
    blockedCidrs: list(cidr(), { unique: true }),
    extraEgress: list(obj({ to: required(list(peer, { minItems: 1 })), ports: required(list(port(), { minItems: 1, unique: true })) })),
  }),
  labels: labelMap(),
};

/** The settings a runner passes through for its job namespace (`jobs.partition`). */
export const partitionSettingsCheck: Check = obj(settings, { what: 'false or partition settings { quota, limits, network, createNamespace, labels }' });

export const partitionPropsCheck: Check = obj({
  namespace: required(namespaceName(), 'name the namespace of the partition'),
  purpose: required(str({ oneOf: [...PARTITION_PURPOSES] }), `set purpose to one of ${PARTITION_PURPOSES.join(', ')}`),
  ...settings,
  podSecurity: str({ oneOf: [...PARTITION_POD_SECURITY] }),
  deployers: list(subject),
}, { what: 'NamespacePartition props' });

