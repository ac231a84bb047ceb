import { describe, expect, it } from 'vitest';
import { ConfigIssue, fromHelmValues, GitLabConfigError, GitLabPlatformProps, resolveConfig } from '../../constructs';
import { parseErbYaml } from '../support/erb';
import { productionProps } from '../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';
import { find, KubeObject, podSpec, synthPlatform } from '../support/synth';
import { projectedFiles } from './rails/projection';
import { PRAEFECT_DATABASE, praefectProps, withGitalyTopology } from './praefect/props';
import { convert, ignoredKeys, withValues } from '../values/helpers';

/** The Gitaly topologies a production user chooses between. */
const TOPOLOGIES: Readonly<Record<string, GitLabPlatformProps>> = {
  'in-cluster Gitaly with three storages': withGitalyTopology({ gitaly: { storageNames: ['default', 'second', 'third'] } }),
  'Praefect replacing in-cluster Gitaly': praefectProps(),
  'Praefect next to in-cluster Gitaly': praefectProps({ replaceInternalGitaly: false, virtualStorages: [{ name: 'cluster' }] }),
  'external Gitaly only': withGitalyTopology({
    gitaly: {
      enabled: false,
      external: {
        storages: [{ name: 'default', hostname: 'gitaly-1.internal.example.com' }, { name: 'archive', hostname: '10.0.4.12', port: 9999, tls: true }],
        token: { name: 'gitaly-external-token' },
      },
    },
  }),
  'in-cluster Gitaly next to an external Praefect with its own token': withGitalyTopology({
    gitaly: { external: { storages: [{ name: 'legacy', hostname: 'praefect.legacy.example.com', tls: true }], token: { name: 'legacy-praefect-token', key: 'token' } } },
  }),
  'in-cluster Gitaly over TLS': withGitalyTopology({ gitaly: { tls: {}, storageNames: ['default', 'second'] } }),
  'Praefect and its Gitaly pods over TLS': praefectProps({ tls: { secretName: 'praefect-cert' } }, { tls: {} }),
};
const synthed = new Map<string, KubeObject[]>();
const objectsOf = (name: string) => {
  if (!synthed.has(name)) synthed.set(name, synthPlatform(TOPOLOGIES[name]));
  return synthed.get(name)!;
};

const RAILS = ['webservice', 'sidekiq', 'toolbox', 'migrations'] as const;
const railsConfigMap = (objs: KubeObject[], rails: string) => find(objs, 'ConfigMap', `gitlab-${rails}`).data['gitlab.yml.erb'];
/** `{ storage: [address, token expression or undefined] }` as a Rails pod reads them. */
function storagesOf(objs: KubeObject[], rails = 'webservice'): Record<string, [string, string | undefined]> {
  const { doc, erb } = parseErbYaml(railsConfigMap(objs, rails));
  return Object.fromEntries(Object.entries(doc.production.repositories.storages as Record<string, any>)
    .map(([name, s]) => [name, [s.gitaly_address, s.gitaly_token === undefined ? undefined : erb(s.gitaly_token)]]));
}
const railsWorkload = (objs: KubeObject[], rails: string) =>
  find(objs, rails === 'migrations' ? 'Job' : 'Deployment', rails === 'migrations' ? objs.find((o) => o.kind === 'Job')!.metadata.name
    : rails === 'webservice' ? 'gitlab-webservice-default' : rails === 'sidekiq' ? 'gitlab-sidekiq-all-in-1-v2' : 'gitlab-toolbox');
/** The `gitaly/` files of a Rails pod's projected secrets: `{ file: "secret/key" }`. */
const gitalyFiles = (objs: KubeObject[], rails = 'webservice') => Object.fromEntries(Object.entries(projectedFiles(railsWorkload(objs, rails), `init-${rails}-secrets`))
  .filter(([path]) => path.startsWith('gitaly/')));
const readFile = (file: string) => `<%= File.read("/etc/gitlab/gitaly/${file}").strip.to_json %>`;
const customCAs = (workload: KubeObject) =>
  podSpec(workload).volumes.find((v: any) => v.name === 'custom-ca-certificates')?.projected.sources.map((s: any) => `${s.secret.name}:${s.secret.items?.map((i: any) => i.path).join(',')}`);

