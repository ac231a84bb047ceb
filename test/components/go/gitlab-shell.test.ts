import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitLabPlatform } from '../../../constructs';
import { checksum } from '../../../constructs/lib/checksum';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { withPlaceholders } from '../../support/templates';

const base = productionProps();
type ShellOptions = NonNullable<typeof base.components>['gitlabShell'];
const withShell = (gitlabShell: ShellOptions) => productionProps({ components: { ...base.components, gitlabShell } });

const openssh = synthPlatform(base);
const sshd = synthPlatform(withShell({ sshDaemon: 'gitlab-sshd' }));
const shellObjects = (objs: KubeObject[]) => objs.filter((o) => o.metadata.labels?.app === 'gitlab-shell');
const deploymentOf = (objs: KubeObject[]) => find(objs, 'Deployment', 'gitlab-gitlab-shell');
const shell = (objs: KubeObject[]) => container(deploymentOf(objs), 'gitlab-shell');
const configYml = (objs: KubeObject[]) => parse(withPlaceholders(find(objs, 'ConfigMap', 'gitlab-gitlab-shell').data['config.yml.tpl'], 'gomplate'));
const sshdConfig = (): string => find(openssh, 'ConfigMap', 'gitlab-gitlab-shell-sshd').data.sshd_config;
const annotations = (objs: KubeObject[]) => deploymentOf(objs).spec.template.metadata.annotations;

describe('gitlab-shell Deployment', () => {
  it('runs the pinned gitlab-shell image (its own 14.x version) without overriding its entrypoint', () => {
    expect(shell(openssh).image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-shell:v14.44.0');
    expect(shell(openssh).command).toBeUndefined();
    expect(shell(openssh).args).toBeUndefined();
  });

  it('leaves the replica count to its HPA (2 to 10 pods on 100m average CPU)', () => {
    expect(deploymentOf(openssh).spec.replicas).toBeUndefined();
    const hpa = find(openssh, 'HorizontalPodAutoscaler', 'gitlab-gitlab-shell');
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gitlab-gitlab-shell' },
      minReplicas: 2, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }],
    });
  });

  it('has a PodDisruptionBudget of one pod', () => {
    expect(find(openssh, 'PodDisruptionBudget', 'gitlab-gitlab-shell').spec)
      .toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'gitlab-shell', release: 'gitlab' } } });
  });

  it('tells the image where its templates, rendered config and host keys are, and which daemon to run', () => {
    expect(envOf(shell(openssh))).toEqual({
      TZ: 'UTC',
      CONFIG_TEMPLATE_DIRECTORY: '/etc/gitlab-shell',
      CONFIG_DIRECTORY: '/srv/gitlab-shell',
      KEYS_DIRECTORY: '/etc/gitlab-secrets/ssh',
      SSH_DAEMON: 'openssh',
      GODEBUG: 'tlsmlkem=0,tlskyber=0',
    });
    expect(envOf(shell(sshd)).SSH_DAEMON).toBe('gitlab-sshd');
  });

  it('listens for SSH on 2222 inside the pod', () => {
    expect(shell(openssh).ports).toEqual([{ name: 'ssh', containerPort: 2222 }]);
    expect(shell(sshd).ports).toEqual([{ name: 'ssh', containerPort: 2222 }, { name: 'http-metrics', containerPort: 9122 }]);
  });

  it('gives connections 60 s to finish (zero-downtime guidance), surges during rollouts and may be evicted by the cluster autoscaler', () => {
    expect(podSpec(deploymentOf(openssh)).terminationGracePeriodSeconds).toBe(60);
    expect(deploymentOf(openssh).spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } });
    expect(annotations(openssh)['cluster-autoscaler.kubernetes.io/safe-to-evict']).toBe('true');
  });

  it('requests the chart defaults (no CPU, 6M memory)', () => {
    expect(shell(openssh).resources).toEqual({ requests: { cpu: '0', memory: '6M' } });
  });
});

