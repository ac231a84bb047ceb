/**
 * The import of per-type object storage, backup backends, monitors, KEDA, probe timings and pod extras: each changes
 * the output the way it changes the chart 9.9.1's render (`helm template` of the aws-production values with the
 * same keys; the expected sections and objects below are read from those renders).
 */
import { describe, expect, it } from 'vitest';
import { parseErbYaml } from '../support/erb';
import { container, find, KubeObject, podSpec, synthPlatform } from '../support/synth';
import { convert, importWarnings, issuePaths, refusal, withValues } from './helpers';

const synth = (values: Record<string, any>) => synthPlatform(convert(values));
const gitlabYml = (objects: KubeObject[]) => parseErbYaml(find(objects, 'ConfigMap', 'gitlab-webservice').data['gitlab.yml.erb']);
const erb = (type: string) => `<%= YAML.load_file("/etc/gitlab/objectstorage/${type}").to_json %>`;

const PER_TYPE = {
  global: {
    appConfig: {
      object_store: { enabled: false, connection: undefined, proxy_download: undefined },
      artifacts: { proxy_download: false, connection: { secret: 's3-artifacts', key: 'conn' } },
      lfs: { connection: { secret: 's3-shared' } },
      uploads: { connection: { secret: 's3-shared' } },
      packages: { connection: { secret: 's3-shared' } },
      externalDiffs: { connection: { secret: 's3-shared' } },
      terraformState: { connection: { secret: 's3-shared' } },
      ciSecureFiles: { connection: { secret: 's3-shared' } },
      dependencyProxy: { enabled: false },
    },
  },
};

describe('import: per-type object storage (object_store.enabled: false, global.appConfig.<type>.connection)', () => {
  const objects = synth(withValues(PER_TYPE));

  it('writes each type\'s object_store with its connection, as the chart\'s render', () => {
    const doc = gitlabYml(objects);
    const p = doc.doc.production;
    expect(p.object_store).toBeUndefined();
    expect({ ...p.artifacts.object_store, connection: doc.erb(p.artifacts.object_store.connection) })
      .toEqual({ enabled: true, remote_directory: 'gl-artifacts', proxy_download: false, connection: erb('artifacts') });
    expect({ ...p.terraform_state.object_store, connection: doc.erb(p.terraform_state.object_store.connection) })
      .toEqual({ enabled: true, remote_directory: 'gl-terraform-state', proxy_download: true, connection: erb('terraform_state') });
    expect(p.dependency_proxy.object_store).toEqual({ enabled: false, remote_directory: 'gl-dependency-proxy', proxy_download: true });
  });

  it('mounts the type connections and gives Workhorse none', () => {
    const web = find(objects, 'Deployment', 'gitlab-webservice-default');
    const items = podSpec(web).volumes.find((v: any) => v.name === 'init-webservice-secrets').projected.sources
      .flatMap((s: any) => (s.secret?.items ?? []).map((i: any) => `${s.secret.name}/${i.key}->${i.path}`));
    expect(items).toContain('s3-artifacts/conn->objectstorage/artifacts');
    expect(items).toContain('s3-shared/connection->objectstorage/ci_secure_files');
    expect(items.some((i: string) => i.endsWith('objectstorage/object_store'))).toBe(false);
    expect(find(objects, 'ConfigMap', 'gitlab-workhorse-default').data['workhorse-config.toml.tpl']).not.toContain('object_storage');
  });

  it('refuses a type connection in consolidated mode, as the chart\'s check does', () => {
    const e = refusal(withValues({ global: { appConfig: { lfs: { connection: { secret: 'x' } } } } }));
    expect(issuePaths(e)).toEqual(['global.appConfig.lfs.connection']);
  });

  it('ignores the Pages connection in consolidated mode with a warning, as the chart renders Pages from the consolidated one', () => {
    const warnings = importWarnings(withValues({ global: { pages: { objectStore: { connection: { secret: 'x', key: 'y' } } } } }));
    expect(warnings.filter((w) => w.includes('global.pages.objectStore.connection'))).toHaveLength(2);
  });

  it('ignores the consolidated connection in per-type mode with a warning (the chart does not read it)', () => {
    const warnings = importWarnings(withValues({ ...PER_TYPE, global: { ...PER_TYPE.global, appConfig: { ...PER_TYPE.global.appConfig, object_store: { enabled: false } } } }));
    expect(warnings.filter((w) => w.includes('global.appConfig.object_store.connection'))).toHaveLength(2);
  });
});