describe('Gitaly topologies: how GitLab reaches its repositories', () => {
  it('in-cluster Gitaly: each storage at its own pod, with the Gitaly token', () => {
    const objs = objectsOf('in-cluster Gitaly with three storages');
    expect(storagesOf(objs)).toEqual({
      default: ['tcp://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8075', undefined],
      second: ['tcp://gitlab-gitaly-1.gitlab-gitaly.gitlab.svc:8075', undefined],
      third: ['tcp://gitlab-gitaly-2.gitlab-gitaly.gitlab.svc:8075', undefined],
    });
    expect(gitalyFiles(objs)).toEqual({ 'gitaly/gitaly_token': 'gitlab-gitaly-secret/token' });
    expect(find(objs, 'StatefulSet', 'gitlab-gitaly').spec.replicas).toBe(3);
  });

  it('Praefect: every virtual storage at the Praefect Service, with the Praefect token', () => {
    const objs = objectsOf('Praefect replacing in-cluster Gitaly');
    expect(storagesOf(objs)).toEqual({ default: ['tcp://gitlab-praefect.gitlab.svc:8075', readFile('gitaly_token_praefect')] });
    expect(gitalyFiles(objs)).toEqual({ 'gitaly/gitaly_token': 'gitlab-gitaly-secret/token', 'gitaly/gitaly_token_praefect': 'gitlab-praefect-secret/token' });
  });

  it('Praefect next to in-cluster Gitaly: both kinds of storage, each with its token', () => {
    const objs = objectsOf('Praefect next to in-cluster Gitaly');
    expect(storagesOf(objs)).toEqual({
      default: ['tcp://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8075', undefined],
      cluster: ['tcp://gitlab-praefect.gitlab.svc:8075', readFile('gitaly_token_praefect')],
    });
  });

  it('external Gitaly only: no Gitaly or Praefect objects, storages at their hosts with the external token', () => {
    const objs = objectsOf('external Gitaly only');
    expect(objs.filter((o) => ['gitaly', 'praefect'].includes(o.metadata.labels?.app ?? ''))).toEqual([]);
    expect(storagesOf(objs)).toEqual({
      default: ['tcp://gitaly-1.internal.example.com:8075', undefined],
      archive: ['tls://10.0.4.12:9999', undefined],
    });
    expect(gitalyFiles(objs)).toEqual({ 'gitaly/gitaly_token': 'gitaly-external-token/token' });
  });

  it('an external server next to in-cluster Gitaly: its own token file, TLS on 8076 by default', () => {
    const objs = objectsOf('in-cluster Gitaly next to an external Praefect with its own token');
    expect(storagesOf(objs)).toEqual({
      default: ['tcp://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8075', undefined],
      legacy: ['tls://praefect.legacy.example.com:8076', readFile('gitaly_token_external')],
    });
    expect(gitalyFiles(objs)).toEqual({ 'gitaly/gitaly_token': 'gitlab-gitaly-secret/token', 'gitaly/gitaly_token_external': 'legacy-praefect-token/token' });
  });

  it('without an external token of their own, external storages share the Gitaly token', () => {
    const objs = synthPlatform(withGitalyTopology({ gitaly: { external: { storages: [{ name: 'legacy', hostname: 'gitaly.legacy.example.com' }] } } }));
    expect(storagesOf(objs).legacy).toEqual(['tcp://gitaly.legacy.example.com:8075', undefined]);
    expect(gitalyFiles(objs)).toEqual({ 'gitaly/gitaly_token': 'gitlab-gitaly-secret/token' });
  });

  it.each(Object.keys(TOPOLOGIES))('%s: every Rails pod reads the same storages and tokens', (name) => {
    const objs = objectsOf(name);
    for (const rails of RAILS) {
      expect(storagesOf(objs, rails), rails).toEqual(storagesOf(objs));
      expect(gitalyFiles(objs, rails), rails).toEqual(gitalyFiles(objs));
      expect(parseErbYaml(railsConfigMap(objs, rails)).erb(parseErbYaml(railsConfigMap(objs, rails)).doc.production.gitaly.token)).toBe(readFile('gitaly_token'));
    }
  });
});

