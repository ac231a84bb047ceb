import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { reportError } from '../../constructs/cli/main';
import { AWS_PRODUCTION_VALUES, withValues } from '../values/helpers';
import { runCli } from './run';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'gitlab-iac-cli-')); });
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

const valuesFile = (name: string, values: unknown) => {
  const file = join(work, name);
  writeFileSync(file, typeof values === 'string' ? values : stringify(values));
  return file;
};
const objects = (file: string) => parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJSON());

describe('gitlab-iac synth', () => {
  it('writes the platform\'s manifests into --out and says how many objects it wrote', async () => {
    const out = join(work, 'out-production');
    const run = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', out);
    expect(run).toMatchObject({ code: 0, stderr: expect.stringContaining('Next steps') });
    expect(readdirSync(out)).toEqual(['gitlab.k8s.yaml']);
    const docs = objects(join(out, 'gitlab.k8s.yaml'));
    expect(run.stdout).toBe(`Wrote ${docs.length} objects to ${join(out, 'gitlab.k8s.yaml')}\n`);
    const names = docs.map((d) => `${d.kind}/${d.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining(['Deployment/gitlab-webservice-default', 'StatefulSet/gitlab-gitaly', 'Ingress/gitlab-webservice-default']));
    expect(docs.every((d) => d.metadata.namespace === 'gitlab')).toBe(true);
  });

  it('names objects after --release and places them in --namespace', async () => {
    const out = join(work, 'out-release');
    const run = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', out, '--release', 'prod', '--namespace', 'gitlab-prod');
    expect(run.code).toBe(0);
    const docs = objects(join(out, 'gitlab.k8s.yaml'));
    expect(docs.map((d) => d.metadata.name)).toContain('prod-webservice-default');
    expect(docs.every((d) => d.metadata.namespace === 'gitlab-prod')).toBe(true);
  });

  it('merges several values files, later ones winning, as helm -f does', async () => {
    const override = valuesFile('override.yaml', { global: { hosts: { domain: 'example.org' } } });
    const out = join(work, 'out-merged');
    expect((await runCli('synth', '-f', AWS_PRODUCTION_VALUES, '-f', override, '-o', out)).code).toBe(0);
    const ingress = objects(join(out, 'gitlab.k8s.yaml')).find((d) => d.kind === 'Ingress' && d.metadata.name === 'gitlab-webservice-default');
    expect(ingress.spec.rules[0].host).toBe('gitlab.example.org');
  });

  it('writes the same output for the same input', async () => {
    const a = join(work, 'out-a');
    const b = join(work, 'out-b');
    await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', a);
    await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', b);
    expect(readFileSync(join(a, 'gitlab.k8s.yaml'), 'utf8')).toBe(readFileSync(join(b, 'gitlab.k8s.yaml'), 'utf8'));
  });
});

describe('gitlab-iac synth: refused runs write nothing', () => {
  it('lists every unsupported key on stderr, exits 1, and creates no --out', async () => {
    const file = valuesFile('unsupported.yaml', withValues({ global: { appConfig: { microsoft_graph_mailer: { enabled: true } }, geo: { enabled: true } } }));
    const out = join(work, 'out-unsupported');
    const run = await runCli('synth', '--values', file, '--out', out);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/(^|\n)Unsupported Helm values \(2 keys\)/);
    expect(run.stderr).toContain('  - global.appConfig.microsoft_graph_mailer.enabled: ');
    expect(run.stderr).toContain('  - global.geo.enabled: ');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves an existing --out untouched when the values are refused', async () => {
    const file = valuesFile('install.yaml', withValues({ global: { geo: { enabled: true } } }));
    const out = join(work, 'out-existing');
    mkdirSync(out);
    const run = await runCli('synth', '--values', file, '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('global.geo.enabled: got true');
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses values that fail validation, naming the values key', async () => {
    const file = valuesFile('invalid.yaml', withValues({ global: { psql: { port: 70000 } } }));
    const run = await runCli('synth', '--values', file, '--out', join(work, 'out-invalid'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/(^|\n)Invalid GitLab configuration:\n {2}- global\.psql\.port: got 70000/);
    expect(existsSync(join(work, 'out-invalid'))).toBe(false);
  });

  it('says so when a values file is missing', async () => {
    const run = await runCli('synth', '--values', join(work, 'nope.yaml'), '--out', join(work, 'out-missing'));
    expect(run).toMatchObject({ code: 1, stderr: `Cannot read values file ${join(work, 'nope.yaml')}: no such file\n` });
  });

  it('says so when a values file is not YAML, or not a mapping', async () => {
    const broken = await runCli('synth', '--values', valuesFile('broken.yaml', 'global: [unclosed\n'), '--out', join(work, 'o1'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Values file .*broken\.yaml is not valid YAML: /);
    const list = await runCli('synth', '--values', valuesFile('list.yaml', '- a\n- b\n'), '--out', join(work, 'o2'));
    expect(list).toMatchObject({ code: 1, stderr: expect.stringContaining('must hold a mapping of chart values') });
  });
});

describe('gitlab-iac command line', () => {
  it('exits 2 with a usage message when --values is missing', async () => {
    const run = await runCli('synth', '--out', join(work, 'o3'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-f, --values <file>' not specified");
  });

  it('exits 2 when --out is missing', async () => {
    const run = await runCli('synth', '--values', AWS_PRODUCTION_VALUES);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-o, --out <dir>' not specified");
  });

  it('exits 2 on an unknown option or command', async () => {
    expect((await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', 'x', '--bogus')).code).toBe(2);
    const unknown = await runCli('deploy');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'deploy'");
  });

  it('prints help listing the commands and exit codes, with exit 0', async () => {
    const run = await runCli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('synth [options]');
    expect(run.stdout).toContain('secrets [options]');
    expect(run.stdout).toContain('upgrade-path [options]');
    expect(run.stdout).toContain('diff <old-dir> <new-dir>');
    expect(run.stdout).toContain('Exit codes: 0 success, 1 input refused (nothing written), 2 wrong command line, 3 diff found a change to review, 70 internal error.');
  });

  it('reports an unexpected error in one line with a hint to report it, never a stack trace', () => {
    let stderr = '';
    const code = reportError(new TypeError('boom\nsecond line'), { stdout: () => undefined, stderr: (t) => { stderr += t; } });
    expect(code).toBe(70);
    expect(stderr).toBe('gitlab-iac: internal error: boom\n'
      + 'This is a bug in gitlab-iac: please report it with the command you ran (set GITLAB_IAC_DEBUG=1 to print the stack trace).\n');
  });
});

describe('gitlab-iac synth: names on the command line', () => {
  it('refuses a --namespace or --release that is not a DNS label, naming the flag', async () => {
    const ns = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', join(work, 'o-ns'), '--namespace', 'My_NS');
    expect(ns).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Invalid --namespace "My_NS": use a DNS label/) });
    const release = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', join(work, 'o-rel'), '--release', 'a'.repeat(31));
    expect(release).toMatchObject({ code: 1, stderr: expect.stringContaining('at most 30 characters') });
    expect(existsSync(join(work, 'o-ns'))).toBe(false);
  });
});
