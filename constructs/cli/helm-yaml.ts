import { Alias, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments, Scalar } from 'yaml';

/**
 * YAML read as Helm reads values files (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 plain scalars (`yes`/`no`/`on`/
 * `off`/`y`/`n` booleans, `0x`/`0o`/`0b`/leading-zero octal integers, underscores in numbers), keys resolved the
 * same way then turned into strings (`yes:` is the key "true"), duplicate keys resolved to the last one, `<<` merge
 * keys with go-yaml v2's precedence, only the first document. Maps are null-prototype objects, so `__proto__`,
 * `constructor` and `prototype` are ordinary keys. Cyclic aliases and alias expansions beyond `MAX_EXPANDED_NODES`
 * are refused with the path.
 */

/** Nodes an alias expansion may produce in total (a billion-laughs file stops here, not in memory). */
export const MAX_EXPANDED_NODES = 1_000_000;

export interface HelmYamlResult {
  /** The first document's value (`undefined` for an empty file). */
  readonly value: unknown;
  /** Warnings with line numbers: duplicate keys, ignored documents. */
  readonly warnings: readonly string[];
}

/** Thrown for YAML Helm would not read either, with the line or the values path. */
export class HelmYamlError extends Error {}

// Maps, not object literals: a key like `__proto__` must not find Object.prototype's members.
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map(Object.entries({
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
}));
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's strconv.ParseInt with base 0 (after go-yaml removed the underscores). */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/** Go's ParseInt(s, 0, 64) as a JS number (safe for the values files' range). */
function goInt(s: string): number {
  const sign = s.startsWith('-') ? -1 : 1;
  const body = s.replace(/^[-+]/, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body, 8);
  else n = parseInt(body, 10);
  return sign * n;
}

/** A plain scalar as go-yaml v2 resolves it (quoted and block scalars are strings). */
export function resolvePlain(text: string): unknown {
  const bool = BOOLEANS.get(text);
  if (bool !== undefined) return bool;
  if (NULLS.has(text)) return null;
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return special;
  const c = text[0];
  if ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.') {
    const plain = text.replace(/_/g, '');
    if (GO_INT.test(plain)) return goInt(plain);
    if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
    if (c === '.' && /^\.[0-9]/.test(text) && !Number.isNaN(Number(text))) return Number(text);
  }
  return text;
}

const TAGS: ReadonlyMap<string, (s: string) => unknown> = new Map<string, (s: string) => unknown>([
  ['tag:yaml.org,2002:str', (s) => s],
  ['tag:yaml.org,2002:bool', (s) => BOOLEANS.get(s) ?? s],
  ['tag:yaml.org,2002:int', (s) => resolvePlain(s)],
  ['tag:yaml.org,2002:float', (s) => resolvePlain(s)],
  ['tag:yaml.org,2002:null', () => null],
]);

function scalarValue(node: Scalar): unknown {
  const text = String(node.value ?? '');
  const tagged = node.tag ? TAGS.get(node.tag) : undefined;
  if (tagged) return tagged(text);
  return node.type === 'PLAIN' || node.type === undefined ? resolvePlain(text) : text;
}

/** A key as sigs.k8s.io/yaml writes it into JSON. */
function keyString(v: unknown): string {
  if (v === null) return 'null';
  return String(v);
}

