import { describe, expect, it } from 'vitest';
import { GitLabConfigError, UnsupportedValuesError } from '../../constructs';
import { awsProductionValues, convert, importWarnings, issuePaths, refusal, withValues } from './helpers';

describe('fromHelmValues: the aws-production values', () => {
  it('convert to the typed props of the same platform', () => {
    expect(convert(awsProductionValues())).toEqual({
      hosts: { domain: 'example.com' },
      edition: 'ee',
      postgres: {
        host: 'gitlab-db.abc123.us-east-1.rds.amazonaws.com',
        port: 5432,
        database: 'gitlabhq_production',
        username: 'gitlab',
        password: { name: 'gitlab-postgres-password', key: 'password' },
      },
      redis: {
        host: 'master.gitlab-redis.abc123.use1.cache.amazonaws.com',
        port: 6379,
        scheme: 'rediss',
        password: { name: 'gitlab-redis-password', key: 'password' },
      },
      objectStorage: {
        connection: { name: 'gitlab-rails-storage', key: 'connection' },
        proxyDownload: true,
        buckets: {
          artifacts: 'gl-artifacts', lfs: 'gl-lfs', uploads: 'gl-uploads', packages: 'gl-packages',
          externalDiffs: 'gl-mr-diffs', terraformState: 'gl-terraform-state', ciSecureFiles: 'gl-ci-secure-files',
          dependencyProxy: 'gl-dependency-proxy',
        },
        backupBucket: 'gl-backups',
        backupTmpBucket: 'gl-tmp',
      },
      // The chart's IngressClass when global.ingress.class is not set.
      ingress: { className: 'gitlab-nginx', tls: { secretName: 'gitlab-tls' } },
      components: {
        registry: { storage: { name: 'registry-storage', key: 'config' }, bucket: 'gl-registry' },
        toolbox: { backupS3cmdConfig: { name: 's3cmd-config', key: 'config' } },
      },
    });
  });

  it('take the release name and namespace from the options', () => {
    const props = convert(awsProductionValues(), { releaseName: 'prod', namespace: 'gitlab-prod' });
    expect(props.releaseName).toBe('prod');
    expect(props.namespace).toBe('gitlab-prod');
    expect(props.ingress?.className).toBe('prod-nginx');
  });
});

describe('fromHelmValues: the chart\'s defaults for keys the values leave out', () => {
  it('name the chart\'s PostgreSQL password Secret and key', () => {
    const props = convert(withValues({ global: { psql: { password: undefined } } }), { releaseName: 'r1' });
    expect(props.postgres.password).toEqual({ name: 'r1-postgresql-password', key: 'postgresql-password' });
  });

  it('keep the chart\'s password key when only the Secret is named', () => {
    const props = convert(withValues({ global: { psql: { password: { secret: 'pg', key: undefined } } } }));
    expect(props.postgres.password).toEqual({ name: 'pg', key: 'postgresql-password' });
  });

  it('name the chart\'s Redis Secret and key while AUTH is on (the chart\'s default)', () => {
    const props = convert(withValues({ global: { redis: { auth: undefined } } }), { releaseName: 'r1' });
    expect(props.redis.password).toEqual({ name: 'r1-redis-secret', key: 'secret' });
  });

  it('leave the Redis password out when AUTH is off', () => {
    const props = convert(withValues({ global: { redis: { auth: { enabled: false, secret: undefined, key: undefined } } } }));
    expect(props.redis.password).toBeUndefined();
  });

  it('use cert-manager with the chart\'s Issuer when no TLS Secret (and no ACME e-mail) is given', () => {
    const values = withValues({ global: { ingress: { configureCertmanager: undefined, tls: undefined } }, 'certmanager-issuer': undefined });
    const props = convert(values, { releaseName: 'r1' });
    expect(props.ingress?.tls).toEqual({ issuer: { name: 'r1-issuer', kind: 'Issuer' } });
  });

  it('serve plain HTTP when global.ingress.tls.enabled is false', () => {
    const props = convert(withValues({ global: { hosts: { https: false }, ingress: { tls: { enabled: false, secretName: undefined } } } }));
    expect(props.ingress?.tls).toBe(false);
  });

  it('turn off the object types the chart turns off by default', () => {
    const values = withValues({ global: { appConfig: { externalDiffs: undefined, terraformState: undefined, ciSecureFiles: undefined, dependencyProxy: undefined } } });
    expect(convert(values).objectStorage.disabled).toEqual(['externalDiffs', 'terraformState', 'ciSecureFiles', 'dependencyProxy']);
  });

  it('turn off an object type whose enabled flag is false, keeping its bucket (the toolbox backs it up)', () => {
    const props = convert(withValues({ global: { appConfig: { lfs: { enabled: false } } } }));
    expect(props.objectStorage.disabled).toEqual(['lfs']);
    expect(props.objectStorage.buckets?.lfs).toBe('gl-lfs');
  });
});

