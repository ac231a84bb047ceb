import {
  all, Check, num, record, rule, str,
} from '../schema';
import {
  ANNOTATIONS_MAX_BYTES, annotationsBytes, bucketNameProblem, compareQuantities, DNS_LABEL_TEXT, dnsLabelProblem,
  HOST_NAME, isTimeZone, labelValueProblem, parseQuantity, PLATFORM_LABEL_KEYS, qualifiedNameProblem, QUANTITY,
  quantityProblem, relativePathProblem, secretKeyProblem, templateDelimiter,
} from './rules';

/**
 * The checks built from `rules.ts`, for `propsCheck` and the other props checks: one definition of each rule
 * with its message, its allowed values and its fix.
 */

/** A DNS label (namespace, release, Service-like names), at most `max` characters (63). */
export const dnsLabel = (what: string, example: string, max = 63): Check => all(
  str({ allowed: `${what}: ${DNS_LABEL_TEXT}`, fix: `use e.g. "${example}"` }),
  rule((v: string) => {
    const problem = dnsLabelProblem(v) ?? (v.length > max ? `${v.length} characters, at most ${max} allowed here (object names add suffixes)` : undefined);
    return problem ? { allowed: `${what}: ${DNS_LABEL_TEXT}${max < 63 ? ` (at most ${max} here)` : ''}; ${problem}`, fix: `use e.g. "${example}"` } : undefined;
  }),
);

/** A DNS host name (no scheme, port or path; labels of at most 63). */
export const hostName = (example: string): Check => str({
  pattern: HOST_NAME, allowed: 'a lower-case DNS host name (labels of at most 63 characters, 253 in all)',
  fix: `write a host name such as "${example}" (no scheme, no port, no path)`,
});

/** A TCP port number (1-65535). */
export const portNumber = (): Check => num({ min: 1, max: 65535 });

/** A key of a Secret or ConfigMap. */
export const secretKey = (example = 'password'): Check => all(
  str({ allowed: 'a Secret key', fix: `write the key, e.g. "${example}"` }),
  rule((v: string) => {
    const problem = secretKeyProblem(v);
    return problem ? { allowed: `a Secret key: at most 253 letters, digits, "-", "_" and ".", not starting with ".." (${problem})`, fix: `write the key as it appears in the Secret's data, e.g. "${example}"` } : undefined;
  }),
);

/** A relative path inside a volume. */
export const relativePath = (): Check => all(str(), rule((v: string) => {
  const problem = relativePathProblem(v);
  return problem ? { allowed: `a relative path without ".." elements (${problem})`, fix: 'write a file name such as "ca.crt"' } : undefined;
}));

/** A Kubernetes quantity; `positive` refuses zero (sizes). */
export const quantityCheck = (opts: { positive?: boolean; example?: string } = {}): Check => (value, path, issues) => {
  const problem = quantityProblem(value, opts);
  if (!problem) return;
  const example = opts.example ?? (opts.positive ? '50Gi' : '500m');
  const bad = typeof value === 'string' && QUANTITY.test(value);
  rule(() => ({
    allowed: bad ? 'a quantity greater than 0, such as 50Gi' : 'a Kubernetes quantity such as 500m, 2, 2.5G or 256Mi',
    fix: `write the quantity as a string, e.g. "${example}"`,
  }))(value, path, issues);
};

/** `requests` at most `limits` for every resource both name, as the API server requires. */
export const requestsWithinLimits: Check = rule((r: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }) => {
  for (const [name, limit] of Object.entries(r?.limits ?? {})) {
    const request = r.requests?.[name];
    const a = typeof request === 'string' ? parseQuantity(request) : undefined;
    const b = typeof limit === 'string' ? parseQuantity(limit) : undefined;
    if (a && b && compareQuantities(a, b) > 0) {
      return { allowed: `requests.${name} (${request}) at most limits.${name} (${limit})`, fix: `lower requests.${name} or raise limits.${name} to at least ${request}` };
    }
  }
  return undefined;
});

const labelKeyRule = (what: string) => ({
  allowed: `${what} key such as "team" or "example.com/team"`,
  fix: 'use letters, digits, "-", "_" and "." (name part at most 63), with an optional DNS prefix and "/"',
});
const keyCheck = (what: string): Check => (value, path, issues) => {
  const problem = qualifiedNameProblem(value as string);
  if (problem) rule(() => ({ allowed: `${labelKeyRule(what).allowed} (${problem})`, fix: labelKeyRule(what).fix }))(value, path, issues);
};

