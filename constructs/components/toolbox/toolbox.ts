import { Construct } from 'constructs';
import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, emptyDir, memoryDir, projectedSecrets, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { deployment, podTemplate, serviceAccount } from '../../lib/workload';
import { railsConfigData } from '../rails/config-files';
import { RAILS_PATHS } from '../rails/consumer';
import { railsConfigEnv, railsConfigureMounts, railsFileMounts, railsSecretMounts, railsVolumeNames } from '../rails/pod';
import { railsSecretFiles } from '../rails/secret-files';
import { backupBucketEnv } from './backup-env';
import { toolboxBackupCronJob } from './backup-cronjob';
import { backupStorageCommand, backupStorageConfigFiles, backupStorageSecretFiles } from './backup-storage';
import { bootsnapEnv } from '../rails/bootsnap';

export interface ToolboxProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/**
 * toolbox: a shell with the GitLab code base and its configuration, for `kubectl exec` (Rails console, rake tasks,
 * `backup-utility`). One replica, replaced (not rolled) on change; no Service and no probes: it only sleeps.
 *
 * With `backupS3cmdConfig`, the s3cmd configuration lands in the user's `~/.s3cfg` for `backup-utility`; with
 * `backups`, a CronJob runs `backup-utility` on a schedule in the same pod setup (`backup-cronjob.ts`).
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/toolbox/
 */
export class Toolbox extends Construct {
  /** Name of the Deployment: `kubectl exec -it deploy/<name> -- gitlab-rails console`. */
  readonly deploymentName: string;
  /** The Rails ConfigMap name. */
  readonly configMapName: string;
  /** The pod's ServiceAccount (the one an IAM role must trust), unless `serviceAccounts` is off. */
  readonly serviceAccountName?: string;
  /** The scheduled backup CronJob (`components.toolbox.backups`), when on. */
  readonly backupCronJobName?: string;

  /** The Deployment: add an annotation (`deployment.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly deployment: k8s.KubeDeployment;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The backup CronJob, when `backups` are scheduled. */
  readonly backupCronJob?: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: ToolboxProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.toolbox!;
    const image = config.images.toolbox;
    const labels = componentLabels(config, 'toolbox', image.tag);
    const name = `${config.release}-toolbox`;
    this.deploymentName = name;

    const v = railsVolumeNames('toolbox');
    const secretFiles = [...railsSecretFiles(config, 'toolbox'), ...backupStorageSecretFiles(config)];
    const files = configFiles(this, 'config', config, name, labels.common, {
      ...railsConfigData(config, endpoints, 'toolbox', secretFiles), ...backupStorageConfigFiles(config),
    });
    this.configMapName = files.name;
    this.serviceAccountName = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, config.objectStorage.iamRoles?.toolbox, w.serviceAccount);

    const sleep = 'while sleep 3600; do :; done';
    const command = backupStorageCommand(config, sleep);

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: this.serviceAccountName,
      annotations: {
        'checksum/config': files.checksum,
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
      },
      // Keep the toolbox's rake and backup load away from Gitaly's node.
      antiAffinityLabels: { app: 'gitaly', release: config.release },
      initContainers: [
        certificatesInit(config),
        configureInit(config, { image: w.initImage, args: ['/config/configure'], mounts: railsConfigureMounts(v) }),
      ],
      containers: [{
        name: 'toolbox',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        args: ['/bin/bash', '-c', command],
        env: envList({
          TZ: config.timeZone,
          ...backupBucketEnv(config),
          ...bootsnapEnv(config),
          ...railsConfigEnv(),
        }, w.extraEnv, 'components.toolbox.extraEnv'),
        volumeMounts: [
          { name: v.config, mountPath: RAILS_PATHS.templates },
          ...railsFileMounts(v, { installationType: false }),
          ...railsSecretMounts(v),
          { name: 'toolbox-tmp', mountPath: '/srv/gitlab/tmp' },
          ...trustStoreMounts(),
        ],
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume(v.config, files.name),
        emptyDir('toolbox-tmp'),
        projectedSecrets(v.initSecrets, secretFiles),
        memoryDir(v.secrets),
        ...trustStoreVolumes(config),
      ],
    });

    // Recreate: two toolboxes running the same backup or rake task at once would step on each other.
    deployment(this, config, name, labels, w, template, { type: 'Recreate' });
    if (w.backups) {
      this.backupCronJobName = toolboxBackupCronJob(this, config, {
        name, labels, volumes: v, configFiles: files, secretFiles, serviceAccountName: this.serviceAccountName,
      });
    }
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployment = requiredHandle(this, 'deployment', k8s.KubeDeployment);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.backupCronJob = handle(this, 'backup-cronjob', k8s.KubeCronJob);
  }
}
