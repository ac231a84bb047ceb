import { ConfigIssue, GitLabConfigError } from '../errors';

/**
 * Problems a component finds while it is built (e.g. an `extraEnv` variable that replaces one of the image
 * contract's). `GitLabPlatform` opens a collection around its components so that these are reported in the same
 * `GitLabConfigError` as the problems of the props, instead of in a second run; outside a collection they throw.
 */
let open: ConfigIssue[] | undefined;

/** Reports problems: into the open collection, or thrown at once when there is none. */
export function reportIssues(issues: readonly ConfigIssue[]): void {
  if (open) open.push(...issues);
  else throw new GitLabConfigError(issues);
}

/** Starts collecting; returns the list the problems go to. Close it with `endCollecting`. */
export function startCollecting(): ConfigIssue[] {
  const previous = open;
  open = [];
  const mine = open;
  (mine as ConfigIssue[] & { previous?: ConfigIssue[] }).previous = previous;
  return mine;
}

export function endCollecting(collection: ConfigIssue[]): void {
  open = (collection as ConfigIssue[] & { previous?: ConfigIssue[] }).previous;
}
