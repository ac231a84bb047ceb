import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const run = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The Kubernetes classes are generated for a current Kubernetes, and every object is built with them. */
describe('generated Kubernetes types', () => {
  it('constructs/lib/k8s/k8s.ts is exactly what scripts/generate-k8s.mjs writes from the vendored 1.36 definitions', () => {
    expect(() => run('generate-k8s.mjs', '--check')).not.toThrow();
  });

  it('knows the fields Kubernetes added after 1.27 (their toJson keeps them)', () => {
    const source = readFileSync(join(root, 'constructs', 'lib', 'k8s', 'k8s.ts'), 'utf8');
    expect(source).toContain('from the Kubernetes 1.36.0 OpenAPI definitions');
    expect(source).toMatch(/export function toJson_PodAffinityTerm[\s\S]*?'mismatchLabelKeys': obj\.mismatchLabelKeys/);
  });

  it('no library, stack or example file imports the 1.27 classes of cdk8s-plus-27 (the codemod has nothing to do)', () => {
    const output = run('use-generated-k8s.mjs', '--check');
    expect(output).toContain('0 file(s) to rewrite');
    const l1From127 = /from\s*['"]cdk8s-plus-27(\/lib\/imports\/k8s)?['"]/;
    const offenders = ['constructs', 'stacks', 'examples']
      .flatMap((d) => tsFiles(join(root, d)))
      .filter((f) => /import\s*(type\s*)?\{[^}]*\bk8s\b[^}]*\}\s*from\s*['"]cdk8s-plus-27['"]|cdk8s-plus-27\/lib\/imports/.test(readFileSync(f, 'utf8')) && l1From127.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
