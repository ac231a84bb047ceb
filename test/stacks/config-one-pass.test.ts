import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import { parseStackConfig } from '../../stacks/config';
import { EXAMPLE } from './harness';

/** The stack's configuration is checked like props: every problem at once, with "did you mean" for typos. */

const refusal = (values: Record<string, string | undefined>): GitLabConfigError => {
  try {
    parseStackConfig((k) => values[k], Object.keys(values));
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('stack configuration in one pass', () => {
  test('a misspelt key is refused with the key it most likely meant', () => {
    const error = refusal({ ...EXAMPLE, 'gitlab:postgresInstanceClas': 'db.m5.large' });
    const issue = error.issues.find((i) => i.path === 'gitlab:postgresInstanceClas');
    expect(issue?.fix).toContain("did you mean 'gitlab:postgresInstanceClass'?");
  });

  test('a typo, a missing key, a bad value and a conflict are listed together', () => {
    const error = refusal({
      ...EXAMPLE, 'gitlab:domain': undefined, 'gitlab:namespce': 'gitlab', 'gitlab:postgresPort': '5432', 'gitlab:redisNodes': 'many',
    });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['gitlab:domain', 'gitlab:namespce', 'gitlab:postgresPort', 'gitlab:redisNodes']);
    expect(error.issues.find((i) => i.path === 'gitlab:namespce')?.fix).toContain("did you mean 'gitlab:namespace'?");
  });
});

describe('npm run plan usage errors', () => {
  const root = resolve(__dirname, '../..');
  const plan = (args: string[], cwd: string) => {
    try {
      execFileSync(process.execPath, [require.resolve('tsx/cli'), join(root, 'stacks/plan.ts'), ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
      return { status: 0, stderr: '' };
    } catch (e: any) {
      return { status: e.status as number, stderr: String(e.stderr) };
    }
  };

  test.each([
    ['an unknown stack', ['--stack', 'nope'], /no stack "nope".*Pulumi\.nope\.yaml does not exist/],
    ['no --stack', [], /no --stack given/],
    ['--stack without a name', ['--stack'], /no stack name after --stack/],
    ['an unknown option', ['--stack', 'x', '--dry'], /unknown option --dry/],
  ])('%s prints a message and the usage, not a stack trace', (_what, args, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'plan-usage-'));
    writeFileSync(join(cwd, 'Pulumi.x.yaml'), 'config: {}\n');
    const { status, stderr } = plan(args, cwd);
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at\s/m);
  }, 60_000);
});
