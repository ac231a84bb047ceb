import { Check, all, rule, str } from '../../config/schema';

/**
 * An agent name as GitLab accepts it and the agent's objects can carry: RFC 1123 DNS label, at most 50 characters
 * (GitLab allows 63; objects add `-deploy`). The one rule of `GitLabAgent`, `agentConfigFile` and `ci agent-config`.
 */
export const agentNameCheck: Check = all(
  str({ pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, allowed: 'the agent name registered in GitLab (lower-case letters, digits, "-")', fix: 'use e.g. "production-cluster"' }),
  rule((v: string) => (v.length > 50 ? { allowed: 'at most 50 characters (object names add suffixes)', fix: 'register the agent under a shorter name' } : undefined)),
);
