import * as k8s from '../../lib/k8s';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { ConfigFiles } from '../../lib/config-map';
import { envList } from '../../lib/env';
import { ComponentLabels } from '../../lib/labels';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, emptyDir, memoryDir, projectedSecrets, SecretFile, trustStoreMounts,
  trustStoreVolumes,
} from '../../lib/volumes';
import { meta, podTemplate } from '../../lib/workload';
import { RAILS_PATHS } from '../rails/consumer';
import { railsConfigEnv, railsConfigureMounts, railsSecretMounts, RailsVolumeNames } from '../rails/pod';
import { backupBucketEnv } from './backup-env';
import { backupStorageCommand } from './backup-storage';
import { bootsnapEnv } from '../rails/bootsnap';

/** What the backup pod shares with the toolbox Deployment. */
export interface ToolboxPodParts {
  /** `<release>-toolbox`. */
  readonly name: string;
  readonly labels: ComponentLabels;
  readonly volumes: RailsVolumeNames;
  /** The toolbox ConfigMap (Rails templates and the configure script). */
  readonly configFiles: ConfigFiles;
  readonly secretFiles: readonly SecretFile[];
  readonly serviceAccountName?: string;
}

/** Annotations that keep GitOps tools from deleting the scratch volume when it leaves the manifests. */
const RETAIN_ANNOTATIONS = {
  'argocd.argoproj.io/sync-options': 'Delete=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

/** A word for bash: as is when it holds only safe characters, else single-quoted. */
const shellWord = (arg: string) => (/^[A-Za-z0-9_.,=:/@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/**
 * The `<release>-toolbox-backup` CronJob: `backup-utility` backs up the database, repositories and object storage
 * to the backup bucket on a schedule. Its pod is the toolbox's (same init containers, Rails configuration, secrets
 * and ServiceAccount, so an IAM role reaches it), with the scratch volume where the archive is staged.
 *
 * Deliberate differences from the chart: `concurrencyPolicy: Forbid` (the chart's `Replace` kills a running backup
 * when the next one is due), and a scratch PVC that GitOps tools never prune.
 *
 * @returns the CronJob's name
 */
export function toolboxBackupCronJob(scope: Construct, config: ResolvedConfig, parts: ToolboxPodParts): string {
  const b = config.components.toolbox!.backups!;
  const w = config.components.toolbox!;
  const image = config.images.toolbox;
  const name = `${parts.name}-backup`;
  const v = parts.volumes;

  let scratch: k8s.Volume;
  if (b.scratch.type === 'persistentVolumeClaim') {
    const claimName = `${name}-tmp`;
    new k8s.KubePersistentVolumeClaim(scope, 'backup-scratch', {
      metadata: meta(config, claimName, parts.labels.common, RETAIN_ANNOTATIONS),
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: k8s.Quantity.fromString(b.scratch.size) } },
        ...(b.scratch.storageClass ? { storageClassName: b.scratch.storageClass } : {}),
      },
    });
    scratch = { name: 'toolbox-tmp', persistentVolumeClaim: { claimName } };
  } else {
    scratch = emptyDir('toolbox-tmp', b.scratch.sizeLimit);
  }

  const backup = ['backup-utility', ...b.extraArgs].map(shellWord).join(' ');
  // The s3cmd configuration lands in ~/.s3cfg, where backup-utility's s3cmd reads it; with an IAM role alone,
  // s3cmd takes the role's credentials from the environment.
  const command = backupStorageCommand(config, backup);

  const template = podTemplate({
    config,
    labels: { ...parts.labels, workload: { ...parts.labels.workload, 'app.kubernetes.io/component': 'backup' } },
    workload: { placement: b.placement, podAnnotations: w.podAnnotations, podLabels: w.podLabels },
    serviceAccountName: parts.serviceAccountName,
    restartPolicy: 'OnFailure',
    annotations: {
      'checksum/config': parts.configFiles.checksum,
      // An evicted backup starts over from the beginning.
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
    },
    antiAffinityLabels: { app: 'gitaly', release: config.release },
    initContainers: [
      certificatesInit(config),
      configureInit(config, { image: w.initImage, args: ['/config/configure'], mounts: railsConfigureMounts(v) }),
    ],
    containers: [{
      name: 'toolbox-backup',
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
        ...railsSecretMounts(v),
        { name: 'toolbox-tmp', mountPath: '/srv/gitlab/tmp' },
        ...trustStoreMounts(),
      ],
      securityContext: containerSecurityContext(),
      resources: resources(b.resources),
    }],
    volumes: [
      configMapVolume(v.config, parts.configFiles.name),
      scratch,
      projectedSecrets(v.initSecrets, parts.secretFiles),
      memoryDir(v.secrets),
      ...trustStoreVolumes(config),
    ],
  });

  new k8s.KubeCronJob(scope, 'backup-cronjob', {
    metadata: meta(config, name, parts.labels.common),
    spec: {
      schedule: b.schedule,
      ...(b.timeZone ? { timeZone: b.timeZone } : {}),
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: b.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: b.failedJobsHistoryLimit,
      ...(b.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: b.startingDeadlineSeconds } : {}),
      suspend: b.suspend,
      jobTemplate: {
        metadata: { labels: parts.labels.common },
        spec: {
          backoffLimit: b.backoffLimit,
          ...(b.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: b.activeDeadlineSeconds } : {}),
          template,
        },
      },
    },
  });
  return name;
}
