import { Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { GitLabAgent, GitLabAgentProps, GitLabConfigError, agentConfigFile } from '../../constructs';
import { KUBERNETES_VERSIONS, validateObjects } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';
import { container, envOf, mountsOf, podSpec } from '../support/synth';
import { ofKind, one, rulesOf, synth, synthYaml, testPlatform } from './support';

const TOKEN = { name: 'gitlab-agent-token' };
const props = (extra: Partial<GitLabAgentProps> = {}): GitLabAgentProps => ({ platform: testPlatform(), token: TOKEN, ...extra });
const agent = (extra: Partial<GitLabAgentProps> = {}, id = 'production') => synth((chart) => new GitLabAgent(chart, id, props(extra)));
const agentk = (objects = agent()) => container(one(objects, 'Deployment'), 'gitlab-agent');
const error = (fn: () => unknown): GitLabConfigError => {
  try { fn(); } catch (e) { if (e instanceof GitLabConfigError) return e; throw e; }
  throw new Error('expected a GitLabConfigError');
};
const clusterRefs = (objects: any[]) => ofKind(objects, 'ClusterRoleBinding').map((b) => b.roleRef.name).sort();

describe('agentk Deployment (the chart contract)', () => {
  test('two replicas, rolling one at a time without losing capacity', () => {
    const d = one(agent(), 'Deployment');
    expect(d.metadata).toMatchObject({ name: 'production', namespace: 'gitlab-agent' });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  });

  test('connects to the platform\'s KAS (wss://kas.<domain>) with the token file', () => {
    expect(agentk().args).toEqual(['--token-file=/etc/agentk/secrets/token', '--kas-address=wss://kas.example.com']);
  });

  test('an explicit kasAddress wins; KAS headers are passed as --kas-header pairs', () => {
    const args = agentk(agent({ kasAddress: 'wss://gitlab.example.org/-/kubernetes-agent/', kasHeaders: ['X-Proxy: yes'] })).args;
    expect(args).toEqual(['--token-file=/etc/agentk/secrets/token', '--kas-address=wss://gitlab.example.org/-/kubernetes-agent/', '--kas-header', 'X-Proxy: yes']);
  });

  test('runs agentk of the platform\'s GitLab version', () => {
    expect(agentk().image).toBe('registry.gitlab.com/gitlab-org/cluster-integration/gitlab-agent/agentk:v18.9.1');
    expect(agentk(agent({ version: '18.10.0' })).image).toMatch(/:v18\.10\.0$/);
  });

  test('env: pod namespace, name and ServiceAccount from the downward API (agentk refuses to start without them), OCS off', () => {
    const env = agentk().env;
    expect(env.slice(0, 3)).toEqual([
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'SERVICE_ACCOUNT_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
    ]);
    expect(envOf(agentk())).toMatchObject({ OCS_ENABLED: 'false' });
  });

  test('GOMAXPROCS/GOMEMLIMIT follow limits when set; proxies go through extraEnv', () => {
    const env = agentk(agent({ resources: { limits: { cpu: '1', memory: '512Mi' } }, extraEnv: { HTTPS_PROXY: 'http://proxy:3128' } })).env;
    expect(env).toContainEqual({ name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } });
    expect(env).toContainEqual({ name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } });
    expect(env).toContainEqual({ name: 'HTTPS_PROXY', value: 'http://proxy:3128' });
  });

  test('mounts the token Secret and a short-lived projected ServiceAccount token, no automounted one', () => {
    const objects = agent();
    expect(mountsOf(agentk(objects))).toEqual({
      '/var/run/secrets/kubernetes.io/serviceaccount': 'service-account-token-volume',
      '/etc/agentk/secrets': 'secret-volume',
    });
    const spec = podSpec(one(objects, 'Deployment'));
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.serviceAccountName).toBe('production');
    const volumes = Object.fromEntries(spec.volumes.map((v: any) => [v.name, v]));
    expect(volumes['secret-volume'].secret).toEqual({ secretName: 'gitlab-agent-token', items: [{ key: 'token', path: 'token' }], defaultMode: 0o440 });
    expect(volumes['service-account-token-volume'].projected.sources).toEqual([
      { configMap: { name: 'kube-root-ca.crt' } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      { serviceAccountToken: { expirationSeconds: 3600, path: 'token' } },
    ]);
  });

  test('observability port 8080 with the chart\'s liveness and readiness probes', () => {
    const c = agentk();
    expect(c.ports).toEqual([{ name: 'observability', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/liveness', port: 8080 }, initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/readiness', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(c.terminationMessagePolicy).toBe('FallbackToLogsOnError');
  });

  test('restricted security context with a read-only root filesystem', () => {
    expect(agentk().securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    expect(restrictedViolations(agent({ rbac: { namespaces: ['apps'] } }))).toEqual([]);
  });

  test('a PodDisruptionBudget keeps one replica up', () => {
    expect(one(agent(), 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(ofKind(agent({ replicas: 1 }), 'PodDisruptionBudget')).toEqual([]);
  });

  test('kubeContext names the context CI jobs select', () => {
    const a = new GitLabAgent(Testing.chart(), 'production', props({ configProject: 'platform/cluster-management' }));
    expect(a.kubeContext).toBe('platform/cluster-management:production');
  });
});

describe('leader election', () => {
  test('a Role in the agent namespace for its Lease and election events, bound to the agent', () => {
    const objects = agent();
    const role = one(objects, 'Role', 'production', 'gitlab-agent');
    expect(rulesOf(role)).toEqual(['coordination.k8s.io leases: create,get,update', 'core events: create,patch']);
    const binding = one(objects, 'RoleBinding', 'production', 'gitlab-agent');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'production' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'production', namespace: 'gitlab-agent' }]);
  });
});

describe('RBAC presets', () => {
  test('by default: no cluster-wide grant at all (the official chart would bind cluster-admin)', () => {
    const objects = agent();
    expect(ofKind(objects, 'ClusterRoleBinding')).toEqual([]);
    expect(ofKind(objects, 'ClusterRole')).toEqual([]);
  });

  test('cluster-admin only when written out as clusterAdmin: true', () => {
    const binding = one(agent({ rbac: { clusterAdmin: true } }), 'ClusterRoleBinding');
    expect(binding.metadata.name).toBe('gitlab-agent:production-cluster-admin');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'production', namespace: 'gitlab-agent' }]);
  });

  test('"deploy into these namespaces": a Role and RoleBinding per namespace, nothing cluster-wide', () => {
    const objects = agent({ rbac: { namespaces: ['apps', 'apps-staging'] } });
    for (const ns of ['apps', 'apps-staging']) {
      const role = one(objects, 'Role', 'production-deploy', ns);
      expect(rulesOf(role)).toEqual([
        'apps daemonsets: create,delete,get,list,patch,update,watch',
        'apps deployments: create,delete,get,list,patch,update,watch',
        'apps replicasets: get,list,watch',
        'apps statefulsets: create,delete,get,list,patch,update,watch',
        'autoscaling horizontalpodautoscalers: create,delete,get,list,patch,update,watch',
        'batch cronjobs: create,delete,get,list,patch,update,watch',
        'batch jobs: create,delete,get,list,patch,update,watch',
        'core configmaps: create,delete,get,list,patch,update,watch',
        'core endpoints: get,list,watch',
        'core events: get,list,watch',
        'core persistentvolumeclaims: create,delete,get,list,patch,update,watch',
        'core pods/log: get,list,watch',
        'core pods: get,list,watch',
        'core serviceaccounts: create,delete,get,list,patch,update,watch',
        'core services: create,delete,get,list,patch,update,watch',
        'networking.k8s.io ingresses: create,delete,get,list,patch,update,watch',
        'networking.k8s.io networkpolicies: create,delete,get,list,patch,update,watch',
        'policy poddisruptionbudgets: create,delete,get,list,patch,update,watch',
      ]);
      expect(one(objects, 'RoleBinding', 'production-deploy', ns).roleRef.name).toBe('production-deploy');
    }
    expect(ofKind(objects, 'ClusterRoleBinding')).toEqual([]);
  });

  test('an operator-managed ClusterRole can be bound by name', () => {
    expect(clusterRefs(agent({ rbac: { existingClusterRole: 'gitlab-agent-restricted' } }))).toEqual(['gitlab-agent-restricted']);
  });

  test('impersonation for ci_access follows the configuration file (ci_job mode)', () => {
    const objects = agent({ configFile: { ciAccess: { projects: [{ id: 'group/app', accessAs: 'ci_job' }] } } });
    const role = one(objects, 'ClusterRole', 'gitlab-agent:production-impersonate');
    const rules = rulesOf(role);
    expect(rules).toContain('core users: impersonate');
    expect(rules).toContain('core groups: impersonate');
    expect(rules).toContain('core serviceaccounts: impersonate');
    expect(rules).toContain('authentication.k8s.io userextras/agent.gitlab.com/ci_job_id: impersonate');
    expect(rules.every((r) => r.endsWith(': impersonate'))).toBe(true);
    expect(clusterRefs(objects)).toEqual(['gitlab-agent:production-impersonate']);
  });

  test('a fixed impersonation adds its extra keys and uids', () => {
    const rules = rulesOf(one(agent({
      configFile: { ciAccess: { groups: [{ id: 'group', accessAs: { impersonate: { username: 'deployer', uid: '42', extra: [{ key: 'team', val: ['a'] }] } } }] } },
    }), 'ClusterRole'));
    expect(rules).toContain('authentication.k8s.io userextras/team: impersonate');
    expect(rules).toContain('authentication.k8s.io uids: impersonate');
  });

  test('no impersonation when CI jobs act as the agent', () => {
    expect(ofKind(agent({ configFile: { ciAccess: { projects: [{ id: 'group/app' }] } } }), 'ClusterRole')).toEqual([]);
  });

  test('the Flux module reads sources cluster-wide, manages Receivers only in the listed namespaces, and only its own Secrets by name', () => {
    const objects = agent({ rbac: { flux: { namespaces: ['flux-system'], gitRepositories: ['gitlab-platform'] } } });
    expect(rulesOf(one(objects, 'ClusterRole', 'gitlab-agent:production-flux'))).toEqual([
      'apiextensions.k8s.io customresourcedefinitions: get,list',
      'notification.toolkit.fluxcd.io receivers: get,list,watch',
      'source.toolkit.fluxcd.io gitrepositories: get,list,watch',
    ]);
    const role = one(objects, 'Role', 'production-flux', 'flux-system');
    expect(rulesOf(role)).toEqual([
      'core secrets: create,get,patch,update',
      'notification.toolkit.fluxcd.io receivers: create,get,patch,update',
    ]);
    expect(role.rules.find((r: any) => r.resources.includes('secrets')).resourceNames).toEqual(['gitlab-gitlab-platform']);
    expect(rulesOf(one(agent({ rbac: { flux: { namespaces: ['flux-system'] } } }), 'Role', 'production-flux'))).toEqual([
      'notification.toolkit.fluxcd.io receivers: create,get,patch,update',
    ]);
  });

  test('Review Apps: an impersonated identity may create and delete namespaces, confined to the prefix by an admission policy', () => {
    const objects = agent({ rbac: { reviewApps: { namespacePrefix: 'mr-' } } });
    const rules = rulesOf(one(objects, 'ClusterRole', 'gitlab-agent:production-review-apps'));
    expect(rules).toContain('core namespaces: create,delete,get,list,patch');
    expect(rules).toContain('apps deployments: create,delete,get,list,patch,update,watch');
    expect(rules.some((r) => r.startsWith('rbac.authorization.k8s.io') || r.startsWith('core secrets'))).toBe(false);
    expect(one(objects, 'ClusterRoleBinding', 'gitlab-agent:production-review-apps').subjects)
      .toEqual([{ kind: 'User', name: 'gitlab-agent:production:review-apps', apiGroup: 'rbac.authorization.k8s.io' }]);
    const policy = one(objects, 'ValidatingAdmissionPolicy', 'gitlab-agent-production-review-apps');
    expect(policy.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(policy.spec.matchConditions).toEqual([{ name: 'review-apps-identity', expression: "request.userInfo.username == 'gitlab-agent:production:review-apps'" }]);
    expect(policy.spec.validations[0].expression).toBe("request.resource.resource == 'namespaces' ? request.name.startsWith('mr-') : request.namespace.startsWith('mr-')");
    expect(one(objects, 'ValidatingAdmissionPolicyBinding').spec).toEqual({ policyName: policy.metadata.name, validationActions: ['Deny'] });
    // The agent may impersonate the identity even before the configuration file names it.
    expect(rulesOf(one(objects, 'ClusterRole', 'gitlab-agent:production-impersonate'))).toContain('core users: impersonate');
  });
});

