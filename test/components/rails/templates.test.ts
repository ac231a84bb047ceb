import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ComponentsConfig, GitLabPlatformProps } from '../../../constructs';
import { hasRuby, parseErbYaml, renderErbWithRuby } from '../../support/erb';
import { productionProps } from '../../support/fixtures';
import { find, KubeObject, synthPlatform } from '../../support/synth';

/** The production fixture with extra component settings merged in. */
const withComponents = (components: ComponentsConfig, rest: Partial<GitLabPlatformProps> = {}) => {
  const base = productionProps();
  return productionProps({ ...rest, components: { ...base.components, ...components } });
};

const production = synthPlatform(productionProps());
const configMap = (objects: KubeObject[], name: string): Record<string, string> => find(objects, 'ConfigMap', name).data;
const gitlabYml = (objects: KubeObject[], name: string) => parseErbYaml(configMap(objects, name)['gitlab.yml.erb']);
const prod = (objects: KubeObject[], name: string) => gitlabYml(objects, name).doc.production;

const RAILS_CONFIG_MAPS = ['gitlab-webservice', 'gitlab-sidekiq', 'gitlab-toolbox', 'gitlab-migrations'];

describe('gitlab.yml.erb', () => {
  it('serves the GitLab host over https', () => {
    const g = prod(production, 'gitlab-webservice').gitlab;
    expect(g).toMatchObject({ host: 'gitlab.example.com', https: true, time_zone: 'UTC' });
    // As in the chart: no ssh_host unless one is set (Rails uses the host), trusted_proxies written empty.
    expect(g).not.toHaveProperty('ssh_host');
    expect(g.trusted_proxies).toBeNull();
  });

  it('follows hosts.https: false and the SSH host and port users clone from', () => {
    const objects = synthPlatform(productionProps({
      hosts: { domain: 'example.com', https: false, ssh: { name: 'ssh.example.com', port: 2222 } },
      ingress: { tls: false },
    }));
    const p = prod(objects, 'gitlab-webservice');
    expect(p.gitlab).toMatchObject({ https: false, ssh_host: 'ssh.example.com' });
    expect(p.gitlab_shell.ssh_port).toBe(2222);
  });

  it('caps requests at 95% of the Puma worker timeout, rounded up', () => {
    const objects = synthPlatform(withComponents({ webservice: { puma: { workerTimeout: 61 } } }));
    expect(prod(objects, 'gitlab-webservice').gitlab.max_request_duration_seconds).toBe(58);
    expect(prod(production, 'gitlab-webservice').gitlab.max_request_duration_seconds).toBe(57);
  });

  it('reads the object storage connection from the secret file and lists a bucket for every object type', () => {
    const { doc, erb } = gitlabYml(production, 'gitlab-webservice');
    const os = doc.production.object_store;
    expect(os.enabled).toBe(true);
    expect(os.proxy_download).toBe(true);
    expect(erb(os.connection)).toContain('YAML.load_file("/etc/gitlab/objectstorage/object_store")');
    // The chart repeats proxy_download for the types whose settings carry it.
    expect(os.objects).toEqual({
      artifacts: { bucket: 'gl-artifacts', proxy_download: true }, lfs: { bucket: 'gl-lfs', proxy_download: true },
      uploads: { bucket: 'gl-uploads', proxy_download: true }, packages: { bucket: 'gl-packages', proxy_download: true },
      external_diffs: { bucket: 'gl-mr-diffs', proxy_download: true }, terraform_state: { bucket: 'gl-terraform-state' },
      dependency_proxy: { bucket: 'gl-dependency-proxy', proxy_download: true },
      ci_secure_files: { bucket: 'gl-ci-secure-files' }, pages: { bucket: 'gitlab-pages' },
    });
  });

  it('turns every object type on, and a disabled type off with no bucket', () => {
    const on = prod(production, 'gitlab-webservice');
    for (const key of ['artifacts', 'lfs', 'uploads', 'packages', 'external_diffs', 'terraform_state', 'ci_secure_files', 'dependency_proxy']) {
      expect(on[key], key).toEqual(key === 'external_diffs' ? { enabled: true, when: null } : { enabled: true });
    }
    const base = productionProps();
    const objects = synthPlatform(productionProps({ objectStorage: { ...base.objectStorage, disabled: ['dependencyProxy'] } }));
    const off = prod(objects, 'gitlab-webservice');
    expect(off.dependency_proxy).toEqual({ enabled: false });
    expect(off.object_store.objects.dependency_proxy).toBeUndefined();
  });

  it('follows proxyDownload', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({ objectStorage: { ...base.objectStorage, proxyDownload: false } }));
    const os = prod(objects, 'gitlab-webservice').object_store;
    expect(os.proxy_download).toBe(false);
    expect(os.objects.artifacts.proxy_download).toBe(false);
  });

  it('reads the Gitaly token from its secret file and addresses every Gitaly storage', () => {
    const objects = synthPlatform(withComponents({ gitaly: { storageNames: ['default', 'second'] } }));
    for (const name of RAILS_CONFIG_MAPS) {
      const { doc, erb } = gitlabYml(objects, name);
      expect(erb(doc.production.gitaly.token), name).toContain('File.read("/etc/gitlab/gitaly/gitaly_token")');
      expect(doc.production.repositories.storages, name).toEqual({
        default: { path: '/var/opt/gitlab/repo', gitaly_address: 'tcp://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8075' },
        second: { path: '/var/opt/gitlab/repo', gitaly_address: 'tcp://gitlab-gitaly-1.gitlab-gitaly.gitlab.svc:8075' },
      });
    }
  });

  it('connects Rails to KAS while KAS is on, and drops the block when it is off', () => {
    expect(prod(production, 'gitlab-webservice').gitlab_kas).toEqual({
      enabled: true,
      secret_file: '/etc/gitlab/kas/.gitlab_kas_secret',
      external_url: 'wss://kas.example.com',
      internal_url: 'grpc://gitlab-kas.gitlab.svc:8153',
    });
    const objects = synthPlatform(withComponents({ kas: { enabled: false } }));
    for (const name of ['gitlab-webservice', 'gitlab-sidekiq', 'gitlab-toolbox']) {
      expect(prod(objects, name).gitlab_kas, name).toBeUndefined();
    }
  });

  it('connects Rails to the registry while it is on, and switches the block off when it is off', () => {
    const { doc, erb } = gitlabYml(production, 'gitlab-webservice');
    const r = doc.production.registry;
    expect(r).toMatchObject({
      enabled: true, host: 'registry.example.com', api_url: 'http://gitlab-registry.gitlab.svc:5000',
      key: '/etc/gitlab/registry/gitlab-registry.key', issuer: 'gitlab-issuer',
    });
    expect(erb(r.notification_secret)).toContain('/etc/gitlab/registry/notificationSecret');
    const objects = synthPlatform(withComponents({ registry: { enabled: false } }));
    for (const name of ['gitlab-webservice', 'gitlab-sidekiq', 'gitlab-toolbox']) {
      const { doc: off, erb: offErb } = gitlabYml(objects, name);
      expect(off.production.registry, name).toMatchObject({ enabled: false, host: 'registry.example.com' });
      // The registry's secrets are not mounted then: the notification secret is read only if present.
      expect(offErb(off.production.registry.notification_secret), name).toContain('File.exist?("/etc/gitlab/registry/notificationSecret")');
    }
  });

  it('gives the shell secret to webservice and toolbox but not sidekiq, and the workhorse secret to webservice only', () => {
    expect(prod(production, 'gitlab-webservice').gitlab_shell.secret_file).toBe('/etc/gitlab/shell/.gitlab_shell_secret');
    expect(prod(production, 'gitlab-toolbox').gitlab_shell.secret_file).toBe('/etc/gitlab/shell/.gitlab_shell_secret');
    expect(prod(production, 'gitlab-sidekiq').gitlab_shell.secret_file).toBeUndefined();
    expect(prod(production, 'gitlab-webservice').workhorse).toEqual({ secret_file: '/etc/gitlab/gitlab-workhorse/secret' });
    expect(prod(production, 'gitlab-sidekiq').workhorse).toBeNull();
    expect(prod(production, 'gitlab-toolbox').workhorse).toBeNull();
  });

  it('opens monitoring to the network on webservice (kubelet probes) and keeps it on loopback elsewhere', () => {
    const web = prod(production, 'gitlab-webservice').monitoring;
    expect(web.ip_whitelist).toEqual(['0.0.0.0/0', '::/0']);
    expect(web.web_exporter).toEqual({ enabled: true, address: '0.0.0.0', port: 8083 });
    const sidekiq = prod(production, 'gitlab-sidekiq').monitoring;
    expect(sidekiq.ip_whitelist).toEqual(['127.0.0.0/8', '::1/128']);
    expect(sidekiq.sidekiq_exporter).toMatchObject({ enabled: true, port: 3807 });
    expect(sidekiq.sidekiq_health_checks).toMatchObject({ enabled: true, port: 3808 });
    expect(prod(production, 'gitlab-toolbox').monitoring).toEqual({ ip_whitelist: ['127.0.0.0/8'], sidekiq_exporter: null });
  });

  it('gives the migrations Job only what migrations and the first-run seed need', () => {
    expect(Object.keys(prod(production, 'gitlab-migrations'))).toEqual([
      'gitlab', 'object_store', 'artifacts', 'lfs', 'uploads', 'packages', 'external_diffs', 'terraform_state',
      'ci_secure_files', 'gitaly', 'repositories', 'sidekiq', 'oidc_provider', 'gravatar',
    ]);
    expect(prod(production, 'gitlab-migrations').gitlab).toEqual({ host: 'gitlab.example.com', https: true });
  });
});

