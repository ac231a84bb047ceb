import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../constructs/cli/main';

export const ROOT = join(__dirname, '../..');
export const BIN = join(ROOT, 'build/cli.js');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process (fast): same code as the bin, output captured. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'gitlab-iac', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

/** Runs the built bin as a child process, as a user does. */
export function runBin(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the bin when it is missing or older than its sources. Only the bundling step of `npm run build` (the
 * bin does not need the tsc output), which takes a few seconds.
 */
export function ensureBin(): void {
  const bundle = join(ROOT, 'build/cli-bundle.js');
  const inputs = [join(ROOT, 'scripts/bundle-cli.mjs'), join(ROOT, 'package.json')].map((f) => statSync(f).mtimeMs);
  const stale = !existsSync(BIN) || !existsSync(bundle)
    || statSync(bundle).mtimeMs < Math.max(newestSource(join(ROOT, 'constructs')), ...inputs);
  if (!stale) return;
  const r = spawnSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the CLI failed:\n${r.stderr}`);
}
