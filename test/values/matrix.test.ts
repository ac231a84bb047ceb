import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../cli/run';
import { formatParityReport, scoreParity } from '../support/chart-parity';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec } from '../support/synth';

/**
 * A matrix of values files in the official chart's format, adapted from the chart's own examples (examples/ref,
 * examples/values-*, examples/webservice, examples/aws, ...) to external PostgreSQL, Redis and object storage.
 * Each goes through `gitlab-iac synth --values`, as a migrating Helm user runs it: it must synthesize, be valid
 * Kubernetes and meet the restricted Pod Security Standard; then the facts each file is about are checked.
 */

const MATRIX = join(__dirname, '../fixtures/values/matrix');
const FILES = readdirSync(MATRIX).filter((f) => f.endsWith('.yaml')).sort();
const CHART_RENDER = join(__dirname, '../fixtures/chart/chart-render-aws-production.yaml');
const PARITY_THRESHOLD = 0.95;

const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-matrix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rendered = new Map<string, KubeObject[]>();

/** Runs `synth --values <file>` through the CLI and returns the objects it wrote. */
async function synthFile(file: string): Promise<KubeObject[]> {
  const out = join(work, file.replace(/\.yaml$/, ''));
  const run = await runCli('synth', '--values', join(MATRIX, file), '--out', out);
  if (run.code !== 0) throw new Error(`synth --values ${file} failed:\n${run.stderr}`);
  return parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS()).filter(Boolean);
}

/** The objects of a matrix file (synthesized once). */
const objectsOf = (file: string): KubeObject[] => {
  const objects = rendered.get(file);
  if (!objects) throw new Error(`${file} was not synthesized`);
  return objects;
};

beforeAll(async () => {
  for (const file of FILES) rendered.set(file, await synthFile(file));
}, 120_000);

describe('every values file of the matrix', () => {
  it('covers the chart examples and the kinds of files users migrate with', () => {
    expect(FILES).toEqual(expect.arrayContaining([
      'ref-2k.yaml', 'ref-3k.yaml', 'ref-5k.yaml', 'ref-10k.yaml', 'ref-25k.yaml', 'ref-50k.yaml',
      'optional-features.yaml', 'external-gitaly.yaml', 'split-redis.yaml', 'minimal-ce.yaml',
      'sidekiq-pods.yaml', 'webservice-deployments.yaml', 'aws-production-tuned.yaml',
    ]));
  });

  describe.each(FILES)('%s', (file) => {
    it('synthesizes through `gitlab-iac synth --values`', () => {
      expect(objectsOf(file).length).toBeGreaterThan(30);
    });

    it.each(KUBERNETES_VERSIONS.slice(-3))('is valid on Kubernetes %s', (version) => {
      expect(validateObjects(objectsOf(file), version, VENDORED_CRDS)).toEqual([]);
    });

    it('meets the restricted Pod Security Standard', () => {
      expect(restrictedViolations(objectsOf(file))).toEqual([]);
    });
  });
});

