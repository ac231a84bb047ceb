import { describe, expect, it } from 'vitest';
import { ToolboxBackupsOptions } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, podSpec, synthPlatform } from '../../support/synth';
import { configIssues, projectedFiles, withComponents } from './fixtures';

const NAME = 'gitlab-toolbox-backup';
const s3cmd = { name: 's3cmd-config', key: 'config' };
const withBackups = (backups: ToolboxBackupsOptions, rest = {}) => withComponents({ toolbox: { backupS3cmdConfig: s3cmd, backups, ...rest } });
const daily = synthPlatform(withBackups({}));
const cronJobOf = (objects: KubeObject[]) => find(objects, 'CronJob', NAME);
const toolboxOf = (objects: KubeObject[]) => find(objects, 'Deployment', 'gitlab-toolbox');

describe('toolbox backup CronJob', () => {
  it('exists only with components.toolbox.backups', () => {
    expect(synthPlatform(productionProps()).some((o) => o.kind === 'CronJob')).toBe(false);
    expect(synthPlatform(withBackups({ enabled: false })).some((o) => o.kind === 'CronJob')).toBe(false);
  });

  it('runs nightly at 01:00, never two at once, keeping 3 good and 1 failed runs and retrying 6 times', () => {
    const spec = cronJobOf(daily).spec;
    expect(cronJobOf(daily).apiVersion).toBe('batch/v1');
    expect(spec).toMatchObject({
      schedule: '0 1 * * *', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, suspend: false,
    });
    expect(spec.jobTemplate.spec.backoffLimit).toBe(6);
    expect(spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(spec.timeZone).toBeUndefined();
  });

  it('takes its schedule, time zone, deadlines, history limits and suspension', () => {
    const spec = cronJobOf(synthPlatform(withBackups({
      schedule: '30 2 * * SUN', timeZone: 'Europe/Berlin', startingDeadlineSeconds: 600, activeDeadlineSeconds: 14400,
      successfulJobsHistoryLimit: 7, failedJobsHistoryLimit: 3, backoffLimit: 2, suspend: true,
    }))).spec;
    expect(spec).toMatchObject({
      schedule: '30 2 * * SUN', timeZone: 'Europe/Berlin', startingDeadlineSeconds: 600, successfulJobsHistoryLimit: 7, failedJobsHistoryLimit: 3, suspend: true,
    });
    expect(spec.jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 14400 });
  });

  it('installs the s3cmd configuration and runs backup-utility with the extra arguments, shell-quoted', () => {
    expect(container(cronJobOf(daily), 'toolbox-backup').args).toEqual(['/bin/bash', '-c', 'cp -v -L /etc/gitlab/.s3cfg "$HOME/.s3cfg" && backup-utility']);
    const args = container(cronJobOf(synthPlatform(withBackups({ extraArgs: ['--skip', 'registry', "it's; rm -rf /"] }))), 'toolbox-backup').args;
    expect(args[2]).toBe(`cp -v -L /etc/gitlab/.s3cfg "$HOME/.s3cfg" && backup-utility --skip registry 'it'\\''s; rm -rf /'`);
  });

  it('runs the toolbox image with the toolbox\'s init containers, secrets and ServiceAccount', () => {
    const job = podSpec(cronJobOf(daily));
    const toolbox = podSpec(toolboxOf(daily));
    expect(container(cronJobOf(daily), 'toolbox-backup').image).toBe(container(toolboxOf(daily), 'toolbox').image);
    expect(job.initContainers).toEqual(toolbox.initContainers);
    expect(job.serviceAccountName).toBe('gitlab-toolbox');
    expect(projectedFiles(cronJobOf(daily), 'init-toolbox-secrets')).toEqual(projectedFiles(toolboxOf(daily), 'init-toolbox-secrets'));
    const volumes = (spec: any) => spec.volumes.filter((v: any) => v.name !== 'toolbox-tmp');
    expect(volumes(job)).toEqual(volumes(toolbox));
    expect(job.securityContext).toEqual(toolbox.securityContext);
  });

  it('tells backup-utility every bucket, as the toolbox does', () => {
    const env = envOf(container(cronJobOf(daily), 'toolbox-backup'));
    const toolbox = envOf(container(toolboxOf(daily), 'toolbox'));
    expect(env).toEqual(toolbox);
    expect(env).toMatchObject({ BACKUP_BUCKET_NAME: 'gl-backups', TMP_BUCKET_NAME: 'gl-tmp', BACKUP_BACKEND: 's3', REGISTRY_BUCKET_NAME: 'gl-registry' });
  });

  it('mounts the Rails configuration, the secrets and the scratch space', () => {
    const m = container(cronJobOf(daily), 'toolbox-backup').volumeMounts;
    expect(m).toEqual(expect.arrayContaining([
      { name: 'toolbox-config', mountPath: '/var/opt/gitlab/templates' },
      { name: 'toolbox-secrets', mountPath: '/etc/gitlab', readOnly: true },
      { name: 'toolbox-secrets', mountPath: '/srv/gitlab/config/secrets.yml', subPath: 'rails-secrets/secrets.yml', readOnly: true },
      { name: 'toolbox-tmp', mountPath: '/srv/gitlab/tmp' },
    ]));
  });

  it('is never evicted mid-run, rolls its pod template with the configuration, and is labelled as the toolbox\'s backup', () => {
    const meta = cronJobOf(daily).spec.jobTemplate.spec.template.metadata;
    expect(meta.annotations['cluster-autoscaler.kubernetes.io/safe-to-evict']).toBe('false');
    expect(meta.annotations['checksum/config']).toBe(toolboxOf(daily).spec.template.metadata.annotations['checksum/config']);
    expect(meta.labels).toMatchObject({ app: 'toolbox', release: 'gitlab', 'app.kubernetes.io/component': 'backup' });
  });

  it('asks for the chart\'s requests unless given its own resources and placement', () => {
    expect(container(cronJobOf(daily), 'toolbox-backup').resources).toEqual({ requests: { cpu: '50m', memory: '350M' } });
    const custom = cronJobOf(synthPlatform(withBackups({ resources: { requests: { cpu: '1', memory: '4Gi' } }, placement: { nodeSelector: { pool: 'backup' } } })));
    expect(container(custom, 'toolbox-backup').resources).toEqual({ requests: { cpu: '1', memory: '4Gi' } });
    expect(podSpec(custom).nodeSelector).toEqual({ pool: 'backup' });
  });

  it('stages archives in an emptyDir by default, with a size limit when given', () => {
    expect(podSpec(cronJobOf(daily)).volumes).toContainEqual({ name: 'toolbox-tmp', emptyDir: {} });
    const limited = cronJobOf(synthPlatform(withBackups({ scratch: { size: '100Gi' } })));
    expect(podSpec(limited).volumes).toContainEqual({ name: 'toolbox-tmp', emptyDir: { sizeLimit: '100Gi' } });
  });

  it('stages archives on a PersistentVolumeClaim that GitOps tools never prune', () => {
    const objects = synthPlatform(withBackups({ scratch: { type: 'persistentVolumeClaim', size: '200Gi', storageClass: 'gp3' } }));
    expect(podSpec(cronJobOf(objects)).volumes).toContainEqual({ name: 'toolbox-tmp', persistentVolumeClaim: { claimName: 'gitlab-toolbox-backup-tmp' } });
    const pvc = find(objects, 'PersistentVolumeClaim', 'gitlab-toolbox-backup-tmp');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '200Gi' } }, storageClassName: 'gp3' });
    expect(pvc.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    const dflt = find(synthPlatform(withBackups({ scratch: { type: 'persistentVolumeClaim' } })), 'PersistentVolumeClaim', 'gitlab-toolbox-backup-tmp');
    expect(dflt.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } });
  });

  it('reaches S3 through the toolbox\'s IAM role when there is no s3cmd configuration', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({
      objectStorage: { ...base.objectStorage, iamRole: { roleArn: 'arn:aws:iam::123456789012:role/gitlab' } },
      components: { ...base.components, toolbox: { backups: {} } },
    }));
    expect(container(cronJobOf(objects), 'toolbox-backup').args[2]).toBe('backup-utility');
    expect(podSpec(cronJobOf(objects)).serviceAccountName).toBe('gitlab-toolbox');
    expect(find(objects, 'ServiceAccount', 'gitlab-toolbox').metadata.annotations!['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::123456789012:role/gitlab');
  });

  it.each(KUBERNETES_VERSIONS)('is schema-valid on Kubernetes %s (emptyDir and PVC scratch)', (version) => {
    const pvc = synthPlatform(withBackups({ scratch: { type: 'persistentVolumeClaim' }, timeZone: 'UTC' }));
    for (const objects of [daily, pvc]) {
      expect(validateObjects(objects.filter((o) => o.metadata.name.startsWith(NAME)), version)).toEqual([]);
    }
  });

  it('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations([cronJobOf(daily)])).toEqual([]);
  });
});

