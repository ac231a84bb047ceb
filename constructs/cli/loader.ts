/**
 * The package's bin (bundled to build/cli.js). It runs the bundled CLI (build/cli-bundle.js) through a V8 code
 * cache: compiling half a megabyte of JavaScript, and compiling each function the first time it runs, is a third
 * of a synth run; with the cache both are skipped. The cache lives in the user's cache directory
 * (`$XDG_CACHE_HOME/gitlab-iac`, else `~/.cache/gitlab-iac`; `GITLAB_IAC_CACHE_DIR` overrides, `off` disables),
 * never inside the installed package (read-only installs, several users). It is keyed by the Node.js version and
 * the bundle, written on exit when missing or rejected by V8, and silently skipped when it cannot be written.
 */
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

interface BundleExports {
  main(argv?: readonly string[]): Promise<number>;
}

const bundle = join(__dirname, 'cli-bundle.js');
const cacheFile = (() => {
  const dir = process.env.GITLAB_IAC_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gitlab-iac');
  if (dir === 'off') return undefined;
  try {
    const s = statSync(bundle);
    return join(dir, `cli-bundle-${process.version}-${process.arch}-${s.size}-${Math.round(s.mtimeMs)}.cache`);
  } catch {
    return undefined;
  }
})();

function readCache(): Buffer | undefined {
  if (!cacheFile) return undefined;
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Written at exit, so that it holds the functions this run compiled; atomic, and silent when it cannot be. */
function saveCache(script: Script): void {
  if (!cacheFile) return;
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(join(cacheFile, '..'), { recursive: true });
    const data = script.createCachedData();
    writeFileSync(temporary, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    renameSync(temporary, cacheFile);
  } catch {
    try { unlinkSync(temporary); } catch { /* nothing was written */ }
  }
}

const cachedData = readCache();
// The same wrapper Node.js puts around a CommonJS module.
const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${readFileSync(bundle, 'utf8')}\n})`, { filename: bundle, cachedData });
if (!cachedData || script.cachedDataRejected) process.once('exit', () => saveCache(script));
const bundleModule = { exports: {} as BundleExports };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, __dirname);
// Run when executed; when required (e.g. to measure loading), only load.
if (require.main === module) void bundleModule.exports.main().then((code) => { process.exitCode = code; });