describe('database.yml.erb', () => {
  const db = (objects: KubeObject[], name = 'gitlab-webservice') => parseErbYaml(configMap(objects, name)['database.yml.erb']);

  it('has main and ci connections, each password read from its own secret file', () => {
    const { doc, erb } = db(production);
    for (const [name, file] of [['main', 'psql-password-main'], ['ci', 'psql-password-ci']]) {
      const c = doc.production[name];
      expect(c, name).toMatchObject({
        adapter: 'postgresql', encoding: 'unicode', database: 'gitlabhq_production', username: 'gitlab',
        host: 'gitlab-db.abc123.us-east-1.rds.amazonaws.com', port: 5432, application_name: null, prepared_statements: false,
      });
      expect(erb(c.password)).toBe(`<%= File.read("/etc/gitlab/postgres/${file}").strip.to_json %>`);
    }
  });

  it('runs schema tasks only on main while ci shares its database', () => {
    const { doc } = db(production);
    expect(doc.production.main.database_tasks).toBe(true);
    expect(doc.production.ci.database_tasks).toBe(false);
  });

  it('runs schema tasks on a separate ci database', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({ postgres: { ...base.postgres, ci: { database: 'gitlabhq_ci' } } }));
    const { doc } = db(objects);
    expect(doc.production.ci).toMatchObject({ database: 'gitlabhq_ci', database_tasks: true });
  });

  it('verifies the server against the trust store when a root certificate is given', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({
      postgres: { ...base.postgres, tls: { mode: 'verify-full', rootCertificate: { name: 'rds-ca', key: 'ca.pem' } } },
    }));
    const { doc } = db(objects);
    expect(doc.production.main).toMatchObject({ sslmode: 'verify-full', sslrootcert: '/etc/ssl/certs/ca-certificates.crt' });
    expect(db(production).doc.production.main.sslmode).toBeUndefined();
  });

  it('is the same in every Rails pod', () => {
    const texts = RAILS_CONFIG_MAPS.map((name) => configMap(production, name)['database.yml.erb']);
    expect(new Set(texts).size).toBe(1);
  });
});

