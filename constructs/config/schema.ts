import { ConfigIssue, show } from './errors';
import {
  DNS_LABEL, DNS_SUBDOMAIN, dnsSubdomainProblem, QUANTITY, SECRET_KEY, secretKeyProblem,
} from './common/rules';

export { DNS_LABEL, DNS_SUBDOMAIN, SECRET_KEY };

/**
 * A tiny declarative checker for plain configuration objects. Each check appends issues (never throws) so
 * one run reports every problem with its path. It exists instead of a schema library because the synth
 * path must load in milliseconds and every message must carry a fix.
 */
export type Check = (value: unknown, path: string, issues: ConfigIssue[]) => void;

interface Field {
  readonly check: Check;
  readonly required?: boolean;
  readonly fix?: string;
}

type Fields = Record<string, Check | Field>;

const issue = (issues: ConfigIssue[], path: string, value: unknown, allowed: string, fix: string, secret = false) =>
  issues.push({ path, value: secret ? '(a value, hidden)' : show(value), allowed, fix });

/** A required field. */
export const required = (check: Check, fix?: string): Field => ({ check, required: true, fix });

export interface StringRule {
  readonly pattern?: RegExp;
  /** Human description of the pattern. */
  readonly allowed?: string;
  readonly fix?: string;
  readonly oneOf?: readonly string[];
  readonly nonEmpty?: boolean;
}

export const str = (rule: StringRule = {}): Check => (value, path, issues) => {
  if (typeof value !== 'string') {
    issue(issues, path, value, rule.oneOf ? rule.oneOf.map((v) => JSON.stringify(v)).join(' | ') : rule.allowed ?? 'a string', rule.fix ?? 'set a string value');
    return;
  }
  if (rule.oneOf && !rule.oneOf.includes(value)) {
    issue(issues, path, value, rule.oneOf.map((v) => JSON.stringify(v)).join(' | '), rule.fix ?? `use one of ${rule.oneOf.join(', ')}`);
  } else if ((rule.nonEmpty ?? true) && value.trim() === '') {
    issue(issues, path, value, rule.allowed ?? 'a non-empty string', rule.fix ?? 'set a value or remove the setting');
  } else if (rule.pattern && !rule.pattern.test(value)) {
    issue(issues, path, value, rule.allowed ?? `a string matching ${rule.pattern}`, rule.fix ?? 'correct the value');
  }
};

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly fix?: string;
}

export const num = (rule: NumberRule = {}): Check => (value, path, issues) => {
  const integer = rule.integer ?? true;
  const range = `${integer ? 'an integer' : 'a number'}${rule.min !== undefined ? ` >= ${rule.min}` : ''}${rule.max !== undefined ? ` and <= ${rule.max}` : ''}`;
  if (typeof value !== 'number' || Number.isNaN(value) || (integer && !Number.isInteger(value))
    || (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    issue(issues, path, value, range, rule.fix ?? `set ${range}`);
  }
};

export const bool = (): Check => (value, path, issues) => {
  if (typeof value !== 'boolean') issue(issues, path, value, 'true | false', 'write true or false without quotes');
};

/** Kubernetes quantity such as `500m`, `2`, `2.5G`, `256Mi`. */
export const quantity = (): Check => str({
  pattern: QUANTITY,
  allowed: 'a Kubernetes quantity such as 500m, 2, 2.5G or 256Mi',
  fix: 'write the quantity as a string, e.g. "500m" or "2Gi"',
});

/** Accepts a number too (Helm users write `cpu: 1`). */
export const quantityOrNumber = (): Check => (value, path, issues) => {
  if (typeof value === 'number' && value >= 0) return;
  quantity()(value, path, issues);
};

/** The known key a misspelt one most likely meant: case-insensitive edit distance of at most 2 (or 1 for short keys). */
export function closest(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = k.length <= 4 ? 1 : 2;
  for (const candidate of known) {
    const d = editDistance(k, candidate.toLowerCase(), bestDistance);
    if (d <= bestDistance && (best === undefined || d < editDistance(k, best.toLowerCase(), bestDistance))) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...current) > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** A closed object: unknown keys are errors. */
export const obj = (fields: Fields, opts: { what?: string } = {}): Check => (value, path, issues) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issue(issues, path || '(root)', value, opts.what ?? 'an object', 'write a mapping of settings');
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in fields)) {
      const known = Object.keys(fields).sort();
      const near = closest(key, known);
      issue(issues, join(path, key), record[key], `one of the known settings here: ${known.join(', ')}`,
        near ? `did you mean '${near}'? Rename '${key}' to '${near}' or remove it; unknown settings are never ignored`
          : `remove '${key}' or correct its spelling; unknown settings are never ignored`);
    }
  }
  for (const [key, spec] of Object.entries(fields)) {
    const field: Field = typeof spec === 'function' ? { check: spec } : spec;
    const child = record[key];
    if (child === undefined) {
      if (field.required) issue(issues, join(path, key), undefined, 'a value (required)', field.fix ?? `set ${join(path, key)}`);
      continue;
    }
    field.check(child, join(path, key), issues);
  }
};

