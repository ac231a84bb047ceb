import { describe, expect, it } from 'vitest';
import { productionProps } from '../support/fixtures';
import { container, envOf, find, synthPlatform } from '../support/synth';
import { convert, issuePaths, refusal, withValues } from './helpers';

/** Keys real values files carry that the chart honours: bootsnap, version, TLS in front, off features, ... */

const RAILS_CONTAINERS = [['Deployment', 'gitlab-webservice-default', 'webservice'], ['Deployment', 'gitlab-sidekiq-all-in-1-v2', 'sidekiq'],
  ['Deployment', 'gitlab-toolbox', 'toolbox']] as const;

describe('global.rails.bootsnap.enabled (rails.bootsnap)', () => {
  it('is on by default: ENABLE_BOOTSNAP=1 in the Rails containers, as the chart sets it', () => {
    const objects = synthPlatform(productionProps());
    for (const [kind, name, c] of RAILS_CONTAINERS) expect(envOf(container(find(objects, kind, name), c)).ENABLE_BOOTSNAP).toBe('1');
  });

  it('false leaves ENABLE_BOOTSNAP out of every Rails container and init container, as the chart does', () => {
    const props = convert(withValues({ global: { rails: { bootsnap: { enabled: false } } } }));
    expect(props.rails?.bootsnap).toBe(false);
    const text = JSON.stringify(synthPlatform(props));
    expect(text).not.toContain('ENABLE_BOOTSNAP');
  });
});

describe('Zoekt and OpenBao keys while the feature is off', () => {
  it('are accepted whatever their values (full copies of values.yaml carry them), as the chart ignores them', () => {
    const props = convert(withValues({
      'gitlab-zoekt': { install: false, gateway: { basicAuth: { enabled: true, secretName: 'zoekt-basic-auth' } }, replicas: 3 },
      global: { zoekt: { gateway: { basicAuth: { enabled: true } } }, openbao: { enabled: false, url: 'https://bao.example.com' } },
      openbao: { install: false, config: { audit: { http: { enabled: true } } } },
    }));
    expect(props).toBeDefined();
  });

  it('turning the feature on is refused, naming the switch and what to do instead', () => {
    const e = refusal(withValues({ 'gitlab-zoekt': { install: true, replicas: 3 }, global: { openbao: { enabled: true } } }));
    expect([...issuePaths(e)].sort()).toEqual(['gitlab-zoekt.install', 'global.openbao.enabled']);
    expect(e.message).toContain('run Zoekt with its own chart');
  });
});