describe('backup settings refused', () => {
  const issue = (backups: object, rest = {}) => configIssues(withBackups(backups as ToolboxBackupsOptions, rest))[0];

  it.each([
    ['0 1 * *', 'five fields'],
    ['61 1 * * *', 'values from 0 to 59 in the minute field'],
    ['0 25 * * *', 'values from 0 to 23 in the hour field'],
    ['0 1 * 13 *', 'values from 1 to 12 in the month field'],
    ['0 1 * * FUNDAY', 'day of week'],
    ['*/0 * * * *', 'a valid step'],
    ['0 5-1 * * *', 'a rising range'],
    ['CRON_TZ=UTC 0 1 * * *', 'use backups.timeZone'],
    ['@fortnightly', 'five fields'],
  ])('an invalid schedule %j', (schedule, allowed) => {
    expect(issue({ schedule })).toMatchObject({ path: 'components.toolbox.backups.schedule', allowed: expect.stringContaining(allowed) });
  });

  it.each(['*/15 * * * *', '0 1 * * 1-5', '0 0 1,15 * *', '@daily', '0 3 * JAN-MAR SUN', '0 1 ? * *'])('accepts the schedule %j', (schedule) => {
    expect(() => synthPlatform(withBackups({ schedule }))).not.toThrow();
  });

  it('a time zone that is not a tz database name', () => {
    expect(issue({ timeZone: 'Berlin time' })).toMatchObject({ path: 'components.toolbox.backups.timeZone' });
  });

  it('a starting deadline under 10 seconds (the controller may then skip every run)', () => {
    expect(issue({ startingDeadlineSeconds: 5 })).toMatchObject({ path: 'components.toolbox.backups.startingDeadlineSeconds' });
  });

  it('a StorageClass for an emptyDir scratch volume', () => {
    expect(issue({ scratch: { storageClass: 'gp3' } })).toMatchObject({ path: 'components.toolbox.backups.scratch.storageClass' });
  });

  it('backups while the toolbox is off', () => {
    expect(issue({}, { enabled: false })).toMatchObject({ path: 'components.toolbox.backups' });
  });

  it('backups with neither an s3cmd configuration nor an IAM role', () => {
    const base = productionProps();
    const issues = configIssues(productionProps({ components: { ...base.components, toolbox: { backups: {} } } }));
    expect(issues).toEqual([expect.objectContaining({ path: 'components.toolbox.backupS3cmdConfig' })]);
  });

  it('an extra argument on several lines', () => {
    expect(issue({ extraArgs: ['--skip\nregistry'] })).toMatchObject({ path: 'components.toolbox.backups.extraArgs[0]' });
  });
});
