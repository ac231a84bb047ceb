import { DEFAULT_VERSION } from '../../config/images/catalog';
import type { ResolvedImage } from '../../config/images/resolve';
import { ResolvedSecretRef } from '../../config/resolved';
import { Resources, Toleration } from '../../config/types';
import { resolveImage } from '../common/image';
import { Rule } from '../common/rbac';
import { checkProps, fail, nameOf } from '../common/scope';
import { AgentConfigFileOptions, impersonatedExtraKeys, impersonatesUid, needsImpersonation } from './config-file';
import { GitLabAgentProps } from './props';
import { impersonationRules } from './rbac';
import { ResolvedReviewApps } from './review-apps';
import { agentPropsCheck } from './validate';

const AGENTK_REPOSITORY = 'registry.gitlab.com/gitlab-org/cluster-integration/gitlab-agent/agentk';

export interface ResolvedAgent {
  readonly name: string;
  readonly namespace: string;
  readonly kasAddress: string;
  readonly version: string;
  readonly image: ResolvedImage;
  readonly token: ResolvedSecretRef;
  readonly configProject?: string;
  readonly configFile?: AgentConfigFileOptions;
  readonly rbac: {
    readonly clusterAdmin: boolean;
    readonly namespaces: readonly string[];
    readonly existingClusterRole?: string;
    readonly reviewApps?: ResolvedReviewApps;
    /** Rules of the impersonation ClusterRole, when impersonation is on. */
    readonly impersonation?: readonly Rule[];
    readonly fluxNamespaces: readonly string[];
    readonly fluxGitRepositories: readonly string[];
  };
  readonly replicas: number;
  readonly pdb?: { readonly maxUnavailable: number | string };
  readonly resources: Resources;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly extraEnv: Readonly<Record<string, string>>;
  readonly kasHeaders: readonly string[];
  readonly imagePullSecrets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export function resolveAgent(id: string, props: GitLabAgentProps): ResolvedAgent {
  const name = nameOf(props, id);
  const what = `GitLabAgent(${id})`;
  checkProps(what, { ...props, name }, agentPropsCheck);

  const kasAddress = props.kasAddress ?? props.platform?.config.hosts.kas.url;
  if (!kasAddress) {
    fail(`${what}.kasAddress`, 'nothing (the setting is missing)', 'the KAS address of the GitLab instance',
      'set kasAddress: "wss://kas.example.com" (shown when registering the agent), or pass platform: <GitLabPlatform>');
  }
  const rbac = props.rbac ?? {};
  if (rbac.clusterAdmin && (rbac.namespaces || rbac.existingClusterRole || rbac.reviewApps)) {
    fail(`${what}.rbac`, JSON.stringify(Object.keys(rbac)), 'clusterAdmin alone, or narrower presets without it',
      'cluster-admin already grants everything: remove clusterAdmin to keep the narrower presets, or remove the presets');
  }
  // The Review App identity is impersonated: the agent needs the verb even when the file does not say so yet.
  const review = rbac.reviewApps === true ? {} : rbac.reviewApps || undefined;
  const impersonationNeeded = needsImpersonation(props.configFile) || review !== undefined;
  if (rbac.impersonation === false && impersonationNeeded) {
    fail(`${what}.rbac.impersonation`, 'false', 'true (or unset) when configFile uses ci_job, impersonate or user access, or rbac.reviewApps is on',
      'remove rbac.impersonation: false, or use accessAs: "agent" in configFile and no reviewApps');
  }
  const version = props.version ?? props.platform?.config.version ?? DEFAULT_VERSION;
  return {
    name,
    namespace: props.namespace ?? 'gitlab-agent',
    kasAddress,
    version,
    image: resolveImage(props.image, AGENTK_REPOSITORY, `v${version}`),
    token: { name: props.token.name, key: props.token.key ?? 'token' },
    configProject: props.configProject,
    configFile: props.configFile,
    rbac: {
      clusterAdmin: rbac.clusterAdmin === true,
      namespaces: rbac.namespaces ?? [],
      existingClusterRole: rbac.existingClusterRole,
      reviewApps: review && {
        namespacePrefix: review.namespacePrefix ?? 'review-',
        username: review.username ?? `gitlab-agent:${name}:review-apps`,
      },
      impersonation: (rbac.impersonation ?? impersonationNeeded)
        ? impersonationRules(impersonatedExtraKeys(props.configFile), impersonatesUid(props.configFile)) : undefined,
      fluxNamespaces: rbac.flux?.namespaces ?? [],
      fluxGitRepositories: rbac.flux?.gitRepositories ?? [],
    },
    replicas: props.replicas ?? 2,
    pdb: props.podDisruptionBudget === false ? undefined : { maxUnavailable: props.podDisruptionBudget?.maxUnavailable ?? 1 },
    resources: props.resources ?? { requests: { cpu: '50m', memory: '128Mi' } },
    nodeSelector: props.nodeSelector,
    tolerations: props.tolerations,
    extraEnv: props.extraEnv ?? {},
    kasHeaders: props.kasHeaders ?? [],
    imagePullSecrets: props.imagePullSecrets ?? [],
    labels: props.labels ?? {},
  };
}
