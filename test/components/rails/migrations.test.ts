import { describe, expect, it } from 'vitest';
import { ComponentsConfig, fromHelmValues, GitLabPlatformProps } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { secretReferences } from '../../../constructs/secrets/references';
import { withValues } from '../../values/helpers';
import { productionProps } from '../../support/fixtures';
import { checkRestrictedPod } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { COMMON_RAILS_FILES, projectedFiles } from './projection';

const withComponents = (components: ComponentsConfig, rest: Partial<GitLabPlatformProps> = {}) => {
  const base = productionProps();
  return productionProps({ ...rest, components: { ...base.components, ...components } });
};
const jobsOf = (objects: KubeObject[]) => objects.filter((o) => o.kind === 'Job' && o.metadata.labels?.app === 'migrations');
/** The pre-deployment Job (two-phase migrations are the default): the one the chart's single Job corresponds to. */
const jobOf = (objects: KubeObject[]) => {
  const jobs = jobsOf(objects);
  expect(jobs.map((j) => j.metadata.labels?.['gitlab-iac.io/phase'])).toEqual(['pre-deployment', 'post-deployment']);
  return jobs[0];
};
const nameOf = (props: GitLabPlatformProps) => jobOf(synthPlatform(props)).metadata.name;
const production = synthPlatform(productionProps());
const job = jobOf(production);

describe('Migrations Job name', () => {
  it('is <release>-migrations-pre-<hash> and <release>-migrations-post-<hash>, or <release>-migrations-<hash> for one phase', () => {
    expect(jobsOf(production).map((j) => j.metadata.name)).toEqual([
      expect.stringMatching(/^gitlab-migrations-pre-[0-9a-f]{10}$/), expect.stringMatching(/^gitlab-migrations-post-[0-9a-f]{10}$/),
    ]);
    const single = jobsOf(synthPlatform(productionProps({ upgrade: { twoPhaseMigrations: false } })));
    expect(single.map((j) => j.metadata.name)).toEqual([expect.stringMatching(/^gitlab-migrations-[0-9a-f]{10}$/)]);
  });

  it('is stable when nothing it applies changes', () => {
    expect(nameOf(productionProps())).toBe(job.metadata.name);
    // A change to another component leaves the migrations alone.
    expect(nameOf(withComponents({ webservice: { workerProcesses: 4 } }))).toBe(job.metadata.name);
  });

  it('changes with the GitLab image', () => {
    expect(nameOf(productionProps({ images: { toolbox: { tag: 'v18.9.2' } } }))).not.toBe(job.metadata.name);
  });

  it('changes with the configuration the migrations read', () => {
    expect(nameOf(productionProps({ redis: { host: 'other-redis' } }))).not.toBe(job.metadata.name);
    const base = productionProps();
    expect(nameOf(productionProps({ postgres: { ...base.postgres, host: 'other-db' } }))).not.toBe(job.metadata.name);
  });

  it('changes with the Job pod spec', () => {
    expect(nameOf(withComponents({ migrations: { resources: { requests: { cpu: '1' } } } }))).not.toBe(job.metadata.name);
  });
});

