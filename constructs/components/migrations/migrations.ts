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
import { PAGES_REDIRECT_URI_KEY, railsConfigData } from '../rails/config-files';
import { RAILS_PATHS } from '../rails/consumer';
import { OPTIONAL_SECRET_PATHS } from '../rails/optional-secret-files';
import { railsConfigEnv, railsConfigureMounts, railsSecretMounts, railsVolumeNames } from '../rails/pod';
import { RAILS_SECRET_PATHS, railsSecretFiles } from '../rails/secret-files';

/** With Pages access control, the OAuth redirect URI joins the application's id and secret (`oauth-secrets/gitlab-pages/`). */
const pagesRedirectUriSource = (data: Record<string, string>, configMap: string): k8s.VolumeProjection[] =>
  (PAGES_REDIRECT_URI_KEY in data
    ? [{ configMap: { name: configMap, items: [{ key: PAGES_REDIRECT_URI_KEY, path: OPTIONAL_SECRET_PATHS.pagesOAuthRedirectUri }] } }]
    : []);

/** Where the EE license lands in the secrets folder; GitLab reads `config/Gitlab.gitlab-license` on first start. */
const LICENSE_FILE = 'migrations/enterprise_license';

export interface MigrationsProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/**
 * migrations: a plain Job (no Helm hook) that waits for the database, runs GitLab's schema migrations and, on an
 * empty database, seeds the root user with the initial root password.
 *
 * The Job is named `<release>-migrations-<hash>`, the hash taken over the GitLab version, the images and
 * everything the pod runs (its ConfigMap data and pod spec). So it runs again exactly when what it applies
 * changes, and a re-synth with the same input names the same Job (Pulumi and Argo CD see no change). Webservice
 * and Sidekiq wait for its result in their `dependencies` init containers.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/migrations/
 */
export class Migrations extends Construct {
  /** Name of the Job (changes with what it applies). */
  readonly jobName: string;
  /** The ConfigMap the Job reads (stable name). */
  readonly configMapName: string;
  /** The pod's ServiceAccount (the one an IAM role must trust), unless `serviceAccounts` is off. */
  readonly serviceAccountName?: string;

  /** The migrations Job: add an annotation (`job.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly job: k8s.KubeJob;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: MigrationsProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const m = config.components.migrations!;
    const image = config.images.toolbox;
    const labels = componentLabels(config, 'migrations', image.tag);
    const base = `${config.release}-migrations`;

    const v = railsVolumeNames('migrations');
    // The EE license joins the Job's secrets, as the chart mounts it (`migrations/enterprise_license`).
    const secretFiles = [...railsSecretFiles(config, 'migrations'), ...(config.license ? [fileFrom(config.license, LICENSE_FILE)] : [])];
    const data = Object.fromEntries(Object.entries(railsConfigData(config, endpoints, 'migrations', secretFiles)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // Built here rather than with lib configFiles: the Job name needs the data's hash before any object exists.
    new k8s.KubeConfigMap(this, 'config', { metadata: meta(config, base, labels.common), data });
    this.configMapName = base;
    this.serviceAccountName = serviceAccount(this, config, base, labels, {}, config.objectStorage.iamRoles?.migrations);

    const template = podTemplate({
      config, labels,
      workload: { placement: m.placement, podAnnotations: {}, podLabels: config.podLabels },
      serviceAccountName: this.serviceAccountName,
      restartPolicy: 'OnFailure',
      antiAffinityLabels: false,
      annotations: { 'checksum/config': checksum(data) },
      initContainers: [
        certificatesInit(config),
        configureInit(config, { args: ['/config/configure'], mounts: railsConfigureMounts(v) }),
      ],
      containers: [{
        name: 'migrations',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        args: ['/bin/bash', '-c', 'set -e; /scripts/wait-for-deps; /scripts/db-migrate'],
        env: envList({
          TZ: config.timeZone,
          ...railsConfigEnv(),
          // Migrations are what brings the schema up to date, so they must not wait for it.
          BYPASS_SCHEMA_VERSION: 'true',
          ENABLE_BOOTSNAP: '1',
        }, m.extraEnv, 'components.migrations.extraEnv'),
        volumeMounts: [
          { name: v.config, mountPath: RAILS_PATHS.templates },
          ...railsSecretMounts(v),
          { name: v.secrets, mountPath: `${RAILS_PATHS.config}/initial_root_password`, subPath: RAILS_SECRET_PATHS.initialRootPassword, readOnly: true },
          ...(config.license ? [{ name: v.secrets, mountPath: `${RAILS_PATHS.config}/Gitlab.gitlab-license`, subPath: LICENSE_FILE, readOnly: true }] : []),
          ...trustStoreMounts(),
        ],
        securityContext: containerSecurityContext(),
        resources: resources(m.resources),
      }],
      volumes: [
        configMapVolume(v.config, base),
        projectedSecrets(v.initSecrets, secretFiles, pagesRedirectUriSource(data, base)),
        memoryDir(v.secrets),
        ...trustStoreVolumes(config),
      ],
    });

    const images = [config.images.toolbox, config.images.certificates, config.images.gitlabBase].map((i) => i.ref);
    this.jobName = `${base}-${shortHash(config.version, images, data, template)}`;
    new k8s.KubeJob(this, 'job', {
      metadata: meta(config, this.jobName, labels.workload),
      spec: {
        activeDeadlineSeconds: m.activeDeadlineSeconds,
        backoffLimit: m.backoffLimit,
        // No ttlSecondsAfterFinished: a Job deleted by its TTL is re-created by Pulumi / Argo CD on the next sync,
        // re-running the migrations; the finished Job stays as the record that this configuration was applied.
        template,
      },
    });
    // Typed handles to the objects built above (escape hatches; see the README).
    this.job = requiredHandle(this, 'job', k8s.KubeJob);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
  }
}
