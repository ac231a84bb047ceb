/**
 * The Helm template expressions of `gitlab-runner.runners.config`, evaluated as the runner chart's `tpl` evaluates
 * them when they only read values: `.Release.Namespace`, `.Release.Name`, `.Values.<path>`, literals, pipelines of
 * the functions that only compute (printf, quote, default, not, and, or, eq, ...), `if … else … end`, comments, and
 * the GitLab chart's own `include "gitlab-runner.cache-tpl.s3ServerAddress" .`. Anything else (other templates,
 * `range`, `with`, lookups) is reported with its line.
 */

/** What an expression may read. */
export interface TemplateScope {
  readonly releaseName: string;
  readonly namespace: string;
  /** `.Values.<path>` of the runner subchart (`global.*` included); undefined when unset. */
  readonly value: (path: string) => unknown;
  /** A named template of the GitLab chart; undefined when gitlab-iac does not know it. */
  readonly include: (name: string) => string | undefined;
}

/** An expression gitlab-iac cannot evaluate: its line (1-based) and text. */
export interface TemplateProblem {
  readonly line: number;
  readonly expression: string;
}

const ACTION = /\{\{(-)?\s*([\s\S]*?)\s*(-)?\}\}/g;
const VALUE_PATH = /^\.Values((?:\.[A-Za-z0-9_-]+)+)$/;
/** An expression gitlab-iac does not evaluate. */
const UNKNOWN = Symbol('unknown');
type Value = unknown;

/** Go template's printing of a value (`%v`, `{{ x }}`). */
const print = (v: Value): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === undefined || v === null ? '' : JSON.stringify(v));

/** The functions of Helm's template language that only compute with their arguments. */
const FUNCTIONS: Readonly<Record<string, (args: Value[]) => Value>> = {
  quote: (a) => a.map((x) => JSON.stringify(print(x))).join(' '),
  squote: (a) => a.map((x) => `'${print(x)}'`).join(' '),
  default: ([d, x]) => (truthy(x) ? x : d),
  not: ([x]) => !truthy(x),
  and: (a) => a.every(truthy),
  or: (a) => a.some(truthy),
  eq: ([x, ...ys]) => ys.some((y) => x === y),
  ne: ([x, y]) => x !== y,
  empty: ([x]) => !truthy(x),
  toString: (a: Value[]) => print(a[0]),
  lower: ([x]) => print(x).toLowerCase(),
  upper: ([x]) => print(x).toUpperCase(),
  trim: ([x]) => print(x).trim(),
  printf: ([format, ...args]) => {
    let i = 0;
    return print(format).replace(/%([svdq%])/g, (_, verb: string) => (verb === '%' ? '%' : verb === 'q' ? JSON.stringify(print(args[i++])) : print(args[i++])));
  },
};

/** Splits an action into words: string literals, numbers, paths, function names, `|`, parentheses. */
function words(expr: string): string[] | undefined {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|\||[^\s()|]+)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(expr))) { out.push(m[1]); end = re.lastIndex; }
  return expr.slice(end).trim() ? undefined : out;
}

/** Evaluates a pipeline (`a | f b`, `f (g x) y`) of values and the functions above. */
function evaluate(expr: string, scope: TemplateScope): Value {
  const w = words(expr);
  if (!w) return UNKNOWN;
  let pos = 0;
  const operand = (): Value => {
    const t = w[pos++];
    if (t === undefined) return UNKNOWN;
    if (t === '(') {
      const v = pipeline();
      return w[pos++] === ')' ? v : UNKNOWN;
    }
    if (t.startsWith('"')) { try { return JSON.parse(t); } catch { return UNKNOWN; } }
    if (t.startsWith('`')) return t.slice(1, -1);
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === '.Release.Namespace') return scope.namespace;
    if (t === '.Release.Name') return scope.releaseName;
    const path = VALUE_PATH.exec(t);
    if (path) return scope.value(path[1].slice(1));
    return UNKNOWN;
  };
  const command = (piped: Value[] = []): Value => {
    const name = w[pos];
    if (name === 'include') {
      pos++;
      const template = operand();
      if (w[pos++] !== '.' || typeof template !== 'string') return UNKNOWN;
      return scope.include(template) ?? UNKNOWN;
    }
    const fn = name !== undefined && Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!fn) return piped.length ? UNKNOWN : operand();
    pos++;
    const args: Value[] = [];
    while (pos < w.length && w[pos] !== '|' && w[pos] !== ')') args.push(operand());
    return args.includes(UNKNOWN) ? UNKNOWN : fn([...args, ...piped]);
  };
  const pipeline = (): Value => {
    let v = command();
    while (v !== UNKNOWN && w[pos] === '|') { pos++; v = command([v]); }
    return v;
  };
  const v = pipeline();
  return pos === w.length ? v : UNKNOWN;
}

/** Helm's truthiness: false, 0, "", nil, empty lists and maps are false. */
const truthy = (v: unknown): boolean =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0)
    || (typeof v === 'object' && v !== null && Object.keys(v).length === 0));

/** Evaluates the template; problems name each expression it could not evaluate. */
export function evaluateTemplate(text: string, scope: TemplateScope): { text: string; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  // Each frame: is its branch being written, and has one of its branches been taken.
  const stack: { on: boolean; taken: boolean; line: number }[] = [];
  const writing = () => stack.every((f) => f.on);
  let out = '';
  let last = 0;
  let trimNext = false;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const value = (expr: string, line: number): unknown => {
    const v = evaluate(expr, scope);
    if (v === UNKNOWN) problems.push({ line, expression: `{{ ${expr} }}` });
    return v === UNKNOWN ? '' : v;
  };
  for (const m of text.matchAll(ACTION)) {
    let chunk = text.slice(last, m.index);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    if (m[1]) chunk = chunk.replace(/\s+$/, '');
    if (writing()) out += chunk;
    last = m.index! + m[0].length;
    trimNext = Boolean(m[3]);
    const expr = m[2].trim();
    const line = lineAt(m.index!);
    if (/^\/\*[\s\S]*\*\/$/.test(expr)) continue;
    const cond = /^if\s+(.+)$/.exec(expr);
    if (cond) {
      const on = truthy(value(cond[1].trim(), line));
      stack.push({ on, taken: on, line });
      continue;
    }
    if (expr === 'else') {
      const top = stack[stack.length - 1];
      if (!top) problems.push({ line, expression: '{{ else }} without {{ if }}' });
      else { top.on = !top.taken; top.taken = true; }
      continue;
    }
    if (expr === 'end') {
      if (!stack.pop()) problems.push({ line, expression: '{{ end }} without {{ if }}' });
      continue;
    }
    const v = value(expr, line);
    if (writing()) out += print(v);
  }
  let tail = text.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  if (writing()) out += tail;
  for (const open of stack) problems.push({ line: open.line, expression: '{{ if }} without {{ end }}' });
  return { text: out, problems };
}
