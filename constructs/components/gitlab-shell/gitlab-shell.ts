import { ApiObject } from 'cdk8s';
import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { isMonitored } from '../monitoring/monitors';
import { ResolvedConfig } from '../../config/resolved';
import type { SshDaemon } from '../../config/gitlab-shell/names';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList, GODEBUG } from '../../lib/env';
import { nlbServiceAnnotations } from '../../lib/alb';
import { tcpRoute } from '../../lib/gateway-api';
import { componentLabels } from '../../lib/labels';
import { execProbe, httpProbe, tcpProbe, Timing } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, configureMounts, fileFrom, memoryDir, projectedSecrets,
  trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import {
  deployment, horizontalPodAutoscaler, meta, podDisruptionBudget, podTemplate, serviceAccount,
} from '../../lib/workload';
import {
  SHELL_PATHS, shellConfigTemplate, shellConfigureScript, SSH_CONTAINER_PORT, SSHD_WEB_PORT,
} from './config-template';
import { sshdConfig } from './sshd-config';
import { krb5Conf } from '../rails/krb5-conf';
import { surgeStrategy, ZERO_DOWNTIME_GRACE_SECONDS } from '../../upgrades/rollout';

export interface GitLabShellProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

const GRACE_SECONDS = ZERO_DOWNTIME_GRACE_SECONDS.gitlabShell;
const LIVENESS: Timing = { delay: 10, period: 10, timeout: 3, failures: 3 };
const READINESS: Timing = { delay: 10, period: 5, timeout: 3, failures: 2 };

/**
 * gitlab-shell: Git over SSH, with OpenSSH (the chart's default) or GitLab's own `gitlab-sshd`
 * (`components.gitlabShell.sshDaemon`). The Service maps the SSH port (`hosts.ssh.port`, 22) to 2222 in the pod;
 * no Ingress carries SSH, so expose it with `expose` (an AWS NLB, or a Gateway API TCPRoute) or `serviceType`.
 *
 * Its ConfigMap also holds `krb5.conf`, mounted at `/etc/krb5.conf` as the chart does: empty, as Kerberos/GSSAPI
 * is not offered (the Rails pods mount the same empty file). Left out on purpose: the chart's
 * `<release>-nginx-ingress-tcp` ConfigMap (for a bundled NGINX controller this platform does not install).
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/gitlab-shell/
 */
export class GitLabShell extends Construct {
  /** The SSH Service name. */
  readonly serviceName: string;
  /** The Service's SSH port (what users clone from). */
  readonly port: number;
  /** The port the SSH daemon listens on in the pod. */
  readonly containerPort = SSH_CONTAINER_PORT;
  /** The daemon in use. */
  readonly sshDaemon: SshDaemon;

  /** The Deployment: add an annotation (`deployment.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly deployment: k8s.KubeDeployment;
  /** The Service. */
  readonly service: k8s.KubeService;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The OpenSSH daemon's ConfigMap, with `sshDaemon: openssh`. */
  readonly sshdConfigMap?: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The HorizontalPodAutoscaler, unless `autoscaling: false`. */
  readonly horizontalPodAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget, unless `podDisruptionBudget: false`. */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The Gateway API TCPRoute, when SSH is exposed through the Gateway API. */
  readonly tcpRoute?: ApiObject;

