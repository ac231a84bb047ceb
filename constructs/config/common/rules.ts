/**
 * The naming and size rules Kubernetes, S3 and the config templates enforce, written once. Every check of typed
 * props, of the values import, of the cluster integrations and of the Pulumi stack's configuration uses these, so
 * a value is refused here exactly when the API server (or S3, or Ruby) would refuse it later.
 *
 * Each `...Problem` function returns `undefined` for a good value, or what is wrong in words.
 * Every pattern starts with a length look-ahead, so a huge input fails at once instead of backtracking.
 */

/** RFC 1123 label: namespace, Service and most object names (63). */
export const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: object names such as Secrets and ConfigMaps (253). */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A DNS host name: a subdomain whose every label has at most 63 characters. */
export const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
/** Characters of a Secret or ConfigMap key (length and `..` are checked by `secretKeyProblem`). */
export const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
/** The name part of a label or annotation key, and a non-empty label value. */
const QUALIFIED_NAME_PART = /^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export const DNS_LABEL_TEXT = 'a DNS label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit';
export const DNS_SUBDOMAIN_TEXT = 'at most 253 lower-case letters, digits, "-" and ".", each part starting and ending with a letter or digit';

export const dnsLabelProblem = (v: string): string | undefined => (DNS_LABEL.test(v) ? undefined
  : v.length > 63 ? `${v.length} characters, at most 63 allowed` : 'characters or form not allowed in a DNS label');

export const dnsSubdomainProblem = (v: string): string | undefined => (DNS_SUBDOMAIN.test(v) ? undefined
  : v.length > 253 ? `${v.length} characters, at most 253 allowed` : 'characters or form not allowed in a DNS name');

/** Label and annotation keys: an optional DNS subdomain prefix (253) and `/`, then a name of at most 63. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) return `the prefix "${prefix.slice(0, 40)}" is not a DNS subdomain (${DNS_SUBDOMAIN_TEXT})`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return name.length > 63 ? `the name part has ${name.length} characters, at most 63 allowed` : 'the name part must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Label values: empty, or at most 63 letters, digits, `-`, `_`, `.` starting and ending with a letter or digit. */
export const labelValueProblem = (v: string): string | undefined => (v === '' || QUALIFIED_NAME_PART.test(v) ? undefined
  : v.length > 63 ? `${v.length} characters, at most 63 allowed` : 'characters or form not allowed in a label value');

/** The API server's limit on the total size of one object's annotations (keys and values, in bytes). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;
export function annotationsBytes(map: Readonly<Record<string, unknown>>): number {
  let total = 0;
  for (const [k, v] of Object.entries(map)) total += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  return total;
}

/** Secret and ConfigMap keys: at most 253 of letters, digits, `-`, `_`, `.`; not `.`, `..` nor starting with `..`. */
export function secretKeyProblem(key: string): string | undefined {
  if (key.length > 253) return `${key.length} characters, at most 253 allowed`;
  if (!SECRET_KEY.test(key)) return 'only letters, digits, "-", "_" and "." are allowed (no "/")';
  if (key === '.' || key.startsWith('..')) return 'a key may not be "." nor start with ".."';
  return undefined;
}

/** A relative file path inside a volume (`items[].path`, `subPath`): no leading `/`, no `..` element. */
export function relativePathProblem(path: string): string | undefined {
  if (path === '') return 'an empty path';
  if (path.startsWith('/')) return 'an absolute path';
  if (path.split('/').includes('..')) return 'a ".." path element';
  if (path.length > 4096) return 'longer than 4096 characters';
  return undefined;
}

/**
 * Kubernetes resource quantity. The checks accept the non-negative forms (`500m`, `2`, `2.5G`, `256Mi`); the
 * parser reads the whole grammar so that two quantities can be compared exactly.
 */
export const QUANTITY = /^(?=.{1,64}$)[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const QUANTITY_GRAMMAR = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]{1,3})?$/;
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** An exact rational value `num / den`. */
export interface QuantityValue { readonly num: bigint; readonly den: bigint }