describe('aws-production-tuned.yaml (the aws-production values with per-component knobs)', () => {
  const objects = () => objectsOf('aws-production-tuned.yaml');
  const chart = () => parseAllDocuments(readFileSync(CHART_RENDER, 'utf8')).map((d) => d.toJS()).filter(Boolean);

  it(`still covers at least ${PARITY_THRESHOLD * 100}% of the chart's render of aws-production`, () => {
    const report = scoreParity(chart(), objects());
    expect(report.coverage, formatParityReport(report)).toBeGreaterThanOrEqual(PARITY_THRESHOLD);
  });

  it('rolls webservice out with the given strategy and grace period', () => {
    const web = find(objects(), 'Deployment', 'gitlab-webservice-default');
    expect(web.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    expect(podSpec(web).terminationGracePeriodSeconds).toBe(45);
    expect(podSpec(find(objects(), 'Deployment', 'gitlab-sidekiq-all-in-1-v2')).terminationGracePeriodSeconds).toBe(60);
  });

  it('puts global and component pod labels and the component annotations on the pods', () => {
    const web = find(objects(), 'Deployment', 'gitlab-webservice-default');
    expect(web.spec.template.metadata.labels).toMatchObject({ team: 'platform', tier: 'web', app: 'webservice' });
    expect(web.spec.template.metadata.annotations['example.com/owner']).toBe('web-team');
    expect(web.spec.selector.matchLabels).not.toHaveProperty('team');
    expect(find(objects(), 'Deployment', 'gitlab-registry').spec.template.metadata.annotations['example.com/owner']).toBe('registry-team');
  });

  it('spreads pods over zones with the global soft anti-affinity', () => {
    const affinity = podSpec(find(objects(), 'Deployment', 'gitlab-webservice-default')).affinity;
    expect(affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('topology.kubernetes.io/zone');
  });

  it('adds the component ServiceAccount annotations to the global IAM role', () => {
    expect(find(objects(), 'ServiceAccount', 'gitlab-webservice').metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/gitlab', 'example.com/account': 'web',
    });
  });

  it('gives each Ingress its own body size, timeouts and annotations over the global ones', () => {
    expect(find(objects(), 'Ingress', 'gitlab-webservice-default').metadata.annotations).toMatchObject({
      'external-dns.alpha.kubernetes.io/ttl': '60',
      'nginx.ingress.kubernetes.io/proxy-body-size': '1024m',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '900',
      'nginx.ingress.kubernetes.io/proxy-connect-timeout': '30',
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
    });
    expect(find(objects(), 'Ingress', 'gitlab-kas').metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
  });

  it('labels and annotates the Gitaly volume claims', () => {
    expect(find(objects(), 'StatefulSet', 'gitlab-gitaly').spec.volumeClaimTemplates[0].metadata).toEqual({
      name: 'repo-data', labels: { tier: 'storage', app: 'gitaly', release: 'gitlab' }, annotations: { 'example.com/backup': 'daily' },
    });
  });

  it('mounts the EE license into the migrations Job where GitLab reads it', () => {
    const job = objects().find((o) => o.kind === 'Job')!;
    expect(mountsOf(container(job, 'migrations'))['/srv/gitlab/config/Gitlab.gitlab-license']).toBe('migrations-secrets');
    const sources = podSpec(job).volumes.flatMap((v: any) => v.projected?.sources ?? []);
    expect(sources).toContainEqual({ secret: { name: 'gitlab-license', items: [{ key: 'license', path: 'migrations/enterprise_license' }] } });
  });

  it('reads the shell token from the named Secret and key', () => {
    const sources = podSpec(find(objects(), 'Deployment', 'gitlab-gitlab-shell')).volumes.flatMap((v: any) => v.projected?.sources ?? []);
    expect(sources).toContainEqual({ secret: { name: 'gitlab-shell-token', items: [{ key: 'secret', path: 'shell/.gitlab_shell_secret' }] } });
  });

  it('writes the registry tuning into its config template', () => {
    const template = find(objects(), 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'];
    expect(template).toContain('  formatter: json');
    expect(template).toMatch(/storagedriver:\n {4}enabled: true\n {4}interval: 10s\n {4}threshold: 3/);
  });
});

describe('sidekiq-pods.yaml (gitlab.sidekiq.pods)', () => {
  const objects = () => objectsOf('sidekiq-pods.yaml');
  const sidekiq = (name: string) => find(objects(), 'Deployment', `gitlab-sidekiq-${name}-v2`);

  it('runs one Deployment, HPA and PDB per pod, and no all-in-1 pod', () => {
    const names = (kind: string) => objects().filter((o) => o.kind === kind && o.metadata.labels?.app === 'sidekiq').map((o) => o.metadata.name).sort();
    expect(names('Deployment')).toEqual(['gitlab-sidekiq-catchall-v2', 'gitlab-sidekiq-urgent-v2']);
    expect(names('HorizontalPodAutoscaler')).toEqual(['gitlab-sidekiq-catchall-v2', 'gitlab-sidekiq-urgent-v2']);
    expect(names('PodDisruptionBudget')).toEqual(['gitlab-sidekiq-catchall', 'gitlab-sidekiq-urgent']);
  });

  it('gives each pod its queues, concurrency and timeout', () => {
    expect(envOf(container(sidekiq('urgent'), 'sidekiq'))).toMatchObject({
      SIDEKIQ_QUEUES: 'urgent_cpu_bound,urgent_other', SIDEKIQ_CONCURRENCY: '10', SIDEKIQ_TIMEOUT: '50', GITLAB_SIDEKIQ_MAX_REPLICAS: '8',
      SIDEKIQ_MEMORY_KILLER_MAX_RSS: '3000000',
    });
    expect(envOf(container(sidekiq('catchall'), 'sidekiq'))).toMatchObject({ SIDEKIQ_QUEUES: 'default,mailers', SIDEKIQ_CONCURRENCY: '20', SIDEKIQ_TIMEOUT: '25' });
  });

  it('selects each pod by its queue-pod-name in the Deployment and PDB', () => {
    expect(sidekiq('urgent').spec.selector.matchLabels).toEqual({ app: 'sidekiq', release: 'gitlab', 'queue-pod-name': 'urgent' });
    expect(find(objects(), 'PodDisruptionBudget', 'gitlab-sidekiq-urgent').spec).toEqual({
      maxUnavailable: 2, selector: { matchLabels: { app: 'sidekiq', release: 'gitlab', 'queue-pod-name': 'urgent' } },
    });
  });

  it('scales each pod on its own HPA, over the component defaults', () => {
    expect(find(objects(), 'HorizontalPodAutoscaler', 'gitlab-sidekiq-urgent-v2').spec).toMatchObject({
      minReplicas: 2, maxReplicas: 8, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } } }],
    });
    expect(find(objects(), 'HorizontalPodAutoscaler', 'gitlab-sidekiq-catchall-v2').spec).toMatchObject({ minReplicas: 1, maxReplicas: 10 });
  });

  it('takes each pod\'s resources, placement, labels, env, grace period and strategy, else the component\'s', () => {
    const urgent = sidekiq('urgent');
    expect(container(urgent, 'sidekiq').resources).toEqual({ requests: { cpu: '1', memory: '2G' }, limits: { memory: '4G' } });
    expect(podSpec(urgent).nodeSelector).toEqual({ workload: 'sidekiq-urgent' });
    expect(podSpec(urgent).terminationGracePeriodSeconds).toBe(60);
    expect(urgent.spec.template.metadata.labels.shard).toBe('urgent');
    expect(envOf(container(urgent, 'sidekiq')).SIDEKIQ_LOG_FORMAT).toBe('text');
    const catchall = sidekiq('catchall');
    expect(container(catchall, 'sidekiq').resources).toEqual({ requests: { cpu: '900m', memory: '2G' } });
    expect(podSpec(catchall).priorityClassName).toBe('gitlab-low');
    expect(envOf(container(catchall, 'sidekiq')).SIDEKIQ_LOG_FORMAT).toBe('json');
    expect(catchall.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  });

  it('shares one ConfigMap and ServiceAccount between the pods', () => {
    expect(objects().filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'gitlab-sidekiq')).toHaveLength(1);
    for (const name of ['urgent', 'catchall']) {
      expect(podSpec(sidekiq(name)).serviceAccountName).toBe('gitlab-sidekiq');
      expect(podSpec(sidekiq(name)).volumes.find((v: any) => v.configMap)?.configMap.name).toBe('gitlab-sidekiq');
    }
  });
});