/** A map with free keys whose values share one check. */
export const record = (valueCheck: Check, keyRule?: StringRule): Check => (value, path, issues) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issue(issues, path, value, 'a mapping', 'write a mapping of key: value');
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (keyRule) str(keyRule)(k, `${join(path, k)} (key)`, issues);
    valueCheck(v, join(path, k), issues);
  }
};

export const list = (itemCheck: Check, opts: { minItems?: number; unique?: boolean } = {}): Check => (value, path, issues) => {
  if (!Array.isArray(value)) {
    issue(issues, path, value, 'a list', 'write a list ([...])');
    return;
  }
  if (opts.minItems !== undefined && value.length < opts.minItems) {
    issue(issues, path, value, `a list of at least ${opts.minItems} item(s)`, 'add the missing items');
  }
  if (opts.unique && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
    issue(issues, path, value, 'a list without duplicates', 'remove the repeated items');
  }
  value.forEach((item, i) => itemCheck(item, `${path}[${i}]`, issues));
};

/** Any JSON-like value (used for pass-through Kubernetes structures such as affinity). */
export const any = (): Check => () => undefined;

/** Either a boolean `false` (turn off) or an object. */
export const falseOr = (check: Check): Check => (value, path, issues) => {
  if (value === false) return;
  if (value === true) {
    issue(issues, path, value, 'false or a settings object', 'write false to turn it off, or a mapping of its settings');
    return;
  }
  check(value, path, issues);
};

/** A first check whose failure is reported alone, then custom rules. */
export const all = (...checks: Check[]): Check => (value, path, issues) => {
  const before = issues.length;
  for (const check of checks) {
    check(value, path, issues);
    if (issues.length > before) return;
  }
};

/** A custom rule: return an issue fragment when the value is bad. */
export const rule = (test: (value: any) => { allowed: string; fix: string } | undefined, secret = false): Check =>
  (value, path, issues) => {
    const bad = test(value);
    if (bad) issue(issues, path, value, bad.allowed, bad.fix, secret);
  };

export const join = (path: string, key: string) => (path ? `${path}.${key}` : key);


/** A Kubernetes object name (RFC 1123 subdomain, 253 characters). */
export const k8sName = (what = 'name'): Check => all(
  str({ allowed: `a Kubernetes ${what}`, fix: 'use a lower-case DNS name such as "gitlab-postgres-password"' }),
  rule((v: string) => {
    const problem = dnsSubdomainProblem(v);
    return problem ? { allowed: `a Kubernetes ${what}: lower-case letters, digits, '-' and '.', at most 253 (${problem})`, fix: problem.includes('at most') ? 'shorten the name' : 'use a lower-case DNS name such as "gitlab-postgres-password"' } : undefined;
  }),
);

/** A reference to one key of a Kubernetes Secret. */
export const secretRef = (example = 'gitlab-postgres-password'): Check => obj({
  name: required(k8sName('Secret name'), `name the Secret, e.g. name: ${example}`),
  key: all(str({ allowed: 'a Secret key' }), rule((v: string) => {
    const problem = secretKeyProblem(v);
    return problem ? { allowed: `a Secret key: at most 253 letters, digits, '-', '_' and '.', not starting with '..' (${problem})`, fix: 'write the key as it appears in the Secret, e.g. "password"' } : undefined;
  })),
}, { what: `a Secret reference { name, key }, e.g. { name: ${example}, key: password }` });
