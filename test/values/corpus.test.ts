import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatParityReport } from '../support/chart-parity';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';
import { Outcome, synthAgainstRender } from './values-file-runs';

/**
 * A corpus of real users' values files (test/fixtures/values/corpus, sources in SOURCES.md; none written by this
 * project, every one rendered by the official chart 9.9.1): each goes through `gitlab-iac synth --values` and is
 * compared with the chart's render of the same file. The import is judged on files like these that nobody here has
 * seen, so the bar is the share of the corpus, not one file: at least 90% synthesize, at 97% of the chart's
 * features on average (95% for any one file); each synthesized file is strictly schema-valid and restricted.
 *
 * A file may be refused only for the keys listed in REFUSED_ON_PURPOSE: values the chart renders without a word
 * but that cannot work on a cluster, which the import's checks catch.
 */
const DIR = join(__dirname, '..', 'fixtures', 'values', 'corpus');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const SHARE_TARGET = 0.9;
/** The average share of the chart's features over the synthesized files, and the floor of any one file. */
const COVERAGE_TARGET = 0.97;
const FILE_FLOOR = 0.95;

const REFUSED_ON_PURPOSE: Readonly<Record<string, { readonly keys: readonly string[]; readonly why: string }>> = {
  '53-thuanpham.yaml': {
    keys: ['gitlab.gitaly.image.tag', 'gitlab.gitlab-exporter.image.tag', 'gitlab.gitlab-shell.image.tag', 'gitlab.kas.image.tag',
      'gitlab.migrations.image.repository', 'gitlab.migrations.image.tag', 'gitlab.sidekiq.image.tag', 'gitlab.webservice.image.tag',
      'gitlab.webservice.workhorse.image', 'global.gitlabBase.image.tag'],
    why: 'the Omnibus image gitlab/gitlab-ce as the migrations image, moving "latest" tags for every component, and the '
      + 'Workhorse image written as a map where the chart takes a string (the chart renders "map[...]" as the image name)',
  },
  '18-hboyd.yaml': {
    keys: ['global.gitaly.external[0].hostname', 'global.certificates.customCAs[0].keys[0]'],
    why: 'a port inside the Gitaly host name ("nas.przmo.com:8075" with port 8075: Rails would dial host:8075:8075), and two '
      + 'file names as one Secret key (the projected volume would fail to mount)',
  },
};

/**
 * Files refused for a chart feature gitlab-iac does not produce yet (not an error of the file): listed so that the
 * test fails when one starts to synthesize (then remove it here) or is refused for anything else.
 */
const NOT_YET: Readonly<Record<string, { readonly keys: readonly string[]; readonly why: string }>> = {
};

const outcomes = new Map<string, Outcome>();
const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  for (const file of FILES) {
    outcomes.set(file, await synthAgainstRender(join(DIR, file), join(work, file.replace(/\.yaml$/, '')),
      () => gunzipSync(new Uint8Array(readFileSync(join(DIR, file.replace(/\.yaml$/, '.render.yaml.gz'))))).toString('utf8')));
  }
  const lines = FILES.map((f) => {
    const o = outcomes.get(f)!;
    return o.report ? `  ${f.padEnd(32)} ${(o.report.coverage * 100).toFixed(1)}% (${o.report.matched}/${o.report.total})`
      : `  ${f.padEnd(32)} refused: ${[...new Set(o.refusedKeys)].join(', ')}`;
  });
  const synthesized = [...outcomes.values()].filter((o) => o.report);
  const mean = synthesized.reduce((a, o) => a + o.report!.coverage, 0) / Math.max(1, synthesized.length);
  console.log(`corpus: ${synthesized.length}/${FILES.length} synthesize, ${(mean * 100).toFixed(1)}% of the chart's features on average\n${lines.join('\n')}`);
}, 600_000);

describe('the corpus of real values files', () => {
  it('holds the vendored files, each with the chart\'s render', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(50);
  });

  it(`at least ${SHARE_TARGET * 100}% synthesize, at ${COVERAGE_TARGET * 100}% of the chart's features on average`, () => {
    const synthesized = [...outcomes.values()].filter((o) => o.report);
    expect(synthesized.length / FILES.length).toBeGreaterThanOrEqual(SHARE_TARGET);
    const mean = synthesized.reduce((a, o) => a + o.report!.coverage, 0) / synthesized.length;
    expect(mean).toBeGreaterThanOrEqual(COVERAGE_TARGET);
  });

  it('a refusal is one error naming each key, never a crash', () => {
    for (const [file, o] of outcomes) {
      if (o.code === 0) continue;
      expect(o.code, file).toBe(1);
      expect(o.stderr, file).not.toMatch(/internal error|\n\s+at /);
      expect(o.refusedKeys.length, file).toBeGreaterThan(0);
    }
  });

  it('the files refused on purpose, or for a feature not produced yet, are refused for exactly their listed keys', () => {
    for (const [file, { keys }] of Object.entries({ ...REFUSED_ON_PURPOSE, ...NOT_YET })) {
      const o = outcomes.get(file)!;
      expect(o.code, file).toBe(1);
      expect([...new Set(o.refusedKeys)].sort(), file).toEqual([...keys].sort());
    }
  });
});

describe.each(FILES)('the corpus file %s', (file) => {
  const outcome = () => outcomes.get(file)!;

  it('synthesizes (unless refused on purpose or for a feature not produced yet)', () => {
    const o = outcome();
    if (REFUSED_ON_PURPOSE[file] || NOT_YET[file]) return;
    expect(o.code, o.stderr).toBe(0);
  });

  it(`synthesized, has at least ${FILE_FLOOR * 100}% of the chart's features`, () => {
    const o = outcome();
    if (!o.report) return;
    expect(o.report.coverage, formatParityReport(o.report)).toBeGreaterThanOrEqual(FILE_FLOOR);
  });

  it('synthesized, is strictly valid on every supported Kubernetes and restricted', () => {
    const o = outcome();
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(o.objects, version, VENDORED_CRDS), version).toEqual([]);
    expect(restrictedViolations(o.objects)).toEqual([]);
  });
});
