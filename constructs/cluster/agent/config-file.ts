import { stringify } from 'yaml';
import { Check, all, bool, list, obj, required, rule, str } from '../../config/schema';
import { httpUrl } from '../common/checks';
import { ConfigIssue, GitLabConfigError } from '../../config/errors';
import { checkProps } from '../common/scope';
import { agentNameCheck } from './name';

/**
 * The agent's configuration file, `.gitlab/agents/<agent-name>/config.yaml` on the default branch of the
 * agent's project (GitLab reads it; it is not a Kubernetes manifest).
 *
 * @see https://docs.gitlab.com/user/clusters/agent/work_with_agent/#configure-your-agent
 */

/** A user or identity the agent impersonates for CI jobs (`access_as: { impersonate: ... }`). */
export interface AgentImpersonation {
  /** Kubernetes user name. */
  readonly username: string;
  /** @default none */
  readonly uid?: string;
  /** @default none */
  readonly groups?: readonly string[];
  /** Extra attributes. @default none */
  readonly extra?: readonly { readonly key: string; readonly val: readonly string[] }[];
}

/** One project or group whose CI jobs get a Kubernetes context through the agent. */
export interface AgentCiAccess {
  /** Full path, e.g. `group/app-project` (projects) or `group/subgroup` (groups, subgroups included). */
  readonly id: string;
  /** Namespace of the job's Kubernetes context (a default only, not a security boundary). @default none */
  readonly defaultNamespace?: string;
  /** Only jobs of these environments (`*` wildcards, e.g. `review/*`). @default all */
  readonly environments?: readonly string[];
  /** Only jobs on protected branches (GitLab 17.3+). @default false */
  readonly protectedBranchesOnly?: boolean;
  /**
   * Identity of the job's requests: the agent's own ServiceAccount (`agent`), the CI job (`ci_job`: user
   * `gitlab:ci_job:<id>` with groups per project/environment), or a fixed identity. Anything but `agent` needs
   * the impersonation RBAC, which GitLabAgent adds when it is given this file.
   * @default agent
   */
  readonly accessAs?: 'agent' | 'ci_job' | { readonly impersonate: AgentImpersonation };
}

export interface AgentConfigFileOptions {
  /** Push-based CI/CD: the jobs of these projects and groups get the kube context `<agent-project>:<agent-name>`. */
  readonly ciAccess?: { readonly projects?: readonly AgentCiAccess[]; readonly groups?: readonly AgentCiAccess[] };
  /** GitLab UI dashboards and kubectl through KAS for members of these projects and groups. @default off */
  readonly userAccess?: {
    /** `agent` (the agent's ServiceAccount) or `user` (impersonate the GitLab user; Premium). @default agent */
    readonly accessAs?: 'agent' | 'user';
    readonly projects?: readonly string[];
    readonly groups?: readonly string[];
  };
  /**
   * The Flux module: on a push, the agent triggers the Receiver of every Flux GitRepository pointing at this
   * GitLab. `true` keeps the default receiver URL. @default off (agentk's default URL applies)
   */
  readonly flux?: true | { readonly webhookReceiverUrl?: string };
  /** agentk log levels. @default info, grpc error */
  readonly observability?: { readonly logLevel?: LogLevel; readonly grpcLogLevel?: LogLevel };
}

type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The Flux notification-controller's webhook Service, agentk's default target. */
export const DEFAULT_FLUX_WEBHOOK_RECEIVER_URL = 'http://webhook-receiver.flux-system.svc.cluster.local';

/** Where GitLab looks for the file. */
export const agentConfigFilePath = (agentName: string): string => `.gitlab/agents/${agentName}/config.yaml`;

const PROJECT_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/;
const GROUP_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/;
const LEVELS = ['error', 'warn', 'info', 'debug'];

const projectPath = () => str({ pattern: PROJECT_PATH, allowed: 'a full project path such as "group/app-project"', fix: 'write the path shown in the project URL, without the host' });
const groupPath = () => str({ pattern: GROUP_PATH, allowed: 'a group path such as "group" or "group/subgroup"', fix: 'write the path shown in the group URL, without the host' });
const nonEmptyStrings = () => list(str(), { unique: true });

const accessAs: Check = rule((v: unknown) => {
  if (v === 'agent' || v === 'ci_job') return undefined;
  const imp = (v as { impersonate?: Record<string, unknown> } | null)?.impersonate;
  const keys = v && typeof v === 'object' ? Object.keys(v) : [];
  const ok = keys.length === 1 && !!imp && typeof imp.username === 'string' && imp.username.length > 0
    && Object.keys(imp).every((k) => ['username', 'uid', 'groups', 'extra'].includes(k));
  return ok ? undefined : { allowed: '"agent", "ci_job" or { impersonate: { username, uid?, groups?, extra? } }', fix: 'pick one access mode' };
});

const ciEntry = (path: () => Check): Check => obj({
  id: required(path(), 'set id to the project or group path'),
  defaultNamespace: str({ pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, allowed: 'a namespace name', fix: 'use e.g. "apps"' }),
  environments: nonEmptyStrings(),
  protectedBranchesOnly: bool(),
  accessAs,
});

const maxEntries = (what: string): Check => rule((v: unknown[]) => (Array.isArray(v) && v.length > 500
  ? { allowed: `at most 500 ${what} per agent`, fix: `authorize a parent group instead of listing ${v.length} ${what}` } : undefined));

