import { App, Chart, Testing } from 'cdk8s';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GitLabAgent, GitLabConfigError, GitLabPlatform, GitLabRunner, NamespacePartition, NamespacePartitionProps, deployTarget } from '../../constructs';
import { WebApp } from '../../examples/web-app/web-app';
import { restrictedViolations } from '../support/pod-security';
import { addClusterIntegrations } from '../../examples/cluster-integrations';
import { productionProps } from '../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../support/kube-schema';
import { kubectlBinary } from '../support/kubectl';
import { Endpoint, allows, networkPolicies, podsOf } from '../support/network-policy';
import { KubeObject } from '../support/synth';
import { ofKind, one, runnerConfig, synth } from './support';

/** The default app (examples/aws-production.ts): the platform and the cluster integrations, as one object list. */
function defaultApp(): { platform: KubeObject[]; integrations: KubeObject[] } {
  const app = Testing.app();
  const platform = new GitLabPlatform(new Chart(app, 'gitlab'), 'platform', productionProps());
  const integrations = addClusterIntegrations(app as App, platform);
  return { platform: Testing.synth(platform.node.scope as Chart) as KubeObject[], integrations: Testing.synth(integrations) as KubeObject[] };
}

const { platform, integrations } = defaultApp();
const all = [...platform, ...integrations];
const policies = networkPolicies(all);
const runner = runnerConfig(integrations, 'gitlab-runner').runner;
/** A CI job pod as the kubernetes executor creates it: the job namespace and the configured pod labels. */
const jobPod: Endpoint = { namespace: runner.kubernetes.namespace, labels: { ...runner.kubernetes.pod_labels, 'job.runner.gitlab.com/id': '1' } };
const ingressController: Endpoint = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };

