/** One problem with one setting. */
export interface ConfigIssue {
  /** Dotted path of the setting, e.g. `postgres.port` or `components.webservice.autoscaling.minReplicas`. */
  readonly path: string;
  /** The value that was given (already rendered for humans; secret values are never echoed). */
  readonly value: string;
  /** What is allowed there. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
}

/** How a resolution step reports one problem (collected into one `GitLabConfigError`): the setting's path, the value, what is allowed, the fix. */
export type Fail = (path: string, value: unknown, allowed: string, fix: string) => void;

/**
 * The one error every invalid input raises: each issue names the setting, the bad value, what is allowed
 * and the fix. Thrown before any Kubernetes object is built.
 */
export class GitLabConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(GitLabConfigError.format(issues));
    this.name = 'GitLabConfigError';
    this.issues = issues;
  }

  static format(issues: readonly ConfigIssue[]): string {
    const head = issues.length === 1 ? 'Invalid GitLab configuration:' : `Invalid GitLab configuration (${issues.length} problems):`;
    const lines = issues.map((i) => `  - ${i.path}: got ${i.value}; allowed: ${i.allowed}. Fix: ${i.fix}`);
    return [head, ...lines].join('\n');
  }
}

/** Renders a value for an error message: short, JSON-like, never multi-line. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing (the setting is missing)';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