describe('webservice-deployments.yaml (gitlab.webservice.deployments)', () => {
  const objects = () => objectsOf('webservice-deployments.yaml');
  const names = (kind: string) => objects().filter((o) => o.kind === kind && o.metadata.name.startsWith('gitlab-webservice-')).map((o) => o.metadata.name).sort();

  it('runs one Deployment, Service, HPA and PDB per deployment', () => {
    const all = ['gitlab-webservice-api', 'gitlab-webservice-default', 'gitlab-webservice-internal-api'];
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) expect(names(kind), kind).toEqual(all);
    expect(objects().filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('gitlab-workhorse-')).map((o) => o.metadata.name).sort())
      .toEqual(['gitlab-workhorse-api', 'gitlab-workhorse-default', 'gitlab-workhorse-internal-api']);
  });

  it('routes each path of the GitLab host to its own Deployment, and none to the internal one', () => {
    expect(names('Ingress')).toEqual(['gitlab-webservice-api', 'gitlab-webservice-default']);
    const route = (name: string) => find(objects(), 'Ingress', name).spec.rules[0];
    expect(route('gitlab-webservice-default')).toEqual({ host: 'gitlab.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'gitlab-webservice-default', port: { number: 8181 } } } }] } });
    expect(route('gitlab-webservice-api').http.paths[0]).toMatchObject({ path: '/api', backend: { service: { name: 'gitlab-webservice-api' } } });
  });

  it('gives each Ingress its body size: the deployment\'s, else the component\'s', () => {
    const size = (name: string) => find(objects(), 'Ingress', name).metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'];
    expect(size('gitlab-webservice-default')).toBe('512m');
    expect(size('gitlab-webservice-api')).toBe('0');
  });

  it('selects each Deployment\'s pods by webservice-name in its Service and PDB', () => {
    const selector = { app: 'webservice', release: 'gitlab', 'gitlab.com/webservice-name': 'api' };
    expect(find(objects(), 'Service', 'gitlab-webservice-api').spec.selector).toEqual(selector);
    expect(find(objects(), 'PodDisruptionBudget', 'gitlab-webservice-api').spec.selector.matchLabels).toEqual(selector);
  });

  it('sizes and scales each Deployment on its own', () => {
    const puma = (name: string) => envOf(container(find(objects(), 'Deployment', `gitlab-webservice-${name}`), 'webservice'));
    expect(puma('default').WORKER_PROCESSES).toBe('2');
    expect(puma('api').WORKER_PROCESSES).toBe('1');
    expect(container(find(objects(), 'Deployment', 'gitlab-webservice-api'), 'webservice').resources).toEqual({ requests: { cpu: '300m', memory: '1.25G' } });
    expect(find(objects(), 'HorizontalPodAutoscaler', 'gitlab-webservice-api').spec).toMatchObject({ minReplicas: 1, maxReplicas: 5 });
    expect(find(objects(), 'Deployment', 'gitlab-webservice-internal-api').spec.template.metadata.labels.traffic).toBe('internal');
  });

  it('sends the other components to the internal Deployment (global.workhorse.serviceName)', () => {
    const shell = JSON.stringify(find(objects(), 'ConfigMap', 'gitlab-gitlab-shell').data);
    expect(shell).toContain('gitlab-webservice-internal-api');
    expect(shell).not.toContain('gitlab-webservice-default');
  });
});

