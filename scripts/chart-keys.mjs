#!/usr/bin/env node
// Flattens the official chart's values.yaml and its bundled subcharts' values.yaml into one list of keys with their
// default values (no template text): constructs/values/chart-keys.json, which the values key table and the
// importer read (a value equal to the chart's default is always accepted).
//   node scripts/chart-keys.mjs [CHART_DIR]     (default /work/chart, the unpacked chart 9.9.1)
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const chart = process.argv[2] ?? '/work/chart';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'constructs', 'values', 'chart-keys.json');
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const read = (file) => (existsSync(file) ? parse(readFileSync(file, 'utf8'), { version: '1.1' }) ?? {} : {});

/** Helm's coalescing: `over` wins; maps merge deeply. */
function merge(base, over) {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const outMap = { ...base };
  for (const [k, v] of Object.entries(over)) outMap[k] = k in outMap ? merge(outMap[k], v) : v;
  return outMap;
}

// Subcharts' values sit under their name; a subchart's own `global:` joins the root's global (the root wins).
let values = {};
const sub = (dir, at) => {
  const v = read(join(dir, 'values.yaml'));
  const { global, ...rest } = v;
  let nested = rest;
  for (const seg of [...at].reverse()) nested = { [seg]: nested };
  values = merge(values, { ...(global ? { global } : {}), ...nested });
};
for (const name of readdirSync(join(chart, 'charts')).sort()) {
  if (name === 'gitlab') continue;
  sub(join(chart, 'charts', name), [name]);
}
sub(join(chart, 'charts', 'gitlab'), ['gitlab']);
for (const name of readdirSync(join(chart, 'charts', 'gitlab', 'charts')).sort()) {
  sub(join(chart, 'charts', 'gitlab', 'charts', name), ['gitlab', name]);
}
// The root values.yaml last: it overrides the subcharts' defaults, as Helm does.
values = merge(values, read(join(chart, 'values.yaml')));

// nginx-ingress-geo is the same subchart under an alias.
if (isMap(values['nginx-ingress']) && !values['nginx-ingress-geo']) values['nginx-ingress-geo'] = { enabled: false };

const keys = {};
const walk = (v, path) => {
  if (isMap(v) && Object.keys(v).length > 0) {
    for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
  } else {
    keys[path] = v;
  }
};
walk(values, '');
// One key a line, so that a diff after a chart upgrade shows which keys came, went or changed default.
const lines = Object.entries(keys).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
writeFileSync(out, `{\n${lines.join(',\n')}\n}\n`);
console.log(`${Object.keys(keys).length} keys -> ${out}`);