describe('Migrations Job', () => {
  it('is a plain batch/v1 Job, not a Helm hook, that stays after it finishes', () => {
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.metadata.annotations).toBeUndefined();
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 6 });
    // A new pod per attempt, so a refused upgrade check fails the Job at once (podFailurePolicy).
    expect(podSpec(job).restartPolicy).toBe('Never');
  });

  it('follows activeDeadlineSeconds and backoffLimit', () => {
    const j = jobOf(synthPlatform(withComponents({ migrations: { activeDeadlineSeconds: 600, backoffLimit: 2 } })));
    expect(j.spec).toMatchObject({ activeDeadlineSeconds: 600, backoffLimit: 2 });
  });

  it('waits for the database, then migrates, with the toolbox image', () => {
    const c = container(job, 'migrations');
    expect(c.image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-toolbox-ee:v18.9.1');
    expect(c.command).toBeUndefined();
    expect(c.args).toEqual(['/bin/bash', '-c', 'set -e; /scripts/wait-for-deps; /scripts/db-migrate']);
    expect(envOf(c)).toMatchObject({
      BYPASS_SCHEMA_VERSION: 'true', ENABLE_BOOTSNAP: '1', CONFIG_TEMPLATE_DIRECTORY: '/var/opt/gitlab/templates', CONFIG_DIRECTORY: '/srv/gitlab/config',
    });
    expect(podSpec(job).initContainers.map((x: any) => x.name)).toEqual(['upgrade-check', 'certificates', 'configure']);
  });

  it('applies the regular migrations before the rollout and the post-deployment ones after (two phases by default)', () => {
    const [pre, post] = jobsOf(production);
    expect(envOf(container(pre, 'migrations')).SKIP_POST_DEPLOYMENT_MIGRATIONS).toBe('true');
    expect(envOf(container(post, 'migrations')).SKIP_POST_DEPLOYMENT_MIGRATIONS).toBeUndefined();
    // Webservice and Sidekiq start once the regular migrations ran, without waiting for the post-deployment ones.
    for (const name of ['gitlab-webservice-default', 'gitlab-sidekiq-all-in-1-v2']) {
      expect(envOf(container(find(production, 'Deployment', name), 'dependencies')).BYPASS_POST_DEPLOYMENT).toBe('true');
    }
  });

  it('runs every migration in one Job, and waits for all of them, with twoPhaseMigrations: false', () => {
    const objects = synthPlatform(productionProps({ upgrade: { twoPhaseMigrations: false } }));
    const [only] = jobsOf(objects);
    expect(envOf(container(only, 'migrations')).SKIP_POST_DEPLOYMENT_MIGRATIONS).toBeUndefined();
    expect(podSpec(only).containers.map((c: any) => c.name)).toEqual(['record-version']);
    expect(envOf(container(find(objects, 'Deployment', 'gitlab-webservice-default'), 'dependencies')).BYPASS_POST_DEPLOYMENT).toBeUndefined();
  });

  it('orders an Argo CD sync with sync waves only when asked', () => {
    expect(production.some((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBe(false);
    const objects = synthPlatform(productionProps({ upgrade: { argoCdSyncWaves: true } }));
    const waves = Object.fromEntries(objects.filter((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])
      .map((o) => [`${o.kind}/${o.metadata.name.replace(/-[0-9a-f]{10}$/, '')}`, o.metadata.annotations!['argocd.argoproj.io/sync-wave']]));
    expect(waves).toEqual({
      'ConfigMap/gitlab-migrations': '-2', 'ServiceAccount/gitlab-migrations': '-2', 'ConfigMap/gitlab-upgrade-record': '-2',
      'ConfigMap/gitlab-upgrade-check': '-2', 'Role/gitlab-upgrade-record': '-2', 'RoleBinding/gitlab-upgrade-record': '-2',
      'Job/gitlab-migrations-pre': '-1', 'Job/gitlab-migrations-post': '1',
    });
  });

  it('seeds the root user from the initial root password file', () => {
    expect(container(job, 'migrations').volumeMounts).toContainEqual({
      name: 'migrations-secrets', mountPath: '/srv/gitlab/config/initial_root_password', subPath: 'migrations/initial_root_password', readOnly: true,
    });
    expect(mountsOf(container(job, 'migrations'))).toMatchObject({
      '/etc/gitlab': 'migrations-secrets', '/srv/gitlab/config/secrets.yml': 'migrations-secrets', '/var/opt/gitlab/templates': 'migrations-config',
    });
  });

  it('projects only the secrets migrations read (contract §1.3)', () => {
    expect(projectedFiles(job, 'init-migrations-secrets')).toEqual({
      ...COMMON_RAILS_FILES,
      'migrations/initial_root_password': 'gitlab-gitlab-initial-root-password/password',
      'migrations/gitlab_shared_runners_registration_token': 'gitlab-gitlab-runner-secret/runner-registration-token',
    });
  });

  it('seeds the shared runners registration token from an optional Secret, as the chart does', () => {
    expect(container(job, 'migrations').volumeMounts).toContainEqual({
      name: 'migrations-secrets', mountPath: '/srv/gitlab/config/gitlab_shared_runners_registration_token',
      subPath: 'migrations/gitlab_shared_runners_registration_token', readOnly: true,
    });
    const sources = podSpec(job).volumes.find((v: any) => v.name === 'init-migrations-secrets').projected.sources;
    // Optional: the Job starts without the Secret (or without its key), and `cli secrets` does not ask for it.
    expect(sources).toContainEqual({ secret: {
      name: 'gitlab-gitlab-runner-secret', optional: true,
      items: [{ key: 'runner-registration-token', path: 'migrations/gitlab_shared_runners_registration_token' }],
    } });
    expect(secretReferences(production).map((r) => r.name)).not.toContain('gitlab-gitlab-runner-secret');
  });

  it('takes the runner Secret from components.migrations.runnerRegistrationToken, or global.runner.registrationToken.secret', () => {
    const named = jobOf(synthPlatform(withComponents({ migrations: { runnerRegistrationToken: { name: 'shared-runner-token', key: 'token' } } })));
    expect(projectedFiles(named, 'init-migrations-secrets')['migrations/gitlab_shared_runners_registration_token']).toBe('shared-runner-token/token');
    expect(fromHelmValues(withValues({ global: { runner: { registrationToken: { secret: 'my-runner-secret' } } } })).components?.migrations)
      .toMatchObject({ runnerRegistrationToken: { name: 'my-runner-secret' } });
    expect(() => resolveConfig(withComponents({ migrations: { runnerRegistrationToken: { name: 'Not_A_Name' } } }))).toThrow(/components\.migrations\.runnerRegistrationToken\.name/);
  });

  it('reads its ConfigMap, whose name does not change', () => {
    expect(podSpec(job).volumes).toContainEqual({ name: 'migrations-config', configMap: { name: 'gitlab-migrations' } });
    find(production, 'ConfigMap', 'gitlab-migrations');
  });

  it('carries the checksum of its configuration', () => {
    const sum = job.spec.template.metadata.annotations['checksum/config'];
    expect(sum).toMatch(/^[0-9a-f]{64}$/);
    expect(jobOf(synthPlatform(productionProps({ redis: { host: 'x' } }))).spec.template.metadata.annotations['checksum/config']).not.toBe(sum);
  });

  it('requests the chart resources and meets the restricted Pod Security Standard', () => {
    expect(container(job, 'migrations').resources).toEqual({ requests: { cpu: '250m', memory: '200Mi' } });
    expect(checkRestrictedPod(podSpec(job), job.spec.template.metadata)).toEqual([]);
  });

  it('runs as its own ServiceAccount with the object storage IAM role', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({ objectStorage: { ...base.objectStorage, iamRole: { roleArn: 'arn:aws:iam::123456789012:role/gitlab' } } }));
    expect(find(objects, 'ServiceAccount', 'gitlab-migrations').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/gitlab' });
    expect(podSpec(jobOf(objects)).serviceAccountName).toBe('gitlab-migrations');
  });

  it('is not created when migrations are off', () => {
    expect(jobsOf(synthPlatform(withComponents({ migrations: { enabled: false } })))).toEqual([]);
  });
});
