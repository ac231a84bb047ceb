import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { GitLabConfigError, UnsupportedValuesError } from '../../constructs';
import { runCli } from '../cli/run';
import { productionProps } from '../support/fixtures';
import { container, envOf, find, podSpec, synthPlatform, typedRefusal } from '../support/synth';
import { convert, ignoredKeys, importWarnings, issuePaths, refusal, withValues } from './helpers';

/**
 * The Helm values keys of `values/common.ts` (and the typed settings behind them): shared Secret references, the
 * license, hosts, pod labels, custom CAs, affinity shorthand, per-component annotations, ServiceAccounts, rollout,
 * security contexts, Ingress settings, several webservice Deployments, several Sidekiq pods, the registry's tuning,
 * an ALB, global env, and what is refused (and how it says so).
 */

const issue = (e: GitLabConfigError, path: string) => e.issues.find((i) => i.path === path);
const projected = (workload: any) => podSpec(workload).volumes.flatMap((v: any) => v.projected?.sources ?? []);

describe('shared Secret references (global.*.{secret,key})', () => {
  it('name the shell token, its key and the host keys', () => {
    const props = convert(withValues({ global: { shell: { authToken: { secret: 'shell-token', key: 'password' }, hostKeys: { secret: 'host-keys' } } } }));
    expect(props.secretNames).toMatchObject({ gitlabShell: 'shell-token', gitlabShellHostKeys: 'host-keys' });
    expect(props.secretKeys).toEqual({ gitlabShell: 'password' });
  });

  it('make every reader of the shell token read the named key', () => {
    const objects = synthPlatform(convert(withValues({ global: { shell: { authToken: { secret: 'shell-token', key: 'password' } } } })));
    const shell = { secret: { name: 'shell-token', items: [{ key: 'password', path: 'shell/.gitlab_shell_secret' }] } };
    expect(projected(find(objects, 'Deployment', 'gitlab-gitlab-shell'))).toContainEqual(shell);
    expect(projected(find(objects, 'Deployment', 'gitlab-webservice-default'))).toContainEqual(shell);
    expect(projected(find(objects, 'StatefulSet', 'gitlab-gitaly'))).toContainEqual(shell);
  });

  it('name the Rails, Workhorse, registry and root password Secrets', () => {
    const props = convert(withValues({
      global: {
        railsSecrets: { secret: 'rails' }, workhorse: { secret: 'wh', key: 'token' }, initialRootPassword: { secret: 'root', key: 'pw' },
        registry: { certificate: { secret: 'reg-cert' }, httpSecret: { secret: 'reg-http', key: 'h' }, notificationSecret: { secret: 'reg-notify', key: 'secret' } },
      },
    }));
    expect(props.secretNames).toEqual({ rails: 'rails', workhorse: 'wh', initialRootPassword: 'root', registryAuth: 'reg-cert', registryHttp: 'reg-http', registryNotification: 'reg-notify' });
    expect(props.secretKeys).toEqual({ workhorse: 'token', initialRootPassword: 'pw', registryHttp: 'h' });
  });

  it('name the in-cluster Gitaly token, which Gitaly and its clients read', () => {
    const props = convert(withValues({ global: { gitaly: { authToken: { secret: 'gitaly-token', key: 'token' } } } }));
    expect(props.secretNames?.gitaly).toBe('gitaly-token');
    const objects = synthPlatform(props);
    expect(projected(find(objects, 'StatefulSet', 'gitlab-gitaly'))).toContainEqual({ secret: { name: 'gitaly-token', items: [{ key: 'token', path: 'gitaly/gitaly_token' }] } });
  });

  it('accept the PostgreSQL password from a Secret (useSecret: true), and refuse it from a file', () => {
    expect(() => convert(withValues({ global: { psql: { password: { useSecret: true } } } }))).not.toThrow();
    expect(issuePaths(refusal(withValues({ global: { psql: { password: { useSecret: false } } } })))).toEqual(['global.psql.password.useSecret']);
  });

  it('are what `gitlab-iac secrets --values` generates, under the keys the values name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitlab-iac-common-'));
    const file = join(dir, 'values.yaml');
    writeFileSync(file, stringify(withValues({ global: { shell: { authToken: { secret: 'shell-token', key: 'password' } } } })));
    const run = await runCli('secrets', '--namespace', 'gitlab', '--values', file);
    rmSync(dir, { recursive: true, force: true });
    const shell = parseAllDocuments(run.stdout).map((d) => d.toJS()).find((s) => s?.metadata?.name === 'shell-token');
    expect(Object.keys(shell.stringData)).toEqual(['password']);
  });

  it('refuse a notification secret key the registry and Rails do not read', () => {
    const e = refusal(withValues({ global: { registry: { notificationSecret: { secret: 'n', key: 'other' } } } }));
    expect(issue(e, 'global.registry.notificationSecret.key')?.allowed).toContain('"secret"');
  });
});

