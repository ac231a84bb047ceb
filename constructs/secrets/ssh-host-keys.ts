import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type * as SshPk from 'sshpk';
import { defaultExport } from './interop';

export type SshKeyType = import('../config/secrets/names').SshHostKeyType;

/** An OpenSSH host key: the private key as `sshd` reads it and the `.pub` line. */
export interface SshHostKey {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----` (the format `ssh-keygen` writes). */
  readonly privateKey: string;
  /** `<type> <base64> <comment>`, the authorized_keys / `.pub` format. */
  readonly publicKey: string;
}

const generate = promisify(generateKeyPair);

/** What `ssh-keygen -A` makes: RSA 3072, ECDSA P-256, Ed25519. */
async function keyObject(type: SshKeyType): Promise<KeyObject> {
  switch (type) {
    case 'rsa': return (await generate('rsa', { modulusLength: 3072 })).privateKey;
    case 'ecdsa': return (await generate('ec', { namedCurve: 'prime256v1' })).privateKey;
    case 'ed25519': return (await generate('ed25519')).privateKey;
  }
}

/**
 * A fresh host key. node:crypto makes the key; sshpk writes the OpenSSH private-key container (which node:crypto
 * has no encoder for, and which is the only format sshd reads Ed25519 host keys in).
 */
export async function generateSshHostKey(type: SshKeyType, comment = 'gitlab-shell'): Promise<SshHostKey> {
  const key = await keyObject(type);
  // Loaded here only: no other command needs it.
  const sshpk = defaultExport<typeof SshPk>(await import('sshpk'));
  const parsed = sshpk.parsePrivateKey(key.export({ type: 'pkcs8', format: 'pem' }) as string, 'pem');
  parsed.comment = comment;
  return {
    privateKey: parsed.toString('ssh-private'),
    publicKey: `${parsed.toPublic().toString('ssh')}\n`,
  };
}
