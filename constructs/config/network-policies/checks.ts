import { ConfigIssue, show } from '../errors';
import { cidr, isPlainObject, labelMap, portNumber } from '../common/checks';
import { namespaceName } from '../exposure/checks';
import { Check, list, obj, required, str } from '../schema';
import { NETWORK_COMPONENTS, OUTBOUND_PRESET_NAMES } from './names';

/** Shape checks of `networkPolicies`; the peers the other settings imply are worked out in `resolve.ts`. */

/** A NetworkPolicy peer: exactly one of `namespace` or `cidr`. */
function networkPeer(): Check {
  const byNamespace = obj({ namespace: required(namespaceName()), podLabels: labelMap() });
  const byCidr = obj({ cidr: required(cidr()), except: list(cidr(), { unique: true }) });
  return (value, path, issues) => {
    if (isPlainObject(value) && ('namespace' in value) !== ('cidr' in value)) {
      ('namespace' in value ? byNamespace : byCidr)(value, path, issues);
      return;
    }
    issues.push({
      path, value: show(value), allowed: '{ namespace, podLabels? } or { cidr, except? }',
      fix: 'name pods by namespace (and labels), or addresses by CIDR; one peer per list item',
    });
  };
}

const ports = () => list(portNumber(), { minItems: 1, unique: true });
const cidrs = () => list(cidr(), { minItems: 1, unique: true });
const peers = () => list(networkPeer());
const outboundPreset: Check = (value, path, issues) => (value === true ? undefined
  : obj({ ports: ports(), cidrs: cidrs() }, { what: 'true or { ports?, cidrs? }' })(value, path, issues));

/** `networkPolicies`: `false`, or the extra peers, ranges and egress. */
export const networkPoliciesProp: Check = (value: unknown, path: string, issues: ConfigIssue[]) => {
  if (value === false) return;
  obj({
    ingressFrom: peers(),
    sshFrom: peers(),
    metricsFrom: peers(),
    dns: list(networkPeer(), { minItems: 1 }),
    postgres: obj({ cidrs: cidrs() }),
    redis: obj({ cidrs: cidrs() }),
    objectStorage: obj({ cidrs: cidrs(), ports: ports() }),
    extraEgress: list(obj({
      components: required(list(str({ oneOf: NETWORK_COMPONENTS }), { minItems: 1, unique: true })),
      to: required(list(networkPeer(), { minItems: 1 })),
      ports: required(ports()),
    })),
    vpcCidrs: cidrs(),
    ingressNamespace: namespaceName(),
    outbound: obj(Object.fromEntries(OUTBOUND_PRESET_NAMES.map((name) => [name, outboundPreset]))),
  }, { what: 'false or NetworkPolicy settings { ingressFrom, metricsFrom, dns, postgres, redis, objectStorage, vpcCidrs, outbound, ... }' })(value, path, issues);
};