describe('global.gitlab.license', () => {
  it('becomes the license Secret, key license by default', () => {
    expect(convert(withValues({ global: { gitlab: { license: { secret: 'ee-license' } } } })).license).toEqual({ name: 'ee-license' });
  });

  it('is mounted only into the migrations Job', () => {
    const objects = synthPlatform(convert(withValues({ global: { gitlab: { license: { secret: 'ee-license', key: 'gl' } } } })));
    const job = objects.find((o) => o.kind === 'Job')!;
    expect(projected(job)).toContainEqual({ secret: { name: 'ee-license', items: [{ key: 'gl', path: 'migrations/enterprise_license' }] } });
    expect(container(job, 'migrations').volumeMounts).toContainEqual({ name: 'migrations-secrets', mountPath: '/srv/gitlab/config/Gitlab.gitlab-license', subPath: 'migrations/enterprise_license', readOnly: true });
    expect(JSON.stringify(find(objects, 'Deployment', 'gitlab-webservice-default'))).not.toContain('ee-license');
  });

  it('ignores a key without the Secret, with a warning', () => {
    expect(ignoredKeys(withValues({ global: { gitlab: { license: { key: 'license' } } } }))).toEqual(['global.gitlab.license.key']);
  });
});

describe('platform-wide keys', () => {
  it('global.hosts.hostSuffix appends -<suffix> to every host built from the domain, not to named ones', () => {
    const props = convert(withValues({ global: { hosts: { hostSuffix: 'staging', registry: { name: 'cr.example.com' } } } }));
    expect(props.hosts).toMatchObject({
      gitlab: { name: 'gitlab-staging.example.com' }, registry: { name: 'cr.example.com' }, kas: { name: 'kas-staging.example.com' }, pages: { name: 'pages-staging.example.com' },
    });
  });

  it('global.hosts.externalIP is accepted with a line saying where the address belongs', () => {
    expect(importWarnings(withValues({ global: { hosts: { externalIP: '10.0.0.1' } } })).join('\n')).toContain('give the address to your ingress controller');
  });

  it('global.pod.labels label every pod, a component\'s podLabels winning', () => {
    const props = convert(withValues({ global: { pod: { labels: { env: 'prod', team: 'a' } } }, gitlab: { sidekiq: { podLabels: { team: 'b' } } } }));
    expect(props.podLabels).toEqual({ env: 'prod', team: 'a' });
    const objects = synthPlatform(props);
    expect(find(objects, 'Deployment', 'gitlab-sidekiq-all-in-1-v2').spec.template.metadata.labels).toMatchObject({ env: 'prod', team: 'b' });
    expect(find(objects, 'StatefulSet', 'gitlab-gitaly').spec.template.metadata.labels).toMatchObject({ env: 'prod', team: 'a' });
  });

  it('global.certificates.customCAs become custom CAs, from Secrets or ConfigMaps; an entry naming neither is refused', () => {
    expect(convert(withValues({ global: { certificates: { customCAs: [{ secret: 'ca', keys: ['a.crt'] }, { configMap: 'corp-ca' }] } } })).customCAs)
      .toEqual([{ secret: 'ca', keys: ['a.crt'] }, { configMap: 'corp-ca' }]);
    const e = refusal(withValues({ global: { certificates: { customCAs: [{ name: 'ca' }] } } }));
    expect(issuePaths(e)).toEqual(['global.certificates.customCAs[0]']);
  });

  it('a ConfigMap CA is projected into every trust store', () => {
    const objects = synthPlatform(convert(withValues({ global: { certificates: { customCAs: [{ configMap: 'corp-ca', keys: ['root.pem'] }] } } })));
    const volume = find(objects, 'Deployment', 'gitlab-webservice-default').spec.template.spec.volumes.find((v: any) => v.name === 'custom-ca-certificates');
    expect(volume.projected.sources).toContainEqual({ configMap: { name: 'corp-ca', items: [{ key: 'root.pem', path: 'root.pem' }] } });
  });

  it('global.extraEnv reaches every component (migrations too), under the component\'s own', () => {
    const props = convert(withValues({ global: { extraEnv: { HTTP_PROXY: 'http://proxy:3128', LEVEL: 'global' } }, gitlab: { sidekiq: { extraEnv: { LEVEL: 'own' } } } }));
    expect(props.components?.sidekiq?.extraEnv).toEqual({ HTTP_PROXY: 'http://proxy:3128', LEVEL: 'own' });
    expect(props.components?.migrations?.extraEnv).toEqual({ HTTP_PROXY: 'http://proxy:3128', LEVEL: 'global' });
    const objects = synthPlatform(props);
    expect(envOf(container(objects.find((o) => o.kind === 'Job')!, 'migrations')).HTTP_PROXY).toBe('http://proxy:3128');
    expect(envOf(container(find(objects, 'Deployment', 'gitlab-registry'), 'registry')).HTTP_PROXY).toBe('http://proxy:3128');
  });

  it('global.webservice.workerTimeout is Puma\'s worker timeout', () => {
    const web = find(synthPlatform(convert(withValues({ global: { webservice: { workerTimeout: 120 } } }))), 'Deployment', 'gitlab-webservice-default');
    expect(envOf(container(web, 'webservice')).WORKER_TIMEOUT).toBe('120');
  });

  it('chart features turned off are accepted; turned on, refused with the reason (the upgrade check hook is accepted)', () => {
    expect(() => convert(withValues({ upgradeCheck: { enabled: true }, global: { application: { create: false }, monitoring: { enabled: false } } }))).not.toThrow();
    const e = refusal(withValues({ global: { application: { create: true }, monitoring: { enabled: true } } }));
    // global.monitoring.enabled only tells the chart the CRDs exist: accepted either way.
    expect(issuePaths(e)).toEqual(['global.application.create']);
    expect(issue(e, 'global.application.create')?.allowed).toContain('Application resource');
  });
});