/** Parses a quantity (a number counts as written); `undefined` when it is not one. */
export function parseQuantity(q: string | number): QuantityValue | undefined {
  const text = typeof q === 'number' ? (Number.isFinite(q) ? String(q) : '') : q;
  const m = QUANTITY_GRAMMAR.exec(text.length > 64 ? '' : text);
  if (!m) return undefined;
  const [whole, frac = ''] = m[2].split('.');
  let num = BigInt(`${whole || '0'}${frac}`) * (m[1] === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const suffix = m[3] ?? '';
  const pow10 = suffix in DECIMAL ? DECIMAL[suffix] : /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : 0;
  if (suffix in BINARY) num *= 2n ** BigInt(BINARY[suffix]);
  if (pow10 >= 0) num *= 10n ** BigInt(pow10); else den *= 10n ** BigInt(-pow10);
  return { num, den };
}

/** Compares two quantities exactly (`500m` < `1`, `1Gi` > `1000Mi`): negative, zero or positive. */
export function compareQuantities(a: QuantityValue, b: QuantityValue): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function quantityProblem(v: unknown, opts: { positive?: boolean } = {}): string | undefined {
  if (typeof v !== 'string' || !QUANTITY.test(v)) return 'not a Kubernetes quantity';
  if (opts.positive && parseQuantity(v)!.num <= 0n) return 'zero; a size must be more than 0';
  return undefined;
}

/** S3 general-purpose bucket naming rules (AWS S3 User Guide, "Bucket naming rules"). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `${name.length} characters; S3 allows 3 to 63`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return 'only lower-case letters, digits, "." and "-", starting and ending with a letter or digit';
  if (/\.\.|\.-|-\./.test(name)) return 'two dots in a row, or a dot next to a hyphen';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'it is formatted as an IP address';
  const prefix = BUCKET_RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `the prefix "${prefix}" is reserved by AWS`;
  const suffix = BUCKET_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `the suffix "${suffix}" is reserved by AWS`;
  return undefined;
}
export const BUCKET_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
export const BUCKET_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;

let zones: Set<string> | undefined;
/** An IANA time zone: one the runtime's tz database lists, `UTC`, an `Etc/*` zone, or a link such as `US/Eastern`. */
export function isTimeZone(v: string): boolean {
  if (v === 'UTC' || /^Etc\/(UTC|UCT|GMT|Universal|Zulu|Greenwich|GMT[+-](0|[1-9]|1[0-4])|GMT0)$/.test(v)) return true;
  zones ??= new Set((Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone'));
  if (zones.has(v)) return true;
  // Links (`US/Eastern`, `Asia/Calcutta`) are valid tz database names the list leaves out; offsets are not zones.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){1,2}$/.test(v)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/**
 * Text that lands in a config template the image renders at start: Ruby ERB (`<% %>`) for the Rails
 * configuration, gomplate with `{% %}` delimiters for the Go components (the CNG images' convention). Returns the
 * delimiter or control character found. (`{{` is plain text to both: gomplate runs with `{% %}` delimiters.)
 */
export function templateDelimiter(v: string): string | undefined {
  const m = /<%|%>|\{%|%\}|[\r\n\0]/.exec(v);
  if (!m) return undefined;
  return m[0] === '\n' ? 'a line break' : m[0] === '\r' ? 'a carriage return' : m[0] === '\0' ? 'a NUL character' : `"${m[0]}"`;
}

/**
 * Label keys the platform sets on its own objects and pods (`lib/labels.ts`): selectors and the recommended
 * `app.kubernetes.io/*` labels. A user label with one of these keys would be overwritten, so it is refused.
 */
export const PLATFORM_LABEL_KEYS = [
  'app', 'release', 'app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by', 'app.kubernetes.io/version', 'gitlab.com/webservice-name', 'queue-pod-name', 'storage',
] as const;
export type PlatformLabelKey = typeof PLATFORM_LABEL_KEYS[number];
