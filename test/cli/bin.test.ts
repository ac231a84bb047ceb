import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { AWS_PRODUCTION_VALUES, withValues } from '../values/helpers';
import { BIN, ensureBin, ROOT, runBin, runCli } from './run';

// The built bin, run as a child process under plain node: what a user runs after `npm ci`.
let work: string;
beforeAll(() => {
  ensureBin();
  work = mkdtempSync(join(tmpdir(), 'gitlab-iac-bin-'));
}, 120_000);
afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

describe('the gitlab-iac bin', () => {
  it('is an executable file with a node shebang', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('synthesizes the aws-production values into --out, as the in-process CLI does', async () => {
    const out = join(work, 'out');
    const run = runBin('synth', '--values', AWS_PRODUCTION_VALUES, '--out', out);
    expect(run.stderr).toContain('Next steps');
    expect(run.code).toBe(0);
    expect(readdirSync(out)).toEqual(['gitlab.k8s.yaml']);
    const inProcess = join(work, 'out-in-process');
    await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', inProcess);
    expect(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).toBe(readFileSync(join(inProcess, 'gitlab.k8s.yaml'), 'utf8'));
  });

  it('refuses unsupported values with exit 1 and a message, no stack trace, and writes nothing', () => {
    const file = join(work, 'bad.yaml');
    writeFileSync(file, stringify(withValues({ global: { appConfig: { microsoft_graph_mailer: { enabled: true } }, geo: { enabled: true } } })));
    const out = join(work, 'refused');
    const run = runBin('synth', '--values', file, '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('global.appConfig.microsoft_graph_mailer.enabled');
    expect(run.stderr).toContain('global.geo.enabled: got true');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on a wrong command line', () => {
    const run = runBin('synth');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('required option');
  });

  it('generates the shared Secrets, loading its key libraries from node_modules', () => {
    const run = runBin('secrets', '--namespace', 'gitlab');
    expect(run.code).toBe(0);
    const kinds = parseAllDocuments(run.stdout).map((d) => d.toJSON().kind);
    expect(kinds.length).toBeGreaterThan(5);
    expect(new Set(kinds)).toEqual(new Set(['Secret']));
  });

  it('never writes into the installed package: the V8 code cache goes to the user\'s cache directory', () => {
    const cacheDir = join(work, 'cache');
    const before = readdirSync(join(ROOT, 'build'));
    const env = { ...process.env, GITLAB_IAC_CACHE_DIR: cacheDir };
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(process.execPath, [BIN, 'synth', '--values', AWS_PRODUCTION_VALUES, '--out', join(work, `cached-${i}`)], { cwd: ROOT, encoding: 'utf8', env });
      expect(r.status).toBe(0);
    }
    expect(readdirSync(join(ROOT, 'build'))).toEqual(before);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^cli-bundle-v\d+.*\.cache$/)]);
  });

  it('writes the code cache only from a run that did its work, not from help, a usage error or a refused run', () => {
    const cacheDir = join(work, 'cache-first-runs');
    const env = { ...process.env, GITLAB_IAC_CACHE_DIR: cacheDir };
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
    expect(run('synth', '--help').status).toBe(0);
    expect(run('synth').status).toBe(2);
    expect(run('synth', '--values', join(work, 'missing.yaml'), '--out', join(work, 'never')).status).toBe(1);
    expect(existsSync(cacheDir)).toBe(false);
    expect(run('synth', '--values', AWS_PRODUCTION_VALUES, '--out', join(work, 'first-synth')).status).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^cli-bundle-v\d+.*-lite\.cache$/)]);
  });
});
