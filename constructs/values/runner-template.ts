/**
 * The Helm template expressions of `gitlab-runner.runners.config`, evaluated as the runner chart's `tpl` evaluates
 * them when they only read values: `{{ .Release.Namespace }}`, `{{ .Release.Name }}`, `{{ .Values.<path> }}`,
 * `{{ if [not] .Values.<path> }} … {{ else }} … {{ end }}`, comments, and the GitLab chart's own
 * `{{ include "gitlab-runner.cache-tpl.s3ServerAddress" . }}`. Anything else is reported with its line.
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

/** Helm's truthiness: false, 0, "", nil, empty lists and maps are false. */
const truthy = (v: unknown): boolean =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0)
    || (typeof v === 'object' && v !== null && Object.keys(v).length === 0));

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
    const m = VALUE_PATH.exec(expr);
    if (m) return scope.value(m[1].slice(1));
    if (expr === '.Release.Namespace') return scope.namespace;
    if (expr === '.Release.Name') return scope.releaseName;
    const inc = /^include\s+"([^"]+)"\s+\.$/.exec(expr);
    const known = inc ? scope.include(inc[1]) : undefined;
    if (known !== undefined) return known;
    problems.push({ line, expression: `{{ ${expr} }}` });
    return '';
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
    const cond = /^if\s+(not\s+)?(.+)$/.exec(expr);
    if (cond) {
      const on = truthy(value(cond[2].trim(), line)) !== Boolean(cond[1]);
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
    if (writing()) out += typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v ?? '');
  }
  let tail = text.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  if (writing()) out += tail;
  for (const open of stack) problems.push({ line: open.line, expression: '{{ if }} without {{ end }}' });
  return { text: out, problems };
}