describe('gitlab-shell Service', () => {
  it('maps port 22 to the pod port 2222, as a ClusterIP Service by default', () => {
    const svc = find(openssh, 'Service', 'gitlab-gitlab-shell');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([{ name: 'ssh', port: 22, targetPort: 2222, protocol: 'TCP' }]);
    expect(svc.spec.selector).toEqual({ app: 'gitlab-shell', release: 'gitlab' });
    expect(svc.metadata.annotations).toBeUndefined();
  });

  it('can be a LoadBalancer with the user’s annotations (e.g. an AWS NLB)', () => {
    const objs = synthPlatform(withShell({ serviceType: 'LoadBalancer', serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' } }));
    const svc = find(objs, 'Service', 'gitlab-gitlab-shell');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.externalTrafficPolicy).toBe('Cluster');
    expect(svc.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' });
  });

  it('listens on the SSH port users clone from (hosts.ssh.port)', () => {
    const objs = synthPlatform(productionProps({ hosts: { domain: 'example.com', ssh: { port: 2022 } } }));
    expect(find(objs, 'Service', 'gitlab-gitlab-shell').spec.ports[0]).toMatchObject({ port: 2022, targetPort: 2222 });
  });

  it('exposes the Service name and ports for clients', () => {
    const platform = new GitLabPlatform(Testing.chart(), 'gitlab', base);
    expect(platform.gitlabShell!.serviceName).toBe('gitlab-gitlab-shell');
    expect(platform.gitlabShell!.port).toBe(22);
    expect(platform.gitlabShell!.containerPort).toBe(2222);
    expect(platform.gitlabShell!.sshDaemon).toBe('openssh');
  });

  it('does not render the chart’s NGINX TCP-services ConfigMap', () => {
    expect(openssh.filter((o) => o.metadata.name.includes('nginx-ingress-tcp'))).toEqual([]);
    expect(shellObjects(openssh).filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name))
      .toEqual(['gitlab-gitlab-shell', 'gitlab-gitlab-shell-sshd']);
  });
});

describe('gitlab-shell secrets and host keys', () => {
  const initSecrets = (objs: KubeObject[]) => podSpec(deploymentOf(objs)).volumes.find((v: any) => v.name === 'shell-init-secrets');

  it('projects every key of the host-keys Secret and the shell secret, group-readable', () => {
    const v = initSecrets(openssh);
    expect(v.projected.defaultMode).toBe(0o440);
    expect(v.projected.sources).toEqual([
      { secret: { name: 'gitlab-gitlab-shell-host-keys' } },
      { secret: { name: 'gitlab-gitlab-shell-secret', items: [{ key: 'secret', path: 'shell/.gitlab_shell_secret' }] } },
    ]);
  });

  it('follows renamed shared Secrets', () => {
    const objs = synthPlatform(productionProps({ secretNames: { gitlabShellHostKeys: 'ssh-host-keys', gitlabShell: 'shell-token' } }));
    expect(initSecrets(objs).projected.sources.map((s: any) => s.secret.name)).toEqual(['ssh-host-keys', 'shell-token']);
  });

  it('copies the shell secret and the host keys (owner-only) into KEYS_DIRECTORY with the configure step', () => {
    const script: string = find(openssh, 'ConfigMap', 'gitlab-gitlab-shell').data.configure;
    expect(script).toContain('for secret in shell; do');
    expect(script).toContain('cp -v -L "${config_dir}"/ssh_host_* "${secret_dir}/ssh/"');
    expect(script).toContain('chmod 0400 "${secret_dir}"/ssh/ssh_host_*');
    const configure = container(deploymentOf(openssh), 'configure');
    expect(configure.command).toEqual(['sh']);
    expect(configure.args).toEqual(['/config/configure']);
    expect(mountsOf(configure)).toEqual({ '/config': 'shell-config', '/init-config': 'shell-init-secrets', '/init-secrets': 'shell-secrets' });
  });

  it('reads the shell secret from the copy in /etc/gitlab-secrets', () => {
    expect(configYml(openssh).secret_file).toBe('/etc/gitlab-secrets/shell/.gitlab_shell_secret');
    expect(mountsOf(shell(openssh))['/etc/gitlab-secrets']).toBe('shell-secrets');
    expect(shell(openssh).volumeMounts.find((m: any) => m.name === 'shell-secrets').readOnly).toBe(true);
  });

  it('mounts the empty krb5.conf of its ConfigMap over the image\'s /etc/krb5.conf, as the chart does (both daemons)', () => {
    for (const objs of [openssh, sshd]) {
      expect(shell(objs).volumeMounts).toContainEqual({ name: 'shell-config', mountPath: '/etc/krb5.conf', subPath: 'krb5.conf', readOnly: true });
      expect(podSpec(deploymentOf(objs)).volumes).toContainEqual({ name: 'shell-config', configMap: { name: 'gitlab-gitlab-shell' } });
      expect(find(objs, 'ConfigMap', 'gitlab-gitlab-shell').data['krb5.conf']).toBe('');
    }
  });
});

describe('gitlab-shell with OpenSSH (the default)', () => {
  it('mounts its sshd_config over the image’s', () => {
    expect(mountsOf(shell(openssh))).toEqual({
      '/etc/gitlab-shell': 'shell-config',
      '/etc/gitlab-secrets': 'shell-secrets',
      '/etc/krb5.conf': 'shell-config',
      '/etc/ssh/sshd_config': 'sshd-config',
      '/etc/ssl/certs/': 'etc-ssl-certs',
      '/etc/pki/ca-trust/extracted/pem': 'etc-pki-ca-trust-extracted-pem',
    });
    expect(shell(openssh).volumeMounts.find((m: any) => m.name === 'sshd-config')).toMatchObject({ subPath: 'sshd_config', readOnly: true });
    expect(podSpec(deploymentOf(openssh)).volumes.find((v: any) => v.name === 'sshd-config')).toEqual({ name: 'sshd-config', configMap: { name: 'gitlab-gitlab-shell-sshd' } });
  });

  it('checks the sshd process for liveness and the SSH port for readiness', () => {
    expect(shell(openssh).livenessProbe).toEqual({ exec: { command: ['/scripts/healthcheck'] }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
    expect(shell(openssh).readinessProbe).toEqual({ tcpSocket: { port: 2222 }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 });
  });

  it('runs sshd unprivileged on 2222, writing the PID file the image’s healthcheck reads', () => {
    const lines = sshdConfig().split('\n');
    expect(lines).toContain('Port 2222');
    expect(lines).toContain('PidFile /srv/sshd/sshd.pid');
  });

  it('lets only git in, by key looked up through GitLab, with no passwords and no forwarding', () => {
    const lines = sshdConfig().split('\n');
    for (const line of ['AllowUsers git', 'PermitRootLogin no', 'PasswordAuthentication no', 'AuthorizedKeysCommand /authorized_keys %u %k',
      'AuthorizedKeysCommandUser git', 'AcceptEnv GIT_PROTOCOL', 'DisableForwarding yes', 'MaxStartups 10:30:100', 'LoginGraceTime 60']) {
      expect(lines).toContain(line);
    }
  });

  it('logs gitlab-shell to the file the image tails', () => {
    expect(configYml(openssh).log_file).toBe('/var/log/gitlab-shell/gitlab-shell.log');
    expect(configYml(openssh).sshd).toBeUndefined();
  });
});

describe('gitlab-shell with gitlab-sshd', () => {
  it('has no sshd_config: no ConfigMap, volume, mount or checksum for it', () => {
    expect(sshd.some((o) => o.metadata.name === 'gitlab-gitlab-shell-sshd')).toBe(false);
    expect(podSpec(deploymentOf(sshd)).volumes.some((v: any) => v.name === 'sshd-config')).toBe(false);
    expect(mountsOf(shell(sshd))['/etc/ssh/sshd_config']).toBeUndefined();
    expect(annotations(sshd)['checksum/config-sshd']).toBeUndefined();
  });

  it('is checked on its HTTP endpoints: /health for liveness, /start for readiness', () => {
    expect(shell(sshd).livenessProbe).toEqual({ httpGet: { path: '/health', port: 9122 }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
    expect(shell(sshd).readinessProbe).toEqual({ httpGet: { path: '/start', port: 9122 }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 });
  });

  it('configures the built-in server: SSH on 2222, HTTP on 9122, draining 5 s inside the grace period', () => {
    expect(configYml(sshd).sshd).toMatchObject({
      listen: '[::]:2222', web_listen: '0.0.0.0:9122', grace_period: 55, concurrent_sessions_limit: 100, login_grace_time: 60,
    });
    expect(configYml(sshd).log_file).toBe('/dev/stdout');
  });

  it('serves every host key the configure step copied into KEYS_DIRECTORY', () => {
    const files: string = configYml(sshd).sshd.host_key_files;
    expect(files).toContain('file.Walk (env.Getenv "KEYS_DIRECTORY" "/etc/ssh")');
    expect(files).toContain('filepath.Match "ssh_host_*_key"');
    expect(files).toContain('data.ToJSON');
  });
});

describe('gitlab-shell config.yml.tpl', () => {
  it('is YAML once its gomplate actions are filled in, and calls Rails through Workhorse', () => {
    expect(configYml(openssh)).toEqual({
      user: 'git',
      gitlab_url: 'http://gitlab-webservice-default.gitlab.svc:8181/',
      secret_file: '/etc/gitlab-secrets/shell/.gitlab_shell_secret',
      auth_file: '/home/git/.ssh/authorized_keys',
      log_file: '/var/log/gitlab-shell/gitlab-shell.log',
      log_format: 'json',
      audit_usernames: false,
      lfs: { pure_ssh_protocol: false },
      pat: { enabled: true, allowed_scopes: [] },
    });
  });
});

describe('gitlab-shell rollouts', () => {
  const data = (objs: KubeObject[], name: string) => find(objs, 'ConfigMap', name).data;

  it('carries checksums of both ConfigMaps', () => {
    expect(annotations(openssh)['checksum/config']).toBe(checksum(data(openssh, 'gitlab-gitlab-shell')));
    expect(annotations(openssh)['checksum/config-sshd']).toBe(checksum(data(openssh, 'gitlab-gitlab-shell-sshd')));
  });

  it('rolls the pods when the config changes', () => {
    expect(annotations(sshd)['checksum/config']).not.toBe(annotations(openssh)['checksum/config']);
    const moved = synthPlatform(productionProps({ namespace: 'git' }));
    expect(annotations(moved)['checksum/config']).not.toBe(annotations(openssh)['checksum/config']);
  });
});

describe('gitlab-shell security', () => {
  it.each([['openssh', openssh], ['gitlab-sshd', sshd]] as const)('meets the restricted Pod Security Standard with %s', (_, objs) => {
    expect(restrictedViolations(shellObjects(objs))).toEqual([]);
  });

  it('runs the SSH daemon as uid 1000 with every capability dropped and none added', () => {
    const sc = shell(openssh).securityContext;
    expect(sc).toMatchObject({ runAsUser: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(sc.capabilities.add).toBeUndefined();
    expect(podSpec(deploymentOf(openssh)).securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  it.each(KUBERNETES_VERSIONS)('is valid against the Kubernetes %s schema', (version) => {
    expect(validateObjects([...shellObjects(openssh), ...shellObjects(sshd)], version)).toEqual([]);
  });
});
