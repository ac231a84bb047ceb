import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { checksum, shortHash } from '../../lib/checksum';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, fileFrom, memoryDir, projectedSecrets, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { meta, podTemplate, serviceAccount } from '../../lib/workload';
import { PHASE_LABEL } from '../../upgrades/phases';
import { CHECK_FAILURE_POLICY, recordContainer, recordVolumes, UpgradeRecord } from '../../upgrades/record';
import { PAGES_REDIRECT_URI_KEY, railsConfigData } from '../rails/config-files';
import { RAILS_PATHS } from '../rails/consumer';
import { OPTIONAL_SECRET_PATHS } from '../rails/optional-secret-files';
import { railsConfigEnv, railsConfigureMounts, railsSecretMounts, railsVolumeNames } from '../rails/pod';
import { RAILS_SECRET_PATHS, railsSecretFiles } from '../rails/secret-files';
import { bootsnapEnv } from '../rails/bootsnap';

/** With Pages access control, the OAuth redirect URI joins the application's id and secret (`oauth-secrets/gitlab-pages/`). */
const pagesRedirectUriSource = (data: Record<string, string>, configMap: string): k8s.VolumeProjection[] =>
  (PAGES_REDIRECT_URI_KEY in data
    ? [{ configMap: { name: configMap, items: [{ key: PAGES_REDIRECT_URI_KEY, path: OPTIONAL_SECRET_PATHS.pagesOAuthRedirectUri }] } }]
    : []);

/** Where the EE license lands in the secrets folder; GitLab reads `config/Gitlab.gitlab-license` on first start. */
const LICENSE_FILE = 'migrations/enterprise_license';

/** Where the shared runners registration token lands; the database seed reads it from `config/` on an empty database. */
const RUNNER_TOKEN_FILE = 'migrations/gitlab_shared_runners_registration_token';

export interface MigrationsProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/**
 * What one migrations Job applies: `pre` the regular migrations only (`SKIP_POST_DEPLOYMENT_MIGRATIONS`), before
 * the new pods roll out; `post` every remaining one, after the rollout; `all` every migration at once.
 */
export const MIGRATION_PHASES = ['pre', 'post', 'all'] as const;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];

/** Argo CD sync waves (with `upgrade.argoCdSyncWaves`): what the pre Job needs, the pre Job, workloads (0), the post Job. */
export const SYNC_WAVES = { prerequisites: '-2', pre: '-1', post: '1', all: '-1' } as const;

/**
 * migrations: plain Jobs (no Helm hook). With two-phase migrations (the default, `upgrade.twoPhaseMigrations`) a
 * pre-deployment Job applies the regular migrations before the new pods roll out and a post-deployment Job the rest
 * after; otherwise one Job applies all. Each first runs the upgrade check (`upgrade-check`: refuses a downgrade or a
 * jump over a required stop against the release recorded in the cluster, before touching the database), then waits
 * for the database and migrates; on an empty database the migrations seed the root user. The Job that completes
 * the schema (post or all) then records the deployed release in the record ConfigMap.
 *
 * Each Job is named `<release>-migrations[-pre|-post]-<hash>`, the hash taken over the GitLab version, the images
 * and everything the pod runs (its ConfigMap data, the check and the pod spec). So it runs again exactly when what it
 * applies changes, and a re-synth with the same input names the same Job (Pulumi and Argo CD see no change).
 * Webservice and Sidekiq wait for the regular migrations in their `dependencies` init containers.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/migrations/
 * @see https://docs.gitlab.com/charts/installation/upgrade/ (zero-downtime upgrades)
 */
export class Migrations extends Construct {
  /** Name of the Job the new workloads wait for: the pre-deployment Job, or the only one. */
  readonly jobName: string;
  /** Name of the post-deployment Job, to run after the workloads rolled out (two-phase only). */
  readonly postDeploymentJobName?: string;
  /** Every Job, in the order they must run. */
  readonly jobs: readonly { readonly phase: MigrationPhase; readonly name: string }[];
  /** The ConfigMap the Jobs read (stable name). */
  readonly configMapName: string;
  /** The ConfigMap holding the release the last successful post-deployment migrations recorded. */
  readonly recordConfigMapName: string;
  /** The pod's ServiceAccount (the one an IAM role must trust), unless `serviceAccounts` is off. */
  readonly serviceAccountName?: string;

  /** The migrations Job: add an annotation (`job.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  /** The migrations Job (the pre-deployment one with two-phase migrations). */
  readonly job: k8s.KubeJob;
  /** The post-deployment migrations Job (two-phase migrations only). */
  readonly postDeploymentJob?: k8s.KubeJob;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The upgrade record and check: `recordConfigMap`, `scriptConfigMap`, `role`, `roleBinding`. */
  readonly upgradeRecord: UpgradeRecord;

