import { list, num, obj, str } from '../schema';

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