describe('Redis templates', () => {
  it('build the URL with the URL-encoded password read at render time', () => {
    const data = configMap(production, 'gitlab-webservice');
    for (const key of ['resque.yml.erb', 'cable.yml.erb', 'redis.action_cable.yml.erb']) {
      const { doc, erb } = parseErbYaml(data[key]);
      expect(erb(doc.production.url), key).toBe('rediss://:<%= ERB::Util.url_encode(File.read("/etc/gitlab/redis/redis-password").strip) %>'
        + '@master.gitlab-redis.abc123.use1.cache.amazonaws.com:6379/0');
    }
    expect(parse(data['cable.yml.erb'].replace(/<%=[\s\S]*?%>/g, 'x')).production.adapter).toBe('redis');
  });

  it('carry no credentials when Redis AUTH is off', () => {
    const objects = synthPlatform(productionProps({ redis: { host: 'redis.internal' } }));
    const { doc, expressions } = parseErbYaml(configMap(objects, 'gitlab-sidekiq')['resque.yml.erb']);
    expect(doc.production.url).toBe('redis://redis.internal:6379/0');
    expect(expressions).toEqual([]);
  });
});

describe('Rails ConfigMaps', () => {
  it('hold the templates each pod renders, and the files mounted as they are', () => {
    const common = ['cable.yml.erb', 'configure', 'database.yml.erb', 'gitlab.yml.erb', 'redis.action_cable.yml.erb', 'resque.yml.erb'];
    const full = [...common, 'krb5.conf', 'session_store.yml.erb', 'smtp_settings.rb'];
    expect(Object.keys(configMap(production, 'gitlab-webservice')).sort()).toEqual([...full, 'installation_type'].sort());
    expect(Object.keys(configMap(production, 'gitlab-sidekiq')).sort()).toEqual([...full, 'installation_type'].sort());
    expect(Object.keys(configMap(production, 'gitlab-toolbox')).sort()).toEqual(full.sort());
    expect(Object.keys(configMap(production, 'gitlab-migrations')).sort()).toEqual([...common, 'installation_type'].sort());
  });

  it('mark the installation as the chart does', () => {
    expect(configMap(production, 'gitlab-webservice').installation_type).toBe('gitlab-helm-chart\n');
  });
});