describe('refused settings', () => {
  test('cluster-admin asked for implicitly: as a string preset, an "existing" role, or a string flag', () => {
    expect(error(() => agent({ rbac: 'cluster-admin' as never })).issues[0].allowed).toContain('clusterAdmin: true');
    const existing = error(() => agent({ rbac: { existingClusterRole: 'cluster-admin' } }));
    expect(existing.issues[0]).toMatchObject({ path: 'GitLabAgent(production).rbac.existingClusterRole' });
    expect(existing.issues[0].fix).toContain('clusterAdmin: true');
    expect(error(() => agent({ rbac: { clusterAdmin: 'yes' as never } })).issues[0].path).toBe('GitLabAgent(production).rbac.clusterAdmin');
  });

  test('cluster-admin together with narrower presets', () => {
    expect(error(() => agent({ rbac: { clusterAdmin: true, namespaces: ['apps'] } })).issues[0].path).toBe('GitLabAgent(production).rbac');
  });

  test('impersonation turned off while the configuration file needs it', () => {
    const e = error(() => agent({ rbac: { impersonation: false }, configFile: { ciAccess: { projects: [{ id: 'g/p', accessAs: 'ci_job' }] } } }));
    expect(e.issues[0].path).toBe('GitLabAgent(production).rbac.impersonation');
  });

  test('an agent without a token reference', () => {
    const e = error(() => synth((chart) => new GitLabAgent(chart, 'production', { platform: testPlatform() } as GitLabAgentProps)));
    expect(e.issues[0].path).toBe('GitLabAgent(production).token');
    expect(e.issues[0].fix).toContain('key "token"');
  });

  test('an agent without a KAS address and without a platform', () => {
    expect(error(() => synth((chart) => new GitLabAgent(chart, 'production', { token: TOKEN }))).issues[0].path).toBe('GitLabAgent(production).kasAddress');
  });

  test('an https:// KAS address (agentk speaks WebSocket or gRPC)', () => {
    expect(error(() => agent({ kasAddress: 'https://kas.example.com' })).issues[0].path).toBe('GitLabAgent(production).kasAddress');
  });

  test('env the agent sets itself', () => {
    expect(error(() => agent({ extraEnv: { POD_NAME: 'x' } })).issues[0].fix).toContain('POD_NAME');
  });

  test('an agent name GitLab would not accept', () => {
    expect(error(() => agent({ name: 'Production_Cluster' })).issues[0].path).toBe('GitLabAgent(production).name');
  });
});