  constructor(scope: Construct, id: string, props: MigrationsProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const m = config.components.migrations!;
    const image = config.images.toolbox;
    const labels = componentLabels(config, 'migrations', image.tag);
    const base = `${config.release}-migrations`;
    const wave = (w: string): Record<string, string> => (config.upgrade.argoCdSyncWaves ? { 'argocd.argoproj.io/sync-wave': w } : {});
    // What the pre-deployment Job needs goes out with it (the delivery paths select on this label).
    const pre = { ...labels.common, [PHASE_LABEL]: 'pre-deployment' };

    const v = railsVolumeNames('migrations');
    // The runner registration token (optional: the Secret may not exist) and the EE license join the Job's secrets,
    // as the chart mounts them.
    const secretFiles = [
      ...railsSecretFiles(config, 'migrations'),
      fileFrom(m.runnerRegistrationToken, RUNNER_TOKEN_FILE, true),
      ...(config.license ? [fileFrom(config.license, LICENSE_FILE)] : []),
    ];
    const data = Object.fromEntries(Object.entries(railsConfigData(config, endpoints, 'migrations', secretFiles)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // Built here rather than with lib configFiles: the Job name needs the data's hash before any object exists.
    new k8s.KubeConfigMap(this, 'config', { metadata: meta(config, base, pre, wave(SYNC_WAVES.prerequisites)), data });
    this.configMapName = base;
    this.serviceAccountName = serviceAccount(this, config, base, { ...labels, common: pre }, wave(SYNC_WAVES.prerequisites), config.objectStorage.iamRoles?.migrations);
    const record = new UpgradeRecord(this, 'upgrade', { config, serviceAccountName: this.serviceAccountName });
    this.upgradeRecord = record;
    this.recordConfigMapName = record.recordName;

    const migrationsContainer = (phase: MigrationPhase): k8s.Container => ({
      name: 'migrations',
      image: image.ref,
      imagePullPolicy: image.pullPolicy,
      args: ['/bin/bash', '-c', 'set -e; /scripts/wait-for-deps; /scripts/db-migrate'],
      env: envList({
        TZ: config.timeZone,
        ...railsConfigEnv(),
        // Migrations are what brings the schema up to date, so they must not wait for it.
        BYPASS_SCHEMA_VERSION: 'true',
        ...bootsnapEnv(config),
        // The pre-deployment phase leaves the post-deployment migrations for after the rollout.
        ...(phase === 'pre' ? { SKIP_POST_DEPLOYMENT_MIGRATIONS: 'true' } : {}),
      }, m.extraEnv, 'components.migrations.extraEnv'),
      volumeMounts: [
        { name: v.config, mountPath: RAILS_PATHS.templates },
        ...railsSecretMounts(v),
        { name: v.secrets, mountPath: `${RAILS_PATHS.config}/initial_root_password`, subPath: RAILS_SECRET_PATHS.initialRootPassword, readOnly: true },
        { name: v.secrets, mountPath: `${RAILS_PATHS.config}/gitlab_shared_runners_registration_token`, subPath: RUNNER_TOKEN_FILE, readOnly: true },
        ...(config.license ? [{ name: v.secrets, mountPath: `${RAILS_PATHS.config}/Gitlab.gitlab-license`, subPath: LICENSE_FILE, readOnly: true }] : []),
        ...trustStoreMounts(),
      ],
      securityContext: containerSecurityContext(),
      resources: resources(m.resources),
    });

    const templateOf = (phase: MigrationPhase) => {
      // The phase that completes the schema records the release once its migrations succeeded (init containers run
      // in order, so the record container starts only then).
      const records = phase !== 'pre';
      return podTemplate({
        config, labels,
        // extraEnv reaches the init containers too (certificates, configure), as in the chart.
        workload: { placement: m.placement, podAnnotations: {}, podLabels: config.podLabels, extraEnv: m.extraEnv },
        serviceAccountName: this.serviceAccountName,
        // A new pod per attempt, so the pod failure policy can fail the Job at once on a refused upgrade.
        restartPolicy: 'Never',
        antiAffinityLabels: false,
        annotations: { 'checksum/config': checksum(data) },
        initContainers: [
          record.checkContainer(config),
          certificatesInit(config),
          configureInit(config, { args: ['/config/configure'], mounts: railsConfigureMounts(v) }),
          ...(records ? [migrationsContainer(phase)] : []),
        ],
        containers: records ? [recordContainer(config, record.recordName)] : [migrationsContainer(phase)],
        volumes: [
          configMapVolume(v.config, base),
          projectedSecrets(v.initSecrets, secretFiles, pagesRedirectUriSource(data, base)),
          memoryDir(v.secrets),
          ...trustStoreVolumes(config),
          ...record.checkVolumes(),
          ...(records ? recordVolumes() : []),
        ],
      });
    };

    const phases: readonly MigrationPhase[] = config.upgrade.twoPhaseMigrations ? ['pre', 'post'] : ['all'];
    const images = [config.images.toolbox, config.images.certificates, config.images.gitlabBase, config.images.kubectl].map((i) => i.ref);
    const jobs = phases.map((phase) => {
      const template = templateOf(phase);
      const name = `${base}${phase === 'all' ? '' : `-${phase}`}-${shortHash(config.version, images, data, record.scriptData, template)}`;
      new k8s.KubeJob(this, phase === 'all' ? 'job' : `job-${phase}`, {
        metadata: meta(config, name, { ...labels.workload, [PHASE_LABEL]: phase === 'post' ? 'post-deployment' : 'pre-deployment' }, wave(SYNC_WAVES[phase])),
        spec: {
          activeDeadlineSeconds: m.activeDeadlineSeconds,
          backoffLimit: m.backoffLimit,
          podFailurePolicy: CHECK_FAILURE_POLICY,
          // No ttlSecondsAfterFinished: a Job deleted by its TTL is re-created by Pulumi / Argo CD on the next sync,
          // re-running the migrations; the finished Job stays as the record that this configuration was applied.
          template,
        },
      });
      return { phase, name };
    });
    this.jobs = jobs;
    this.jobName = jobs[0].name;
    if (jobs.length > 1) this.postDeploymentJobName = jobs[1].name;
    // Typed handles to the objects built above (escape hatches; see the README).
    this.job = requiredHandle(this, phases[0] === 'all' ? 'job' : 'job-pre', k8s.KubeJob);
    this.postDeploymentJob = phases.length > 1 ? requiredHandle(this, 'job-post', k8s.KubeJob) : undefined;
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
  }
}
