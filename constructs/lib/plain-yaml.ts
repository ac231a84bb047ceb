/**
 * A fast path for `stringify(data, { lineWidth: 0, aliasDuplicateObjects: false })` of the `yaml` library, for the
 * config templates (`templateYaml`): the same text, byte for byte, for plain data whose strings are single-line
 * printable ASCII without quotes or backslashes; `undefined` for anything else, which the caller hands to `yaml`.
 *
 * Why: the library builds a document node by node and picks a tag for every scalar; for two dozen small templates
 * that was a tenth of a CLI synth run (interpreted, in V8's lite mode). The rules below are the library's (2.x,
 * core schema, `stringifyString.ts` and `stringifyNumber.ts`) for that subset, and a test compares both on the
 * platform's templates and on generated data.
 */

type Data = null | boolean | number | string | Data[] | { [key: string]: Data };

/** Strings this writer takes: printable ASCII, no quote of either kind, no backslash (so no escape to write). */
const SIMPLE = /^[\x20-\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;
/** `yaml` quotes a plain scalar that starts with an indicator, is `-`/`?`, or holds `: `, ` #`, or ends in a space or `:`. */
const INDICATOR = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** The core schema's non-string scalars (null, bool, int, float): such a string is quoted to stay a string. */
const CORE_TAGS = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** A document marker at a line start: the library may force a block or quotes depending on depth; not handled. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)/;

/** Thrown inside the writer when the data leaves the subset; never escapes `plainYaml`. */
const UNSUPPORTED = Symbol('unsupported');

function scalar(v: Data): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw UNSUPPORTED;
    return Object.is(v, -0) ? '-0' : JSON.stringify(v);
  }
  if (typeof v !== 'string' || !SIMPLE.test(v) || DOCUMENT_MARKER.test(v)) throw UNSUPPORTED;
  // Double quotes: no character of the subset needs an escape, so JSON's quoting is the library's.
  return INDICATOR.test(v) || CORE_TAGS.some((re) => re.test(v)) ? `"${v}"` : v;
}

function isPlainObject(v: unknown): v is { [key: string]: Data } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A value after `key:` or `- `: a scalar or empty collection on the same line, else the nested block below. */
function after(v: Data, indent: string, out: string[], head: string): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.push(`${head} []`);
    else { out.push(head); seq(v, indent, out); }
  } else if (v !== null && typeof v === 'object') {
    if (!isPlainObject(v)) throw UNSUPPORTED;
    if (Object.keys(v).length === 0) out.push(`${head} {}`);
    else { out.push(head); map(v, indent, out); }
  } else {
    out.push(`${head} ${scalar(v)}`);
  }
}

function map(v: { [key: string]: Data }, indent: string, out: string[]): void {
  for (const key of Object.keys(v)) {
    const child = v[key];
    if (child === undefined) throw UNSUPPORTED;
    after(child, `${indent}  `, out, `${indent}${scalar(key)}:`);
  }
}

/** Items of a list: a map or list item starts on the dash's line, its other lines indented under it. */
function seq(v: Data[], indent: string, out: string[]): void {
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    if (item === undefined || !(i in v)) throw UNSUPPORTED;
    const nested = item !== null && typeof item === 'object' && (Array.isArray(item) ? item.length > 0 : Object.keys(item).length > 0);
    if (!nested) {
      after(item, `${indent}  `, out, `${indent}-`);
      continue;
    }
    const lines: string[] = [];
    if (Array.isArray(item)) seq(item, `${indent}  `, lines);
    else if (isPlainObject(item)) map(item, `${indent}  `, lines);
    else throw UNSUPPORTED;
    lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
    for (const line of lines) out.push(line);
  }
}

/** `yaml`'s text for a map of plain data (see above), or `undefined` when the data is outside the subset. */
export function plainYaml(doc: unknown): string | undefined {
  if (!isPlainObject(doc)) return undefined;
  if (Object.keys(doc).length === 0) return '{}\n';
  const out: string[] = [];
  try {
    map(doc, '', out);
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
  return `${out.join('\n')}\n`;
}
