import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');

export interface GitlabCiLocalResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs gitlab-ci-local (devDependency) on a `.gitlab-ci.yml` text in a throw-away git repository (branch `main`,
 * remote on gitlab.example.com). It validates the file against GitLab's CI JSON schema before anything else,
 * then evaluates rules, `extends` and `needs` like GitLab: use `--list-json`, `--preview` or
 * `--validate-dependency-chain`. Jobs are never run here.
 */
export function gitlabCiLocal(ciYaml: string, args: readonly string[]): GitlabCiLocalResult {
  const dir = mkdtempSync(join(tmpdir(), 'gitlab-ci-local-'));
  try {
    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'ci');
    git('commit', '-q', '--allow-empty', '-m', 'init');
    git('remote', 'add', 'origin', 'https://gitlab.example.com/platform/app.git');
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    writeFileSync(join(dir, '.gitlab-ci.yml'), ciYaml);
    const run = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 60_000,
    });
    return { code: run.status ?? -1, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
