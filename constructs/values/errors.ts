import { ConfigIssue, GitLabConfigError } from '../config/errors';

/**
 * Raised by `fromHelmValues` when a values file sets keys this library does not read, or keys that would have
 * no effect (a component's settings while it is off). Lists every such key at once, each with what to do, so
 * one edit fixes the whole file; other problems found in the same pass follow. It is a `GitLabConfigError`, so
 * callers that catch that class catch this one too.
 */
export class UnsupportedValuesError extends GitLabConfigError {
  /** Dotted paths of the refused keys, in file order. */
  readonly keys: readonly string[];

  constructor(unsupported: readonly ConfigIssue[], otherProblems: readonly ConfigIssue[] = []) {
    super([...unsupported, ...otherProblems]);
    this.name = 'UnsupportedValuesError';
    this.keys = unsupported.map((i) => i.path);
    this.message = UnsupportedValuesError.formatValues(unsupported, otherProblems);
  }

  static formatValues(unsupported: readonly ConfigIssue[], otherProblems: readonly ConfigIssue[]): string {
    const line = (i: ConfigIssue) => `  - ${i.path}: got ${i.value}; allowed: ${i.allowed}. Fix: ${i.fix}`;
    const n = unsupported.length;
    const out = [
      `Unsupported Helm values (${n} ${n === 1 ? 'key' : 'keys'}): gitlab-iac reads only the documented subset of the chart's values.`,
      ...unsupported.map(line),
      'Remove these keys, or configure the platform through the typed API (GitLabPlatformProps) or a cdk8s override instead.',
    ];
    if (otherProblems.length) out.push(`Also invalid (${otherProblems.length}):`, ...otherProblems.map(line));
    return out.join('\n');
  }
}
