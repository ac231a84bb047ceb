/**
 * The package's bin (bundled to build/cli.js). It runs the bundled CLI (build/cli-bundle.js) through a V8 code
 * cache: compiling half a megabyte of JavaScript, and compiling each function the first time it runs, is a third
 * of a synth run; with the cache both are skipped. The cache lives in the user's cache directory
 * (`$XDG_CACHE_HOME/gitlab-iac`, else `~/.cache/gitlab-iac`; `GITLAB_IAC_CACHE_DIR` overrides, `off` disables),
 * never inside the installed package (read-only installs, several users). It is keyed by the Node.js version and
 * the bundle, written on the successful exit of a run when missing or rejected by V8, and silently skipped when it
 * cannot be written.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// A synth is one short pass over the code: V8's optimizing compilers cost memory (a sixth of the peak) and
// win nothing in half a second. Lite mode (interpreter only, smaller heap reservations) is set before the bundle
// is compiled, so the code cache below is made and checked under the same flags. Not for `secrets`: generating
// RSA keys in JavaScript needs the optimizing compiler.
const lite = process.argv[2] === 'synth';
if (lite) setFlagsFromString('--lite-mode');
// The young generation doubles as it fills, up to 16 MiB: for a run whose data dies within the run, that was a
// tenth of the peak memory (6 MiB) to save a few collections. Kept at its starting size, it costs a few more
// sub-millisecond collections and no measurable time. (Growth is read at each collection; --max-semi-space-size
// only at start-up, too late from here.)
setFlagsFromString('--semi-space-growth-factor=1');

interface BundleExports {
  main(argv?: readonly string[]): Promise<number>;
}

const bundle = join(__dirname, 'cli-bundle.js');
/** What a cache was made for: this Node.js and this bundle. */
function bundleStem(size: number, mtimeMs: number): string {
  return `${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}`;
}

const cacheFile = (() => {
  const dir = process.env.GITLAB_IAC_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gitlab-iac');
  if (dir === 'off') return undefined;
  try {
    const s = statSync(bundle);
    return join(dir, `cli-bundle-${bundleStem(s.size, s.mtimeMs)}-${lite ? 'lite' : 'full'}.cache`);
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
    mkdirSync(dirname(cacheFile), { recursive: true });
    const data = script.createCachedData();
    writeFileSync(temporary, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    renameSync(temporary, cacheFile);
    // Caches of earlier builds or Node.js versions are never read again.
    const dir = dirname(cacheFile);
    const stem = basename(cacheFile).replace(/^cli-bundle-(.*)-(lite|full)\.cache$/, '$1');
    for (const f of readdirSync(dir)) if (/^cli-bundle-.*\.cache$/.test(f) && !f.includes(stem)) unlinkSync(join(dir, f));
  } catch {
    try { unlinkSync(temporary); } catch { /* nothing was written */ }
  }
}

/**
 * The bundle's text. Read as a buffer of its exact size and decoded in one step: `readFileSync(file, 'utf8')` grows
 * a native string chunk by chunk to twice the file's size. The bundle is ASCII (scripts/bundle-cli.mjs), so it is
 * decoded as Latin-1, which is the same text.
 */
function bundleSource(): string {
  const bytes = readFileSync(bundle);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

const cachedData = readCache();
// The bundle is written inside the wrapper Node.js puts around a CommonJS module (scripts/bundle-cli.mjs).
const script = new Script(bundleSource(), { filename: bundle, cachedData });
// Only from a run that did its work: the cache holds the functions the run compiled and is not rewritten while V8
// accepts it, so a first `synth --help` or refused run would leave most of every later synth to compile.
const informational = process.argv.slice(2).some((a) => ['-h', '--help', 'help', '-V', '--version'].includes(a));
if ((!cachedData || script.cachedDataRejected) && !informational) {
  process.once('exit', (code) => { if (code === 0) saveCache(script); });
}
const bundleModule = { exports: {} as BundleExports };
// The bin's own require: it resolves from the bundle's directory too, and createRequire would load Node's module
// loader internals (a fifth of a megabyte) for nothing.
script.runInThisContext()(bundleModule.exports, require, bundleModule, bundle, __dirname);
// Run when executed; when required (e.g. to measure loading), only load.
if (require.main === module) void bundleModule.exports.main().then((code) => { process.exitCode = code; });
