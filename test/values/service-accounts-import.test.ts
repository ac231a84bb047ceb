import { describe, expect, it } from 'vitest';
import { importHelmValues } from '../../constructs';
import { productionProps } from '../support/fixtures';
import { KubeObject, synthPlatform } from '../support/synth';
import { issuePaths, refusal, withValues } from './helpers';

/**
 * ServiceAccount names, creation and token mounts: the chart coalesces each component's `serviceAccount.*` with
 * `global.serviceAccount.*`; the import does the same (compared with the chart 9.9.1's render of VALUES below).
 */
const VALUES = {
  global: { serviceAccount: { enabled: true, create: false, name: 'gitlab-shared' } },
  gitlab: {
    webservice: { serviceAccount: { create: true, name: 'gitlab-web', automountServiceAccountToken: true } },
    'gitlab-shell': { serviceAccount: { name: 'gitlab-ssh' } },
  },
  registry: { serviceAccount: { create: true } },
};

/** helm template of the chart with VALUES: the pods' account and token mount, and the ServiceAccounts it creates. */
const CHART_RENDER = {
  pods: {
    'Deployment/gitlab-webservice-default': ['gitlab-web', true],
    'Deployment/gitlab-sidekiq-all-in-1-v2': ['gitlab-shared', false],
    'Deployment/gitlab-gitlab-shell': ['gitlab-ssh', false],
    'Deployment/gitlab-kas': ['gitlab-shared', false],
    'Deployment/gitlab-toolbox': ['gitlab-shared', false],
    'Deployment/gitlab-gitlab-exporter': ['gitlab-shared', false],
    'Deployment/gitlab-registry': ['gitlab-shared', false],
    'StatefulSet/gitlab-gitaly': ['gitlab-shared', false],
  },
  // The chart's own add-ons' accounts (certmanager-issuer, nginx-ingress, shared-secrets) left out.
  serviceAccounts: ['gitlab-shared', 'gitlab-web'],
};

const pods = (objects: KubeObject[]) => Object.fromEntries(objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
  .map((o) => [`${o.kind}/${o.metadata.name}`, [o.spec.template.spec.serviceAccountName, o.spec.template.spec.automountServiceAccountToken]]));
const accounts = (objects: KubeObject[]) => objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name);

describe('ServiceAccounts from the values', () => {
  const objects = synthPlatform(importHelmValues(withValues(VALUES)).props);

  it('each pod runs as the account the chart gives it, with the token mounted only where the values ask', () => {
    expect(pods(objects)).toMatchObject(CHART_RENDER.pods);
  });

  it('creates the accounts the chart creates, and none for a shared account made outside the platform', () => {
    for (const name of CHART_RENDER.serviceAccounts) expect(accounts(objects)).toContain(name);
    expect(accounts(objects)).not.toContain('gitlab-ssh');
    expect(accounts(objects).filter((n) => n === 'gitlab-shared')).toHaveLength(1);
  });

  it('refuses a shared account name while the platform would create it for every component', () => {
    const e = refusal(withValues({ global: { serviceAccount: { enabled: true, name: 'gitlab-shared' } } }));
    expect(issuePaths(e)).toEqual(['global.serviceAccount.name']);
  });
});

describe('ServiceAccounts in the typed API', () => {
  it('name, create: false and automountToken per component', () => {
    const base = productionProps();
    const objects = synthPlatform({ ...base, components: {
      ...base.components,
      kas: { ...base.components?.kas, serviceAccount: { name: 'kas-irsa', create: false } },
      sidekiq: { ...base.components?.sidekiq, serviceAccount: { automountToken: true } },
    } });
    expect(pods(objects)['Deployment/gitlab-kas']).toEqual(['kas-irsa', false]);
    expect(accounts(objects)).not.toContain('kas-irsa');
    expect(accounts(objects)).not.toContain('gitlab-kas');
    expect(pods(objects)['Deployment/gitlab-sidekiq-all-in-1-v2']).toEqual(['gitlab-sidekiq', true]);
  });

  it('by default every pod runs as its own account, token not mounted', () => {
    const objects = synthPlatform(productionProps());
    for (const [key, [, automount]] of Object.entries(pods(objects))) expect(automount, key).toBe(false);
  });
});
