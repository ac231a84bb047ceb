import { ApiObject } from 'cdk8s';
import * as k8s from '../../lib/k8s';
import { DeploymentHandles, deploymentHandles, handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { ResolvedConfig, ResolvedWebserviceDeployment } from '../../config/resolved';
import { checksum } from '../../lib/checksum';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList, GODEBUG } from '../../lib/env';
import { exposeHost } from '../../lib/ingress';
import { exposedServiceSpec } from '../../lib/service-exposure';
import { componentLabels } from '../../lib/labels';
import { execProbe, httpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, emptyDir, memoryDir, projectedSecrets, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import {
  deployment, meta, podDisruptionBudget, podTemplate, serviceAccount,
} from '../../lib/workload';
import { railsConfigData } from '../rails/config-files';
import { RAILS_PATHS } from '../rails/consumer';
import {
  dependenciesInit, railsConfigEnv, railsFileMounts, railsSecretMounts, railsVolumeNames,
} from '../rails/pod';
import { railsSecretFiles } from '../rails/secret-files';
import { WORKHORSE_METRICS_PORT, WORKHORSE_PORT, workhorseConfigTemplate, workhorseConfigureScript } from './workhorse-config';
import { prometheusAnnotations } from '../../lib/metrics';
import { surgeStrategy, ZERO_DOWNTIME_GRACE_SECONDS } from '../../upgrades/rollout';
import { isMonitored, scrapeAnnotations } from '../monitoring/monitors';
import { autoscaler } from '../keda/scaled-object';
import { bootsnapEnv } from '../rails/bootsnap';
import {
  PUMA_TLS_PORT, pumaTlsEnv, pumaTlsMounts, webserviceTlsFiles, workhorseScheme, workhorseTlsNginxAnnotations,
} from './tls';

export interface WebserviceProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

const PUMA_PORT = 8080;
/** Puma's port (the Service's http-webservice). */
export const WEBSERVICE_PUMA_PORT = PUMA_PORT;
/** Puma's metrics (the web exporter). */
export const WEBSERVICE_METRICS_PORT = 8083;
const METRICS_PORT = WEBSERVICE_METRICS_PORT;

/** NGINX settings the chart gives the GitLab host: large uploads (LFS, packages) and slow git operations. */
const NGINX_ANNOTATIONS = {
  'nginx.ingress.kubernetes.io/proxy-body-size': '512m',
  'nginx.ingress.kubernetes.io/proxy-connect-timeout': '15',
  'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
  'nginx.ingress.kubernetes.io/service-upstream': 'true',
};

/** The objects of one webservice Deployment. */
export interface WebserviceDeploymentHandles extends DeploymentHandles {
  /** Its Workhorse ConfigMap. */
  readonly workhorseConfigMap: k8s.KubeConfigMap;
}

/**
 * webservice: GitLab's web UI, API and git-over-HTTP: Puma (Rails) behind Workhorse in one pod. Each Deployment
 * of `components.webservice.deployments` (by default the chart's single `default` on `/`) has its own Service,
 * HPA, PodDisruptionBudget, Workhorse ConfigMap and, with an Ingress path, its own Ingress on the GitLab host; they
 * share the Rails ConfigMap and the ServiceAccount.
 *
 * Workhorse (8181) is the only entry point; Puma (8080) is reached by Workhorse over localhost. Both containers
 * share `/tmp` and the upload directory, since Workhorse writes uploads that Puma then reads.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/webservice/
 */
export class Webservice extends Construct {
  /** Name of the Service the other components call (`internalDeployment`'s; also its Deployment, HPA, PDB, Ingress). */
  readonly serviceName: string;
  /** Names of every Deployment (each also names its Service, HPA, PDB and Ingress), in `deployments` order. */
  readonly deploymentNames: readonly string[];
  /** Workhorse port: where every client (Ingress, gitlab-shell, Gitaly hooks, KAS) sends requests. */
  readonly workhorsePort = WORKHORSE_PORT;
  /** Puma port (inside the pod and on the Service, for debugging only). */
  readonly pumaPort = PUMA_PORT;
  /** Rails metrics exporter port. */
  readonly metricsPort = METRICS_PORT;
  /** The Rails ConfigMap name. */
  readonly configMapName: string;
  /** The external host the Ingress serves. */
  readonly host: string;
  /** The pods' ServiceAccount (the one an IAM role must trust), unless `serviceAccounts` is off. */
  readonly serviceAccountName?: string;

  /**
   * The first Deployment (`deployments[0]`, `default` unless renamed): add an annotation
   * (`deployment.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). Every Deployment: `deployments`.
   */
  readonly deployment: k8s.KubeDeployment;
  /** The first Deployment's Service. */
  readonly service: k8s.KubeService;
  /** The first Deployment's HorizontalPodAutoscaler, unless `autoscaling: false`. */
  readonly horizontalPodAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The first Deployment's PodDisruptionBudget, unless `podDisruptionBudget: false`. */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The first Deployment's Ingress, when it has a path and the platform uses Ingresses. */
  readonly ingress?: k8s.KubeIngress;
  /** The first Deployment's HTTPRoute, when it has a path and the platform uses the Gateway API. */
  readonly httpRoute?: ApiObject;
  /** Every Deployment's objects, by Deployment name (`components.webservice.deployments[].name`). */
  readonly deployments: Readonly<Record<string, WebserviceDeploymentHandles>>;
  /** The first Deployment's Workhorse ConfigMap. */
  readonly workhorseConfigMap: k8s.KubeConfigMap;
  /** The Rails ConfigMap every Deployment reads. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: WebserviceProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const web = config.components.webservice!;
    const image = config.images.webservice;
    // The Rails ConfigMap and the ServiceAccount serve every Deployment; labelled as the first one's, as they always were.
    const shared = componentLabels(config, 'webservice', image.tag, { 'gitlab.com/webservice-name': web.deployments[0].name });
    this.serviceName = endpoints.webservice.service;
    this.host = config.hosts.gitlab.name;

    // Puma's, the web exporter's and Workhorse's certificates ride in the same projection (none while TLS is off).
    const secretFiles = [...railsSecretFiles(config, 'webservice'), ...webserviceTlsFiles(config)];
    const railsFiles = configFiles(this, 'config', config, `${config.release}-webservice`, shared.common,
      railsConfigData(config, endpoints, 'webservice', secretFiles));
    this.configMapName = railsFiles.name;

    // The first Deployment's objects sit directly under this construct, so the default single Deployment keeps its place.
    const scopes = web.deployments.map((d, i) => (i === 0 ? this : new Construct(this, d.name)));
    const workhorse = web.deployments.map((d, i) => configFiles(scopes[i], 'workhorse-config', config, `${config.release}-workhorse-${d.name}`,
      componentLabels(config, 'webservice', image.tag, { 'gitlab.com/webservice-name': d.name }).common, {
        'workhorse-config.toml.tpl': workhorseConfigTemplate(config, d),
        configure: workhorseConfigureScript(config),
      }));

    const sa = serviceAccount(this, config, `${config.release}-webservice`, shared, web.serviceAccountAnnotations,
      config.objectStorage.iamRoles?.webservice, web.serviceAccount);
    this.serviceAccountName = sa;
    this.deploymentNames = web.deployments.map((d, i) => webserviceDeployment(scopes[i], {
      config, deployment: d, sa, secretFiles, railsFiles, workhorseFiles: workhorse[i],
    }));
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployments = Object.fromEntries(web.deployments.map((d, i) => [d.name, {
      ...deploymentHandles(scopes[i]), workhorseConfigMap: requiredHandle(scopes[i], 'workhorse-config', k8s.KubeConfigMap),
    }]));
    const first = this.deployments[web.deployments[0].name];
    this.deployment = first.deployment;
    this.workhorseConfigMap = first.workhorseConfigMap;
    this.service = first.service!;
    this.horizontalPodAutoscaler = first.horizontalPodAutoscaler;
    this.podDisruptionBudget = first.podDisruptionBudget;
    this.ingress = first.ingress;
    this.httpRoute = first.httpRoute;
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
  }
}

interface WebserviceDeploymentProps {
  readonly config: ResolvedConfig;
  readonly deployment: ResolvedWebserviceDeployment;
  readonly sa?: string;
  readonly secretFiles: ReturnType<typeof railsSecretFiles>;
  readonly railsFiles: { readonly name: string; readonly checksum: string };
  readonly workhorseFiles: { readonly name: string; readonly checksum: string };
}

/** One Deployment of `components.webservice.deployments`, with its HPA, PDB, Service and Ingress. Returns its name. */
function webserviceDeployment(scope: Construct, o: WebserviceDeploymentProps): string {
  const { config, deployment: w, sa, secretFiles, railsFiles, workhorseFiles } = o;
  const web = config.components.webservice!;
  const name = `${config.release}-webservice-${w.name}`;
  const image = config.images.webservice;
  const workhorseImage = config.images.workhorse;
  const labels = componentLabels(config, 'webservice', image.tag, { 'gitlab.com/webservice-name': w.name });
  const v = railsVolumeNames('webservice');
  const shared = [
    { name: 'shared-upload-directory', mountPath: '/srv/gitlab/public/uploads/tmp' },
    { name: 'shared-tmp', mountPath: '/tmp' },
  ];
  const tmpdir = '/tmp/gitlab';
  const blackout = w.shutdownBlackoutSeconds;

  const template = podTemplate({
    config, labels, workload: w, serviceAccountName: sa, automountServiceAccountToken: config.components.webservice!.serviceAccount.automountToken,
    terminationGracePeriodSeconds: ZERO_DOWNTIME_GRACE_SECONDS.webservice,
    annotations: {
      'checksum/config': checksum(railsFiles.checksum, workhorseFiles.checksum),
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
      ...scrapeAnnotations(config, 'webservice', {
        ...(web.tls?.metricsSecretName ? { 'gitlab.com/prometheus_scheme': 'https', 'prometheus.io/scheme': 'https' } : {}),
        ...prometheusAnnotations(METRICS_PORT),
      }),
    },
    initContainers: [
      certificatesInit(config),
      configureInit(config, {
        image: config.components.webservice!.initImage,
        // `&&`, not the chart's `;`: a failed copy must stop the pod here, not surface later as a Rails error.
        args: ['-c', `sh /config-webservice/configure && sh /config-workhorse/configure && mkdir -p -m 3770 ${tmpdir}`],
        mounts: [
          { name: v.config, mountPath: '/config-webservice', readOnly: true },
          { name: 'workhorse-config', mountPath: '/config-workhorse', readOnly: true },
          { name: v.initSecrets, mountPath: '/init-config', readOnly: true },
          { name: v.secrets, mountPath: '/init-secrets' },
          { name: 'workhorse-secrets', mountPath: '/init-secrets-workhorse' },
          { name: 'shared-tmp', mountPath: '/tmp' },
        ],
      }),
      dependenciesInit(config, image, v, { WORKHORSE_ARCHIVE_CACHE_DISABLED: '1', ...bootsnapEnv(config) }),
    ],
    containers: [{
      name: 'webservice',
      image: image.ref,
      imagePullPolicy: image.pullPolicy,
      env: envList({
        TZ: config.timeZone,
        GITLAB_WEBSERVER: 'puma',
        TMPDIR: tmpdir,
        ...railsConfigEnv(),
        prometheus_multiproc_dir: '/metrics',
        ...bootsnapEnv(config),
        WORKER_PROCESSES: w.workerProcesses,
        WORKER_TIMEOUT: w.workerTimeout,
        INTERNAL_PORT: PUMA_PORT,
        ...pumaTlsEnv(config),
        PUMA_THREADS_MIN: w.threadsMin,
        PUMA_THREADS_MAX: w.threadsMax,
        PUMA_WORKER_MAX_MEMORY: '',
        DISABLE_PUMA_WORKER_KILLER: 'true',
        BIND_IP6: 'false',
        PUMA_CONTROL_PORT: 9293,
        SHUTDOWN_BLACKOUT_SECONDS: blackout,
        WORKHORSE_ARCHIVE_CACHE_DISABLED: 'true',
      }, w.extraEnv, 'components.webservice.extraEnv'),
      ports: [
        { name: 'http-webservice', containerPort: PUMA_PORT },
        ...(web.tls ? [{ name: 'https-ws', containerPort: PUMA_TLS_PORT }] : []),
        { name: 'http-metrics-ws', containerPort: METRICS_PORT },
      ],
      volumeMounts: [
        { name: 'webservice-metrics', mountPath: '/metrics' },
        { name: v.config, mountPath: RAILS_PATHS.templates },
        ...railsSecretMounts(v),
        ...pumaTlsMounts(config, v.secrets),
        ...railsFileMounts(v, { installationType: true }),
        ...shared,
        ...trustStoreMounts(),
      ],
      livenessProbe: httpProbe('/-/liveness', PUMA_PORT, { delay: 20, period: 60, timeout: 30, failures: 3 }),
      readinessProbe: httpProbe('/-/readiness', PUMA_PORT, { delay: 0, period: 5, timeout: 2, failures: 2 }),
      // SIGINT to the Puma master starts its graceful shutdown (blackout, then drain).
      lifecycle: { preStop: { exec: { command: ['/bin/bash', '-c', 'pkill -SIGINT -o ruby'] } } },
      securityContext: containerSecurityContext(),
      resources: resources(w.resources),
    }, {
      name: 'gitlab-workhorse',
      image: workhorseImage.ref,
      imagePullPolicy: workhorseImage.pullPolicy,
      env: envList({
        TZ: config.timeZone,
        GODEBUG,
        TMPDIR: tmpdir,
        GITLAB_WORKHORSE_AUTH_BACKEND: `http://localhost:${PUMA_PORT}`,
        GITLAB_WORKHORSE_EXTRA_ARGS: '',
        GITLAB_WORKHORSE_LISTEN_PORT: WORKHORSE_PORT,
        GITLAB_WORKHORSE_LOG_FORMAT: 'json',
        ...railsConfigEnv(),
        SHUTDOWN_BLACKOUT_SECONDS: blackout,
        PUMA_CONTROL_PORT: 9293,
      }),
      ports: [
        { name: 'http-workhorse', containerPort: WORKHORSE_PORT },
        ...(isMonitored(config, 'workhorse') ? [{ name: 'http-metrics-wh', containerPort: WORKHORSE_METRICS_PORT }] : []),
      ],
      volumeMounts: [
        { name: 'workhorse-config', mountPath: RAILS_PATHS.templates },
        { name: 'workhorse-secrets', mountPath: RAILS_PATHS.secrets, readOnly: true },
        ...shared,
        ...trustStoreMounts(),
      ],
      livenessProbe: execProbe(['/scripts/healthcheck'], { delay: 20, period: 60, timeout: 30, failures: 3 }),
      readinessProbe: execProbe(['/scripts/healthcheck'], { delay: 0, period: 10, timeout: 2, failures: 3 }),
      // Keep serving while the endpoints controller removes the pod from the Service.
      lifecycle: { preStop: { exec: { command: ['/bin/bash', '-c', 'sleep $SHUTDOWN_BLACKOUT_SECONDS'] } } },
      securityContext: containerSecurityContext(),
      resources: resources(w.workhorseResources),
    }],
    volumes: [
      emptyDir('shared-tmp'),
      memoryDir('webservice-metrics'),
      configMapVolume(v.config, railsFiles.name),
      configMapVolume('workhorse-config', workhorseFiles.name),
      projectedSecrets(v.initSecrets, secretFiles),
      memoryDir(v.secrets),
      memoryDir('workhorse-secrets'),
      emptyDir('shared-upload-directory'),
      ...trustStoreVolumes(config),
    ],
  });

  deployment(scope, config, name, labels, w, template, surgeStrategy());
  autoscaler(scope, config, name, labels, config.components.webservice!.keda, w);
  if (w.pdb) podDisruptionBudget(scope, config, name, labels, w.pdb.maxUnavailable);

  // A listener serving TLS keeps its container port's name; the Service port is named https-* (as in the chart).
  const port = (portName: string, number: number, https = false): k8s.ServicePort =>
    ({ name: https ? portName.replace(/^http-/, 'https-') : portName, port: number, targetPort: k8s.IntOrString.fromString(portName), protocol: 'TCP' });
  const workhorseTls = web.workhorseTls;
  new k8s.KubeService(scope, 'service', {
    metadata: meta(config, name, labels.common, w.service?.annotations),
    spec: {
      selector: labels.selector,
      ...exposedServiceSpec(w.service, [
        port('http-webservice', PUMA_PORT), port('http-workhorse', WORKHORSE_PORT, !!workhorseTls),
        ...(web.tls ? [port('https-ws', PUMA_TLS_PORT)] : []),
        port('http-metrics-ws', METRICS_PORT, !!web.tls?.metricsSecretName),
        // Workhorse's metrics listener is on only while a ServiceMonitor scrapes it (the chart's workhorse.metrics).
        ...(isMonitored(config, 'workhorse') ? [port('http-metrics-wh', WORKHORSE_METRICS_PORT, !!workhorseTls?.metrics)] : []),
      ], `${workhorseScheme(config)}-workhorse`),
    },
  });

  // Workhorse passes /-/readiness to Puma, which answers the load balancer (monitoring is open to the network).
  if (w.ingressPath !== undefined) {
    exposeHost(scope, config, name, labels, {
      host: 'gitlab', paths: [{ path: w.ingressPath, service: name, port: WORKHORSE_PORT }],
      nginxAnnotations: { ...workhorseTlsNginxAnnotations(config, name), ...NGINX_ANNOTATIONS },
      ...(workhorseTls ? { backendProtocol: 'HTTPS' as const } : {}),
      healthCheck: { path: '/-/readiness' },
      // Clones and pushes of large repositories take as long as they take.
      requestTimeout: '0s',
      own: w.ingress,
    });
  }
  return name;
}