/** Reads a values file's text as Helm does. */
export function parseHelmYaml(text: string, file: string): HelmYamlResult {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, merge: false, lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs)) return { value: undefined, warnings: [] };
  const warnings: string[] = [];
  const at = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return `${file}:${p.line}:${p.col}`;
  };
  const first = docs[0] as Document | undefined;
  if (!first) return { value: undefined, warnings };
  const error = first.errors[0];
  if (error) throw new HelmYamlError(`${at(error.pos[0])}: ${error.message.split('\n')[0]}`);
  if (docs.length > 1 && docs.slice(1).some((d) => d.contents !== null)) {
    warnings.push(`${at(docs[1].range[0])}: only the first YAML document of a values file is read (Helm ignores the others)`);
  }

  let expanded = 0;
  const sizes = new Map<Node, number>();
  /** The nodes an alias to `node` expands to (memoized; cycles were refused before this is asked). */
  const sizing = new Set<Node>();
  const sizeOf = (node: Node | null | undefined): number => {
    if (!node) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (sizing.has(node)) throw new HelmYamlError(`${at(node.range?.[0])}: an anchor's value contains an alias to itself (a cycle); Helm refuses it too`);
    sizing.add(node);
    let n = 1;
    if (isAlias(node)) n = sizeOf(node.resolve(first) as Node | undefined);
    else if (isMap(node)) for (const p of node.items) n += sizeOf(p.key as Node) + sizeOf(p.value as Node);
    else if (isSeq(node)) for (const item of node.items) n += sizeOf(item as Node);
    sizes.set(node, n);
    return n;
  };

  const convert = (node: unknown, path: string, active: ReadonlySet<Node>): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return convertAlias(node, path, active);
    if (isScalar(node)) {
      const v = scalarValue(node);
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new HelmYamlError(`${at(node.range?.[0])}: ${path || '(top)'}: ${String(node.value)} is not a number a values file can hold (Helm refuses it too); quote it if you mean the text`);
      }
      return v;
    }
    const inner = new Set(active).add(node as Node);
    if (isSeq(node)) return node.items.map((item, i) => convert(item, `${path}[${i}]`, inner));
    if (isMap(node)) {
      const out: Record<string, unknown> = Object.create(null);
      const seen = new Map<string, number | undefined>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const rawKey = isScalar(keyNode) ? keyNode : null;
        if (rawKey && rawKey.type === 'PLAIN' && rawKey.value === '<<' && !rawKey.tag) {
          mergeInto(out, pair.value, path, inner);
          continue;
        }
        const keyValue = keyNode === null ? null : isScalar(keyNode) ? scalarValue(keyNode) : convert(keyNode, path, inner);
        if (keyValue !== null && typeof keyValue === 'object') {
          throw new HelmYamlError(`${at(keyNode?.range?.[0])}: ${path || '(top)'}: a mapping or list as a key is not a values key`);
        }
        const key = keyString(keyValue);
        const offset = keyNode?.range?.[0];
        if (seen.has(key)) {
          const first = lines.linePos(seen.get(key) ?? 0).line;
          warnings.push(`${at(offset)}: duplicate key "${key}"${path ? ` under ${path}` : ''} (first on line ${first}); the last one wins, as in Helm`);
        }
        seen.set(key, offset);
        out[key] = convert(pair.value, path ? `${path}.${key}` : key, inner);
      }
      return out;
    }
    return null;
  };

  /** `<<: *a` or `<<: [*a, *b]`: go-yaml v2 sets the merged keys where `<<` stands, earlier list items winning. */
  const mergeInto = (out: Record<string, unknown>, value: unknown, path: string, active: ReadonlySet<Node>) => {
    const sources = isSeq(value) ? [...value.items].reverse() : [value];
    for (const source of sources) {
      const merged = convert(source, path, active);
      if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
        throw new HelmYamlError(`${at((source as Node | null)?.range?.[0])}: ${path || '(top)'}: a merge key (<<) takes a mapping or a list of mappings`);
      }
      for (const [k, v] of Object.entries(merged)) out[k] = v;
    }
  };

  const convertAlias = (alias: Alias, path: string, active: ReadonlySet<Node>): unknown => {
    const target = alias.resolve(first) as Node | undefined;
    if (!target) throw new HelmYamlError(`${at(alias.range?.[0])}: ${path || '(top)'}: unknown anchor "${alias.source}"`);
    if (active.has(target)) {
      throw new HelmYamlError(`${at(alias.range?.[0])}: ${path || '(top)'}: the alias *${alias.source} points into its own anchor's value (a cycle); Helm refuses it too`);
    }
    expanded += sizeOf(target);
    if (expanded > MAX_EXPANDED_NODES) {
      throw new HelmYamlError(`${at(alias.range?.[0])}: ${path || '(top)'}: the aliases expand to more than ${MAX_EXPANDED_NODES} values (an alias bomb?); write the values out instead`);
    }
    return convert(target, path, active);
  };

  return { value: convert(first.contents, '', new Set()), warnings };
}
