import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../cli/run';
import { ParityReport, scoreParity } from '../support/chart-parity';

/**
 * Chart objects a values import replaces on purpose, not scored: the cluster add-ons the import names in a notice
 * (the NGINX controller; cert-manager's Issuer is created as an object, not by the chart's Job) and the bundled MinIO,
 * which runs as Garage (the in-cluster object storage).
 */
export const REPLACED_ON_PURPOSE = [
  { kind: 'Deployment', name: /^nginx-ingress-controller$/, why: 'the ingress-nginx add-on: a notice says to install it' },
  { kind: 'Service', name: /^nginx-ingress-controller(-metrics)?$/, why: 'the ingress-nginx add-on' },
  { kind: 'PodDisruptionBudget', name: /^nginx-ingress-controller$/, why: 'the ingress-nginx add-on' },
  { kind: 'Job', name: /^issuer(-[0-9a-z]+)?$/, why: 'the chart\'s Job creating the ACME Issuer: the platform creates the Issuer object' },
  { kind: 'Job', name: /^shared-secrets-[0-9a-z]+-selfsign$/, why: 'the shared-secrets hook\'s self-signed wildcard certificate: the shared Secrets come from `gitlab-iac secrets` (a notice says so)' },
  { kind: 'Deployment', name: /^minio$/, why: 'the bundled MinIO runs as Garage' },
  { kind: 'Service', name: /^minio-svc$/, why: 'the bundled MinIO runs as Garage' },
  { kind: 'PodDisruptionBudget', name: /^minio$/, why: 'the bundled MinIO runs as Garage' },
  { kind: 'Job', name: /^minio-create-buckets(-[0-9a-z]+)?$/, why: 'Garage\'s buckets are created by its own bootstrap' },
  { kind: 'Ingress', name: /^minio$/, why: 'the bundled MinIO runs as Garage (no console Ingress)' },
] as const;

/** One values file through `gitlab-iac synth`, scored against the chart's render of it when it synthesized. */
export interface Outcome {
  readonly code: number;
  readonly stderr: string;
  readonly objects: Record<string, any>[];
  /** The keys of the refusal's list (`  - key: got ...`). */
  readonly refusedKeys: string[];
  readonly report?: ParityReport;
}

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);

/** Synthesizes `values` into `out` with the CLI; `render` gives the chart's render text (read only when needed). */
export async function synthAgainstRender(values: string, out: string, render: () => string): Promise<Outcome> {
  const run = await runCli('synth', '--values', values, '--out', out);
  const objects = run.code === 0 ? docs(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')) : [];
  const refusedKeys = [...run.stderr.matchAll(/^ {2}- ([^:]+):/gm)].map((m) => m[1]);
  return { code: run.code, stderr: run.stderr, objects, refusedKeys,
    ...(run.code === 0 ? { report: scoreParity(docs(render()), objects, { omit: REPLACED_ON_PURPOSE }) } : {}) };
}