describe('Gitaly topologies: internal TLS', () => {
  it('in-cluster Gitaly serves TLS on 8076 with its Secret, and clients dial tls://', () => {
    const objs = objectsOf('in-cluster Gitaly over TLS');
    expect(storagesOf(objs)).toEqual({
      default: ['tls://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8076', undefined],
      second: ['tls://gitlab-gitaly-1.gitlab-gitaly.gitlab.svc:8076', undefined],
    });
    const sts = find(objs, 'StatefulSet', 'gitlab-gitaly');
    expect(podSpec(sts).containers[0].ports).toContainEqual({ name: 'tls-gitaly', containerPort: 8076 });
    expect(find(objs, 'Service', 'gitlab-gitaly').spec.ports).toContainEqual({ name: 'tls-gitaly', port: 8076, targetPort: 'tls-gitaly', protocol: 'TCP' });
    expect(projectedFiles(sts, 'init-gitaly-secrets')).toMatchObject({ 'gitaly/gitaly.crt': 'gitlab-gitaly-tls/tls.crt', 'gitaly/gitaly.key': 'gitlab-gitaly-tls/tls.key' });
    const toml = find(objs, 'ConfigMap', 'gitlab-gitaly').data['config.toml.tpl'];
    expect(toml).toContain('tls_listen_addr = ":8076"');
    expect(toml).toContain('[tls]\ncertificate_path = "/etc/gitlab-secrets/gitaly/gitaly.crt"\nkey_path = "/etc/gitlab-secrets/gitaly/gitaly.key"');
  });

  it("adds the Gitaly certificate to every pod's trust store, clients and Gitaly alike", () => {
    const objs = objectsOf('in-cluster Gitaly over TLS');
    for (const w of [find(objs, 'Deployment', 'gitlab-webservice-default'), find(objs, 'Deployment', 'gitlab-gitlab-shell'), find(objs, 'StatefulSet', 'gitlab-gitaly')]) {
      expect(customCAs(w), w.metadata.name).toContain('gitlab-gitaly-tls:gitaly-internal-tls.crt');
      expect(podSpec(w).initContainers[0].volumeMounts).toContainEqual({ name: 'custom-ca-certificates', mountPath: '/usr/local/share/ca-certificates', readOnly: true });
    }
  });

  it('Praefect serves TLS on 8076, GitLab dials it with tls://, and Praefect dials its Gitaly pods with tls://', () => {
    const objs = objectsOf('Praefect and its Gitaly pods over TLS');
    expect(storagesOf(objs)).toEqual({ default: ['tls://gitlab-praefect.gitlab.svc:8076', readFile('gitaly_token_praefect')] });
    const praefect = find(objs, 'StatefulSet', 'gitlab-praefect');
    expect(projectedFiles(praefect, 'init-praefect-secrets')).toMatchObject({ 'praefect/praefect.crt': 'praefect-cert/tls.crt', 'praefect/praefect.key': 'praefect-cert/tls.key' });
    expect(find(objs, 'Service', 'gitlab-praefect').spec.ports).toContainEqual({ name: 'tls-praefect', port: 8076, targetPort: 'tls-praefect', protocol: 'TCP' });
    const toml = find(objs, 'ConfigMap', 'gitlab-praefect').data['config.toml.tpl'];
    expect(toml).toContain('tls_listen_addr = ":8076"');
    expect(toml).toContain('address = "tls://gitlab-gitaly-default-0.gitlab-gitaly-default.gitlab.svc:8076"');
  });

  it('gives each virtual storage its own Gitaly certificate, all of them trusted', () => {
    const objs = objectsOf('Praefect and its Gitaly pods over TLS');
    expect(projectedFiles(find(objs, 'StatefulSet', 'gitlab-gitaly-default'), 'init-gitaly-secrets'))
      .toMatchObject({ 'gitaly/gitaly.crt': 'gitlab-gitaly-default-tls/tls.crt', 'gitaly/gitaly.key': 'gitlab-gitaly-default-tls/tls.key' });
    expect(customCAs(find(objs, 'Deployment', 'gitlab-webservice-default')))
      .toEqual(expect.arrayContaining(['gitlab-gitaly-default-tls:gitaly-default-tls.crt', 'praefect-cert:praefect-internal-tls.crt']));
  });

  it('leaves the trust store alone without internal TLS', () => {
    expect(customCAs(find(objectsOf('Praefect replacing in-cluster Gitaly'), 'Deployment', 'gitlab-webservice-default'))).toBeUndefined();
  });
});

