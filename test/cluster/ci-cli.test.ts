import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { agentConfigFile, pushDeployPipeline } from '../../constructs';
import { main } from '../../constructs/cli/main';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'gitlab-iac', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('gitlab-iac ci pipeline', () => {
  test('prints the same fragment as pushDeployPipeline()', async () => {
    const run = await cli('ci', 'pipeline', '--agent', 'platform/cluster-management:production');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(pushDeployPipeline({ agent: 'platform/cluster-management:production', reviewApps: {}, workflow: true }));
  });

  test('environments as name=namespace[:manual], Review App and prune options', async () => {
    const run = await cli('ci', 'pipeline', '-a', 'p/c:prod', '-e', 'qa=gitlab-qa', '-e', 'production=gitlab:manual',
      '--review-prefix', 'mr-', '--auto-stop-in', '3 days', '--applyset', 'configmaps/gitlab-iac', '--no-workflow');
    expect(run.code, run.stderr).toBe(0);
    const doc = parse(run.stdout);
    expect(doc).not.toHaveProperty('workflow');
    expect(doc['gitlab-iac:deploy:qa'].variables.DEPLOY_NAMESPACE).toBe('gitlab-qa');
    expect(doc['gitlab-iac:deploy:production'].rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual' }]);
    expect(doc['gitlab-iac:deploy:review'].environment.auto_stop_in).toBe('3 days');
    expect(doc['gitlab-iac:deploy:review'].variables.DEPLOY_NAMESPACE).toBe('mr-mr-$CI_MERGE_REQUEST_IID');
  });

  test('--no-review-apps and --out write the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-cli-'));
    try {
      const file = join(dir, 'ci', 'deploy.gitlab-ci.yml');
      const run = await cli('ci', 'pipeline', '-a', 'p/c:prod', '--no-review-apps', '-o', file);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`wrote ${file}\n`);
      expect(Object.keys(parse(readFileSync(file, 'utf8'))).some((k) => k.includes('review'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad environment spec or agent is refused with exit code 1 and a message', async () => {
    const bad = await cli('ci', 'pipeline', '-a', 'p/c:prod', '-e', 'production');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('write name=namespace');
    const agent = await cli('ci', 'pipeline', '-a', 'production');
    expect(agent.code).toBe(1);
    expect(agent.stderr).toContain('pushDeployPipeline.agent');
  });

  test('a missing --agent is a usage error (exit code 2)', async () => {
    expect((await cli('ci', 'pipeline')).code).toBe(2);
  });
});

describe('gitlab-iac ci agent-config', () => {
  test('prints the agent configuration file for projects, groups and user access', async () => {
    const run = await cli('ci', 'agent-config', '--name', 'production', '--project', 'platform/app', '--group', 'platform',
      '--access-as', 'ci_job', '--ci-environment', 'review/*', '--user-access-group', 'platform', '--flux');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(agentConfigFile({
      ciAccess: {
        projects: [{ id: 'platform/app', accessAs: 'ci_job', environments: ['review/*'] }],
        groups: [{ id: 'platform', accessAs: 'ci_job', environments: ['review/*'] }],
      },
      userAccess: { groups: ['platform'] },
      flux: true,
    }, 'production'));
  });

  test('--out-dir writes .gitlab/agents/<name>/config.yaml under the repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-cli-'));
    try {
      const run = await cli('ci', 'agent-config', '--name', 'production', '--project', 'platform/app', '--out-dir', dir);
      expect(run.code, run.stderr).toBe(0);
      expect(parse(readFileSync(join(dir, '.gitlab/agents/production/config.yaml'), 'utf8'))).toEqual({ ci_access: { projects: [{ id: 'platform/app' }] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown access mode is refused', async () => {
    const run = await cli('ci', 'agent-config', '--name', 'production', '--project', 'platform/app', '--access-as', 'admin');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--access-as');
  });
});