/** A map of label keys to label values, as the API server accepts them. */
export const labelMap = (): Check => keyedRecord(all(str({ nonEmpty: false, allowed: 'a label value (a string)' }), rule((v: string) => {
  const problem = labelValueProblem(v);
  return problem ? { allowed: `a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (${problem})`, fix: 'shorten the value or replace the other characters with "-"' } : undefined;
})), keyCheck('a label'));

/** Labels the user adds to the platform's objects or pods: also refuses the keys the platform sets itself. */
export const ownLabelMap = (): Check => (value, path, issues) => {
  labelMap()(value, path, issues);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const key of PLATFORM_LABEL_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    rule(() => ({
      allowed: `a label the platform does not set itself (it sets ${PLATFORM_LABEL_KEYS.join(', ')})`,
      fix: `remove or rename "${key}": the platform sets it (selectors, recommended labels) and would overwrite your value`,
    }))((value as Record<string, unknown>)[key], `${path}.${key}`, issues);
  }
};

/** A map of annotation keys to string values, at most 256 KiB in all. */
export const annotationMap = (): Check => all(keyedRecord(str({ nonEmpty: false, allowed: 'an annotation value (a string)', fix: 'quote the value' }), keyCheck('an annotation')),
  rule((m: Record<string, unknown>) => {
    const bytes = annotationsBytes(m);
    return bytes > ANNOTATIONS_MAX_BYTES ? { allowed: `annotations of at most ${ANNOTATIONS_MAX_BYTES} bytes in all (256 KiB); these have ${bytes}`, fix: 'move large content into a ConfigMap and reference it' } : undefined;
  }));

/** An S3 bucket name. */
export const bucketName = (example = 'gl-artifacts'): Check => all(str({ allowed: 'an S3 bucket name' }), rule((v: string) => {
  const problem = bucketNameProblem(v);
  return problem ? { allowed: `an S3 bucket name: 3-63 lower-case letters, digits, "." and "-", not an IP address, no "..", no reserved prefix or suffix (${problem})`, fix: `use a bucket name such as "${example}"` } : undefined;
}));

/** An IANA time zone. */
export const timeZone = (): Check => all(str({ allowed: 'an IANA time zone' }), rule((v: string) => (isTimeZone(v) ? undefined
  : { allowed: 'an IANA time zone such as UTC, Etc/GMT+2 or Europe/Berlin', fix: 'use a name from the tz database (see `timedatectl list-timezones`)' })));

/** Free text copied into an ERB or gomplate template: no template delimiters, one line. */
export const templateText = (what = 'text', nonEmpty = true): Check => all(str({ nonEmpty, allowed: what }), rule((v: string) => {
  const found = templateDelimiter(v);
  return found ? { allowed: `${what} on one line without "<%", "%>", "{%" or "%}" (template delimiters the image would evaluate); found ${found}`, fix: 'remove those characters' } : undefined;
}));

/** An http(s) URL with a host, copied into a template (so also template-safe text). */
export const httpUrl = (example: string): Check => all(templateText('a URL'),
  rule((v: string) => (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(v) ? undefined : { allowed: 'an http(s) URL', fix: `write e.g. "${example}"` })));

/** `record` whose key check is a full Check (not a pattern), so keys get the same exact rules as values. */
function keyedRecord(valueCheck: Check, keyCheck: Check): Check {
  const shape = record(valueCheck);
  return (value, path, issues) => {
    shape(value, path, issues);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const k of Object.keys(value)) keyCheck(k, `${path ? `${path}.` : ''}${k} (key)`, issues);
  };
}

/** A map (not null, not a list): the shape a one-of check looks into before picking its variant. */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const IPV4_CIDR = /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\/(3[0-2]|[12]?[0-9])$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
/** An IPv4 or IPv6 address range (NetworkPolicy peers, load balancer source ranges). */
export const cidr = (): Check => rule((v: unknown) => (typeof v === 'string' && (IPV4_CIDR.test(v) || (IPV6_CIDR.test(v) && v.split('::').length <= 2))
  ? undefined : { allowed: 'an IPv4 or IPv6 CIDR such as 10.0.0.0/16 or 0.0.0.0/0', fix: 'write the address range with its prefix length' }));