describe('fromHelmValues: hosts, version, images and platform settings', () => {
  it('map the host names, https switches and the SSH host and port', () => {
    const props = convert(withValues({
      global: {
        hosts: { domain: 'example.org', https: true, gitlab: { name: 'git.example.org' }, registry: { name: 'cr.example.org', https: true }, kas: { name: 'agents.example.org' }, ssh: 'ssh.example.org' },
        shell: { port: 2222 },
      },
    }));
    expect(props.hosts).toEqual({
      domain: 'example.org', https: true, gitlab: { name: 'git.example.org' }, registry: { name: 'cr.example.org', https: true },
      kas: { name: 'agents.example.org' }, ssh: { name: 'ssh.example.org', port: 2222 },
    });
  });

  it('read global.gitlabVersion with or without the leading v', () => {
    expect(convert(withValues({ global: { gitlabVersion: 'v18.9.1' } })).version).toBe('18.9.1');
    expect(convert(withValues({ global: { gitlabVersion: '18.9.1' } })).version).toBe('18.9.1');
  });

  it('apply global.image.pullPolicy to every image and read pull secrets in the chart\'s { name } form', () => {
    const props = convert(withValues({ global: { image: { pullPolicy: 'Always', pullSecrets: [{ name: 'regcred' }] } } }));
    expect(props.images?.webservice?.pullPolicy).toBe('Always');
    expect(props.images?.gitaly?.pullPolicy).toBe('Always');
    expect(Object.values(props.images ?? {}).every((i) => i?.pullPolicy === 'Always')).toBe(true);
    expect(props.imagePullSecrets).toEqual(['regcred']);
  });

  it('map the time zone, common labels and platform-wide node selector and priority class', () => {
    const props = convert(withValues({
      global: { time_zone: 'Europe/Berlin', common: { labels: { team: 'dev' } }, nodeSelector: { pool: 'gitlab' }, priorityClassName: 'high' },
    }));
    expect(props.timeZone).toBe('Europe/Berlin');
    expect(props.labels).toEqual({ team: 'dev' });
    expect(props.placement).toEqual({ nodeSelector: { pool: 'gitlab' }, priorityClassName: 'high' });
  });

  it('turn per-component ServiceAccounts off with global.serviceAccount.enabled: false', () => {
    expect(convert(withValues({ global: { serviceAccount: { enabled: false } } })).serviceAccounts).toBe(false);
  });

  it('turn an IRSA role annotation on the ServiceAccounts into objectStorage.iamRole', () => {
    const roleArn = 'arn:aws:iam::123456789012:role/gitlab';
    const props = convert(withValues({ global: { serviceAccount: { enabled: true, annotations: { 'eks.amazonaws.com/role-arn': roleArn, team: 'dev' } } } }));
    expect(props.serviceAccounts).toBe(true);
    expect(props.objectStorage.iamRole).toEqual({ roleArn });
    expect(props.components?.webservice?.serviceAccountAnnotations).toEqual({ team: 'dev' });
    expect(props.components?.gitaly?.serviceAccountAnnotations).toEqual({ team: 'dev' });
  });
});

