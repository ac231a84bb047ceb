import { ConfigIssue, GitLabConfigError } from '../../config/errors';
import { ResolvedConfig } from '../../config/resolved';
import { Check, DNS_LABEL, all, rule, str } from '../../config/schema';

/**
 * What the shared lib builders (labels, meta, podTemplate, deployment, PDB, configFiles) read, for an integration
 * that lives in its own namespace next to (or without) a GitLabPlatform. `release` is the integration's own name,
 * so two runners or agents in one namespace get distinct selectors.
 */
export type ClusterScope = Pick<ResolvedConfig, 'namespace' | 'release' | 'labels' | 'imagePullSecrets' | 'serviceAccounts'>;

export function clusterScope(namespace: string, name: string, labels: Readonly<Record<string, string>> = {},
  imagePullSecrets: readonly string[] = []): ClusterScope {
  return { namespace, release: name, labels, imagePullSecrets, serviceAccounts: true };
}

/**
 * Runs a props check and throws one GitLabConfigError listing every problem, each path prefixed with the
 * construct (e.g. `GitLabRunner(shared).token`), so a user with several runners knows which one is wrong.
 */
export function checkProps(what: string, props: unknown, check: Check): void {
  const issues: ConfigIssue[] = [];
  check(props ?? {}, '', issues);
  if (issues.length) throw new GitLabConfigError(issues.map((i) => ({ ...i, path: i.path === '(root)' ? what : `${what}.${i.path}` })));
}

/** Throws one issue (for rules that compare several settings). */
export function fail(path: string, value: string, allowed: string, fix: string): never {
  throw new GitLabConfigError([{ path, value, allowed, fix }]);
}

/**
 * The name every object of an integration derives from. It must leave room for suffixes (`-jobs`, `-deploy`)
 * under the 63-character label limit.
 */
export const integrationName = (max = 45): Check => all(
  str({ pattern: DNS_LABEL, allowed: 'a DNS label (lower-case letters, digits, "-")', fix: 'use e.g. "shared-runner"' }),
  rule((v: string) => (v.length > max ? { allowed: `at most ${max} characters (object names add suffixes)`, fix: 'use a shorter name' } : undefined)),
);

/** A namespace name. */
export const namespaceName = (): Check => all(
  str({ pattern: DNS_LABEL, allowed: 'a namespace name (DNS label)', fix: 'use e.g. "gitlab-runner"' }),
  rule((v: string) => (v.length > 63 ? { allowed: 'at most 63 characters', fix: 'use a shorter namespace name' } : undefined)),
);

/** Name of an integration from its props or, by default, its construct id (validated like the prop). */
export const nameOf = (props: { readonly name?: string }, id: string): string => props.name ?? id;