describe('CI job pods (the runner\'s job namespace, partitioned by default)', () => {
  test('run in their own namespace, created with the restricted Pod Security Standard enforced', () => {
    expect(jobPod.namespace).toBe('gitlab-runner-jobs');
    expect(one(integrations, 'Namespace', 'gitlab-runner-jobs').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  test.each([80, 443])('cannot reach the cloud metadata endpoint 169.254.169.254:%i', (port) => {
    expect(allows(policies, { from: jobPod, to: { ip: '169.254.169.254' }, port })).toBe(false);
  });

  test('cannot reach any port of any platform pod', () => {
    const pods = podsOf(platform);
    expect(pods.length).toBeGreaterThan(5);
    const reachable = pods.flatMap((pod) => {
      const workload = platform.find((o) => `${o.kind}/${o.metadata.name}` === pod.workload)!;
      const spec = workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
      const ports: number[] = [...(spec.initContainers ?? []), ...spec.containers].flatMap((c: any) => (c.ports ?? []).map((p: any) => p.containerPort));
      return [...new Set(ports)].filter((port) => allows(policies, { from: jobPod, to: pod, port })).map((port) => `${pod.workload}:${port}`);
    });
    expect(reachable).toEqual([]);
  });

  test('cannot reach the runner manager nor the agent', () => {
    for (const pod of podsOf(integrations)) {
      expect(allows(policies, { from: jobPod, to: pod, port: 9252 }), pod.workload).toBe(false);
      expect(allows(policies, { from: jobPod, to: pod, port: 8080 }), pod.workload).toBe(false);
    }
  });

  test('reach the GitLab host through the ingress controller (in-cluster load balancer traffic) and on the internet', () => {
    expect(allows(policies, { from: jobPod, to: ingressController, port: 443 })).toBe(true);
    expect(allows(policies, { from: jobPod, to: { ip: '203.0.113.10' }, port: 443 })).toBe(true);
    expect(allows(policies, { from: jobPod, to: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, port: 53, protocol: 'UDP' })).toBe(true);
  });

  test('nobody connects in (a job\'s services share its pod)', () => {
    expect(allows(policies, { from: ingressController, to: jobPod, port: 8080 })).toBe(false);
    expect(allows(policies, { from: { ...jobPod, labels: { ...jobPod.labels, 'job.runner.gitlab.com/id': '2' } }, to: jobPod, port: 8080 })).toBe(false);
  });

  test('the IPv6 metadata address is carved out too', () => {
    const egress = one(integrations, 'NetworkPolicy', 'partition-egress', 'gitlab-runner-jobs').spec.egress;
    expect(egress.flatMap((r: any) => r.to.flatMap((p: any) => p.ipBlock?.except ?? []))).toEqual(['169.254.169.254/32', 'fd00:ec2::254/128']);
  });

  test('with a platform, the GitLab host is its own ingress controller\'s namespace', () => {
    const chart = Testing.chart();
    const gitlab = new GitLabPlatform(Testing.chart(), 'gitlab', productionProps({ networkPolicies: { ingressNamespace: 'nginx-system' } }));
    new GitLabRunner(chart, 'ci', { platform: gitlab, token: { name: 'runner-token' } });
    const egress = one(Testing.synth(chart) as KubeObject[], 'NetworkPolicy', 'partition-egress').spec.egress;
    expect(egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nginx-system' } } }]);
  });

  test('reviewApps: false is off', () => {
    expect(ofKind(synth((c) => new GitLabAgent(c, 'a', { kasAddress: 'wss://kas.example.com', token: { name: 't' }, rbac: { reviewApps: false } })), 'ValidatingAdmissionPolicy')).toEqual([]);
  });

  test('the quota is sized from concurrent (20 jobs)', () => {
    expect(one(integrations, 'ResourceQuota', 'partition', 'gitlab-runner-jobs').spec.hard).toMatchObject({ pods: '40', 'requests.cpu': '20', 'limits.memory': '160Gi' });
  });
});

describe('application partitions', () => {
  const app = (ns: string): Endpoint => ({ namespace: ns, labels: { 'app.kubernetes.io/name': 'web' } });

  test('the ingress controller reaches the application; pods of one environment reach each other, not another\'s', () => {
    expect(allows(policies, { from: ingressController, to: app('web-app-production'), port: 8080 })).toBe(true);
    expect(allows(policies, { from: app('web-app-production'), to: app('web-app-production'), port: 8080 })).toBe(true);
    expect(allows(policies, { from: app('web-app-staging'), to: app('web-app-production'), port: 8080 })).toBe(false);
  });

  test('applications reach neither the platform nor the metadata endpoint nor the internet by default', () => {
    expect(allows(policies, { from: app('web-app-production'), to: { ip: '169.254.169.254' }, port: 80 })).toBe(false);
    expect(allows(policies, { from: app('web-app-production'), to: { ip: '203.0.113.10' }, port: 443 })).toBe(false);
    for (const pod of podsOf(platform)) expect(allows(policies, { from: app('web-app-production'), to: pod, port: 8181 }), pod.workload).toBe(false);
  });

  test('the agent\'s impersonated identity is bound in the application\'s namespaces only, without Secrets', () => {
    const bindings = [...ofKind(all, 'RoleBinding'), ...ofKind(all, 'ClusterRoleBinding')]
      .filter((b) => b.subjects.some((s: any) => s.name === 'gitlab-agent:production:web-app'));
    expect(bindings.map((b) => `${b.kind}/${b.metadata.namespace}`).sort()).toEqual(['RoleBinding/web-app-production', 'RoleBinding/web-app-staging']);
    const role = one(all, 'Role', 'partition-deploy', 'web-app-production');
    expect(role.rules.flatMap((r: any) => r.resources)).not.toContain('secrets');
    expect(role.rules.flatMap((r: any) => r.resources)).not.toContain('networkpolicies');
  });
});

describe('least privilege: every Role and ClusterRole of the default synth and of every preset', () => {
  const presets = synth((chart) => {
    new GitLabAgent(chart, 'all-presets', {
      kasAddress: 'wss://kas.example.com', token: { name: 'agent-token' },
      rbac: { namespaces: ['apps'], flux: { namespaces: ['flux-system'], gitRepositories: ['platform'] }, reviewApps: true, existingClusterRole: 'view' },
      configFile: { ciAccess: { projects: [{ id: 'group/app', accessAs: 'ci_job' }] }, userAccess: { accessAs: 'user', projects: ['group/app'] } },
    });
    new GitLabRunner(chart, 'runner', { gitlabUrl: 'https://gitlab.example.com', token: { name: 'runner-token' } });
    new NamespacePartition(chart, 'app', { namespace: 'app', purpose: 'application', deployers: [{ kind: 'Group', name: 'deployers' }] });
  });
  const roles = [...ofKind(all, 'Role'), ...ofKind(all, 'ClusterRole'), ...ofKind(presets, 'Role'), ...ofKind(presets, 'ClusterRole')];
  /** The kubernetes executor creates per-job Secrets (registry credentials) with generated names, in the job namespace only. */
  const executorRoles = [runner.kubernetes.namespace, 'runner-jobs'];
  const isExecutor = (r: KubeObject) => r.kind === 'Role' && executorRoles.includes(r.metadata.namespace!) && ['gitlab-runner', 'runner'].includes(r.metadata.name);

  test('there is something to scan', () => {
    expect(roles.length).toBeGreaterThan(8);
  });

  test('Secrets only by name; the one exception is the runner executor\'s Role in the job namespace', () => {
    const offenders = roles.filter((r) => !isExecutor(r)).flatMap((r) => (r.rules ?? [])
      .filter((rule: any) => rule.apiGroups.includes('') && (rule.resources.includes('secrets') || rule.resources.includes('*')) && !rule.resourceNames?.length)
      .map(() => `${r.kind} ${r.metadata.namespace ?? ''}/${r.metadata.name}`));
    expect(offenders).toEqual([]);
    expect(roles.filter(isExecutor).every((r) => r.metadata.namespace !== 'gitlab' && r.metadata.namespace !== 'flux-system')).toBe(true);
  });

  test('no wildcard verbs or resources', () => {
    expect(roles.flatMap((r) => (r.rules ?? []).filter((x: any) => x.verbs.includes('*') || x.resources.includes('*')).map(() => r.metadata.name))).toEqual([]);
  });

  test('namespace deletion only by identities an admission policy confines to a prefix', () => {
    const policies = [...ofKind(all, 'ValidatingAdmissionPolicy'), ...ofKind(presets, 'ValidatingAdmissionPolicy')];
    const bindings = [...ofKind(all, 'ClusterRoleBinding'), ...ofKind(presets, 'ClusterRoleBinding')];
    const deleters = roles.filter((r) => (r.rules ?? []).some((x: any) => x.resources.includes('namespaces') && x.verbs.includes('delete')));
    expect(deleters.length).toBeGreaterThan(0);
    for (const role of deleters) {
      expect(role.kind).toBe('ClusterRole');
      const subjects = bindings.filter((b) => b.roleRef.name === role.metadata.name).flatMap((b) => b.subjects);
      expect(subjects.length).toBeGreaterThan(0);
      for (const s of subjects) {
        expect(s.kind).toBe('User');
        const policy = policies.find((p) => p.spec.matchConditions.some((c: any) => c.expression === `request.userInfo.username == '${s.name}'`));
        expect(policy, `no admission policy for ${s.name}`).toBeDefined();
        expect(policy!.spec.validations[0].expression).toContain(".startsWith('review-')");
      }
    }
  });
});

describe('NamespacePartition', () => {
  const partition = (p: Partial<NamespacePartitionProps>) => synth((chart) => new NamespacePartition(chart, 'p', { namespace: 'team-a', purpose: 'application', ...p }));

  test('a Review App partition leaves the namespace to the pipeline and allows no internet egress', () => {
    const objects = partition({ namespace: 'review-mr-1', purpose: 'review-app' });
    expect(ofKind(objects, 'Namespace')).toEqual([]);
    expect(objects.every((o) => o.metadata.namespace === 'review-mr-1')).toBe(true);
    expect(JSON.stringify(ofKind(objects, 'NetworkPolicy'))).not.toContain('0.0.0.0/0');
  });

  test('sized defaults, overridable', () => {
    const objects = partition({ quota: { pods: 7 }, limits: { max: { cpu: '1', memory: '1Gi' } } });
    expect(one(objects, 'ResourceQuota').spec.hard).toMatchObject({ pods: '7', 'requests.cpu': '8', 'services.loadbalancers': '0' });
    expect(one(objects, 'LimitRange').spec.limits[0]).toMatchObject({ type: 'Container', max: { cpu: '1', memory: '1Gi' }, default: { cpu: '1', memory: '1Gi' } });
  });

  test('internet egress with blocked ranges keeps the metadata endpoint out', () => {
    const egress = one(partition({ network: { internet: true, blockedCidrs: ['10.0.0.0/16', 'fd12::/48'], internetPorts: [443] } }), 'NetworkPolicy', 'partition-egress').spec.egress[0];
    expect(egress.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.0.0.0/16'] } },
      { ipBlock: { cidr: '::/0', except: ['fd00:ec2::254/128', 'fd12::/48'] } },
    ]);
  });

  test('bad settings: one error listing each', () => {
    let error: GitLabConfigError | undefined;
    try {
      partition({ purpose: 'tenant' as never, quota: { cpuRequests: 'lots' }, network: { blockedCidrs: ['10.0.0.0'] }, deployers: [{ kind: 'ServiceAccount', name: 'ci' }] });
    } catch (e) { error = e as GitLabConfigError; }
    expect(error).toBeInstanceOf(GitLabConfigError);
    expect(error!.issues.map((i) => i.path).sort()).toEqual([
      'NamespacePartition(p).deployers[0]', 'NamespacePartition(p).network.blockedCidrs[0]', 'NamespacePartition(p).purpose', 'NamespacePartition(p).quota.cpuRequests',
    ]);
  });

  test.each(KUBERNETES_VERSIONS)('every purpose validates strictly on Kubernetes %s', (version) => {
    const objects = synth((chart) => {
      for (const purpose of ['ci-jobs', 'review-app', 'application'] as const) {
        new NamespacePartition(chart, purpose, { namespace: purpose, purpose, createNamespace: true, deployers: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 's', namespace: 'x' }] });
      }
    });
    expect(validateObjects(objects, version)).toEqual([]);
  });
});

describe('the example application (examples/web-app)', () => {
  const webApp = (env: Record<string, string>) => {
    const app = Testing.app();
    return Testing.synth(new WebApp(app, 'web-app', { target: deployTarget({ defaultNamespace: 'web-app', env }), host: 'web.example.com' })) as KubeObject[];
  };
  const review = webApp({ DEPLOY_NAMESPACE: 'review-mr-7', REVIEW_APP: 'true' });

  test('every object lands in DEPLOY_NAMESPACE; a Review App carries its partition (no Namespace object)', () => {
    expect(new Set(review.map((o) => o.metadata.namespace))).toEqual(new Set(['review-mr-7']));
    expect(ofKind(review, 'ResourceQuota').length).toBe(1);
    expect(ofKind(review, 'Namespace')).toEqual([]);
    expect(ofKind(webApp({ DEPLOY_NAMESPACE: 'web-app-production' }), 'ResourceQuota')).toEqual([]);
  });

  test('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(review)).toEqual([]);
  });

  test.each(KUBERNETES_VERSIONS)('validates strictly on Kubernetes %s', (version) => {
    expect(validateObjects(review, version)).toEqual([]);
  });

  test('a DEPLOY_NAMESPACE that is no namespace name is refused', () => {
    expect(() => webApp({ DEPLOY_NAMESPACE: 'Review_MR' })).toThrow(/DEPLOY_NAMESPACE: got "Review_MR"/);
  });
});

