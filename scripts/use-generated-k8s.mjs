#!/usr/bin/env node
// Codemod: points every import of cdk8s-plus-27's 1.27 L1 classes at the generated current ones in
// constructs/lib/k8s (see scripts/generate-k8s.mjs). Idempotent; safe to re-run after merging code that still
// imports from cdk8s-plus-27:
//   node scripts/use-generated-k8s.mjs [--check]     (--check: change nothing, exit 1 if a file would change)
// It rewrites, in every .ts file under constructs/ stacks/ examples/ test/:
//   import { k8s } from 'cdk8s-plus-27';                  -> import * as k8s from '<relative>/lib/k8s';
//   import { k8s as kube, Deployment } from 'cdk8s-plus-27' -> keeps `Deployment` from cdk8s-plus-27 (an L2 construct)
//                                                            and adds `import * as kube from '<relative>/lib/k8s'`
//   import * as k8s from 'cdk8s-plus-27/lib/imports/k8s'  -> import * as k8s from '<relative>/lib/k8s';
//   import { KubePod } from 'cdk8s-plus-27/lib/imports/k8s' -> import { KubePod } from '<relative>/lib/k8s';
//   import { k8s } from '<relative>/lib/k8s';             -> import * as k8s from '<relative>/lib/k8s';
// A namespace import (not `{ k8s }`) is what lets the CLI bundle tree-shake the classes nobody uses.
// `import type` forms, double quotes and imports spread over several lines are handled alike.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = join(root, 'constructs', 'lib', 'k8s');
const FOLDERS = ['constructs', 'stacks', 'examples', 'test'];
const check = process.argv.includes('--check');

function* tsFiles(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries.sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) yield* tsFiles(path);
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** `./x` style module specifier from `file` to `target` (posix separators, no extension). */
function specifier(file, target) {
  let rel = relative(dirname(file), target).split(sep).join('/');
  if (!rel.startsWith('.')) rel = rel === '' ? '.' : `./${rel}`;
  return rel;
}

// import [type] { a, b as c } from 'cdk8s-plus-27';   (the braces may span lines)
const NAMED = /import(\s+type)?\s*\{([^}]*)\}\s*from\s*(['"])cdk8s-plus-27\3\s*;?/g;
// import [type] * as X from 'cdk8s-plus-27/lib/imports/k8s';
const STAR_L1 = /import(\s+type)?\s*\*\s*as\s+([A-Za-z_$][\w$]*)\s+from\s*(['"])cdk8s-plus-27\/lib\/imports\/k8s(?:\.js)?\3\s*;?/g;
// import [type] { KubePod, ... } from 'cdk8s-plus-27/lib/imports/k8s';
const NAMED_L1 = /import(\s+type)?\s*\{([^}]*)\}\s*from\s*(['"])cdk8s-plus-27\/lib\/imports\/k8s(?:\.js)?\3\s*;?/g;

// import [type] { k8s, ... } from './lib/k8s';   (any relative path; checked against the target below)
const OWN_NAMED = /import(\s+type)?\s*\{([^}]*)\}\s*from\s*(['"])(\.{1,2}\/[^'"]*lib\/k8s)\3\s*;?/g;

const alias = (name) => /\bas\s+([\w$]+)$/.exec(name)?.[1] ?? 'k8s';
const star = (type, name, index) => `import${type} * as ${name} from '${index}';`;

function rewrite(file, text) {
  const index = specifier(file, TARGET);
  const q = "'";
  let out = text.replace(NAMED, (whole, type = '', list) => {
    const names = list.split(',').map((s) => s.trim()).filter(Boolean);
    const k8sNames = names.filter((n) => /^(type\s+)?k8s(\s+as\s+[\w$]+)?$/.test(n));
    if (!k8sNames.length) return whole; // only L2 constructs: they stay on cdk8s-plus-27
    const rest = names.filter((n) => !k8sNames.includes(n));
    const lines = [];
    if (rest.length) lines.push(`import${type} { ${rest.join(', ')} } from ${q}cdk8s-plus-27${q};`);
    for (const n of k8sNames) lines.push(star(n.startsWith('type ') ? ' type' : type, alias(n), index));
    return lines.join('\n');
  });
  out = out.replace(STAR_L1, (_w, type = '', name) => star(type, name, index));
  out = out.replace(NAMED_L1, (_w, type = '', list) => {
    const names = list.split(',').map((s) => s.trim()).filter(Boolean);
    return `import${type} { ${names.join(', ')} } from ${q}${index}${q};`;
  });
  // `import { k8s } from '<...>/lib/k8s'` (the named form): the module exports no `k8s`; make it the namespace.
  out = out.replace(OWN_NAMED, (whole, type = '', list, _q, spec) => {
    if (resolve(dirname(file), spec) !== TARGET) return whole;
    const names = list.split(',').map((s) => s.trim()).filter(Boolean);
    const k8sNames = names.filter((n) => /^(type\s+)?k8s(\s+as\s+[\w$]+)?$/.test(n));
    if (!k8sNames.length) return whole;
    const rest = names.filter((n) => !k8sNames.includes(n));
    const lines = k8sNames.map((n) => star(n.startsWith('type ') ? ' type' : type, alias(n), index));
    if (rest.length) lines.push(`import${type} { ${rest.join(', ')} } from ${q}${index}${q};`);
    return lines.join('\n');
  });
  return out;
}

const changed = [];
for (const folder of FOLDERS) {
  for (const file of tsFiles(join(root, folder))) {
    if (file.startsWith(TARGET + sep)) continue; // the generated module itself
    const text = readFileSync(file, 'utf8');
    const next = rewrite(file, text);
    if (next !== text) {
      changed.push(relative(root, file));
      if (!check) writeFileSync(file, next);
    }
  }
}
for (const f of changed) console.log(`${check ? 'would rewrite' : 'rewrote'} ${f}`);
console.log(`${changed.length} file(s) ${check ? 'to rewrite' : 'rewritten'}`);
if (check && changed.length) process.exit(1);
