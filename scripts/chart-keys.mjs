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
// A map whose keys hold dots (annotations, labels) stays one value, so that every flattened key splits back unambiguously.
const walk = (v, path) => {
  if (isMap(v) && Object.keys(v).length > 0 && !Object.keys(v).some((k) => k.includes('.'))) {
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

// Keys the chart's templates read that its values.yaml files leave out (documented but commented out, such as
// registry.gc.reviewafter): also the chart's key space, so the importer judges them instead of ignoring them as
// typos. Only the key names are kept: `.Values.a.b` references, placed under their subchart's prefix.
const readKeys = new Set();
// Shared helpers (`_*.tpl` of the root chart and of gitlab/) run with the calling subchart's values, so only their
// global keys can be placed.
const scan = (dir, prefix, shared = false) => {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { scan(path, prefix, shared); continue; }
    if (!/\.(tpl|yaml|txt)$/.test(entry.name)) continue;
    for (const m of readFileSync(path, 'utf8').matchAll(/\$?\.Values\.([A-Za-z0-9_][A-Za-z0-9_.]*[A-Za-z0-9_])/g)) {
      const global = m[1].startsWith('global.') || m[1] === 'global';
      if (!global && shared && entry.name.startsWith('_')) continue;
      const key = global ? m[1] : `${prefix}${m[1]}`;
      if (!(key in keys)) readKeys.add(key);
    }
  }
};
scan(join(chart, 'templates'), '', true);
for (const name of readdirSync(join(chart, 'charts')).sort()) {
  if (name === 'gitlab') continue;
  scan(join(chart, 'charts', name, 'templates'), `${name}.`);
}
scan(join(chart, 'charts', 'gitlab', 'templates'), 'gitlab.', true);
for (const name of readdirSync(join(chart, 'charts', 'gitlab', 'charts')).sort()) {
  scan(join(chart, 'charts', 'gitlab', 'charts', name, 'templates'), `gitlab.${name}.`);
}
// The webservice's data model (its _datamodel.tpl) writes each Deployment's `hpa` from the component's minReplicas and
// maxReplicas and then the whole `hpa` map: keys of those names under `hpa` are read too, and win.
for (const k of ['minReplicas', 'maxReplicas']) readKeys.add(`gitlab.webservice.hpa.${k}`);
// A read key that is a map on the way to values.yaml keys (global.appConfig) says nothing new. The rest, and anything
// under them, are keys of the chart; those under a values.yaml leaf that is an open map (`global.ingress.tls: {}`) also
// say which keys of that map the chart reads (another key there, Helm ignores).
const valuePrefixes = new Set(Object.keys(keys).flatMap((k) => k.split('.').slice(1).map((_, i) => k.split('.').slice(0, i + 1).join('.'))));
const beyond = [...readKeys].filter((k) => !valuePrefixes.has(k)).sort()
  .filter((k, i, all) => !all.some((o) => o !== k && k.startsWith(`${o}.`)));
const readOut = join(dirname(out), 'chart-read-keys.json');
writeFileSync(readOut, `${JSON.stringify(beyond, null, 1)}\n`);
console.log(`${beyond.length} keys read by templates beyond values.yaml -> ${readOut}`);
