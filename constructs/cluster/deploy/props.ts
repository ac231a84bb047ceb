/** One deployment environment of the push-based pipeline. */
export interface PushDeployEnvironment {
  /** GitLab environment name, e.g. `staging` or `production`. */
  readonly name: string;
  /**
   * Namespace the manifests are synthesized for (`DEPLOY_NAMESPACE`) and applied to; the deploy job refuses
   * objects of any other namespace. Give it a partition (`NamespacePartition`) with the agent's deploy identity.
   */
  readonly namespace: string;
  /** GitLab deployment tier. @default `production` for an environment named production, `staging` for staging, else `other` */
  readonly tier?: 'production' | 'staging' | 'testing' | 'development' | 'other';
  /** Start the deploy job by hand (the production gate). @default true for the production tier, else false */
  readonly manual?: boolean;
  /** Agent context for this environment (`<agent project path>:<agent name>`). @default the pipeline's agent */
  readonly agent?: string;
  /** External URL shown in GitLab. @default none */
  readonly url?: string;
  /** Branch whose pipelines deploy. @default the default branch */
  readonly branch?: string;
}

/**
 * Review Apps: one namespace per merge request, created by the deploy job (restricted Pod Security labels) and
 * deleted by the stop job or after `autoStopIn`. The jobs set `REVIEW_APP=true` for the synth (see `deployTarget`).
 */
export interface PushDeployReviewApps {
  /** Namespaces are `<prefix>mr-<merge request iid>`. @default review- */
  readonly namespacePrefix?: string;
  /** GitLab stops (and so deletes) an idle review app after this time. @default 1 week */
  readonly autoStopIn?: string;
  /** @default the pipeline's agent */
  readonly agent?: string;
}

/**
 * How the applied manifests are tracked, so that removed objects are pruned: a kubectl ApplySet under server-side
 * apply (`--applyset=<parent> --prune`, with `KUBECTL_APPLYSET=true`, which kubectl 1.33-1.35 still require).
 */
export interface PushDeployPrune {
  /**
   * Refused: kubectl rejects `--prune -l <selector>` with `--server-side` before it contacts the cluster. Kept in
   * the type so that old settings get a message instead of a silent change.
   * @deprecated use `applyset`
   * @default none
   */
  readonly selector?: string;
  /** The ApplySet parent in `$DEPLOY_NAMESPACE`: `configmaps/<name>` or `secrets/<name>`. @default configmaps/gitlab-iac */
  readonly applyset?: string;
}

/**
 * A `.gitlab-ci.yml` fragment for push-based deployment through the GitLab agent: synthesize the manifests,
 * then `kubectl apply --server-side --prune` them with the agent's Kubernetes context, per environment, with a
 * manual production gate and Review Apps.
 */
export interface PushDeployPipelineOptions {
  /** The agent's Kubernetes context, `<agent project path>:<agent name>` (the agent's `ci_access` must list this project). */
  readonly agent: string;
  /** In promotion order; each waits for the previous one. @default staging (namespace app-staging), production (namespace app-production, manual) */
  readonly environments?: readonly PushDeployEnvironment[];
  /** Review Apps for merge requests, or false. @default on */
  readonly reviewApps?: PushDeployReviewApps | false;
  /** Commands that write the manifests (they read `DEPLOY_NAMESPACE`). @default ["npm ci", "npm run synth"] */
  readonly synthScript?: readonly string[];
  /** Directory the synth writes. @default dist */
  readonly manifestsDir?: string;
  /** Image of the synth jobs. @default node:20-alpine */
  readonly synthImage?: string;
  /** Image with a POSIX shell and kubectl 1.33 or later for the deploy jobs. @default docker.io/alpine/kubectl:1.35.2 (kubectl 1.35.2) */
  readonly kubectlImage?: string;
  /** @default ApplySet configmaps/gitlab-iac */
  readonly prune?: PushDeployPrune;
  /** Server-side apply field manager. @default gitlab-iac */
  readonly fieldManager?: string;
  /** Prefix of the job names (keeps them apart from the including pipeline's). @default gitlab-iac */
  readonly jobPrefix?: string;
  /** Add `workflow: rules` (merge request pipelines, no duplicate branch pipelines). @default true */
  readonly workflow?: boolean;
  /**
   * Apply in GitLab's upgrade order when the manifests carry the platform's phase labels: the pre-deployment
   * migrations Job (awaited), the workloads (`kubectl rollout status`), the post-deployment Job (awaited), then the
   * pruning apply. Manifests without the labels are applied at once, as before. @default true
   */
  readonly upgradePhases?: boolean;
}
