/**
 * Object storage in the chart's two modes. The expected documents and mounts are the chart 9.9.1's, read from
 * `helm template` of the production values with `global.appConfig.object_store.enabled: false` and a
 * `connection` per type (artifacts on its own Secret and key with `proxy_download: false`, the others sharing one;
 * the dependency proxy off), and with `gitlab.toolbox.backups.objectStorage.backend` gcs and azure.
 */
import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps, ObjectStorageConfig, ToolboxOptions } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { parseErbYaml } from '../../support/erb';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, synthPlatform } from '../../support/synth';
import { configIssues } from '../optional/fixtures';
import { projectedFiles } from './projection';

const shared = { name: 's3-shared' };
const artifacts = { name: 's3-artifacts', key: 'conn' };

function withStorage(os: Partial<ObjectStorageConfig>, toolbox: ToolboxOptions = {}, rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps {
  const base = productionProps();
  const { connection: _, ...buckets } = base.objectStorage;
  return productionProps({
    ...rest,
    objectStorage: { ...buckets, ...os },
    components: { ...base.components, ...rest.components, toolbox: { ...base.components!.toolbox, ...toolbox } },
  });
}

/** The chart's per-type values: one Secret per type, artifacts on its own. */
const PER_TYPE = withStorage({
  connections: {
    artifacts, lfs: shared, uploads: shared, packages: shared, externalDiffs: shared, terraformState: shared, ciSecureFiles: shared,
  },
  proxyDownloads: { artifacts: false },
  disabled: ['dependencyProxy'],
});
const perType = synthPlatform(PER_TYPE);

const gitlabYml = (objects: KubeObject[], configMap: string) => parseErbYaml(find(objects, 'ConfigMap', configMap).data['gitlab.yml.erb']);
const connectionOf = (type: string) => `<%= YAML.load_file("/etc/gitlab/objectstorage/${type}").to_json %>`;
const typeStore = (bucket: string, type: string, proxy = true) => ({
  enabled: true, remote_directory: bucket, proxy_download: proxy, connection: connectionOf(type),
});

/** The chart's per-type sections of gitlab.yml (webservice, sidekiq and toolbox). */
const CHART_PER_TYPE_SECTIONS = {
  artifacts: { enabled: true, object_store: typeStore('gl-artifacts', 'artifacts', false) },
  lfs: { enabled: true, object_store: typeStore('gl-lfs', 'lfs') },
  uploads: { enabled: true, object_store: typeStore('gl-uploads', 'uploads') },
  packages: { enabled: true, object_store: typeStore('gl-packages', 'packages') },
  external_diffs: { enabled: true, when: null, object_store: typeStore('gl-mr-diffs', 'external_diffs') },
  terraform_state: { enabled: true, object_store: typeStore('gl-terraform-state', 'terraform_state') },
  ci_secure_files: { enabled: true, object_store: typeStore('gl-ci-secure-files', 'ci_secure_files') },
  dependency_proxy: { enabled: false, object_store: { enabled: false, remote_directory: 'gl-dependency-proxy', proxy_download: true } },
};

/** The chart's per-type secret mounts of every Rails pod. */
const CHART_PER_TYPE_FILES = {
  'objectstorage/artifacts': 's3-artifacts/conn',
  'objectstorage/lfs': 's3-shared/connection',
  'objectstorage/uploads': 's3-shared/connection',
  'objectstorage/packages': 's3-shared/connection',
  'objectstorage/external_diffs': 's3-shared/connection',
  'objectstorage/terraform_state': 's3-shared/connection',
  'objectstorage/ci_secure_files': 's3-shared/connection',
};

function withErb(doc: ReturnType<typeof parseErbYaml>, section: unknown): unknown {
  return JSON.parse(JSON.stringify(section, (_, v) => (typeof v === 'string' && /ERB\d+/.test(v) ? doc.erb(v) : v)));
}

describe('per-type object storage (global.appConfig.<type>.connection)', () => {
  for (const pod of ['gitlab-webservice', 'gitlab-sidekiq', 'gitlab-toolbox']) {
    it(`gives each type its own object_store section and connection in ${pod}'s gitlab.yml, as the chart does`, () => {
      const doc = gitlabYml(perType, pod);
      const production = doc.doc.production;
      expect(production.object_store).toBeUndefined();
      for (const [key, expected] of Object.entries(CHART_PER_TYPE_SECTIONS)) {
        expect(withErb(doc, production[key]), key).toEqual(expected);
      }
    });
  }

  it('writes Pages\' own object_store (no proxy_download) between its settings and local_store', () => {
    const doc = gitlabYml(perType, 'gitlab-webservice');
    const pages = doc.doc.production.pages;
    expect(pages.object_store).toEqual({ enabled: true, remote_directory: 'gitlab-pages' });
    const keys = Object.keys(pages);
    expect(keys.indexOf('object_store')).toBe(keys.indexOf('local_store') - 1);
  });

  it('gives the migrations Job the per-type sections without the dependency proxy (as the chart)', () => {
    const job = perType.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('gitlab-migrations'))!;
    const cm = job.spec.template.spec.volumes.find((v: any) => v.configMap).configMap.name;
    const doc = gitlabYml(perType, cm);
    expect(doc.doc.production.object_store).toBeUndefined();
    expect(doc.doc.production.dependency_proxy).toBeUndefined();
    expect(withErb(doc, doc.doc.production.artifacts)).toEqual(CHART_PER_TYPE_SECTIONS.artifacts);
  });

  it('mounts each type\'s connection Secret at objectstorage/<type> in every Rails pod, and no consolidated one', () => {
    const pods = [
      find(perType, 'Deployment', 'gitlab-webservice-default'),
      perType.find((o) => o.kind === 'Deployment' && o.metadata.name.startsWith('gitlab-sidekiq'))!,
      find(perType, 'Deployment', 'gitlab-toolbox'),
      perType.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('gitlab-migrations'))!,
    ];
    for (const pod of pods) {
      const volume = pod.spec.template.spec.volumes.find((v: any) => v.name.startsWith('init-') && v.projected).name;
      const files = projectedFiles(pod, volume);
      const storage = Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith('objectstorage/') && p !== 'objectstorage/.s3cfg'));
      expect(storage, pod.metadata.name).toEqual(CHART_PER_TYPE_FILES);
    }
  });

  it('gives Workhorse no storage credentials (Rails hands it pre-signed URLs), as the chart does', () => {
    const data = find(perType, 'ConfigMap', 'gitlab-workhorse-default').data;
    expect(data['workhorse-config.toml.tpl']).not.toContain('object_storage');
    expect(data.configure).not.toContain('objectstorage');
    const consolidated = find(synthPlatform(productionProps()), 'ConfigMap', 'gitlab-workhorse-default').data;
    expect(consolidated['workhorse-config.toml.tpl']).toContain('[object_storage]');
    expect(consolidated.configure).toContain('objectstorage/object_store');
  });

  it('uses `connection` for every type without one of its own', () => {
    const objects = synthPlatform(withStorage({ connection: shared, connections: { artifacts } }));
    const files = projectedFiles(find(objects, 'Deployment', 'gitlab-webservice-default'), 'init-webservice-secrets');
    expect(files['objectstorage/artifacts']).toBe('s3-artifacts/conn');
    expect(files['objectstorage/lfs']).toBe('s3-shared/connection');
    expect(files['objectstorage/dependency_proxy']).toBe('s3-shared/connection');
    expect(files['objectstorage/pages']).toBe('s3-shared/connection');
    expect(files['objectstorage/object_store']).toBeUndefined();
  });

  it('refuses per-type mode with enabled types that have no connection, naming them', () => {
    const issues = configIssues(withStorage({ connections: { artifacts } }));
    expect(issues).toEqual([expect.objectContaining({ path: 'objectStorage.connections' })]);
    expect(issues[0].value).toContain('lfs');
    expect(issues[0].value).not.toContain('pages');
    expect(issues[0].fix).toContain('connections.lfs');
  });

  it('needs Pages\' connection only while Pages runs', () => {
    const all = { artifacts, lfs: shared, uploads: shared, packages: shared, externalDiffs: shared, terraformState: shared, ciSecureFiles: shared, dependencyProxy: shared };
    const issues = configIssues(withStorage({ connections: all }, {}, { components: { gitlabPages: { enabled: true } } }));
    expect(issues.map((i) => [i.path, i.value])).toEqual([['objectStorage.connections', '"pages"']]);
  });

  it('refuses object storage without any connection', () => {
    expect(configIssues(withStorage({})).map((i) => i.path)).toEqual(['objectStorage.connection']);
  });

  it('is schema-valid on every Kubernetes version and PSS-restricted', () => {
    for (const v of KUBERNETES_VERSIONS) expect(validateObjects(perType, v), v).toEqual([]);
    expect(restrictedViolations(perType)).toEqual([]);
  });
});

