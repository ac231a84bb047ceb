import type { GitLabPlatform } from '../../platform';
import { Resources, SecretRef, Toleration } from '../../config/types';
import { IntegrationImage } from '../common/image';
import { AgentConfigFileOptions } from './config-file';

/** The Review App identity of `rbac.reviewApps`. */
export interface GitLabAgentReviewApps {
  /** Review App namespaces start with this (the pipeline's `reviewApps.namespacePrefix`). @default review- */
  readonly namespacePrefix?: string;
  /** The user the agent impersonates for Review App jobs. @default `gitlab-agent:<agent name>:review-apps` */
  readonly username?: string;
}

/**
 * What the agent's ServiceAccount may do in the cluster. CI jobs and users of `access_as: agent` get exactly these
 * rights. Nothing broad is implied: without settings the agent can only elect its leader.
 */
export interface GitLabAgentRbac {
  /**
   * Bind the agent to `cluster-admin` (the official chart's default). Must be written out as `true`; GitLab
   * advises against it in production. @default false
   */
  readonly clusterAdmin?: boolean;
  /**
   * "Deploy into these namespaces": a Role with the rights to apply and prune typical application objects
   * (workloads, Services, ConfigMaps, Ingresses, HPAs, PDBs, NetworkPolicies, ...; no Secrets) and a
   * RoleBinding, in each namespace. @default none
   */
  readonly namespaces?: readonly string[];
  /**
   * Review Apps create one namespace per merge request. The rights (create and delete namespaces, deploy into
   * them; no Secrets, no RBAC) go to a dedicated identity the agent impersonates for Review App jobs
   * (`reviewAppsUsername`; put it in `ciAccess` with `accessAs: { impersonate: { username } }` for the
   * `review/*` environments), and a ValidatingAdmissionPolicy confines every write of that identity to
   * namespaces starting with the prefix. Must be written out. @default off
   */
  readonly reviewApps?: boolean | GitLabAgentReviewApps;
  /** Bind an existing ClusterRole the operator manages (not `cluster-admin`: use `clusterAdmin: true`). @default none */
  readonly existingClusterRole?: string;
  /**
   * The `impersonate` verb for `ci_access` / `user_access` impersonation modes (users, groups, service
   * accounts and the agent's extra attributes). @default true when `configFile` uses an impersonating mode
   */
  readonly impersonation?: boolean;
  /**
   * Rights of the agent's Flux module (immediate reconciliation): read Flux GitRepositories and Receivers in the
   * cluster, check the Flux CRDs, and manage `gitlab-<repo>` Receivers in these namespaces, with the Secrets of
   * the listed `gitRepositories` only (by name). @default none (the Flux module then cannot act)
   */
  readonly flux?: {
    readonly namespaces: readonly string[];
    /** Names of the GitRepositories whose Receiver Secrets (`gitlab-<repo>`) the module manages. @default none (no Secret access) */
    readonly gitRepositories?: readonly string[];
  };
}

/**
 * The GitLab agent for Kubernetes (agentk): connects the cluster to GitLab's KAS for push-based CI/CD
 * (`ci_access`), dashboards (`user_access`) and immediate Flux reconciliation.
 *
 * Register the agent in GitLab first (Operate > Kubernetes clusters), store its token in a Secret (key `token`)
 * and reference it here.
 */
export interface GitLabAgentProps {
  /** The agent's name as registered in GitLab (DNS label); every object is named from it. @default the construct id */
  readonly name?: string;
  /** @default gitlab-agent */
  readonly namespace?: string;
  /** The agent token. Only a reference: agentk reads the file at start. @default key `token` */
  readonly token: SecretRef;
  /** A GitLabPlatform in this app: the agent connects to its KAS (`wss://kas.<domain>`) and runs its version. */
  readonly platform?: GitLabPlatform;
  /** KAS address (`wss://kas.example.com`, `wss://gitlab.example.com/-/kubernetes-agent/`, `grpc://...`). @default `platform.config.hosts.kas.url`; required without `platform` */
  readonly kasAddress?: string;
  /** agentk version (must be within one minor of GitLab's). @default the platform's GitLab version, else the newest catalogued one */
  readonly version?: string;
  /** @default registry.gitlab.com/gitlab-org/cluster-integration/gitlab-agent/agentk:v<version> */
  readonly image?: IntegrationImage;
  /** Path of the project holding `.gitlab/agents/<name>/config.yaml` (gives `kubeContext`). @default none */
  readonly configProject?: string;
  /** The agent's configuration file, rendered by `configFile()`; also decides the impersonation RBAC. @default none */
  readonly configFile?: AgentConfigFileOptions;
  /** @default see GitLabAgentRbac (leader election only) */
  readonly rbac?: GitLabAgentRbac;
  /** Replicas; one leader runs the Flux module, all serve the API proxy. @default 2 */
  readonly replicas?: number;
  /** PodDisruptionBudget, or false. @default { maxUnavailable: 1 } */
  readonly podDisruptionBudget?: { readonly maxUnavailable?: number } | false;
  /** @default requests 50m / 128Mi */
  readonly resources?: Resources;
  /** @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default none */
  readonly tolerations?: readonly Toleration[];
  /** Extra env, e.g. HTTP_PROXY / HTTPS_PROXY / NO_PROXY. @default none */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Headers sent to KAS (`--kas-header`), e.g. for an authenticating proxy. @default none */
  readonly kasHeaders?: readonly string[];
  /** @default none */
  readonly imagePullSecrets?: readonly string[];
  /** Extra labels on every object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}
