import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubectlBinary, unreachableKubeconfig } from '../support/kubectl';
import { AWS_PRODUCTION_VALUES } from '../values/helpers';
import { ROOT } from './run';

/**
 * The README followed on a fresh clone of this repository's committed HEAD, as a new user does: its quick start,
 * then its "Install on a cluster" commands in order, up to the point where a cluster is needed. Only `npm ci`'s
 * download is replaced (node_modules is linked from this checkout: no network here); its `prepare` step runs as
 * npm would run it. The kubectl commands run with a real kubectl against an unreachable API server, where the only
 * acceptable failure is the connection: a typo in a flag, a selector or a file name fails before that.
 */
const inGit = spawnSync('git', ['-C', ROOT, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' }).stdout?.trim() === 'true';
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first ```shell block of a README section. */
function shellBlock(heading: string): string[] {
  const section = README.slice(README.indexOf(heading));
  const start = section.indexOf('```shell\n') + 9;
  return section.slice(start, section.indexOf('```', start)).trim().split('\n');
}

/** Splits one shell command into words (single and double quotes, no expansion: the README's commands use none). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => {
    const raw = m[0];
    // A quoted part inside a word (`jsonpath='{.data.password}'`): the shell drops the quotes.
    return m[3] !== undefined ? raw.replace(/'([^']*)'/g, '$1') : (m[1] ?? m[2]);
  });
}

let clone = '';
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, { cwd: clone, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });

beforeAll(() => {
  if (!inGit) return;
  clone = join(mkdtempSync(join(tmpdir(), 'gitlab-iac-clone-')), 'gitlab-iac');
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { encoding: 'utf8' });
  if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
}, 60_000);
afterAll(() => { if (clone) rmSync(join(clone, '..'), { recursive: true, force: true }); });

describe.skipIf(!inGit)('the README on a fresh clone', () => {
  it('the quick start installs and synthesizes the default platform into dist/', () => {
    const [install] = shellBlock('## Quick start');
    expect(install.replace(/\s*#.*$/, '')).toBe('npm ci && npm run synth');
    // `npm ci` = download (replaced by the link) + the package's `prepare` script.
    const prepare = run('npm', ['run', 'prepare']);
    expect(prepare.status, prepare.stderr).toBe(0);
    const synth = run('npm', ['run', 'synth']);
    expect(synth.status, synth.stderr).toBe(0);
    expect(synth.stderr + synth.stdout).not.toMatch(/\n\s+at /); // no stack trace (the offline upgrade check is off)
    for (const file of ['gitlab.k8s.yaml', 'cluster-integrations.k8s.yaml']) {
      const docs = parseAllDocuments(readFileSync(join(clone, 'dist', file), 'utf8'));
      expect(docs.every((d) => d.errors.length === 0), file).toBe(true);
      expect(docs.length, file).toBeGreaterThan(5);
    }
  }, 300_000);

  it('"Install on a cluster" runs in order up to the first command that needs the cluster', () => {
    expect(existsSync(join(clone, 'build', 'cli.js')), 'the quick start built the CLI').toBe(true);
    copyFileSync(AWS_PRODUCTION_VALUES, join(clone, 'values.yaml'));
    const kubeconfig = join(clone, '..', 'kubeconfig');
    writeFileSync(kubeconfig, unreachableKubeconfig('prod'));
    const kubectl = kubectlBinary('1.35');
    const ran: string[] = [];
    for (const line of shellBlock('## Install on a cluster')) {
      // `a | b`: the first command is the one this README asks for (the pipe only decodes its output).
      const [command, redirect] = line.split(' | ')[0].split(' > ');
      const [tool, ...args] = words(command);
      if (tool === 'gitlab-iac') {
        const r = run(process.execPath, ['build/cli.js', ...args]);
        expect(r.status, `${line}\n${r.stderr}`).toBe(0);
        if (redirect) {
          writeFileSync(join(clone, redirect.trim()), r.stdout);
          // The README's next step: fill in every REPLACE-ME value before the check.
          if (redirect.trim() === 'secrets.yaml') writeFileSync(join(clone, 'secrets.yaml'), r.stdout.replace(/REPLACE-ME-[\w.:-]*/g, 'filled-in'));
        }
      } else {
        expect(tool, line).toBe('kubectl');
        const r = run(kubectl, args, { KUBECONFIG: kubeconfig });
        // Flags, selectors and files are all checked before kubectl dials the server.
        expect(r.status, line).not.toBe(0);
        expect(r.stderr, `${line}\n${r.stderr}`).toMatch(/connect: connection refused|Unable to connect to the server|dial tcp 127\.0\.0\.1:1/);
      }
      ran.push(tool);
    }
    expect(ran.filter((t) => t === 'gitlab-iac').length).toBeGreaterThanOrEqual(3);
    expect(readFileSync(join(clone, 'dist', 'gitlab.k8s.yaml'), 'utf8')).toMatch(/^kind: Namespace|\nkind: Namespace/m);
  }, 120_000);
});