export const agentConfigFileCheck: Check = obj({
  ciAccess: obj({
    projects: all(list(ciEntry(projectPath)), maxEntries('projects')),
    groups: all(list(ciEntry(groupPath)), maxEntries('groups')),
  }),
  userAccess: obj({
    accessAs: str({ oneOf: ['agent', 'user'] }),
    projects: all(list(projectPath(), { unique: true }), maxEntries('projects')),
    groups: all(list(groupPath(), { unique: true }), maxEntries('groups')),
  }),
  flux: (v, path, issues) => (v === true ? undefined : obj({ webhookReceiverUrl: httpUrl(DEFAULT_FLUX_WEBHOOK_RECEIVER_URL) },
    { what: 'true or { webhookReceiverUrl: "http://..." }' })(v, path, issues)),
  observability: obj({ logLevel: str({ oneOf: LEVELS }), grpcLogLevel: str({ oneOf: LEVELS }) }),
}, { what: 'agent configuration file options' });

/** True when some access mode needs the agent to impersonate (so its ServiceAccount needs the `impersonate` verb). */
export function needsImpersonation(o: AgentConfigFileOptions | undefined): boolean {
  if (!o) return false;
  const entries = [...(o.ciAccess?.projects ?? []), ...(o.ciAccess?.groups ?? [])];
  return entries.some((e) => e.accessAs !== undefined && e.accessAs !== 'agent') || o.userAccess?.accessAs === 'user';
}

/** Extra-attribute keys the configured impersonations set (for the `userextras/<key>` RBAC resources). */
export function impersonatedExtraKeys(o: AgentConfigFileOptions | undefined): string[] {
  const entries = [...(o?.ciAccess?.projects ?? []), ...(o?.ciAccess?.groups ?? [])];
  const keys = entries.flatMap((e) => (typeof e.accessAs === 'object' ? (e.accessAs.impersonate.extra ?? []).map((x) => x.key) : []));
  return [...new Set(keys)].sort();
}

/** True when a fixed impersonation names a uid (the `uids` RBAC resource). */
export const impersonatesUid = (o: AgentConfigFileOptions | undefined): boolean =>
  [...(o?.ciAccess?.projects ?? []), ...(o?.ciAccess?.groups ?? [])].some((e) => typeof e.accessAs === 'object' && e.accessAs.impersonate.uid !== undefined);

const accessAsYaml = (a: AgentCiAccess['accessAs']) => {
  if (a === undefined) return undefined;
  if (a === 'agent') return { agent: {} };
  if (a === 'ci_job') return { ci_job: {} };
  const i = a.impersonate;
  return {
    impersonate: {
      username: i.username,
      ...(i.uid !== undefined ? { uid: i.uid } : {}),
      ...(i.groups?.length ? { groups: [...i.groups] } : {}),
      ...(i.extra?.length ? { extra: i.extra.map((x) => ({ key: x.key, val: [...x.val] })) } : {}),
    },
  };
};

const ciEntryYaml = (e: AgentCiAccess) => ({
  id: e.id,
  ...(e.defaultNamespace ? { default_namespace: e.defaultNamespace } : {}),
  ...(e.environments?.length ? { environments: [...e.environments] } : {}),
  ...(e.protectedBranchesOnly !== undefined ? { protected_branches_only: e.protectedBranchesOnly } : {}),
  ...(e.accessAs !== undefined ? { access_as: accessAsYaml(e.accessAs) } : {}),
});

/**
 * The YAML text of `.gitlab/agents/<name>/config.yaml` for the given options (validated first; a bad option
 * throws GitLabConfigError). Commit it to the agent's project; the CLI can write it.
 */
export function agentConfigFile(options: AgentConfigFileOptions, agentName = 'agent'): string {
  // The same name rule as GitLabAgent's (a file for an agent the construct would refuse is no use), in one error.
  const nameIssues: ConfigIssue[] = [];
  agentNameCheck(agentName, `agentConfigFile(${JSON.stringify(agentName)}) agent name`, nameIssues);
  try {
    checkProps(`agentConfigFile(${agentName})`, options, agentConfigFileCheck);
  } catch (e) {
    if (e instanceof GitLabConfigError && nameIssues.length) throw new GitLabConfigError([...nameIssues, ...e.issues]);
    throw e;
  }
  if (nameIssues.length) throw new GitLabConfigError(nameIssues);
  const o = options;
  const doc: Record<string, unknown> = {};
  if (o.ciAccess && (o.ciAccess.projects?.length || o.ciAccess.groups?.length)) {
    doc.ci_access = {
      ...(o.ciAccess.projects?.length ? { projects: o.ciAccess.projects.map(ciEntryYaml) } : {}),
      ...(o.ciAccess.groups?.length ? { groups: o.ciAccess.groups.map(ciEntryYaml) } : {}),
    };
  }
  if (o.userAccess) {
    doc.user_access = {
      access_as: o.userAccess.accessAs === 'user' ? { user: {} } : { agent: {} },
      ...(o.userAccess.projects?.length ? { projects: o.userAccess.projects.map((id) => ({ id })) } : {}),
      ...(o.userAccess.groups?.length ? { groups: o.userAccess.groups.map((id) => ({ id })) } : {}),
    };
  }
  if (o.flux) {
    doc.flux = { webhook_receiver_url: (o.flux === true ? undefined : o.flux.webhookReceiverUrl) ?? DEFAULT_FLUX_WEBHOOK_RECEIVER_URL };
  }
  if (o.observability?.logLevel || o.observability?.grpcLogLevel) {
    doc.observability = {
      logging: {
        ...(o.observability.logLevel ? { level: o.observability.logLevel } : {}),
        ...(o.observability.grpcLogLevel ? { grpc_level: o.observability.grpcLogLevel } : {}),
      },
    };
  }
  const header = `# GitLab agent "${agentName}": commit as ${agentConfigFilePath(agentName)} on the default branch of the agent's project.\n`
    + '# Generated by gitlab-iac; edit the typed options instead of this file.\n';
  return header + (Object.keys(doc).length ? stringify(doc, { lineWidth: 0 }) : '{}\n');
}
