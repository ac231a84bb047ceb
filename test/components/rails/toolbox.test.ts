import { describe, expect, it } from 'vitest';
import { ComponentsConfig, GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { checkRestrictedPod } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { COMMON_RAILS_FILES, projectedFiles } from './projection';

const NAME = 'gitlab-toolbox';
const withComponents = (components: ComponentsConfig, rest: Partial<GitLabPlatformProps> = {}) => {
  const base = productionProps();
  return productionProps({ ...rest, components: { ...base.components, ...components } });
};
const production = synthPlatform(productionProps());
const deploymentOf = (objects: KubeObject[]) => find(objects, 'Deployment', NAME);
const toolbox = deploymentOf(production);

describe('Toolbox', () => {
  it('runs one replica of the pinned toolbox image, replaced rather than rolled', () => {
    expect(container(toolbox, 'toolbox').image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-toolbox-ee:v18.9.1');
    expect(toolbox.spec.replicas).toBe(1);
    expect(toolbox.spec.strategy).toEqual({ type: 'Recreate' });
    expect(production.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === NAME)).toBe(false);
  });

  it('fills the trust store and copies its secrets before starting', () => {
    expect(podSpec(toolbox).initContainers.map((c: any) => c.name)).toEqual(['certificates', 'configure']);
    expect(mountsOf(container(toolbox, 'configure'))).toEqual({ '/config': 'toolbox-config', '/init-config': 'init-toolbox-secrets', '/init-secrets': 'toolbox-secrets' });
  });

  it('installs the s3cmd configuration for backup-utility, then sleeps as a shell target', () => {
    const c = container(toolbox, 'toolbox');
    expect(c.command).toBeUndefined();
    expect(c.args).toEqual(['/bin/bash', '-c', 'cp -v -L /etc/gitlab/.s3cfg "$HOME/.s3cfg" && while sleep 3600; do :; done']);
    expect(projectedFiles(toolbox, 'init-toolbox-secrets')['objectstorage/.s3cfg']).toBe('s3cmd-config/config');
  });

  it('only sleeps when no s3cmd configuration is given', () => {
    const objects = synthPlatform(withComponents({ toolbox: {} }));
    const t = deploymentOf(objects);
    expect(container(t, 'toolbox').args).toEqual(['/bin/bash', '-c', 'while sleep 3600; do :; done']);
    expect(projectedFiles(t, 'init-toolbox-secrets')['objectstorage/.s3cfg']).toBeUndefined();
  });

  it('tells backup-utility every bucket', () => {
    expect(envOf(container(toolbox, 'toolbox'))).toMatchObject({
      ARTIFACTS_BUCKET_NAME: 'gl-artifacts', REGISTRY_BUCKET_NAME: 'gl-registry', LFS_BUCKET_NAME: 'gl-lfs',
      UPLOADS_BUCKET_NAME: 'gl-uploads', PACKAGES_BUCKET_NAME: 'gl-packages', EXTERNAL_DIFFS_BUCKET_NAME: 'gl-mr-diffs',
      TERRAFORM_STATE_BUCKET_NAME: 'gl-terraform-state', CI_SECURE_FILES_BUCKET_NAME: 'gl-ci-secure-files',
      BACKUP_BUCKET_NAME: 'gl-backups', BACKUP_BACKEND: 's3', TMP_BUCKET_NAME: 'gl-tmp', PAGES_BUCKET_NAME: 'gitlab-pages',
      ENABLE_BOOTSNAP: '1', CONFIG_TEMPLATE_DIRECTORY: '/var/opt/gitlab/templates', CONFIG_DIRECTORY: '/srv/gitlab/config',
    });
  });

  it('leaves out the registry bucket when the registry is off', () => {
    const t = deploymentOf(synthPlatform(withComponents({ registry: { enabled: false } })));
    expect(envOf(container(t, 'toolbox')).REGISTRY_BUCKET_NAME).toBeUndefined();
  });

  it('mounts the Rails configuration, the secrets and a scratch directory', () => {
    const m = container(toolbox, 'toolbox').volumeMounts;
    expect(m).toContainEqual({ name: 'toolbox-secrets', mountPath: '/etc/gitlab', readOnly: true });
    expect(m).toContainEqual({ name: 'toolbox-secrets', mountPath: '/srv/gitlab/config/secrets.yml', subPath: 'rails-secrets/secrets.yml', readOnly: true });
    expect(mountsOf(container(toolbox, 'toolbox'))).toMatchObject({
      '/var/opt/gitlab/templates': 'toolbox-config', '/etc/krb5.conf': 'toolbox-config',
      '/srv/gitlab/config/initializers/smtp_settings.rb': 'toolbox-config', '/srv/gitlab/tmp': 'toolbox-tmp',
      '/etc/ssl/certs/': 'etc-ssl-certs',
    });
  });

  it('projects the Rails secrets including the shell secret (contract §1.3)', () => {
    expect(projectedFiles(toolbox, 'init-toolbox-secrets')).toEqual({
      ...COMMON_RAILS_FILES,
      'shell/.gitlab_shell_secret': 'gitlab-gitlab-shell-secret/secret',
      'registry/gitlab-registry.key': 'gitlab-registry-secret/registry-auth.key',
      'registry/notificationSecret': 'gitlab-registry-notification/secret',
      'objectstorage/.s3cfg': 's3cmd-config/config',
      'kas/.gitlab_kas_secret': 'gitlab-gitlab-kas-secret/kas_shared_secret',
    });
  });

  it('has no probes and no Service', () => {
    const c = container(toolbox, 'toolbox');
    expect(c.livenessProbe).toBeUndefined();
    expect(c.readinessProbe).toBeUndefined();
    expect(production.filter((o) => o.kind === 'Service' && o.metadata.labels?.app === 'toolbox')).toEqual([]);
  });

  it('prefers nodes without Gitaly', () => {
    const term = podSpec(toolbox).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    expect(term.labelSelector.matchLabels).toEqual({ app: 'gitaly', release: 'gitlab' });
  });

  it('requests the chart resources and meets the restricted Pod Security Standard', () => {
    expect(container(toolbox, 'toolbox').resources).toEqual({ requests: { cpu: '50m', memory: '350M' } });
    expect(checkRestrictedPod(podSpec(toolbox), toolbox.spec.template.metadata)).toEqual([]);
  });

  it('rolls when its configuration changes', () => {
    const checksumOf = (objects: KubeObject[]) => deploymentOf(objects).spec.template.metadata.annotations['checksum/config'];
    expect(checksumOf(synthPlatform(productionProps()))).toBe(checksumOf(production));
    expect(checksumOf(synthPlatform(withComponents({ kas: { enabled: false } })))).not.toBe(checksumOf(production));
  });
});
