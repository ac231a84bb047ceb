import { ApiObject } from 'cdk8s';
import { exposedServiceSpec } from '../../lib/service-exposure';
import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList, GODEBUG } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { httpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, configureMounts, copySecretsScript, fileFrom, memoryDir,
  projectedSecrets, SecretFile, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { deployment, horizontalPodAutoscaler, meta, podDisruptionBudget, podTemplate, serviceAccount } from '../../lib/workload';
import { PAGES_PORTS, PAGES_STATUS_PATH, pagesConfigTemplate } from './config-template';
import { pagesIngress } from './ingress';
import { prometheusAnnotations } from '../../lib/metrics';
import { scrapeAnnotations } from '../monitoring/monitors';

export interface GitLabPagesProps {
  /** The resolved platform configuration (`resolveConfig`); `components.gitlabPages` must be set. */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/** The secret files of a Pages pod, under `/etc/gitlab-secrets/pages/` once copied (contract §3.11). */
function pagesSecretFiles(config: ResolvedConfig): SecretFile[] {
  const pages = config.components.gitlabPages!;
  const s = config.secrets;
  const files = [fileFrom({ name: s.pages, key: 'shared_secret' }, 'pages/secret')];
  const tlsSecret = pages.customDomains?.tlsSecret;
  if (tlsSecret) {
    const host = config.hosts.pages.name;
    files.push(fileFrom({ name: tlsSecret, key: 'tls.crt' }, `pages/${host}.crt`), fileFrom({ name: tlsSecret, key: 'tls.key' }, `pages/${host}.key`));
  }
  if (pages.accessControl) {
    files.push(
      fileFrom({ name: s.pagesOAuth, key: 'appid' }, 'pages/gitlab_appid'),
      fileFrom({ name: s.pagesOAuth, key: 'appsecret' }, 'pages/gitlab_appsecret'),
      fileFrom({ name: s.pagesAuth, key: 'password' }, 'pages/auth_secret'),
    );
  }
  return files;
}

/**
 * gitlab-pages: serves the static sites CI publishes, at `<namespace>.<pages host>`, from the `pages` bucket
 * through GitLab's API (Pages holds no storage credentials). Deployment, Service (8090), metrics Service (9235),
 * Ingress for `*.<pages host>`, HPA and PodDisruptionBudget.
 *
 * With access control, visitors of private sites sign in with GitLab (OAuth application registered by the
 * migrations Job). With custom domains, a LoadBalancer Service replaces the Ingress and Pages terminates TLS.
 *
 * Deliberate differences from the chart: the proxy (8090), plain HTTP (9090) and HTTPS (8091) listeners are
 * declared container ports (the chart declares only metrics), so NetworkPolicies and Services can name them.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/gitlab-pages/
 */
export class GitLabPages extends Construct {
  /** The Service the Ingress routes to (absent with custom domains: the custom-domains Service takes the traffic). */
  readonly serviceName?: string;
  /** The metrics Service (`gitlab.com/metrics-service: "true"`). */
  readonly metricsServiceName: string;
  /** The LoadBalancer (or NodePort) Service of custom domains, when on. */
  readonly customDomainsServiceName?: string;
  readonly proxyPort = PAGES_PORTS.proxy;
  readonly metricsPort = PAGES_PORTS.metrics;
  /** Sites are served at `<namespace>.<host>` (or `<host>/<namespace>/`). */
  readonly host: string;

  /** The Deployment: add an annotation (`deployment.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly deployment: k8s.KubeDeployment;
  /** The Service, when the component has one in this configuration. */
  readonly service?: k8s.KubeService;
  /** The metrics Service. */
  readonly metricsService: k8s.KubeService;
  /** The custom-domains Service, when Pages serves custom domains. */
  readonly customDomainsService?: k8s.KubeService;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The HorizontalPodAutoscaler, unless `autoscaling: false`. */
  readonly horizontalPodAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget, unless `podDisruptionBudget: false`. */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The Ingress, when exposed through an Ingress (not the Gateway API). */
  readonly ingress?: k8s.KubeIngress;
  /** The Gateway API HTTPRoute, when exposed through the Gateway API. */
  readonly httpRoute?: ApiObject;

  constructor(scope: Construct, id: string, props: GitLabPagesProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.gitlabPages!;
    const name = `${config.release}-gitlab-pages`;
    const image = config.images.gitlabPages;
    const labels = componentLabels(config, 'gitlab-pages', image.tag);
    const custom = w.customDomains;
    this.host = config.hosts.pages.name;
    this.metricsServiceName = `${name}-metrics`;

    const files = configFiles(this, 'config', config, name, labels.common, {
      'config.tpl': pagesConfigTemplate(config, endpoints),
      configure: copySecretsScript(['pages'], []),
    });
    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount);
    const ports: k8s.ContainerPort[] = [
      { name: 'http-proxy', containerPort: PAGES_PORTS.proxy },
      ...(custom?.http ? [] : [{ name: 'http', containerPort: PAGES_PORTS.http }]),
      ...(custom?.https ? [{ name: 'https', containerPort: PAGES_PORTS.https }] : []),
      { name: 'http-metrics', containerPort: PAGES_PORTS.metrics },
    ];

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      annotations: {
        'checksum/config': files.checksum,
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
        ...scrapeAnnotations(config, 'gitlabPages', prometheusAnnotations(PAGES_PORTS.metrics)),
      },
      initContainers: [
        certificatesInit(config),
        configureInit(config, {
          image: w.initImage,
          args: ['/config/configure'],
          mounts: configureMounts('pages-config', 'init-pages-secrets', 'pages-secrets'),
        }),
      ],
      containers: [{
        name: 'gitlab-pages',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        env: envList({
          GODEBUG,
          CONFIG_TEMPLATE_DIRECTORY: '/etc/gitlab-pages/templates',
          CONFIG_DIRECTORY: '/etc/gitlab-pages',
          PAGES_CONFIG_FILE: '/etc/gitlab-pages/config',
          GITLAB_PAGES_LOG_FORMAT: 'json',
          TZ: config.timeZone,
        }, w.extraEnv, 'components.gitlabPages.extraEnv'),
        ports,
        volumeMounts: [
          { name: 'pages-config', mountPath: '/etc/gitlab-pages/templates' },
          { name: 'pages-secrets', mountPath: '/etc/gitlab-secrets', readOnly: true },
          ...trustStoreMounts(),
        ],
        // The plain-HTTP listener: the kubelet speaks neither TLS nor the proxy protocol.
        readinessProbe: httpProbe(PAGES_STATUS_PATH, custom?.http ? PAGES_PORTS.proxy : PAGES_PORTS.http,
          { delay: 0, period: 10, timeout: 2, failures: 3, successes: 1 }),
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume('pages-config', files.name),
        projectedSecrets('init-pages-secrets', pagesSecretFiles(config)),
        memoryDir('pages-secrets'),
        ...trustStoreVolumes(config),
      ],
    });

    deployment(this, config, name, labels, w, template);
    if (w.autoscaling) horizontalPodAutoscaler(this, config, name, labels, name, w.autoscaling);
    if (w.pdb) podDisruptionBudget(this, config, name, labels, w.pdb.maxUnavailable);

    const port = (portName: string, number: number, target: number | string): k8s.ServicePort => ({
      name: portName, port: number, protocol: 'TCP',
      targetPort: typeof target === 'number' ? k8s.IntOrString.fromNumber(target) : k8s.IntOrString.fromString(target),
    });
    new k8s.KubeService(this, 'metrics-service', {
      metadata: meta(config, this.metricsServiceName, { ...labels.common, 'gitlab.com/metrics-service': 'true' }),
      spec: { type: 'ClusterIP', selector: labels.selector, ports: [port('http-metrics', PAGES_PORTS.metrics, 'http-metrics')] },
    });

    if (custom) {
      // Custom domains: every request arrives through this Service; no Ingress and no proxy Service (as the chart).
      this.customDomainsServiceName = `${name}-custom-domains`;
      new k8s.KubeService(this, 'custom-domains-service', {
        metadata: meta(config, this.customDomainsServiceName, labels.common, { ...custom.serviceAnnotations }),
        spec: {
          type: custom.serviceType,
          ...(custom.loadBalancerIP ? { loadBalancerIp: custom.loadBalancerIP } : {}),
          selector: labels.selector,
          ports: [
            ...(custom.http ? [port('http-gitlab-pages', 80, PAGES_PORTS.proxy)] : []),
            ...(custom.https ? [port('https-gitlab-pages', 443, PAGES_PORTS.https)] : []),
          ],
        },
      });
    } else {
      this.serviceName = name;
      new k8s.KubeService(this, 'service', {
        metadata: meta(config, name, labels.common, w.service?.annotations),
        spec: {
          selector: labels.selector,
          sessionAffinity: 'None',
          ...exposedServiceSpec(w.service, [port('http-gitlab-pages-proxy', PAGES_PORTS.proxy, PAGES_PORTS.proxy)], 'http-gitlab-pages-proxy'),
        },
      });
      pagesIngress(this, config, name, labels, PAGES_PORTS.proxy);
    }
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployment = requiredHandle(this, 'deployment', k8s.KubeDeployment);
    this.service = handle(this, 'service', k8s.KubeService);
    this.metricsService = requiredHandle(this, 'metrics-service', k8s.KubeService);
    this.customDomainsService = handle(this, 'custom-domains-service', k8s.KubeService);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.horizontalPodAutoscaler = handle(this, 'hpa', k8s.KubeHorizontalPodAutoscalerV2);
    this.podDisruptionBudget = handle(this, 'pdb', k8s.KubePodDisruptionBudget);
    this.ingress = handle(this, 'ingress', k8s.KubeIngress);
    this.httpRoute = handle(this, 'http-route', ApiObject);
  }
}
