// Builds the package's bin, plain JavaScript that runs under `node` right after `npm ci`:
//   build/cli-bundle.js   the CLI (constructs/cli/main.ts) bundled with its dependencies into one minified CommonJS
//                         module, written inside its module wrapper (a function expression: the bin runs it, not
//                         require()): one file loads much faster than hundreds of modules resolved and read one by one;
//   build/cli.js          the bin: runs the bundle through a V8 code cache kept in the user's cache directory,
//                         never in the package (see constructs/cli/loader.ts); a warm-up synth run writes it.
// `node scripts/bundle-cli.mjs --analyze` prints what the bundle holds.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeMetafile, build } from 'esbuild';

const require = createRequire(join(process.cwd(), 'package.json'));
const packageVersion = (file) => JSON.parse(readFileSync(file, 'utf8')).version;

// cdk8s ships its own copy of `yaml`; when it is the same release as ours, bundle one copy instead of two.
const ownYaml = require.resolve('yaml');
const cdk8sYaml = (() => {
  try { return require.resolve('yaml', { paths: [dirname(require.resolve('cdk8s'))] }); } catch { return undefined; }
})();
const sameYaml = cdk8sYaml !== undefined
  && packageVersion(require.resolve('yaml/package.json')) === packageVersion(join(cdk8sYaml.split('/dist/')[0], 'package.json'));
const oneYaml = {
  name: 'one-yaml',
  setup(b) {
    if (sameYaml) b.onResolve({ filter: /^yaml$/ }, () => ({ path: ownYaml }));
  },
};

// Our constructs take only the generated L1 classes (`import { k8s } from 'cdk8s-plus-27'`); the package's index
// also loads every L2 construct and their dependencies. A file that imports just `k8s` gets the L1 module alone;
// any other import of the package resolves as usual.
const onlyK8s = /import\s*\{\s*k8s\s*\}\s*from\s*'cdk8s-plus-27'/;
const k8sOnly = {
  name: 'cdk8s-plus-k8s-only',
  setup(b) {
    b.onResolve({ filter: /^cdk8s-plus-27$/ }, (args) => {
      if (!args.importer.includes('/constructs/') || !onlyK8s.test(readFileSync(args.importer, 'utf8'))) return undefined;
      return { path: 'cdk8s-plus-27-k8s', namespace: 'k8s-only' };
    });
    b.onLoad({ filter: /.*/, namespace: 'k8s-only' }, () => ({
      contents: "export * as k8s from 'cdk8s-plus-27/lib/imports/k8s';",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

// commander (external subcommands) and cdk8s (Helm charts, YAML from URLs) require child_process when loaded, which
// brings net, dgram and streams with it; no command of ours reaches those paths. They get functions that load the
// module on first call instead. (Which functions they call is checked here, so an upgrade cannot break this silently.)
const LAZY_CHILD_PROCESS = ['spawn', 'spawnSync', 'execFileSync'];
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => {
      if (!/node_modules\/(commander|cdk8s)\//.test(args.importer)) return undefined;
      const used = [...readFileSync(args.importer, 'utf8').matchAll(/(?:childProcess|child_process_1)\)?\.(\w+)/g)].map((m) => m[1]);
      const unknown = used.filter((f) => !LAZY_CHILD_PROCESS.includes(f));
      if (unknown.length) throw new Error(`${args.importer} calls child_process.${unknown.join(', ')}: add it to LAZY_CHILD_PROCESS`);
      return { path: 'child_process', namespace: 'lazy-child-process' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: LAZY_CHILD_PROCESS.map((f) => `exports.${f} = (...args) => require('node:child_process').${f}(...args);`).join('\n'),
      loader: 'js',
    }));
  },
};

// Must match constructs/cli/loader.ts.
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_END = '})';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' };
const result = await build({
  ...common,
  entryPoints: ['constructs/cli/main.ts'],
  outfile: 'build/cli-bundle.js',
  // Written as the function Node.js would wrap a CommonJS module in, so that the bin compiles the file's text as it
  // is: adding the wrapper at run time made a second copy of half a megabyte of source.
  banner: { js: WRAPPER_START },
  footer: { js: WRAPPER_END },
  // The bin compiles the bundle with vm.Script, where a native import() has no loader: lower it to require().
  supported: { 'dynamic-import': false },
  // Needed by `secrets` only: loaded from node_modules when that command runs, never parsed on the synth path.
  external: ['node-forge', 'sshpk'],
  plugins: [oneYaml, k8sOnly, lazyChildProcess],
  metafile: true,
});
// esbuild escapes non-ASCII characters in strings but not in regular expression literals. One such character makes
// V8 hold the whole source as two bytes per character (kept for the run: lazy functions compile from it): escape
// them too. A \uXXXX escape means the same character in a regular expression, a string or an identifier.
const source = readFileSync('build/cli-bundle.js', 'utf8');
writeFileSync('build/cli-bundle.js', source.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
await build({ ...common, entryPoints: ['constructs/cli/loader.ts'], outfile: 'build/cli.js', banner: { js: '#!/usr/bin/env node' } });
chmodSync('build/cli.js', 0o755);

// Warm-up: a synth run compiles the functions the synth path uses; the bin saves them in the user's code cache.
rmSync('build/cli-bundle.cache', { force: true }); // where earlier versions kept it
const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-warmup-'));
try {
  const values = {
    global: {
      hosts: { domain: 'example.com' },
      psql: { host: 'db.example.com', password: { secret: 'gitlab-postgres-password', key: 'password' } },
      redis: { host: 'redis.example.com', scheme: 'rediss', auth: { secret: 'gitlab-redis-password', key: 'password' } },
      minio: { enabled: false },
      appConfig: { object_store: { enabled: true, connection: { secret: 'gitlab-rails-storage', key: 'connection' } } },
      ingress: { configureCertmanager: false, tls: { secretName: 'gitlab-tls' } },
    },
    registry: { storage: { secret: 'registry-storage', key: 'config' } },
  };
  writeFileSync(join(work, 'values.yaml'), JSON.stringify(values));
  execFileSync(process.execPath, ['build/cli.js', 'synth', '--values', join(work, 'values.yaml'), '--out', join(work, 'out')], { stdio: ['ignore', 'ignore', 'pipe'] });
} catch (e) {
  // The bin works without the cache (only slower); a broken synth shows up in the tests.
  console.warn(`bundle-cli: warm-up synth failed, no code cache written: ${String(e.stderr ?? e.message).trim()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (process.argv.includes('--analyze')) console.log(await analyzeMetafile(result.metafile));
