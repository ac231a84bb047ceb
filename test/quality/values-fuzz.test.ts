import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHelmValues, GitLabConfigError } from '../../constructs';
import { readValuesFiles } from '../../constructs/cli/values-file';
import {
  ANNOTATIONS_MAX_BYTES, annotationsBytes, dnsSubdomainProblem, labelValueProblem, qualifiedNameProblem,
} from '../../constructs/config/common/rules';
import { validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { synthPlatform } from '../support/synth';

/**
 * 200 deterministic mutations of the vendored values files (keys deleted, types changed, huge and odd strings,
 * `..`, template delimiters, negative numbers, deep nesting). Whatever a user writes, the import either refuses it
 * with a GitLabConfigError (never a crash or a hang), or the platform it builds is valid for the API server.
 */

const VALUES_DIR = join(__dirname, '../fixtures/values');
const CASES = 200;

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    // `*.render.yaml` are the chart's renders vendored beside the real files (manifests, not values).
    return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(f) && !/\.render\.ya?ml$/.test(f) ? [p] : [];
  });
}

/** mulberry32: a small seeded generator, so every run mutates the same way. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Node = Record<string, unknown> | unknown[];
/** Every container (map or list) in the tree with its path, so a mutation can pick one entry. */
function containers(value: unknown, path: string[] = [], out: { node: Node; path: string[] }[] = []): { node: Node; path: string[] }[] {
  if (value && typeof value === 'object') {
    out.push({ node: value as Node, path });
    for (const [k, v] of Object.entries(value)) containers(v, [...path, k], out);
  }
  return out;
}

const ODD_STRINGS = [
  '..', '../x', '/etc/passwd', '<%= `id` %>', '{{ .Values.global }}', '{% file.Read "/etc/passwd" %}', 'a\nb', '', ' ',
  '-1', '0', '1e309', 'true', 'null', '~', '💥', 'x'.repeat(100_000), 'A'.repeat(64), '-'.repeat(3), '__proto__', 'constructor',
  'a..b', '192.168.1.1', 'Mars/Olympus', '0Gi', '-5Gi', '500m', '%{hash}', '"quoted"', "it's", '\\', '\u0000',
];

function mutate(values: Record<string, unknown>, next: () => number): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const done: string[] = [];
  const steps = next() < 0.6 ? 1 : 2 + Math.floor(next() * 2);
  for (let s = 0; s < steps; s++) {
    const all = containers(values);
    const { node, path } = pick(all);
    const keys = Object.keys(node);
    if (!keys.length) continue;
    const key = pick(keys);
    const at = [...path, key].join('.');
    const old = (node as Record<string, unknown>)[key];
    const kind = pick(['delete', 'delete', 'delete', 'type', 'odd', 'odd', 'negative', 'deep', 'list', 'map', 'huge-map'] as const);
    let value: unknown;
    switch (kind) {
      case 'delete':
        if (Array.isArray(node)) node.splice(Number(key), 1); else delete node[key];
        done.push(`delete ${at}`);
        continue;
      case 'type': value = typeof old === 'string' ? 42 : typeof old === 'number' ? String(old) : typeof old === 'boolean' ? 'yes' : old && typeof old === 'object' ? 'a string' : { a: 1 }; break;
      case 'odd': value = pick(ODD_STRINGS); break;
      case 'negative': value = pick([-1, -65536, -0.5, Number.MAX_SAFE_INTEGER, 1e308]); break;
      case 'deep': { let d: unknown = 'leaf'; for (let i = 0; i < 200; i++) d = { n: d }; value = d; break; }
      case 'list': value = [pick(ODD_STRINGS), 1, null, { a: [] }]; break;
      case 'map': value = { [pick(ODD_STRINGS).slice(0, 300)]: pick(ODD_STRINGS) }; break;
      case 'huge-map': value = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, `v${i}`])); break;
    }
    (node as Record<string, unknown>)[key] = value;
    done.push(`${kind} ${at}`);
  }
  return done;
}

/** Rules the API server applies beyond the OpenAPI schema: names, label keys and values, annotation size. */
function apiServerProblems(objects: readonly any[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    const nameProblem = typeof o.metadata?.name === 'string' ? dnsSubdomainProblem(o.metadata.name) : 'no name';
    if (nameProblem) out.push(`${id}: name ${nameProblem}`);
    const metas = [o.metadata, o.spec?.template?.metadata, o.spec?.jobTemplate?.spec?.template?.metadata].filter(Boolean);
    for (const m of metas) {
      for (const [k, v] of Object.entries(m.labels ?? {})) {
        const p = qualifiedNameProblem(k) ?? labelValueProblem(String(v));
        if (p) out.push(`${id}: label ${k}: ${p}`);
      }
      for (const k of Object.keys(m.annotations ?? {})) {
        const p = qualifiedNameProblem(k);
        if (p) out.push(`${id}: annotation ${k}: ${p}`);
      }
      if (annotationsBytes(m.annotations ?? {}) > ANNOTATIONS_MAX_BYTES) out.push(`${id}: annotations over 256 KiB`);
    }
  }
  return out;
}

describe('fuzzed values files', () => {
  // Read as the CLI reads `--values` (Helm's YAML: several documents merged, YAML 1.1 scalars).
  const sources = files(VALUES_DIR).map((f) => ({ file: f.slice(VALUES_DIR.length + 1), path: f }));
  const next = random(0x9b1d);
  const cases = Array.from({ length: CASES }, (_, i) => {
    const source = sources[Math.floor(next() * sources.length)];
    const values = readValuesFiles([source.path]) as Record<string, unknown>;
    const mutations = mutate(values, next);
    return { i, file: source.file, values, mutations };
  });

  it(`${CASES} mutated files: refused with a GitLabConfigError, or synthesized into API-server-valid objects`, () => {
    const outcomes = { refused: 0, accepted: 0 };
    const failures: string[] = [];
    for (const c of cases) {
      const what = `#${c.i} ${c.file}: ${c.mutations.join('; ')}`;
      let objects: any[];
      try {
        objects = synthPlatform(fromHelmValues(c.values));
      } catch (e) {
        if (e instanceof GitLabConfigError) {
          outcomes.refused++;
          if (/^\s+at\s/m.test(e.message)) failures.push(`${what}: the message holds a stack trace`);
          continue;
        }
        failures.push(`${what}: crashed with ${(e as Error)?.constructor?.name}: ${(e as Error)?.message?.slice(0, 300)}`);
        continue;
      }
      outcomes.accepted++;
      const problems = [...validateObjects(objects, '1.33', VENDORED_CRDS), ...apiServerProblems(objects)];
      if (problems.length) failures.push(`${what}: accepted but invalid: ${problems.slice(0, 3).join(' | ')}`);
    }
    expect(failures).toEqual([]);
    // Both outcomes occur, so the fuzz exercises refusals and accepted output alike.
    expect(outcomes.refused).toBeGreaterThan(20);
    expect(outcomes.accepted).toBeGreaterThan(20);
  }, 300_000);
});
