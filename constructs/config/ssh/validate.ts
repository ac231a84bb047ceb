import { show } from '../errors';
import { cidr, isPlainObject } from '../common/checks';
import { gatewayRef, sectionName } from '../exposure/checks';
import { LOAD_BALANCER_SCHEMES } from '../exposure/names';
import { Check, list, num, obj, str } from '../schema';
import { EXTERNAL_TRAFFIC_POLICIES } from '../service/types';

const algorithm = () => list(str({ pattern: /^[A-Za-z0-9@.+_-]+$/, allowed: 'an SSH algorithm name such as aes256-gcm@openssh.com', fix: 'copy the name from `ssh -Q cipher` (or kex, mac, key)' }), { minItems: 1, unique: true });

/** Shape of `components.gitlabShell.sshd`. */
export const sshdCheck = obj({
  ciphers: algorithm(),
  kexAlgorithms: algorithm(),
  macs: algorithm(),
  publicKeyAlgorithms: algorithm(),
  loginGraceTime: num({ min: 0, max: 3600 }),
  clientAliveInterval: num({ min: 0, max: 86400 }),
  maxStartups: obj({ start: num({ min: 0, max: 100000 }), rate: num({ min: 0, max: 100 }), full: num({ min: 1, max: 100000 }) }),
});

/** `components.gitlabShell.expose`: exactly one way, picked by `via`. */
const sshExposeCheck: Check = (value, path, issues) => {
  const via = isPlainObject(value) ? value.via : undefined;
  if (via === 'aws-nlb') obj({ via: str(), scheme: str({ oneOf: LOAD_BALANCER_SCHEMES }) })(value, path, issues);
  else if (via === 'tcp-route') obj({ via: str(), gateway: gatewayRef, listener: sectionName() })(value, path, issues);
  else {
    issues.push({
      path, value: show(value), allowed: '{ via: "aws-nlb", scheme? } or { via: "tcp-route", gateway?, listener? }',
      fix: 'expose SSH through an AWS NLB or a Gateway API TCPRoute, or remove the setting (the Service follows serviceType)',
    });
  }
};

/** The exposure fields of `components.gitlabShell`. */
export const sshExposureFields = {
  expose: sshExposeCheck, loadBalancerSourceRanges: list(cidr(), { unique: true }),
  loadBalancerIP: str({ pattern: /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/, allowed: 'an IPv4 or IPv6 address', fix: 'write e.g. 203.0.113.10' }),
  externalTrafficPolicy: str({ oneOf: EXTERNAL_TRAFFIC_POLICIES }),
};