describe('consolidated object storage settings', () => {
  it('repeats a type\'s own proxy_download under objects and asks S3 for server-side encryption', () => {
    const objects = synthPlatform(withStorage({
      connection: shared, proxyDownload: false, proxyDownloads: { lfs: true },
      storageOptions: { serverSideEncryption: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd' },
    }));
    const store = gitlabYml(objects, 'gitlab-webservice').doc.production.object_store;
    expect(store.proxy_download).toBe(false);
    expect(store.storage_options).toEqual({ server_side_encryption: 'aws:kms', server_side_encryption_kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/abcd' });
    expect(store.objects.lfs).toEqual({ bucket: 'gl-lfs', proxy_download: true });
    expect(store.objects.artifacts).toEqual({ bucket: 'gl-artifacts', proxy_download: false });
    expect(store.objects.terraform_state).toEqual({ bucket: 'gl-terraform-state' });
  });

  it('refuses an unknown encryption', () => {
    const issues = configIssues(withStorage({ connection: shared, storageOptions: { serverSideEncryption: 'rot13' as 'AES256' } }));
    expect(issues.map((i) => i.path)).toEqual(['objectStorage.storageOptions.serverSideEncryption']);
  });
});

describe('toolbox backups to gcs and azure (gitlab.toolbox.backups.objectStorage.backend)', () => {
  const noS3 = { backupS3cmdConfig: undefined };
  const gcs = synthPlatform(withStorage({ connection: shared }, {
    ...noS3, backupBackend: 'gcs', backupConfig: { name: 'gcs-backup', key: 'creds' }, backupGcpProject: 'my-proj-123', backups: {},
  }));
  const azure = synthPlatform(withStorage({ connection: shared }, {
    ...noS3, backupBackend: 'azure', backupConfig: { name: 'azure-backup', key: 'creds' }, backups: {},
  }));
  const podsOf = (objects: KubeObject[]) => [
    { kind: 'Deployment', obj: find(objects, 'Deployment', 'gitlab-toolbox'), container: 'toolbox', volume: 'init-toolbox-secrets' },
    { kind: 'CronJob', obj: find(objects, 'CronJob', 'gitlab-toolbox-backup'), container: 'toolbox-backup', volume: 'init-toolbox-secrets' },
  ];
  const specOf = (o: KubeObject) => (o.kind === 'CronJob' ? { spec: { template: o.spec.jobTemplate.spec.template } } as unknown as KubeObject : o);

  it('gcs: sets gsutil up from the service account key, as the chart does', () => {
    for (const p of podsOf(gcs)) {
      const c = container(specOf(p.obj), p.container);
      const env = envOf(c);
      expect(env.BACKUP_BACKEND).toBe('gcs');
      expect(env.GOOGLE_APPLICATION_CREDENTIALS).toBe('/etc/gitlab/objectstorage/creds');
      expect(c.args[2]).toMatch(/^sh \/var\/opt\/gitlab\/templates\/configure-gsutil && /);
      expect(projectedFiles(specOf(p.obj), p.volume)['objectstorage/creds']).toBe('gcs-backup/creds');
      expect(projectedFiles(specOf(p.obj), p.volume)['objectstorage/.s3cfg']).toBeUndefined();
    }
    const script = find(gcs, 'ConfigMap', 'gitlab-toolbox').data['configure-gsutil'];
    expect(script).toContain('gsutil config -e');
    expect(script).toContain("'my-proj-123'");
    expect(script).toContain('service_account = default');
  });

  it('gcs without a key falls back to the pod\'s workload identity', () => {
    const objects = synthPlatform(withStorage({ connection: shared }, { ...noS3, backupBackend: 'gcs', backups: {} }));
    const env = envOf(container(find(objects, 'Deployment', 'gitlab-toolbox'), 'toolbox'));
    expect(env.GOOGLE_APPLICATION_CREDENTIALS).toBe('/etc/gitlab/objectstorage/config');
    expect(Object.keys(projectedFiles(find(objects, 'Deployment', 'gitlab-toolbox'), 'init-toolbox-secrets')).filter((k) => k.startsWith('objectstorage/'))).toEqual(['objectstorage/object_store']);
  });

  it('azure: names the azcopy configuration in AZURE_CONFIG_FILE and runs backup-utility as is', () => {
    for (const p of podsOf(azure)) {
      const c = container(specOf(p.obj), p.container);
      expect(envOf(c)).toMatchObject({ BACKUP_BACKEND: 'azure', AZURE_CONFIG_FILE: '/etc/gitlab/objectstorage/azure_config' });
      expect(projectedFiles(specOf(p.obj), p.volume)['objectstorage/azure_config']).toBe('azure-backup/creds');
    }
    expect(container(find(azure, 'Deployment', 'gitlab-toolbox'), 'toolbox').args[2]).toBe('while sleep 3600; do :; done');
    expect(container(specOf(find(azure, 'CronJob', 'gitlab-toolbox-backup')), 'toolbox-backup').args[2]).toBe('backup-utility');
    expect(find(azure, 'ConfigMap', 'gitlab-toolbox').data['configure-gsutil']).toBeUndefined();
  });

  it('refuses settings of another backend, and azure without its configuration', () => {
    const s3cmd = { name: 's3cmd-config' };
    expect(configIssues(withStorage({ connection: shared }, { backupBackend: 'azure', backupS3cmdConfig: s3cmd })).map((i) => i.path))
      .toEqual(['components.toolbox.backupS3cmdConfig', 'components.toolbox.backupConfig']);
    expect(configIssues(withStorage({ connection: shared }, { backupConfig: { name: 'x' } })).map((i) => i.path))
      .toEqual(['components.toolbox.backupConfig']);
    expect(configIssues(withStorage({ connection: shared }, { ...noS3, backupBackend: 'gcs', backupConfig: { name: 'k' } })).map((i) => i.path))
      .toEqual(['components.toolbox.backupGcpProject']);
    expect(configIssues(withStorage({ connection: shared }, { backupGcpProject: 'my-proj-123' })).map((i) => i.path))
      .toEqual(['components.toolbox.backupGcpProject']);
  });

  it('is schema-valid on every Kubernetes version and PSS-restricted', () => {
    for (const objects of [gcs, azure]) {
      for (const v of KUBERNETES_VERSIONS) expect(validateObjects(objects, v), v).toEqual([]);
      expect(restrictedViolations(objects)).toEqual([]);
    }
  });
});