describe('the affinity shorthand (antiAffinity, nodeAffinity, affinity.*)', () => {
  it('hard anti-affinity on a topology key requires pods of a component apart', () => {
    const props = convert(withValues({ global: { antiAffinity: 'hard', affinity: { podAntiAffinity: { topologyKey: 'topology.kubernetes.io/zone' } } } }));
    const affinity = podSpec(find(synthPlatform(props), 'Deployment', 'gitlab-kas')).affinity;
    expect(affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([{
      topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'kas', release: 'gitlab' } },
    }]);
  });

  it('a component\'s shorthand wins over the global one', () => {
    const props = convert(withValues({ global: { antiAffinity: 'hard' }, gitlab: { sidekiq: { antiAffinity: 'soft' } } }));
    expect(props.components?.sidekiq?.placement?.antiAffinity).toBe('soft');
    expect(podSpec(find(synthPlatform(props), 'Deployment', 'gitlab-sidekiq-all-in-1-v2')).affinity.podAntiAffinity).toHaveProperty('preferredDuringSchedulingIgnoredDuringExecution');
  });

  it('node affinity prefers the listed zones', () => {
    const props = convert(withValues({ global: { nodeAffinity: 'soft', affinity: { nodeAffinity: { key: 'topology.kubernetes.io/zone', values: ['us-east-1a'] } } } }));
    expect(podSpec(find(synthPlatform(props), 'Deployment', 'gitlab-webservice-default')).affinity.nodeAffinity).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'] }] } }],
    });
  });

  it('refuses another mode, node affinity without values, and values without a mode', () => {
    expect(issuePaths(refusal(withValues({ global: { antiAffinity: 'strict' } })))).toEqual(['global.antiAffinity']);
    expect(issuePaths(refusal(withValues({ global: { nodeAffinity: 'hard' } })))).toEqual(['global.affinity.nodeAffinity.values']);
    expect(ignoredKeys(withValues({ global: { affinity: { nodeAffinity: { values: ['a'] } } } }))).toEqual(['global.affinity.nodeAffinity']);
  });
});