describe('Gitaly topologies: valid and secure', () => {
  it.each(Object.keys(TOPOLOGIES))('%s meets the restricted Pod Security Standard', (name) => {
    expect(restrictedViolations(objectsOf(name))).toEqual([]);
  });

  it.each(Object.keys(TOPOLOGIES).flatMap((name) => KUBERNETES_VERSIONS.map((v) => [name, v] as const)))('%s is valid against the Kubernetes %s schema', (name, version) => {
    expect(validateObjects(objectsOf(name), version)).toEqual([]);
  });

  it.each(Object.keys(TOPOLOGIES))('%s holds no secret value: tokens and passwords are files read in the pods', (name) => {
    const text = JSON.stringify(objectsOf(name));
    expect(text).not.toMatch(/token = \\"[^\\]/);
    expect(text).not.toMatch(/password = \\"[^\\]/);
  });
});

/** The one issue a configuration is refused with. */
function issueOf(props: GitLabPlatformProps): ConfigIssue {
  try {
    resolveConfig(props);
  } catch (e) {
    if (!(e instanceof GitLabConfigError)) throw e;
    expect(e.issues, JSON.stringify(e.issues, null, 1)).toHaveLength(1);
    return e.issues[0];
  }
  throw new Error('expected the configuration to be refused');
}

/** Every storage outside the platform. */
const external = (storages: object[], rest: object = {}, gitaly: object = {}) =>
  withGitalyTopology({ gitaly: { enabled: false, ...gitaly, external: { storages, ...rest } as never } });

describe('Gitaly topologies: bad inputs', () => {
  const cases: [what: string, props: GitLabPlatformProps, path: string, allowed: RegExp][] = [
    ['Praefect without its database', withGitalyTopology({ praefect: {} }), 'components.praefect.database', /PostgreSQL database/],
    ["Praefect's database without a password", withGitalyTopology({ praefect: { database: { host: 'db.internal' } as never } }), 'components.praefect.database.password', /required/],
    ["Praefect's database without a host", withGitalyTopology({ praefect: { database: { password: { name: 'pw' } } as never } }), 'components.praefect.database.host', /required/],
    ['external Gitaly without a hostname', external([{ name: 'default' }]), 'components.gitaly.external.storages[0].hostname', /required/],
    ['an external hostname written as a URL', external([{ name: 'default', hostname: 'tcp://gitaly.internal:8075' }]), 'components.gitaly.external.storages[0].hostname', /host name/],
    ['external Gitaly with no storages', external([]), 'components.gitaly.external.storages', /at least 1/],
    ['an external port of 0', external([{ name: 'default', hostname: 'gitaly.internal', port: 0 }]), 'components.gitaly.external.storages[0].port', />= 1/],
    ['in-cluster Gitaly off and nothing external', withGitalyTopology({ gitaly: { enabled: false } }), 'components.gitaly.enabled', /external/],
    ['Praefect with in-cluster Gitaly off', withGitalyTopology({ gitaly: { enabled: false }, praefect: { database: PRAEFECT_DATABASE } }), 'components.gitaly.enabled', /Praefect/],
    ['an external storage named like an in-cluster one', withGitalyTopology({ gitaly: { external: { storages: [{ name: 'default', hostname: 'gitaly.internal' }] } } }),
      'components.gitaly.external.storages[0].name', /no other storage uses/],
    ['a virtual storage named like an in-cluster storage', praefectProps({ replaceInternalGitaly: false }), 'components.praefect.virtualStorages[0].name', /no other storage uses/],
    ['duplicate in-cluster storage names', withGitalyTopology({ gitaly: { storageNames: ['default', 'default'] } }), 'components.gitaly.storageNames', /without duplicates/],
    ['duplicate virtual storage names', praefectProps({ virtualStorages: [{ name: 'default' }, { name: 'default' }] }), 'components.praefect.virtualStorages[1].name', /no other storage uses/],
    ['no storage named default', withGitalyTopology({ gitaly: { storageNames: ['main'] } }), 'components.gitaly.storageNames', /"default"/],
    ['no virtual storage named default', praefectProps({ virtualStorages: [{ name: 'main' }] }), 'components.praefect.virtualStorages', /"default"/],
    ['storage names while Praefect replaces in-cluster Gitaly', praefectProps({}, { storageNames: ['default'] }), 'components.gitaly.storageNames', /Praefect replaces/],
    ['a replication factor above the Gitaly replicas', praefectProps({ virtualStorages: [{ name: 'default', gitalyReplicas: 2, defaultReplicationFactor: 3 }] }),
      'components.praefect.virtualStorages[0].defaultReplicationFactor', /at most gitalyReplicas \(2\)/],
    ['a virtual storage name that cannot name a StatefulSet', praefectProps({ virtualStorages: [{ name: 'Default_1' }] }), 'components.praefect.virtualStorages[0].name', /virtual storage name/],
    ['a virtual storage name too long for its pod names', praefectProps({ virtualStorages: [{ name: 'default' }, { name: 'a'.repeat(40) }] }), 'components.praefect.virtualStorages[1].name', /within 52 characters/],
    ['a virtual storage TLS Secret without Gitaly TLS', praefectProps({ virtualStorages: [{ name: 'default', tlsSecretName: 'gitaly-default-cert' }] }),
      'components.praefect.virtualStorages[0].tlsSecretName', /components.gitaly.tls is off/],
    ['Gitaly TLS with in-cluster Gitaly off', external([{ name: 'default', hostname: 'gitaly.internal' }], {}, { tls: {} }), 'components.gitaly.tls', /in-cluster Gitaly is off/],
    ['a misspelt Praefect setting', praefectProps({ virtualStorage: [] } as never), 'components.praefect.virtualStorage', /known settings/],
    ['zero Gitaly replicas', praefectProps({ virtualStorages: [{ name: 'default', gitalyReplicas: 0 }] }), 'components.praefect.virtualStorages[0].gitalyReplicas', />= 1/],
    ['a Praefect token Secret name that is not a Kubernetes name', praefectProps({}, undefined, { secretNames: { praefect: 'Praefect Token' } }), 'secretNames.praefect', /Secret name/],
  ];

  it.each(cases)('refuses %s', (_, props, path, allowed) => {
    const issue = issueOf(props);
    expect(issue.path).toBe(path);
    expect(issue.allowed).toMatch(allowed);
    expect(issue.fix.length).toBeGreaterThan(10);
  });

  it('accepts Praefect turned off without its database', () => {
    expect(resolveConfig(withGitalyTopology({ praefect: { enabled: false } })).components.praefect).toBeUndefined();
  });
});

/** The error a values file is refused with. */
function valuesRefusal(values: unknown): GitLabConfigError {
  try {
    fromHelmValues(values);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('expected the values to be refused');
}

describe('Gitaly topologies from Helm values', () => {
  const praefectValues = (praefect: object = {}, extra: object = {}) => withValues({ global: { praefect: { enabled: true, ...praefect } }, ...extra });

  it('reads Praefect with the chart defaults: its database on global.psql, password in <release>-praefect-dbsecret, sslmode disable', () => {
    expect(convert(praefectValues()).components?.praefect).toEqual({
      enabled: true,
      database: {
        host: 'gitlab-db.abc123.us-east-1.rds.amazonaws.com', port: 5432,
        tls: { mode: 'disable' }, password: { name: 'gitlab-praefect-dbsecret', key: 'secret' },
      },
    });
  });

  it("reads Praefect's own database, virtual storages, TLS and workload settings", () => {
    const props = convert(praefectValues({
      replaceInternalGitaly: false,
      autoMigrate: false,
      psql: { host: 'praefect-db.internal', port: 5433, user: 'praefect_app', dbName: 'praefect_prod', sslMode: 'verify-full' },
      dbSecret: { secret: 'praefect-db-password', key: 'password' },
      virtualStorages: [{ name: 'cluster', gitalyReplicas: 5, maxUnavailable: 2, defaultReplicationFactor: 3, persistence: { enabled: true, size: '1Ti', storageClass: 'gp3' } }],
      tls: { enabled: true, secretName: 'praefect-cert' },
    }, { gitlab: { praefect: { replicas: 3, resources: { requests: { cpu: 1 } }, maxUnavailable: 1 } } }));
    expect(props.components?.praefect).toEqual({
      enabled: true, replaceInternalGitaly: false, autoMigrate: false,
      database: { host: 'praefect-db.internal', port: 5433, username: 'praefect_app', database: 'praefect_prod', tls: { mode: 'verify-full' }, password: { name: 'praefect-db-password', key: 'password' } },
      tls: { secretName: 'praefect-cert' },
      virtualStorages: [{ name: 'cluster', gitalyReplicas: 5, defaultReplicationFactor: 3, podDisruptionBudget: { maxUnavailable: 2 }, persistence: { size: '1Ti', storageClass: 'gp3' } }],
      replicas: 3, resources: { requests: { cpu: '1' } }, podDisruptionBudget: { maxUnavailable: 1 },
    });
  });

  it('synthesizes the Praefect topology a values file asks for', () => {
    const objs = synthPlatform(convert(praefectValues()));
    expect(storagesOf(objs)).toEqual({ default: ['tcp://gitlab-praefect.gitlab.svc:8075', readFile('gitaly_token_praefect')] });
    expect(find(objs, 'StatefulSet', 'gitlab-gitaly-default').spec.replicas).toBe(3);
  });

  it('reads external Gitaly, with the chart token as theirs when nothing runs in the cluster', () => {
    const props = convert(withValues({ global: { gitaly: {
      enabled: false,
      authToken: { secret: 'external-gitaly-token', key: 'token' },
      tls: { enabled: true },
      external: [{ name: 'default', hostname: 'gitaly-1.internal', port: '8076' }, { name: 'plain', hostname: 'gitaly-2.internal', tlsEnabled: false }],
    } } }));
    expect(props.components?.gitaly).toEqual({
      enabled: false,
      external: {
        storages: [{ name: 'default', hostname: 'gitaly-1.internal', port: 8076, tls: true }, { name: 'plain', hostname: 'gitaly-2.internal', tls: false }],
        token: { name: 'external-gitaly-token', key: 'token' },
      },
    });
  });

  it('reads in-cluster Gitaly TLS', () => {
    expect(convert(withValues({ global: { gitaly: { tls: { enabled: true, secretName: 'gitaly-cert' } } } })).components?.gitaly).toEqual({ tls: { secretName: 'gitaly-cert' } });
  });

  it("accepts the chart's global.praefect and Service defaults while Praefect is off", () => {
    const props = convert(withValues({ global: {
      gitaly: { service: { name: 'gitaly', type: 'ClusterIP', externalPort: 8075, internalPort: 8075, tls: { externalPort: 8076, internalPort: 8076 } } },
      praefect: {
        enabled: false, ntpHost: 'pool.ntp.org', replaceInternalGitaly: true, autoMigrate: true,
        virtualStorages: [{ name: 'default', gitalyReplicas: 3, maxUnavailable: 1 }], psql: { sslMode: 'disable' }, tls: { enabled: false },
      },
    } }));
    expect(props.components?.praefect).toBeUndefined();
  });

  it('ignores Praefect settings while Praefect is off (with a warning), and refuses entries with keys it does not read', () => {
    expect(ignoredKeys(withValues({ global: { praefect: { virtualStorages: [{ name: 'cluster' }] } } }))).toContain('global.praefect.virtualStorages');
    const typo = valuesRefusal(withValues({ global: { gitaly: { enabled: false, external: [{ name: 'default', host: 'gitaly.internal' }] } } }));
    expect(typo.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['global.gitaly.external[0].host']));
  });

  it('names the values key when the typed rules refuse a setting', () => {
    const e = valuesRefusal(praefectValues({ virtualStorages: [{ name: 'default', gitalyReplicas: 1, defaultReplicationFactor: 2 }] }));
    expect(e.issues.map((i) => i.path)).toEqual(['global.praefect.virtualStorages[0].defaultReplicationFactor']);
  });
});

describe('Gitaly topologies: the production fixture is untouched', () => {
  it('still runs one in-cluster Gitaly storage with the Gitaly token only', () => {
    const objs = synthPlatform(productionProps());
    expect(storagesOf(objs)).toEqual({ default: ['tcp://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8075', undefined] });
    expect(objs.some((o) => o.metadata.labels?.app === 'praefect')).toBe(false);
  });
});
