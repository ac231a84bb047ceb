import { describe, expect, it } from 'vitest';
import { productionProps } from '../support/fixtures';
import { container, envOf, find, synthPlatform } from '../support/synth';
import { convert, importWarnings, issuePaths, refusal, withValues } from './helpers';

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

describe('gitlab.webservice.monitoring (components.webservice.monitoringWhitelist)', () => {
  const monitoringOf = (objects: any[]) => {
    const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'gitlab-webservice');
    const yml: string = cm.data['gitlab.yml.erb'];
    return yml.slice(yml.indexOf('monitoring:'), yml.indexOf('web_exporter:'));
  };

  it('writes the chart\'s whitelist by default (everyone, IPv4 and IPv6)', () => {
    expect(monitoringOf(synthPlatform(productionProps()))).toMatch(/ip_whitelist:\s*\n\s*- 0\.0\.0\.0\/0\s*\n\s*- ::\/0/);
  });

  it('ipWhitelist becomes gitlab.yml\'s monitoring.ip_whitelist of the webservice, entries trimmed as the chart trims them', () => {
    const props = convert(withValues({ gitlab: { webservice: { monitoring: { ipWhitelist: [' 10.0.0.0/8', '127.0.0.1'], exporter: { enabled: true } } } } }));
    expect(props.components?.webservice?.monitoringWhitelist).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(monitoringOf(synthPlatform(props))).toMatch(/ip_whitelist:\s*\n\s*- 10\.0\.0\.0\/8\s*\n\s*- 127\.0\.0\.1\s*\n/);
  });

  it('refuses an entry that is no address, naming the values key', () => {
    const e = refusal(withValues({ gitlab: { webservice: { monitoring: { ipWhitelist: ['everyone'] } } } }));
    expect(issuePaths(e)).toEqual(['gitlab.webservice.monitoring.ipWhitelist[0]']);
  });

  it('refuses another exporter port (the metrics port is fixed)', () => {
    const e = refusal(withValues({ gitlab: { webservice: { monitoring: { exporter: { port: 9999 } } } } }));
    expect(issuePaths(e)).toEqual(['gitlab.webservice.monitoring.exporter.port']);
  });
});

describe('gitlab.migrations.initialRootPassword', () => {
  it('is ignored with a warning naming global.initialRootPassword, as the chart\'s migrations Job ignores it', () => {
    const warnings = importWarnings(withValues({ gitlab: { migrations: { initialRootPassword: { secret: 'root-pw', key: 'password' } } } }));
    expect(warnings.filter((w) => w.includes('gitlab.migrations.initialRootPassword'))).toHaveLength(2);
    expect(warnings.join('\n')).toContain('global.initialRootPassword.{secret,key}');
  });
});