describe('pull-based path: the directory the Flux Kustomization points at', () => {
  test('builds with kubectl kustomize (offline, real kubectl) into the platform\'s objects', () => {
    const out = mkdtempSync(join(tmpdir(), 'default-app-'));
    try {
      const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, '..', '..', 'examples', 'aws-production.ts')], {
        env: { ...process.env, OUTDIR: out, DEPLOY_NAMESPACE: '', REVIEW_APP: '' }, encoding: 'utf8', timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const path = one(integrations, 'Kustomization').spec.path as string;
      expect(path).toBe('./dist');
      const build = spawnSync(kubectlBinary('1.35'), ['kustomize', out], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(build.status, build.stderr).toBe(0);
      const built = parseAllDocuments(build.stdout).map((d) => d.toJSON() as KubeObject);
      const synthesized = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJSON() as KubeObject).filter(Boolean);
      const ids = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
      expect(ids(built)).toEqual(ids(synthesized));
      expect(built.some((o) => o.kind === 'Kustomization' || o.kind === 'GitRepository')).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the platform\'s synth refuses to be deployed as a Review App', () => {
    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, '..', '..', 'examples', 'aws-production.ts')], {
      env: { ...process.env, OUTDIR: join(tmpdir(), 'never-written'), DEPLOY_NAMESPACE: 'review-mr-42', REVIEW_APP: 'true' }, encoding: 'utf8', timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('REVIEW_APP: got "true" (DEPLOY_NAMESPACE "review-mr-42"); allowed: no Review App: the GitLab platform is not deployed per merge request');
  });
});