describe('the chart\'s reference architectures (examples/ref)', () => {
  it.each(['2k', '3k', '5k', '10k', '25k', '50k'])('%s: webservice Ingress without a body size limit, migrations straight to the primary', (size) => {
    const objects = objectsOf(`ref-${size}.yaml`);
    expect(find(objects, 'Ingress', 'gitlab-webservice-default').metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('0');
    const sources = podSpec(find(objects, 'Deployment', 'gitlab-gitlab-shell')).volumes.flatMap((v: any) => v.projected?.sources ?? []);
    expect(sources).toContainEqual({ secret: { name: 'example-shell-secret', items: [{ key: 'password', path: 'shell/.gitlab_shell_secret' }] } });
    expect(objects.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'gitlab-gitaly')).toBe(false);
  });

  it('10k: the reference\'s scaling on its node pools', () => {
    const objects = objectsOf('ref-10k.yaml');
    expect(find(objects, 'HorizontalPodAutoscaler', 'gitlab-webservice-default').spec).toMatchObject({ minReplicas: 15, maxReplicas: 20 });
    expect(find(objects, 'PodDisruptionBudget', 'gitlab-webservice-default').spec.maxUnavailable).toBe(10);
    expect(podSpec(find(objects, 'Deployment', 'gitlab-sidekiq-all-in-1-v2')).nodeSelector).toEqual({ workload: 'sidekiq' });
    const job = objects.find((o) => o.kind === 'Job')!;
    expect(mountsOf(container(job, 'migrations'))['/srv/gitlab/config/Gitlab.gitlab-license']).toBe('migrations-secrets');
  });
});

