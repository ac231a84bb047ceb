import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatParityReport } from '../support/chart-parity';
import { Outcome, synthAgainstRender } from './values-file-runs';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';

/**
 * Values files real GitLab users wrote (test/fixtures/values/real, sources in SOURCES.md), and the chart's whole
 * key space at its defaults (chart-defaults.yaml): each goes through `gitlab-iac synth --values` and is compared
 * with the official chart's render of the same file (vendored beside it).
 *
 * A file either synthesizes, strictly schema-valid and restricted, at the parity target; or it is refused only for
 * keys listed as `waitingOn` (a mapping another branch brings: i10b's typed settings, i11's bundled services).
 * An unexpected refusal fails; so does a file that synthesizes below the target.
 */
const DIR = join(__dirname, '..', 'fixtures', 'values', 'real');
/** The share of the chart's features a synthesized real file must have. */
const TARGET = 0.97;
/** The chart-defaults file's target. */
const DEFAULTS_TARGET = 0.95;

/** Keys a file may still be refused for, by what brings their mapping (patterns: a key or a prefix ending in "."). */
const WAITING: Readonly<Record<string, readonly string[]>> = {
  'i10b (per-type object storage)': ['global.appConfig.object_store.', 'global.appConfig.artifacts.connection.', 'global.appConfig.uploads.connection.', 'global.appConfig.lfs.', 'global.appConfig.packages.connection.', 'global.appConfig.terraformState.connection.', 'global.appConfig.dependencyProxy.connection.', 'global.appConfig.backups.connection.', 'global.appConfig.registry.connection.', 'global.pages.objectStore.connection.'],
  'i10b (ServiceMonitor, KEDA, probes, Service type, affinity, SSH daemon, cgroups, CA ConfigMaps)': ['.serviceMonitor.', '.keda.', 'global.monitoring.enabled', '.affinity.', 'global.shell.sshDaemon', 'gitlab.gitaly.cgroups.', 'global.certificates.customCAs', 'gitlab.webservice.workhorse.metrics.'],
  'not mapped yet (no branch brings them)': ['global.appConfig.defaultCanCreateGroup', 'global.appConfig.initialDefaults.'],
};
const waitingFor = (key: string): string | undefined =>
  Object.entries(WAITING).find(([, patterns]) => patterns.some((p) => (p.endsWith('.') || p.startsWith('.') ? key.includes(p) || key.startsWith(p) : key.includes(p))))?.[0];

/** Keys refused for good (gitlab-iac cannot produce them): the file stays refused, for the stated reason. */
const REFUSED_FOR_GOOD: Readonly<Record<string, readonly string[]>> = {
};

const FILES = ['01-spack.yaml', '04-aws-kateops.yaml', '06-cyclops-cnpg-valkey.yaml', '07-uds-package.yaml', '11-autowp.yaml',
  '14-study-longhorn.yaml', '21-argo-nfs-lb.yaml', '32-smartx-ceph-oidc.yaml', 'chart-defaults.yaml'];

const outcomes = new Map<string, Outcome>();
const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-real-values-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  for (const file of FILES) {
    outcomes.set(file, await synthAgainstRender(join(DIR, file), join(work, file.replace(/\.yaml$/, '')),
      () => readFileSync(join(DIR, file.replace(/\.yaml$/, '.render.yaml')), 'utf8')));
  }
  // The numbers, for the record.
  const lines = FILES.map((f) => {
    const o = outcomes.get(f)!;
    return o.report ? `  ${f.padEnd(30)} synthesized, ${(o.report.coverage * 100).toFixed(1)}% of the chart's features (${o.report.matched}/${o.report.total})`
      : `  ${f.padEnd(30)} refused: ${[...new Set(o.refusedKeys.map((k) => waitingFor(k) ?? (REFUSED_FOR_GOOD[f]?.includes(k) ? 'for good' : k)))].join('; ')}`;
  });
  console.log(`real values files:\n${lines.join('\n')}`);
}, 300_000);

describe.each(FILES)('the real values file %s', (file) => {
  const outcome = () => outcomes.get(file)!;

  it('synthesizes, or is refused only for keys whose mapping is pending or that gitlab-iac cannot produce', () => {
    const o = outcome();
    if (o.code === 0) return;
    expect(o.stderr, 'a refusal is an error message, not a crash').not.toMatch(/internal error|\n\s+at /);
    const unexpected = o.refusedKeys.filter((k) => !waitingFor(k) && !REFUSED_FOR_GOOD[file]?.includes(k));
    expect(unexpected, o.stderr).toEqual([]);
  });

  it(`synthesized, has at least ${TARGET * 100}% of the chart's features (${DEFAULTS_TARGET * 100}% for the chart defaults)`, () => {
    const o = outcome();
    if (!o.report) return;
    expect(o.report.coverage, formatParityReport(o.report)).toBeGreaterThanOrEqual(file === 'chart-defaults.yaml' ? DEFAULTS_TARGET : TARGET);
  });

  it.each(KUBERNETES_VERSIONS)('synthesized, is strictly valid on Kubernetes %s', (version) => {
    const o = outcome();
    expect(validateObjects(o.objects, version, VENDORED_CRDS)).toEqual([]);
  });

  it('synthesized, meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(outcome().objects)).toEqual([]);
  });
});

describe('the real values files as a whole', () => {
  it('every file refused for good is refused for exactly those keys', () => {
    for (const [file, keys] of Object.entries(REFUSED_FOR_GOOD)) {
      const o = outcomes.get(file)!;
      expect(o.code, file).toBe(1);
      for (const key of keys) expect(o.refusedKeys, file).toContain(key);
    }
  });
});
