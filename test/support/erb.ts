import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/**
 * An ERB config template read without Ruby: every `<%= ... %>` becomes a token (`ERB0`, `ERB1`, ...) and the
 * rest is parsed as YAML, so a test can check the document's structure and, with `erb()`, which expression
 * (which secret file) fills a value.
 */
export interface ErbDocument {
  /** The YAML document with ERB expressions replaced by tokens. */
  readonly doc: any;
  /** Every ERB expression, in order. */
  readonly expressions: readonly string[];
  /** A value with its tokens turned back into `<%= ... %>`, e.g. `rediss://:<%= ... %>@host:6379/0`. */
  erb(value: unknown): string;
}

const ERB_TAG = /<%=([\s\S]*?)%>/g;

export function parseErbYaml(text: string): ErbDocument {
  const expressions: string[] = [];
  const tokenized = text.replace(ERB_TAG, (_, expr: string) => {
    expressions.push(expr.trim());
    return `ERB${expressions.length - 1}`;
  });
  return {
    doc: parse(tokenized),
    expressions,
    erb: (value) => String(value).replace(/ERB(\d+)/g, (_, i) => `<%= ${expressions[Number(i)]} %>`),
  };
}

/** `ruby` is on the PATH (the ERB rendering tests run only then; a fresh clone without Ruby skips them). */
export const hasRuby = (() => {
  try {
    return spawnSync('ruby', ['-v'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
})();

/**
 * Renders an ERB template with Ruby as the CNG images do, against fake secret files: every `/etc/gitlab/<path>`
 * in the template is redirected to a temporary folder holding `files[<path>]`.
 */
export function renderErbWithRuby(template: string, files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'gitlab-erb-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const source = join(root, 'template.erb');
  writeFileSync(source, template.split('/etc/gitlab/').join(`${root}/`));
  const result = spawnSync('ruby', ['-rerb', '-ryaml', '-rjson', '-e', 'print ERB.new(File.read(ARGV[0])).result', source], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ruby failed: ${result.stderr}`);
  return result.stdout;
}