describe('import: consolidated object storage settings', () => {
  it('keeps a type\'s own proxy_download (the chart\'s true) under objects when object_store.proxy_download is false', () => {
    const p = gitlabYml(synth(withValues({ global: { appConfig: { object_store: { proxy_download: false } } } }))).doc.production;
    expect(p.object_store.proxy_download).toBe(false);
    expect(p.object_store.objects.artifacts).toEqual({ bucket: 'gl-artifacts', proxy_download: true });
  });

  it('passes storage_options (S3 encryption) to Rails', () => {
    const p = gitlabYml(synth(withValues({ global: { appConfig: { object_store: { storage_options: { server_side_encryption: 'aws:kms', server_side_encryption_kms_key_id: 'alias/gitlab' } } } } }))).doc.production;
    expect(p.object_store.storage_options).toEqual({ server_side_encryption: 'aws:kms', server_side_encryption_kms_key_id: 'alias/gitlab' });
  });
});

describe('import: toolbox backups to gcs and azure', () => {
  it('gcs: gsutil from the service account key, as the chart', () => {
    const objects = synth(withValues({ gitlab: { toolbox: { backups: { objectStorage: { backend: 'gcs', config: { secret: 'gcs-backup', key: 'creds', gcpProject: 'my-proj-123' } } } } } }));
    const c = container(find(objects, 'Deployment', 'gitlab-toolbox'), 'toolbox');
    expect(c.args[2]).toBe('sh /var/opt/gitlab/templates/configure-gsutil && while sleep 3600; do :; done');
    expect(c.env).toContainEqual({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/etc/gitlab/objectstorage/creds' });
    expect(c.env).toContainEqual({ name: 'BACKUP_BACKEND', value: 'gcs' });
  });

  it('azure: the azcopy configuration in AZURE_CONFIG_FILE, as the chart', () => {
    const objects = synth(withValues({ gitlab: { toolbox: { backups: { objectStorage: { backend: 'azure', config: { secret: 'azure-backup', key: 'creds' } } } } } }));
    const c = container(find(objects, 'Deployment', 'gitlab-toolbox'), 'toolbox');
    expect(c.args[2]).toBe('while sleep 3600; do :; done');
    expect(c.env).toContainEqual({ name: 'AZURE_CONFIG_FILE', value: '/etc/gitlab/objectstorage/azure_config' });
  });
});

describe('import: metrics.serviceMonitor / podMonitor', () => {
  const objects = synth(withValues({
    gitlab: {
      webservice: { metrics: { serviceMonitor: { enabled: true, additionalLabels: { release: 'prom' }, endpointConfig: { interval: '30s' } } }, workhorse: { metrics: { enabled: true, serviceMonitor: { enabled: true } } } },
      sidekiq: { metrics: { podMonitor: { enabled: true } } },
      gitaly: { metrics: { serviceMonitor: { enabled: true } } },
      'gitlab-shell': { sshDaemon: 'gitlab-sshd', metrics: { enabled: true, serviceMonitor: { enabled: true } } },
      kas: { metrics: { podMonitor: { enabled: true } } },
      'gitlab-exporter': { metrics: { serviceMonitor: { enabled: true } } },
    },
    registry: { metrics: { enabled: true, serviceMonitor: { enabled: true } } },
  }));

  it('creates the monitors the chart renders, with its names, kinds and endpoints', () => {
    const got = objects.filter((o) => o.apiVersion === 'monitoring.coreos.com/v1').map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(got).toEqual([
      'PodMonitor/gitlab-kas', 'PodMonitor/gitlab-sidekiq', 'ServiceMonitor/gitlab-gitaly', 'ServiceMonitor/gitlab-gitlab-exporter',
      'ServiceMonitor/gitlab-gitlab-shell', 'ServiceMonitor/gitlab-registry', 'ServiceMonitor/gitlab-webservice', 'ServiceMonitor/gitlab-webservice-workhorse',
    ]);
    const web = find(objects, 'ServiceMonitor', 'gitlab-webservice');
    expect(web.spec.endpoints).toEqual([{ port: 'http-metrics-ws', path: '/metrics', interval: '30s' }]);
    expect(web.metadata.labels?.release).toBe('prom');
  });

  it('serves the registry\'s metrics without a monitor when registry.metrics.enabled asks for them', () => {
    expect(convert(withValues({ registry: { metrics: { enabled: true } } })).components?.registry?.metrics).toBe(true);
  });

  it('refuses endpointConfig keys without a typed counterpart', () => {
    expect(issuePaths(refusal(withValues({ gitlab: { gitaly: { metrics: { serviceMonitor: { enabled: true, endpointConfig: { bearerTokenFile: '/x' } } } } } }))))
      .toEqual(['gitlab.gitaly.metrics.serviceMonitor.endpointConfig.bearerTokenFile']);
  });
});

describe('import: keda', () => {
  it('replaces the HPAs of webservice and Sidekiq by the chart\'s ScaledObjects', () => {
    const objects = synth(withValues({
      gitlab: {
        webservice: { keda: { enabled: true } },
        sidekiq: { keda: { enabled: true, fallback: { failureThreshold: 3, replicas: 4 }, hpaName: 'sk-hpa', triggers: [{ type: 'prometheus', metadata: { serverAddress: 'http://prom:9090', query: 'sum(x)', threshold: '10' } }] } },
      },
    }));
    expect(find(objects, 'ScaledObject', 'gitlab-webservice-default').spec.triggers).toEqual([{ type: 'cpu', metricType: 'AverageValue', metadata: { value: '1' } }]);
    expect(find(objects, 'ScaledObject', 'gitlab-sidekiq-all-in-1-v2').spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 10, fallback: { failureThreshold: 3, replicas: 4 } });
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'gitlab-webservice-default')).toBe(false);
  });

  it('follows global.keda.enabled', () => {
    const objects = synth(withValues({ global: { keda: { enabled: true } } }));
    expect(objects.filter((o) => o.kind === 'ScaledObject').map((o) => o.metadata.name).sort()).toEqual(['gitlab-sidekiq-all-in-1-v2', 'gitlab-webservice-default']);
  });
});