describe('the other kinds of values files', () => {
  it('optional-features.yaml runs Pages, mailroom, the exporter, KAS, the registry and the backup CronJob', () => {
    const objects = objectsOf('optional-features.yaml');
    for (const name of ['gitlab-gitlab-pages', 'gitlab-mailroom', 'gitlab-gitlab-exporter', 'gitlab-kas', 'gitlab-registry']) {
      expect(objects.some((o) => o.kind === 'Deployment' && o.metadata.name === name), name).toBe(true);
    }
    expect(find(objects, 'CronJob', 'gitlab-toolbox-backup').spec.schedule).toBe('0 2 * * *');
  });

  it('external-gitaly.yaml runs no Gitaly and trusts the internal CA', () => {
    const objects = objectsOf('external-gitaly.yaml');
    expect(objects.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    const sources = podSpec(find(objects, 'Deployment', 'gitlab-webservice-default')).volumes.flatMap((v: any) => v.projected?.sources ?? []);
    expect(sources.some((s: any) => s.secret?.name === 'internal-ca-bundle')).toBe(true);
  });

  it('minimal-ce.yaml runs the CE images', () => {
    const web = find(objectsOf('minimal-ce.yaml'), 'Deployment', 'gitlab-webservice-default');
    expect(container(web, 'webservice').image).toMatch(/gitlab-webservice-ce:/);
  });

  it('aws-alb.yaml puts the hosts on an ALB with the ACM certificate, and SSH on an NLB', () => {
    const objects = objectsOf('aws-alb.yaml');
    const web = find(objects, 'Ingress', 'gitlab-webservice-default');
    expect(web.spec.ingressClassName).toBe('alb');
    expect(web.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:us-east-2:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef',
      'alb.ingress.kubernetes.io/group.name': 'gitlab',
    });
    expect(web.metadata.annotations).not.toHaveProperty('kubernetes.io/ingress.class');
    expect(find(objects, 'Service', 'gitlab-gitlab-shell').spec.type).toBe('LoadBalancer');
  });

  it('dev-minimum.yaml serves SSH on the fixed node port and sizes Workhorse', () => {
    const objects = objectsOf('dev-minimum.yaml');
    expect(find(objects, 'Service', 'gitlab-gitlab-shell').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 32022, nodePort: 32022 }] });
    expect(container(find(objects, 'Deployment', 'gitlab-webservice-default'), 'gitlab-workhorse').resources)
      .toEqual({ requests: { cpu: '10m', memory: '10M' }, limits: { memory: '100M' } });
    expect(objects.some((o) => o.metadata.name === 'gitlab-toolbox' || o.metadata.name === 'gitlab-gitlab-exporter')).toBe(false);
  });

  it('labels.yaml puts global and component pod labels on the pods, the component\'s winning', () => {
    const objects = objectsOf('labels.yaml');
    expect(find(objects, 'Deployment', 'gitlab-webservice-default').spec.template.metadata.labels)
      .toMatchObject({ environment: 'local', 'prefix/item-1': 'global', 'prefix/item-2': 'local' });
    expect(find(objects, 'Deployment', 'gitlab-sidekiq-all-in-1-v2').spec.template.metadata.labels).toMatchObject({ environment: 'global' });
    expect(objects.find((o) => o.kind === 'Job')!.spec.template.metadata.labels).toMatchObject({ environment: 'global' });
  });

  it('registry-tuned.yaml configures the registry\'s maintenance, health check, log and validation', () => {
    const template = find(objectsOf('registry-tuned.yaml'), 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'];
    expect(template).toMatch(/accesslog:\n {4}disabled: false\n {4}formatter: json/);
    expect(template).toMatch(/uploadpurging:\n {6}enabled: true\n {6}age: 168h\n {6}interval: 24h\n {6}dryrun: false/);
  });
});