  constructor(scope: Construct, id: string, props: GitLabShellProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.gitlabShell!;
    const name = endpoints.gitlabShell.service;
    const image = config.images.gitlabShell;
    const labels = componentLabels(config, 'gitlab-shell', image.tag);
    const openssh = w.sshDaemon === 'openssh';
    this.serviceName = name;
    this.port = endpoints.gitlabShell.port;
    this.sshDaemon = w.sshDaemon;

    const files = configFiles(this, 'config', config, name, labels.common, {
      'config.yml.tpl': shellConfigTemplate({
        sshDaemon: w.sshDaemon, gitlabUrl: endpoints.webservice.workhorseUrl, terminationGracePeriodSeconds: GRACE_SECONDS, sshd: w.sshd,
      }),
      configure: shellConfigureScript(),
      'krb5.conf': krb5Conf(),
    });
    const sshd = openssh ? configFiles(this, 'sshd-config', config, `${name}-sshd`, labels.common, { sshd_config: sshdConfig(w.sshd) }) : undefined;

    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount);
    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      terminationGracePeriodSeconds: GRACE_SECONDS,
      annotations: {
        'checksum/config': files.checksum,
        ...(sshd ? { 'checksum/config-sshd': sshd.checksum } : {}),
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
      },
      initContainers: [
        certificatesInit(config),
        configureInit(config, {
          image: w.initImage,
          args: ['/config/configure'],
          mounts: configureMounts('shell-config', 'shell-init-secrets', 'shell-secrets'),
        }),
      ],
      containers: [{
        name: 'gitlab-shell',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        env: envList({
          TZ: config.timeZone,
          CONFIG_TEMPLATE_DIRECTORY: SHELL_PATHS.templates,
          CONFIG_DIRECTORY: SHELL_PATHS.config,
          KEYS_DIRECTORY: SHELL_PATHS.hostKeys,
          SSH_DAEMON: w.sshDaemon,
          GODEBUG,
        }, w.extraEnv, 'components.gitlabShell.extraEnv'),
        ports: [
          { name: 'ssh', containerPort: SSH_CONTAINER_PORT },
          ...(openssh ? [] : [{ name: 'http-metrics', containerPort: SSHD_WEB_PORT }]),
        ],
        volumeMounts: [
          { name: 'shell-config', mountPath: SHELL_PATHS.templates, readOnly: true },
          { name: 'shell-secrets', mountPath: SHELL_PATHS.secrets, readOnly: true },
          { name: 'shell-config', mountPath: '/etc/krb5.conf', subPath: 'krb5.conf', readOnly: true },
          ...(openssh ? [{ name: 'sshd-config', mountPath: '/etc/ssh/sshd_config', subPath: 'sshd_config', readOnly: true }] : []),
          ...trustStoreMounts(),
        ],
        // OpenSSH: the image's healthcheck checks the sshd PID, readiness the port. gitlab-sshd has HTTP endpoints.
        livenessProbe: openssh ? execProbe(['/scripts/healthcheck'], LIVENESS) : httpProbe('/health', SSHD_WEB_PORT, LIVENESS),
        readinessProbe: openssh ? tcpProbe(SSH_CONTAINER_PORT, READINESS) : httpProbe('/start', SSHD_WEB_PORT, READINESS),
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume('shell-config', files.name),
        ...(sshd ? [configMapVolume('sshd-config', sshd.name)] : []),
        // The whole host-keys Secret (every key type it holds) plus the shell secret.
        projectedSecrets('shell-init-secrets',
          [fileFrom({ name: config.secrets.gitlabShell, key: config.secretKeys.gitlabShell }, 'shell/.gitlab_shell_secret')],
          [{ secret: { name: config.secrets.gitlabShellHostKeys } }], 0o440),
        memoryDir('shell-secrets'),
        ...trustStoreVolumes(config),
      ],
    });

    deployment(this, config, name, labels, w, template, surgeStrategy());
    const exposed = w.serviceType !== 'ClusterIP';
    // The user's annotations win over the NLB's, as they do on Ingresses.
    const nlb = w.expose.via === 'aws-nlb' ? nlbServiceAnnotations(w.expose.scheme) : {};
    new k8s.KubeService(this, 'service', {
      metadata: meta(config, name, labels.common, { ...nlb, ...w.serviceAnnotations }),
      spec: {
        type: w.serviceType,
        selector: labels.selector,
        ports: [{
          name: 'ssh', port: this.port, targetPort: k8s.IntOrString.fromNumber(SSH_CONTAINER_PORT), protocol: 'TCP',
          ...(w.nodePort !== undefined ? { nodePort: w.nodePort } : {}),
        },
        // gitlab-sshd's metrics, while a ServiceMonitor scrapes them (the chart's gitlab-shell.metrics).
        ...(isMonitored(config, 'gitlabShell')
          ? [{ name: 'http-metrics', port: SSHD_WEB_PORT, targetPort: k8s.IntOrString.fromString('http-metrics'), protocol: 'TCP' }] : [])],
        ...(exposed ? { externalTrafficPolicy: w.externalTrafficPolicy ?? 'Cluster' } : {}),
        ...(w.loadBalancerIP !== undefined ? { loadBalancerIp: w.loadBalancerIP } : {}),
        ...(w.loadBalancerSourceRanges.length ? { loadBalancerSourceRanges: [...w.loadBalancerSourceRanges] } : {}),
      },
    });
    if (w.expose.via === 'tcp-route') tcpRoute(this, config, name, labels, name, this.port, w.expose.gateway, w.expose.listener);
    if (w.autoscaling) horizontalPodAutoscaler(this, config, name, labels, name, w.autoscaling);
    if (w.pdb) podDisruptionBudget(this, config, name, labels, w.pdb.maxUnavailable);
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployment = requiredHandle(this, 'deployment', k8s.KubeDeployment);
    this.service = requiredHandle(this, 'service', k8s.KubeService);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.sshdConfigMap = handle(this, 'sshd-config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.horizontalPodAutoscaler = handle(this, 'hpa', k8s.KubeHorizontalPodAutoscalerV2);
    this.podDisruptionBudget = handle(this, 'pdb', k8s.KubePodDisruptionBudget);
    this.tcpRoute = handle(this, 'tcp-route', ApiObject);
  }
}
