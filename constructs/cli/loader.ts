/**
 * The package's bin (bundled to build/cli.js). It runs the bundled CLI (build/cli-bundle.js) through a V8 code
 * cache (build/cli-bundle.cache): compiling half a megabyte of JavaScript, and compiling each function the first
 * time it runs, is a third of a synth run; with the cache both are skipped. `npm run build` writes the cache
 * after a warm-up run. When the cache is missing or was made by another Node.js (V8 rejects it), the bundle is
 * compiled as usual and a new cache is written on exit, if the directory is writable.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

interface BundleExports {
  main(argv?: readonly string[]): Promise<number>;
}

const bundle = join(__dirname, 'cli-bundle.js');
const cacheFile = join(__dirname, 'cli-bundle.cache');

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Written at exit, so that it holds the functions this run compiled; atomic, and silent when it cannot be. */
function saveCache(script: Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
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