describe('fromHelmValues: PostgreSQL', () => {
  it('map connection settings, the server CA of global.psql.ssl and a separate ci database', () => {
    const props = convert(withValues({
      global: {
        psql: {
          connectTimeout: 5, keepalives: 1, preparedStatements: false, applicationName: 'gitlab',
          ssl: { secret: 'rds-ca', serverCA: 'ca.pem' },
          ci: { database: 'gitlabhq_production_ci' },
        },
      },
    }));
    expect(props.postgres).toMatchObject({
      connectTimeout: 5, keepalives: 1, preparedStatements: false, applicationName: 'gitlab',
      tls: { rootCertificate: { name: 'rds-ca', key: 'ca.pem' } },
      ci: { database: 'gitlabhq_production_ci' },
    });
  });

  it('let ci inherit the global settings, not main\'s overrides, as the chart does', () => {
    const props = convert(withValues({ global: { psql: { main: { host: 'main.db.example.com' } } } }));
    expect(props.postgres.host).toBe('main.db.example.com');
    expect(props.postgres.ci?.host).toBe('gitlab-db.abc123.us-east-1.rds.amazonaws.com');
  });

  it('accept ports written as strings, as Helm templates do', () => {
    expect(convert(withValues({ global: { psql: { port: '5433' } } })).postgres.port).toBe(5433);
  });
});

describe('fromHelmValues: components', () => {
  it('map replicas bounds, the HPA target, resources (numbers as quantities), placement and PDB of a component', () => {
    const props = convert(withValues({
      gitlab: {
        webservice: {
          minReplicas: 3, maxReplicas: 12,
          hpa: { cpu: { targetAverageValue: 2 }, behavior: { scaleDown: { stabilizationWindowSeconds: 600 } } },
          resources: { requests: { cpu: 1, memory: '3G' }, limits: { memory: '4G' } },
          nodeSelector: { pool: 'web' },
          tolerations: [{ key: 'web', operator: 'Exists', effect: 'NoSchedule' }],
          priorityClassName: 'high',
          podLabels: { tier: 'web' },
          extraEnv: { RUBY_GC_HEAP_INIT_SLOTS: 80000 },
          maxUnavailable: 2,
          workerProcesses: 4,
          puma: { threads: { min: 2, max: 8 } },
        },
      },
    }));
    expect(props.components?.webservice).toEqual({
      autoscaling: { minReplicas: 3, maxReplicas: 12, cpu: { averageValue: '2' }, scaleDownStabilizationSeconds: 600 },
      resources: { requests: { cpu: '1', memory: '3G' }, limits: { memory: '4G' } },
      placement: { nodeSelector: { pool: 'web' }, tolerations: [{ key: 'web', operator: 'Exists', effect: 'NoSchedule' }], priorityClassName: 'high' },
      podLabels: { tier: 'web' },
      extraEnv: { RUBY_GC_HEAP_INIT_SLOTS: '80000' },
      podDisruptionBudget: { maxUnavailable: 2 },
      workerProcesses: 4,
      puma: { threadsMin: 2, threadsMax: 8 },
    });
  });

  it('read the registry\'s replicas under hpa and a Utilization target by default', () => {
    const props = convert(withValues({ registry: { hpa: { minReplicas: 3, maxReplicas: 6, cpu: { targetAverageUtilization: 60 } } } }));
    expect(props.components?.registry?.autoscaling).toEqual({ minReplicas: 3, maxReplicas: 6, cpu: { averageUtilization: 60 } });
  });

  it('follow hpa.cpu.targetType to pick the target', () => {
    const props = convert(withValues({ gitlab: { sidekiq: { hpa: { cpu: { targetType: 'Utilization', targetAverageUtilization: 70 } } } } }));
    expect(props.components?.sidekiq?.autoscaling).toEqual({ cpu: { averageUtilization: 70 } });
  });

  it('map Sidekiq, gitlab-shell, Gitaly, toolbox and migrations settings', () => {
    const props = convert(withValues({
      global: { gitaly: { internal: { names: ['default', 'storage2'] } } },
      gitlab: {
        sidekiq: { concurrency: 10, timeout: 30, memoryKiller: { maxRss: 3000000 } },
        'gitlab-shell': { sshDaemon: 'gitlab-sshd' },
        gitaly: { persistence: { size: '200Gi', storageClass: 'gp3' } },
        toolbox: { replicas: 2 },
        migrations: { activeDeadlineSeconds: 7200, backoffLimit: 2 },
      },
    }));
    expect(props.components?.sidekiq).toEqual({ concurrency: 10, timeout: 30, memoryKillerMaxRss: 3000000 });
    expect(props.components?.gitlabShell).toEqual({ sshDaemon: 'gitlab-sshd' });
    expect(props.components?.gitaly).toEqual({ storageNames: ['default', 'storage2'], persistence: { size: '200Gi', storageClass: 'gp3' } });
    expect(props.components?.toolbox).toMatchObject({ replicas: 2 });
    expect(props.components?.migrations).toEqual({ activeDeadlineSeconds: 7200, backoffLimit: 2 });
  });

  it('turn components off with the chart\'s switches (KAS with global.kas.enabled)', () => {
    const props = convert(withValues({
      global: { kas: { enabled: false } },
      gitlab: { 'gitlab-exporter': { enabled: false }, 'gitlab-shell': { enabled: false } },
    }));
    expect(props.components?.kas).toEqual({ enabled: false });
    expect(props.components?.gitlabExporter).toEqual({ enabled: false });
    expect(props.components?.gitlabShell).toEqual({ enabled: false });
  });

  it('turn the registry off when either of the chart\'s two registry switches is off', () => {
    const off = withValues({ registry: { enabled: false, storage: undefined }, global: { registry: { bucket: undefined } } });
    expect(convert(off).components?.registry).toEqual({ enabled: false });
    const railsOff = withValues({ registry: { storage: undefined }, global: { registry: { enabled: false, bucket: undefined } } });
    expect(convert(railsOff).components?.registry).toEqual({ enabled: false });
  });
});

