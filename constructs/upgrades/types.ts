/** How the platform is upgraded: the running release, the two migration phases, GitOps ordering. */
export interface UpgradeConfig {
  /**
   * The GitLab release running now (`major.minor.patch`), when this synthesis upgrades an existing installation.
   * A `version` that skips a required upgrade stop after it, or is older than it, is refused and names the next
   * stop (`gitlab-iac upgrade-path --from X --to Y` prints the whole path). The migrations Job checks the same in
   * the cluster, against the release recorded there. @default none (a new installation, or no check at synthesis)
   */
  readonly fromVersion?: string;
  /**
   * Two-phase migrations, for upgrades without downtime: a pre-deployment Job runs the regular migrations
   * (`SKIP_POST_DEPLOYMENT_MIGRATIONS=true`) before the new pods roll out, and a post-deployment Job runs the rest
   * after. `false` runs one Job with every migration (the chart's default). @default true
   */
  readonly twoPhaseMigrations?: boolean;
  /**
   * Argo CD `argocd.argoproj.io/sync-wave` annotations that order a sync: what the pre-deployment Job needs (wave
   * -2), the pre-deployment Job (-1), the workloads (0), the post-deployment Job (1). @default false
   */
  readonly argoCdSyncWaves?: boolean;
}

/** The upgrade settings, every default applied. */
export interface ResolvedUpgrade {
  /** The running release, as given. */
  readonly fromVersion?: string;
  readonly twoPhaseMigrations: boolean;
  readonly argoCdSyncWaves: boolean;
}