describe('import: probe timings and pod extras', () => {
  it('sets the main container\'s probe timings from deployment.livenessProbe and friends', () => {
    const objects = synth(withValues({ gitlab: { webservice: { deployment: { livenessProbe: { timeoutSeconds: 45 } } }, sidekiq: { readinessProbe: { periodSeconds: 20 } } } }));
    expect(container(find(objects, 'Deployment', 'gitlab-webservice-default'), 'webservice').livenessProbe.timeoutSeconds).toBe(45);
    expect(container(find(objects, 'Deployment', 'gitlab-sidekiq-all-in-1-v2'), 'sidekiq').readinessProbe.periodSeconds).toBe(20);
  });

  it('reads extraVolumes / extraVolumeMounts / extraContainers as the YAML text the chart passes through tpl', () => {
    const objects = synth(withValues({
      gitlab: {
        webservice: {
          extraVolumes: '- name: corp-ca\n  configMap:\n    name: corp-ca\n',
          extraVolumeMounts: '- name: corp-ca\n  mountPath: /etc/corp-ca\n  readOnly: true\n',
          extraContainers: '- name: sidecar\n  image: busybox:1.36\n  args: ["sleep", "infinity"]\n',
        },
      },
    }));
    const spec = podSpec(find(objects, 'Deployment', 'gitlab-webservice-default'));
    expect(spec.volumes).toContainEqual({ name: 'corp-ca', configMap: { name: 'corp-ca' } });
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'corp-ca', mountPath: '/etc/corp-ca', readOnly: true });
    expect(spec.containers.at(-1).name).toBe('sidecar');
  });

  it('refuses template expressions and hostPath volumes', () => {
    expect(issuePaths(refusal(withValues({ gitlab: { sidekiq: { extraVolumes: '- name: x\n  configMap:\n    name: {{ .Release.Name }}\n' } } })))).toEqual(['gitlab.sidekiq.extraVolumes']);
    expect(issuePaths(refusal(withValues({ gitlab: { sidekiq: { extraVolumes: '- name: x\n  hostPath:\n    path: /var\n' } } })))).toEqual(['gitlab.sidekiq.extraVolumes[0].hostPath']);
  });
});

describe('import: Kubernetes-style affinity', () => {
  it('is ignored with a warning, as the chart reads only the shorthand keys of affinity', () => {
    const values = withValues({ gitlab: { sidekiq: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone' }] } } } } });
    const warnings = importWarnings(values);
    expect(warnings.filter((w) => w.includes('gitlab.sidekiq.affinity.podAffinity') && w.includes('components.sidekiq.placement.affinity'))).toHaveLength(1);
    expect(podSpec(find(synth(values), 'Deployment', 'gitlab-sidekiq-all-in-1-v2')).affinity.podAffinity).toBeUndefined();
  });
});
