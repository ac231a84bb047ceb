import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { GitLabPlatform } from '../../constructs';
import { manifestsYaml, manifestYaml } from '../../constructs/cli/manifest-yaml';
import { synthesize } from '../../constructs/cli/synth';
import { productionProps } from '../support/fixtures';

/** Parsed as a YAML 1.2 reader and as a YAML 1.1 reader (kubectl's go-yaml) would. */
const readBoth = (text: string) => [parse(text), parse(text, { version: '1.1' })];

const roundTrips = (value: Record<string, unknown>) => {
  const text = manifestYaml(value as Parameters<typeof manifestYaml>[0]);
  for (const read of readBoth(text)) expect(read, text).toEqual(value);
};

describe('manifest YAML', () => {
  it('reads back strings that look like other types as strings', () => {
    roundTrips({
      words: ['true', 'False', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'null', '~', ''],
      numbers: ['1', '0755', '1.5', '1e3', '0x1F', '.5', '-1', '+1', '1_000', '12:30:00', '.inf', '.NaN'],
      punctuation: ['- item', '? key', ': x', 'a: b', 'a #b', '#c', '&anchor', '*alias', '!tag', '%dir', '@at', '`tick', '|', '>', '"q"', "'q'", '[x]', '{x}', 'ends:', 'a,b'],
      spaces: [' lead', 'trail ', 'in side', '\ttab'],
    });
  });

  it('writes plain strings unquoted where every reader agrees', () => {
    expect(manifestYaml({ image: 'registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v18.9.1', path: '/etc/gitlab', 'app.kubernetes.io/name': 'webservice' }))
      .toBe('image: registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v18.9.1\npath: /etc/gitlab\napp.kubernetes.io/name: webservice\n');
  });

  it('writes multi-line strings as literal blocks, keeping every trailing newline', () => {
    const value = { oneNewline: 'a:\n  b: 1\n', noNewline: 'line 1\nline 2', manyNewlines: 'x\n\n\n', inner: 'p\n\n  q\n' };
    roundTrips(value);
    expect(manifestYaml({ config: 'a:\n  b: 1\n' })).toBe('config: |\n  a:\n    b: 1\n');
  });

  it('quotes multi-line strings a literal block cannot carry', () => {
    roundTrips({ leadingSpace: '  indented\nnext\n', blankLine: 'a\n   \nb\n', carriageReturn: 'a\r\nb', control: 'a\u0001\nb', separators: 'a\u2028b\u2029c\u0085d' });
  });

  it('writes nested maps and lists, empty collections, numbers, booleans and null', () => {
    const value = {
      spec: { containers: [{ name: 'a', ports: [{ containerPort: 8080 }], args: ['-c', 'x'] }, { name: 'b', env: [] }] },
      nested: [[1, 2], [], { k: {} }], flags: [true, false, null], ratio: 0.5, negative: -3,
    };
    roundTrips(value);
    expect(manifestYaml({ list: [{ a: 1, b: 2 }] })).toBe('list:\n  - a: 1\n    b: 2\n');
  });

  it('separates documents with ---', () => {
    const text = manifestsYaml([{ kind: 'A' }, { kind: 'B' }]);
    expect(text).toBe('kind: A\n---\nkind: B\n');
    expect(parseAllDocuments(text).map((d) => d.toJSON())).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  it('reads back the production platform exactly as cdk8s\'s own YAML does, in the same order', () => {
    const app = new App({ outdir: '/tmp/unused' });
    new GitLabPlatform(new Chart(app, 'gitlab', { disableResourceNameHashes: true }), 'platform', productionProps());
    const ours = parseAllDocuments(manifestsYaml(synthesize(app))).map((d) => d.toJSON());
    const theirs = parseAllDocuments(app.synthYaml()).map((d) => d.toJSON());
    expect(ours.length).toBeGreaterThan(20);
    expect(ours).toEqual(theirs);
  });
});
