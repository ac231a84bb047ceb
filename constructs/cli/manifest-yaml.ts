/**
 * YAML for Kubernetes manifests: plain JSON data (maps, lists, strings, numbers, booleans, null) written as block
 * YAML, multi-line strings (config templates, PEM) as literal blocks.
 *
 * Why not a YAML library here: a general library builds a document tree node by node, which is most of a CLI
 * synth run (tens of milliseconds cold). This writer only handles JSON data, is conservative about quoting (a
 * string that any YAML 1.1 or 1.2 reader, go-yaml included, could take for something else is double-quoted), and
 * its output is tested to parse back to the same data.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined } | undefined;

/** Characters a plain (unquoted) scalar may use; it must also start with a letter, `_` or `/`. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./:@+=-]*$/;
/** Plain-looking words that YAML 1.1 or 1.2 reads as booleans or null. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
/** Characters that only a double-quoted scalar can carry. */
const NEEDS_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/;

function quote(s: string): string {
  // JSON's escapes are valid in YAML double quotes; line and paragraph separators are escaped too, since YAML 1.1
  // readers treat them as line breaks.
  return JSON.stringify(s).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(':') ? s : quote(s);
}

/** A multi-line string as a literal block, when it can be one without changing its value. */
function literalBlock(s: string, indent: string): string | undefined {
  if (!s.includes('\n') || s.includes('\r') || NEEDS_ESCAPE.test(s)) return undefined;
  const lines = s.split('\n');
  const trailing = s.length - s.replace(/\n+$/, '').length;
  const body = trailing ? lines.slice(0, -trailing) : lines;
  const firstContent = body.find((l) => l !== '');
  // The first content line sets the block's indentation; whitespace-only lines would be read as empty.
  if (firstContent === undefined || /^[ \t]/.test(firstContent) || body.some((l) => l !== '' && l.trim() === '')) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const kept = trailing > 1 ? [...body, ...Array(trailing - 1).fill('')] : body;
  return `|${chomp}\n${kept.map((l) => (l === '' ? '' : indent + l)).join('\n')}`;
}

function value(v: Json, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return literalBlock(v, `${indent}  `) ?? scalar(v);
  throw new Error('collections are written by block()');
}

const isCollection = (v: Json): v is Json[] | { [key: string]: Json } => v !== null && typeof v === 'object';
function isEmpty(v: Json[] | { [key: string]: Json | undefined }): boolean {
  if (Array.isArray(v)) return v.length === 0;
  for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key)) return false;
  return true;
}

/**
 * Appends the lines of a non-empty collection at `indent` to `out`; a list's items start with `- `, a map's keys with
 * `key:`. One array for the whole document: nested blocks are not joined into strings and copied again.
 */
function block(v: Json[] | { [key: string]: Json | undefined }, indent: string, out: string[]): void {
  const list = Array.isArray(v);
  const keys = list ? undefined : Object.keys(v);
  const n = list ? v.length : keys!.length;
  for (let i = 0; i < n; i++) {
    const key = list ? undefined : keys![i];
    const child = (list ? v[i] : (v as { [key: string]: Json | undefined })[key!]) as Json;
    const head = key === undefined ? `${indent}- ` : `${indent}${scalar(key)}:`;
    if (isCollection(child) && !isEmpty(child)) {
      if (key === undefined && !Array.isArray(child)) {
        // A map in a list starts on the dash's line.
        const first = out.length;
        block(child, `${indent}  `, out);
        out[first] = head + out[first].slice(indent.length + 2);
      } else {
        out.push(head.trimEnd());
        block(child, `${indent}  `, out);
      }
    } else {
      const text = isCollection(child) ? (Array.isArray(child) ? '[]' : '{}') : value(child, indent);
      out.push(key === undefined ? head + text : `${head} ${text}`);
    }
  }
}

/** One YAML document for one object. */
export function manifestYaml(doc: { [key: string]: Json | undefined }): string {
  if (isEmpty(doc)) return '{}\n';
  const out: string[] = [];
  block(doc, '', out);
  return `${out.join('\n')}\n`;
}

/** A multi-document YAML stream, `---` between documents (as `cdk8s synth` writes them). */
export function manifestsYaml(docs: readonly { [key: string]: Json | undefined }[]): string {
  return docs.map(manifestYaml).join('---\n');
}