describe('configure scripts', () => {
  const requiredOf = (script: string) => script.match(/^for secret in (.*); do\n {2}mkdir/m)?.[1].split(' ');

  it('require the secret folders each pod cannot start without', () => {
    expect(requiredOf(configMap(production, 'gitlab-webservice').configure)).toEqual(['shell', 'gitaly', 'registry', 'rails-secrets', 'gitlab-workhorse']);
    expect(requiredOf(configMap(production, 'gitlab-sidekiq').configure)).toEqual(['gitaly', 'registry', 'rails-secrets']);
    expect(requiredOf(configMap(production, 'gitlab-toolbox').configure)).toEqual(['shell', 'gitaly', 'registry', 'rails-secrets']);
    expect(requiredOf(configMap(production, 'gitlab-migrations').configure)).toEqual(['rails-secrets', 'migrations', 'gitaly']);
  });

  it('stop requiring registry secrets when the registry is off', () => {
    const objects = synthPlatform(withComponents({ registry: { enabled: false } }));
    expect(requiredOf(configMap(objects, 'gitlab-webservice').configure)).not.toContain('registry');
  });

  it('move the toolbox s3cmd configuration to /etc/gitlab/.s3cfg', () => {
    const script = configMap(production, 'gitlab-toolbox').configure;
    expect(script).toContain('mv "${secret_dir}/objectstorage/.s3cfg" "${secret_dir}/.s3cfg"');
  });
});

describe.skipIf(!hasRuby)('rendered with Ruby ERB, as the images do', () => {
  const secrets = {
    'postgres/psql-password-main': 'p@ss"w\\ord\'\n',
    'postgres/psql-password-ci': 'p@ss"w\\ord\'\n',
    'redis/redis-password': 'r:d/s p@ss#%\n',
    'gitaly/gitaly_token': 'gitaly-token\n',
    'objectstorage/object_store': 'provider: AWS\nregion: us-east-1\nuse_iam_profile: true\n',
    'registry/notificationSecret': '["notify-secret"]\n',
  };

  it('every ERB template of every Rails ConfigMap renders to valid YAML', () => {
    const templates = new Map<string, string>(); // text -> first place it appears (identical texts render once)
    for (const name of RAILS_CONFIG_MAPS) {
      for (const [key, text] of Object.entries(configMap(production, name))) {
        if (key.endsWith('.erb') && !templates.has(text)) templates.set(text, `${name}/${key}`);
      }
    }
    for (const [text, where] of templates) expect(() => parse(renderErbWithRuby(text, secrets)), where).not.toThrow();
  });

  it('puts secret values in intact, whatever characters they hold', () => {
    const data = configMap(production, 'gitlab-webservice');
    const db = parse(renderErbWithRuby(data['database.yml.erb'], secrets)).production;
    expect(db.main.password).toBe('p@ss"w\\ord\'');
    const url = new URL(parse(renderErbWithRuby(data['resque.yml.erb'], secrets)).production.url);
    expect(decodeURIComponent(url.password)).toBe('r:d/s p@ss#%');
    const gitlab = parse(renderErbWithRuby(data['gitlab.yml.erb'], secrets)).production;
    expect(gitlab.gitaly.token).toBe('gitaly-token');
    expect(gitlab.object_store.connection).toEqual({ provider: 'AWS', region: 'us-east-1', use_iam_profile: true });
    expect(gitlab.registry.notification_secret).toBe('notify-secret');
  });
});