describe('configuration file', () => {
  test('configFile() renders the agent\'s .gitlab/agents/<name>/config.yaml from the typed options', () => {
    const options = { ciAccess: { projects: [{ id: 'platform/cluster-management', defaultNamespace: 'gitlab' }] }, flux: true as const };
    const a = new GitLabAgent(Testing.chart(), 'production', props({ configFile: options }));
    expect(a.configFilePath).toBe('.gitlab/agents/production/config.yaml');
    expect(a.configFile()).toBe(agentConfigFile(options, 'production'));
    expect(parse(a.configFile())).toEqual({
      ci_access: { projects: [{ id: 'platform/cluster-management', default_namespace: 'gitlab' }] },
      flux: { webhook_receiver_url: 'http://webhook-receiver.flux-system.svc.cluster.local' },
    });
  });
});

describe('valid Kubernetes', () => {
  test.each(KUBERNETES_VERSIONS)('every object (all presets) validates strictly on Kubernetes %s', (version) => {
    const objects = agent({
      rbac: { namespaces: ['apps'], flux: { namespaces: ['flux-system'] }, reviewApps: true, existingClusterRole: 'view' },
      configFile: { ciAccess: { projects: [{ id: 'group/app', accessAs: 'ci_job' }] } },
    });
    expect(validateObjects(objects, version)).toEqual([]);
  });
});

test('snapshot: an agent deploying into one namespace with ci_job impersonation and the Flux module', () => {
  expect(synthYaml((chart) => new GitLabAgent(chart, 'production', props({
    configProject: 'platform/cluster-management',
    rbac: { namespaces: ['gitlab'], flux: { namespaces: ['flux-system'] } },
    configFile: { ciAccess: { projects: [{ id: 'platform/cluster-management', accessAs: 'ci_job' }] }, flux: true },
  })))).toMatchSnapshot();
});