describe('per-component knobs', () => {
  it('annotations are the pod annotations', () => {
    expect(convert(withValues({ gitlab: { kas: { annotations: { 'example.com/a': 1 } } } })).components?.kas?.podAnnotations).toEqual({ 'example.com/a': '1' });
  });

  it('deployment.{terminationGracePeriodSeconds,strategy} set the rollout', () => {
    const props = convert(withValues({ gitlab: { 'gitlab-shell': { deployment: { terminationGracePeriodSeconds: 90, strategy: { type: 'Recreate' } } } } }));
    const shell = find(synthPlatform(props), 'Deployment', 'gitlab-gitlab-shell');
    expect(podSpec(shell).terminationGracePeriodSeconds).toBe(90);
    expect(shell.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('serviceAccount.annotations join the global ones; a name is the account\'s (enabled: false, the chart\'s default, asks for nothing)', () => {
    const props = convert(withValues({ global: { serviceAccount: { enabled: true, annotations: { a: '1' } } }, gitlab: { sidekiq: { serviceAccount: { enabled: true, create: true, annotations: { b: '2' } } } } }));
    expect(props.components?.sidekiq?.serviceAccountAnnotations).toEqual({ a: '1', b: '2' });
    const named = convert(withValues({ gitlab: { sidekiq: { serviceAccount: { enabled: false, name: 'custom' } } } }));
    expect(named.components?.sidekiq?.serviceAccount).toEqual({ name: 'custom' });
  });

  it('security contexts that say what the platform does are accepted; anything else is refused with the reason', () => {
    expect(() => convert(withValues({
      gitlab: {
        gitaly: { securityContext: { runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } } },
        kas: { securityContext: { runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 }, containerSecurityContext: { capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false } },
      },
    }))).not.toThrow();
    const e = refusal(withValues({
      gitlab: { webservice: { securityContext: { runAsUser: 0 }, containerSecurityContext: { capabilities: { add: ['NET_ADMIN'] }, readOnlyRootFilesystem: true } }, kas: { securityContext: { runAsUser: 1000 } } },
    }));
    expect(issuePaths(e)).toEqual([
      'gitlab.webservice.securityContext.runAsUser', 'gitlab.webservice.containerSecurityContext.capabilities.add',
      'gitlab.webservice.containerSecurityContext.readOnlyRootFilesystem', 'gitlab.kas.securityContext.runAsUser',
    ]);
    expect(issue(e, 'gitlab.webservice.securityContext.runAsUser')?.allowed).toContain('restricted Pod Security Standard');
    expect(issue(e, 'gitlab.kas.securityContext.runAsUser')?.allowed).toContain('65532');
  });

  it('gitaly persistence.{annotations,labels} go on the volume claims', () => {
    const props = convert(withValues({ gitlab: { gitaly: { persistence: { annotations: { a: 'b' }, labels: { c: 'd' } } } } }));
    expect(find(synthPlatform(props), 'StatefulSet', 'gitlab-gitaly').spec.volumeClaimTemplates[0].metadata).toMatchObject({ annotations: { a: 'b' }, labels: { c: 'd' } });
  });

  it('gitlab-shell service.nodePort fixes the SSH node port; outside the node port range it is refused', () => {
    const props = convert(withValues({ gitlab: { 'gitlab-shell': { service: { type: 'NodePort', nodePort: 30022 } } } }));
    expect(find(synthPlatform(props), 'Service', 'gitlab-gitlab-shell').spec.ports[0].nodePort).toBe(30022);
    expect(issuePaths(refusal(withValues({ gitlab: { 'gitlab-shell': { service: { type: 'NodePort', nodePort: 22 } } } })))).toEqual(['gitlab.gitlab-shell.service.nodePort']);
  });

  it('webservice workhorse.resources size the Workhorse container', () => {
    const web = find(synthPlatform(convert(withValues({ gitlab: { webservice: { workhorse: { resources: { requests: { cpu: '50m' } } } } } }))), 'Deployment', 'gitlab-webservice-default');
    expect(container(web, 'gitlab-workhorse').resources).toEqual({ requests: { cpu: '50m' } });
  });
});

describe('per-component Ingress settings (<component>.ingress)', () => {
  it('enabled: false leaves that host out', () => {
    const objects = synthPlatform(convert(withValues({ registry: { ingress: { enabled: false } } })));
    expect(objects.some((o) => o.kind === 'Ingress' && o.metadata.name === 'gitlab-registry')).toBe(false);
    expect(objects.some((o) => o.kind === 'Ingress' && o.metadata.name === 'gitlab-webservice-default')).toBe(true);
  });

  it('tls.secretName serves that host with its own certificate', () => {
    const ingress = find(synthPlatform(convert(withValues({ gitlab: { kas: { ingress: { tls: { secretName: 'kas-tls' } } } } }))), 'Ingress', 'gitlab-kas');
    expect(ingress.spec.tls).toEqual([{ hosts: ['kas.example.com'], secretName: 'kas-tls' }]);
  });

  it('turns TLS off for one host, as the chart\'s per-component tls.enabled does', () => {
    expect(convert(withValues({ gitlab: { webservice: { ingress: { tls: { enabled: false } } } } })).components?.webservice?.ingress?.tls).toBe(false);
  });

  it('keeps the NGINX knobs under the chart\'s default provider whatever the IngressClass is called', () => {
    const props = convert(withValues({ global: { ingress: { class: 'public' } }, gitlab: { webservice: { ingress: { proxyBodySize: '1g' } } } }));
    expect(props.ingress?.nginxAnnotations).toBe(true);
  });

  it('refuses the NGINX knobs where no NGINX controller reads them', () => {
    const e = refusal(withValues({ global: { ingress: { class: 'traefik', provider: 'traefik' } }, gitlab: { webservice: { ingress: { proxyBodySize: '0' } } } }));
    expect(issuePaths(e)).toEqual(['gitlab.webservice.ingress.proxyBodySize']);
    expect(e.issues[0].allowed).toContain('only with NGINX ingress annotations');
  });
});

describe('several webservice Deployments (gitlab.webservice.deployments)', () => {
  const deployments = { default: { ingress: { path: '/' } }, api: { ingress: { path: '/api' }, workerProcesses: 4, hpa: { minReplicas: 3, maxReplicas: 6 } } };

  it('become typed deployments with their own settings', () => {
    expect(convert(withValues({ gitlab: { webservice: { deployments } } })).components?.webservice?.deployments).toEqual({
      default: { ingress: { path: '/' } }, api: { ingress: { path: '/api' }, workerProcesses: 4, autoscaling: { minReplicas: 3, maxReplicas: 6 } },
    });
  });

  it('global.workhorse.serviceName picks the Deployment the other components call', () => {
    const props = convert(withValues({ global: { workhorse: { serviceName: 'webservice-api' } }, gitlab: { webservice: { deployments } } }));
    expect(props.components?.webservice?.internalDeployment).toBe('api');
    expect(issuePaths(refusal(withValues({ global: { workhorse: { serviceName: 'gitlab-web' } } })))).toEqual(['global.workhorse.serviceName']);
  });

  it('refuses Deployments of which none serves "/", two on one path, and an unknown internal Deployment', () => {
    // Without a `default` Deployment, global.workhorse.serviceName must name another one.
    expect(issuePaths(refusal(withValues({ gitlab: { webservice: { deployments: { api: { ingress: { path: '/api' } } } } } }))))
      .toEqual(['gitlab.webservice.deployments', 'global.workhorse.serviceName']);
    expect(issuePaths(refusal(withValues({ gitlab: { webservice: { deployments: { default: { ingress: { path: '/' } }, a: { ingress: { path: '/' } } } } } }))))
      .toEqual(['gitlab.webservice.deployments.a.ingress.path']);
    expect(issuePaths(refusal(withValues({ global: { workhorse: { serviceName: 'webservice-nope' } } })))).toEqual(['global.workhorse.serviceName']);
  });

  it('refuses another path for the single Deployment, and keys a Deployment does not take', () => {
    expect(issuePaths(refusal(withValues({ gitlab: { webservice: { ingress: { path: '/gitlab' } } } })))).toEqual(['gitlab.webservice.ingress.path']);
    // A name the chart never uses is a typo Helm ignores: a warning naming the likely key; a real chart key the
    // Deployment does not take is refused, saying what it takes.
    const warnings = importWarnings(withValues({ gitlab: { webservice: { deployments: { default: { ingress: { path: '/' }, hpa: { maxReplixas: 5 } } } } } }));
    expect(warnings.find((w) => w.includes('deployments.default.hpa.maxReplixas'))).toContain('did you mean gitlab.webservice.deployments.default.hpa.maxReplicas?');
    const e = refusal(withValues({ gitlab: { webservice: { deployments: { default: { ingress: { path: '/' }, keda: { enabled: true } } } } } })) as UnsupportedValuesError;
    expect(e.keys).toEqual(['gitlab.webservice.deployments.default.keda.enabled']);
    expect(e.message).toContain('a Deployment takes ingress.');
  });
});

describe('several Sidekiq pods (gitlab.sidekiq.pods)', () => {
  it('read each pod\'s queues (comma-separated), concurrency, scaling, resources and placement', () => {
    const props = convert(withValues({
      gitlab: {
        sidekiq: {
          pods: [{
            name: 'mail', queues: 'mailers, default', concurrency: 5, minReplicas: 2, maxReplicas: 4, maxUnavailable: 2,
            hpa: { cpu: { targetType: 'Utilization', targetAverageUtilization: 70 } }, resources: { requests: { cpu: 1 } },
            nodeSelector: { pool: 'jobs' }, priorityClassName: 'low', podLabels: { a: 'b' }, extraEnv: { X: 1 },
            memoryKiller: { maxRss: 100, graceTime: 900 }, terminationGracePeriodSeconds: 40, strategy: { type: 'Recreate' },
          }],
        },
      },
    }));
    expect(props.components?.sidekiq?.pods).toEqual([{
      name: 'mail', queues: ['mailers', 'default'], concurrency: 5, memoryKillerMaxRss: 100,
      autoscaling: { minReplicas: 2, maxReplicas: 4, cpu: { averageUtilization: 70 } },
      resources: { requests: { cpu: '1' } }, placement: { nodeSelector: { pool: 'jobs' }, priorityClassName: 'low' },
      podLabels: { a: 'b' }, extraEnv: { X: '1' }, podDisruptionBudget: { maxUnavailable: 2 },
      terminationGracePeriodSeconds: 40, deploymentStrategy: { type: 'Recreate' },
    }]);
  });

  it('gitlab.sidekiq.queues (a comma-separated string) are the component\'s queues', () => {
    expect(convert(withValues({ gitlab: { sidekiq: { queues: 'default,mailers' } } })).components?.sidekiq?.queues).toEqual(['default', 'mailers']);
  });

  it('report a key a pod entry does not take at its place in the list', () => {
    const e = refusal(withValues({ gitlab: { sidekiq: { pods: [{ name: 'a' }, { name: 'b', extraVolumes: '- name: x' }] } } })) as UnsupportedValuesError;
    expect(e.keys).toEqual(['gitlab.sidekiq.pods[1].extraVolumes']);
  });

  it('refuse an entry that is not a mapping, two pods of one name, and a memory killer setting gitlab-iac fixes', () => {
    expect(issuePaths(refusal(withValues({ gitlab: { sidekiq: { pods: ['all'] } } })))).toContain('gitlab.sidekiq.pods[0]');
    expect(issuePaths(refusal(withValues({ gitlab: { sidekiq: { pods: [{ name: 'a' }, { name: 'a' }] } } })))).toEqual(['gitlab.sidekiq.pods[1].name']);
    expect(issuePaths(refusal(withValues({ gitlab: { sidekiq: { pods: [{ name: 'a', memoryKiller: { checkInterval: 5 } }] } } })))).toEqual(['gitlab.sidekiq.pods[0].memoryKiller.checkInterval']);
  });
});

describe('the registry\'s tuning', () => {
  it('reads maintenance, the storage health check, logging and validation', () => {
    const props = convert(withValues({
      registry: {
        maintenance: { readonly: { enabled: true }, uploadpurging: { enabled: false } },
        health: { storagedriver: { enabled: true, interval: '30s', threshold: 5 } },
        log: { level: 'debug', formatter: 'json' },
        validation: { disabled: false, manifests: { referencelimit: 10, urls: { allow: ['^https://example.com/'] } } },
      },
    }));
    expect(props.components?.registry).toMatchObject({
      maintenance: { readOnly: true, uploadPurging: { enabled: false } },
      storageHealthCheck: { enabled: true, interval: '30s', threshold: 5 },
      log: { level: 'debug', formatter: 'json' },
      validation: { disabled: false, manifests: { referenceLimit: 10, urls: { allow: ['^https://example.com/'] } } },
    });
    const template = find(synthPlatform(props), 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'];
    expect(template).toMatch(/readonly:\n {6}enabled: true/);
    expect(template).toMatch(/manifests:\n {4}referencelimit: 10\n {4}payloadsizelimit: 0/);
  });

  it('refuses a log level the registry does not know, at its values key', () => {
    expect(issuePaths(refusal(withValues({ registry: { log: { level: 'verbose' } } })))).toEqual(['registry.log.level']);
  });

  it('refuses online garbage collection, storage middleware and notifications, saying why', () => {
    const e = refusal(withValues({
      global: { registry: { notifications: { endpoints: [{ name: 'a', url: 'https://a' }] } } },
      registry: { gc: { disabled: true, reviewafter: '24h' }, middleware: { storage: [{ name: 'cloudfront' }] } },
    })) as UnsupportedValuesError;
    expect(e.keys).toEqual(['global.registry.notifications.endpoints', 'registry.gc.reviewafter', 'registry.middleware.storage']);
    expect(issuePaths(e)).toContain('registry.gc.disabled');
    expect(e.message).toContain('metadata database');
    expect(e.message).toContain('CloudFront');
  });
});

describe('an AWS ALB in the chart\'s terms (examples/aws)', () => {
  const alb = withValues({
    global: {
      ingress: {
        class: 'alb', provider: 'aws', configureCertmanager: false, tls: { enabled: false, secretName: undefined }, path: '/*', pathType: 'ImplementationSpecific',
        annotations: {
          'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
          'alb.ingress.kubernetes.io/scheme': 'internal', 'kubernetes.io/ingress.class': 'alb', 'alb.ingress.kubernetes.io/target-type': 'ip',
        },
      },
    },
  });

  it('becomes the alb provider with the ACM certificate and scheme of the annotations', () => {
    expect(convert(alb).ingress).toEqual({
      enabled: undefined, provider: 'alb', className: 'alb', tls: { certificateArn: ['arn:aws:acm:us-east-1:123456789012:certificate/abc'] },
      alb: { scheme: 'internal' }, annotations: { 'alb.ingress.kubernetes.io/target-type': 'ip' },
    });
  });

  it('refuses TLS from a Secret on the ALB, which cannot read Secrets', () => {
    const e = refusal(withValues({ global: { ingress: { class: 'alb', configureCertmanager: false, tls: { secretName: 'gitlab-tls' } } } }));
    expect(issuePaths(e)).toEqual(['global.ingress.tls']);
  });
});

describe('every refusal of a values file at once', () => {
  it('lists the unsupported keys together, each with what to do', () => {
    const e = refusal(withValues({
      global: { geo: { enabled: true } },
      'nginx-ingress': { controller: { kind: 'DaemonSet' } },
      registry: { storage: { extraKey: 'gcs.json' } },
      gitlab: { toolbox: { backups: { objectStorage: { backend: 'swift' } } } },
    })) as UnsupportedValuesError;
    expect(e.keys).toEqual(['global.geo.enabled', 'registry.storage.extraKey']);
    expect(issuePaths(e)).toContain('gitlab.toolbox.backups.objectStorage.backend');
    expect(e.message).toContain('GitLab Geo is not supported');
  });
});

describe('the typed settings behind these keys refuse bad input', () => {
  it('webservice deployments need a "/" Deployment, distinct paths and a known internal Deployment', () => {
    const e = typedRefusal(productionProps({
      components: { ...productionProps().components, webservice: { deployments: { a: { ingress: { path: '/a' } }, b: { ingress: { path: '/a' } } }, internalDeployment: 'c' } },
    }));
    expect(issuePaths(e)).toEqual(['components.webservice.deployments', 'components.webservice.deployments.b.ingress.path', 'components.webservice.internalDeployment']);
  });

  it('Sidekiq pods need distinct DNS-label names', () => {
    const withPods = (pods: { name: string }[]) => productionProps({ components: { ...productionProps().components, sidekiq: { pods } } });
    expect(issuePaths(typedRefusal(withPods([{ name: 'Urgent' }, { name: 'x' }])))).toEqual(['components.sidekiq.pods[0].name']);
    expect(issuePaths(typedRefusal(withPods([{ name: 'x' }, { name: 'x' }])))).toEqual(['components.sidekiq.pods[1].name']);
  });

  it('a Recreate strategy takes no rollingUpdate', () => {
    const e = typedRefusal(productionProps({ components: { ...productionProps().components, kas: { deploymentStrategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } } }));
    expect(issuePaths(e)).toEqual(['components.kas.deploymentStrategy']);
  });

  it('a host\'s own TLS Secret cannot go to an ALB (ACM certificates only)', () => {
    const e = typedRefusal(productionProps({
      ingress: { provider: 'alb', tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } },
      components: { ...productionProps().components, kas: { ingress: { tlsSecretName: 'kas-tls' } } },
    }));
    expect(issuePaths(e)).toEqual(['components.kas.ingress.tlsSecretName']);
  });

  it('a Secret key must be a Secret key, and node affinity needs values', () => {
    const e = typedRefusal(productionProps({ secretKeys: { gitlabShell: 'a b' }, placement: { nodeAffinity: { mode: 'hard', values: [] } } }));
    expect(issuePaths(e)).toEqual(['placement.nodeAffinity.values', 'secretKeys.gitlabShell']);
  });
});
