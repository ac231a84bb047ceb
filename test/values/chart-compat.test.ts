import { describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../constructs/config/resolve';
import { productionProps } from '../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
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

describe('TLS terminated in front of the Ingress (hosts.https with ingress.tls false)', () => {
  it('the typed API accepts it: Ingresses without TLS, GitLab\'s URLs https', () => {
    const objects = synthPlatform(productionProps({ ingress: { className: 'nginx', tls: false }, hosts: { domain: 'example.com', https: true } }));
    const ingress = find(objects, 'Ingress', 'gitlab-webservice-default');
    expect(ingress.spec.tls).toBeUndefined();
    const cm = objects.find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === 'gitlab-webservice') as any;
    expect(cm.data['gitlab.yml.erb']).toMatch(/https: true/);
  });

  it('the import accepts global.ingress.tls.enabled: false with global.hosts.https left at its default, as the chart does', () => {
    const props = convert(withValues({ global: { ingress: { tls: { enabled: false, secretName: undefined } } } }));
    expect(props.ingress?.tls).toBe(false);
    expect(props.hosts.https).toBeUndefined();
  });
});

describe('global.ingress.configureCertmanager with global.ingress.tls.secretName', () => {
  const values = () => withValues({
    global: { ingress: { configureCertmanager: true, tls: { secretName: 'gitlab-tls' } }, kas: { enabled: true } },
    'certmanager-issuer': { email: 'admin@example.com' },
  });

  it('becomes the ACME issuer with its own Secret', () => {
    expect(convert(values()).ingress?.tls).toEqual({ acme: { email: 'admin@example.com' }, secretName: 'gitlab-tls' });
  });

  it('cert-manager issues one certificate for every host into that Secret, which every Ingress serves', () => {
    const objects = synthPlatform(convert(values()));
    const certs = objects.filter((o) => o.kind === 'Certificate');
    expect(certs).toHaveLength(1);
    const cert = certs[0] as any;
    expect(cert.metadata.name).toBe('gitlab-tls');
    expect(cert.spec).toMatchObject({ secretName: 'gitlab-tls', issuerRef: { kind: 'Issuer', name: 'gitlab-issuer' } });
    const ingresses = objects.filter((o) => o.kind === 'Ingress') as any[];
    expect(ingresses.length).toBeGreaterThanOrEqual(3);
    for (const i of ingresses) {
      expect(i.spec.tls).toEqual([{ hosts: [i.spec.rules[0].host], secretName: 'gitlab-tls' }]);
      // No per-Ingress request: each would claim the same Secret for its own host.
      expect(i.metadata.annotations?.['cert-manager.io/issuer']).toBeUndefined();
      expect(cert.spec.dnsNames).toContain(i.spec.rules[0].host);
    }
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version, VENDORED_CRDS)).toEqual([]);
  });

  it('with a Secret of a component\'s own, that host keeps its per-host request', () => {
    const v = values();
    v.registry = { ...v.registry, ingress: { tls: { secretName: 'registry-own-tls' } } };
    const objects = synthPlatform(convert(v));
    const registry = find(objects, 'Ingress', 'gitlab-registry') as any;
    expect(registry.spec.tls[0].secretName).toBe('registry-own-tls');
    expect(registry.metadata.annotations['cert-manager.io/issuer']).toBe('gitlab-issuer');
    const cert = objects.find((o) => o.kind === 'Certificate') as any;
    expect(cert.spec.dnsNames).not.toContain(registry.spec.rules[0].host);
  });
});

describe('global.gitlabVersion other than the catalog\'s (version)', () => {
  const imagesOf = (version: string) => resolveConfig(productionProps({ version })).images;

  it('tags the images the chart tags with global.gitlabVersion v<version>, and keeps the catalog\'s pins for the rest', () => {
    const images = imagesOf('18.8.4');
    // The chart's gitlab.versionTag (webservice, workhorse, Sidekiq, toolbox, migrations) and gitlab.helper.image
    // (certificates, gitlab-base, kubectl) follow global.gitlabVersion; the other subcharts use their own appVersion.
    for (const name of ['webservice', 'workhorse', 'sidekiq', 'toolbox', 'certificates', 'gitlabBase', 'kubectl'] as const) {
      expect(images[name].tag, name).toBe('v18.8.4');
    }
    const pinned = imagesOf('18.9.1');
    for (const name of ['gitaly', 'kas', 'gitlabPages', 'gitlabShell', 'registry', 'gitlabExporter', 'mailroom', 'spamcheck'] as const) {
      expect(images[name].tag, name).toBe(pinned[name].tag);
    }
  });

  it('reads the corpus\' versions from values, with or without v, newer ones included', () => {
    for (const version of ['18.2.0', 'v18.4.0', '18.11.1']) {
      expect(convert(withValues({ global: { gitlabVersion: version } })).version).toBe(version.replace(/^v/, ''));
    }
  });

  it('warns once on stderr that the configuration follows GitLab 18.9 outside 18.9.x, not within it', async () => {
    // Once per process: a fresh copy of the modules, so that another test file's synth of 18.6.0 does not count.
    vi.resetModules();
    const fresh = await import('../support/synth');
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      fresh.synthPlatform(productionProps({ version: '18.9.0' }));
      expect(spy.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('configuration of GitLab'))).toEqual([]);
      fresh.synthPlatform(productionProps({ version: '18.6.0' }));
      fresh.synthPlatform(productionProps({ version: '18.6.0' }));
      const lines = spy.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('configuration of GitLab'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('GitLab 18.6.0 runs with the configuration of GitLab 18.9');
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a malformed version or another major at its values key', () => {
    for (const version of ['latest', '18.9', '17.11.0']) {
      const e = refusal(withValues({ global: { gitlabVersion: version } }));
      expect(e.issues, version).toEqual([expect.objectContaining({ path: 'global.gitlabVersion', allowed: expect.stringContaining('GitLab 18 release') })]);
    }
  });

  it('keeps the upgrade-path check: a skipped required stop is still refused', () => {
    expect(() => resolveConfig(productionProps({ version: '18.8.4', upgrade: { fromVersion: '17.11.7' } })))
      .toThrow(/next required upgrade stop/);
  });
});