describe('fromHelmValues: refusals', () => {
  it('list every unsupported key at once, each with what to do; a key outside the chart is only a warning', () => {
    const warnings: string[] = [];
    const e = refusal(withValues({
      global: { appConfig: { lfs: { connection: { secret: 'lfs-conn' } }, microsoft_graph_mailer: { enabled: true } }, tolerations: [{ key: 'a', operator: 'Exists' }] },
      gitlab: { kas: { keda: { enabled: true } }, sidekiq: { pods: [{ name: 'all', keda: { enabled: true } }] } },
    }), { onWarning: (line) => warnings.push(line) });
    expect(e).toBeInstanceOf(UnsupportedValuesError);
    expect(e).toBeInstanceOf(GitLabConfigError);
    expect((e as UnsupportedValuesError).keys).toEqual([
      'global.appConfig.microsoft_graph_mailer.enabled',
      'gitlab.kas.keda.enabled',
      'gitlab.sidekiq.pods[0].keda.enabled',
    ]);
    expect(e.message).toMatch(/^Unsupported Helm values \(3 keys\)/);
    expect(e.message).toContain('gitlab.kas.keda.enabled: got true; allowed: nothing: KEDA scaling is supported for webservice and Sidekiq only');
    // A type's own connection in consolidated mode is refused, as the chart refuses it.
    expect(issuePaths(e)).toContain('global.appConfig.lfs.connection');
    expect(warnings).toContain('warning: global.tolerations: not a key of the GitLab chart 9.9.1; ignored, as Helm ignores it');
    expect(e.message).toContain('typed API (GitLabPlatformProps) or a cdk8s override');
  });

  it('ignore the settings of a component that is off, as the chart does, with a warning for each', () => {
    const warnings = importWarnings(withValues({ global: { kas: { enabled: false } }, gitlab: { kas: { minReplicas: 3, resources: { requests: { cpu: '1' } } } } }));
    expect(warnings.filter((w) => w.includes(': ignored: it does nothing while kas is off')).map((w) => w.split(':')[1].trim()))
      .toEqual(['gitlab.kas.minReplicas', 'gitlab.kas.resources.requests.cpu']);
  });

  it('ignore the registry\'s settings and bucket while the registry is off, with a warning for each', () => {
    const warnings = importWarnings(withValues({ registry: { enabled: false } })).filter((w) => w.startsWith('warning:'));
    expect(warnings.map((w) => w.split(':')[1].trim())).toEqual(['registry.storage.secret', 'registry.storage.key', 'global.registry.bucket']);
  });

  it('ignore an HPA target that the chosen target type makes the chart ignore, with a warning', () => {
    const warnings = importWarnings(withValues({ gitlab: { webservice: { hpa: { cpu: { targetAverageUtilization: 80 } } } } }));
    expect(warnings.find((w) => w.includes('gitlab.webservice.hpa.cpu.targetAverageUtilization'))).toContain('set gitlab.webservice.hpa.cpu.targetType: Utilization');
  });

  it('warn of keys the chart does not have but reads elsewhere, e.g. gitlab.kas.enabled (Helm ignores them)', () => {
    const warnings = importWarnings(withValues({ gitlab: { kas: { enabled: false } } }));
    expect(warnings.find((w) => w.startsWith('warning: gitlab.kas.enabled: '))).toContain('use global.kas.enabled');
  });

  it.each([
    [{ prometheus: { install: true } }, 'notice: the chart would install Prometheus; gitlab-iac does not'],
    [{ 'nginx-ingress': { enabled: true } }, 'notice: the chart would install the NGINX ingress controller; gitlab-iac does not: install ingress-nginx (its own chart) serving the IngressClass "gitlab-nginx"'],
    [{ installCertmanager: true }, 'notice: the chart would install cert-manager; gitlab-iac does not'],
  ])('accept a cluster add-on the chart bundles, saying in one line what to install instead: %j', (patch, line) => {
    const warnings = importWarnings(withValues(patch as Record<string, any>));
    expect(warnings.filter((w) => w.startsWith(line))).toHaveLength(1);
  });

  it('say nothing of an add-on the values turn off', () => {
    const warnings = importWarnings(withValues({ prometheus: { install: false, server: { retention: '30d' } }, 'nginx-ingress': { enabled: false }, certmanager: { install: false } }));
    expect(warnings.filter((w) => /Prometheus|NGINX|cert-manager/.test(w))).toEqual([]);
  });

  it.each([
    ['postgresql.install', { postgresql: { install: true } }],
    ['redis.install', { redis: { install: true } }],
    ['global.minio.enabled', { global: { minio: { enabled: true } } }],
  ])('accept a bundled service switched on next to the external one, not installing it, with a warning: %s', (path, patch) => {
    const warnings = importWarnings(withValues(patch));
    expect(warnings.filter((w) => w.startsWith(`warning: ${path}: true next to`))).toHaveLength(1);
    expect(convert(withValues(patch)).inClusterServices).toBeUndefined();
  });

  it('refuse object storage without a consolidated connection or per-type connections', () => {
    const e = refusal(withValues({ global: { appConfig: { object_store: { enabled: false } } } }));
    expect(issuePaths(e)).toEqual(['global.appConfig.object_store.enabled']);
    expect(e.issues[0].allowed).toContain('a connection per object type');
  });

  it('refuse client-certificate TLS to PostgreSQL', () => {
    const e = refusal(withValues({ global: { psql: { ssl: { secret: 'db-ssl', serverCA: 'ca.pem', clientCertificate: 'cert.pem', clientKey: 'key.pem' } } } }));
    expect(issuePaths(e)).toEqual(['global.psql.ssl.clientCertificate', 'global.psql.ssl.clientKey']);
  });

  it('report a value of the wrong type at its values key', () => {
    const e = refusal(withValues({ global: { hosts: { https: 'yes' } } }));
    expect(e.issues).toEqual([expect.objectContaining({ path: 'global.hosts.https', allowed: 'true | false' })]);
  });

  it('report validation errors at the values key the setting came from', () => {
    const e = refusal(withValues({ global: { psql: { port: 70000 } }, gitlab: { webservice: { maxReplicas: 0 } } }));
    expect(issuePaths(e)).toEqual(['global.psql.port', 'gitlab.webservice.maxReplicas']);
    expect(e.issues.find((i) => i.path === 'global.psql.port')?.fix).toContain('typed setting: postgres.port');
  });

  it('say where to set a required setting the values lack', () => {
    const e = refusal(withValues({ global: { psql: { host: undefined } } }));
    expect(e.issues).toEqual([expect.objectContaining({ path: 'global.psql.host', fix: expect.stringContaining('remove postgresql.install: false to run PostgreSQL in the cluster') })]);
  });

  it('refuse something that is not a mapping of values', () => {
    expect(issuePaths(refusal(['global']))).toEqual(['(values)']);
  });
});

describe('fromHelmValues: empty settings', () => {
  it('ignore unread keys that are null, empty maps, lists or strings (they ask for nothing)', () => {
    const props = convert(withValues({ global: { gitaly: { external: [] }, hosts: { hostSuffix: null }, smtp: {} }, gitlab: { webservice: { priorityClassName: '' } } }));
    expect(props.hosts).toEqual({ domain: 'example.com' });
  });
});
