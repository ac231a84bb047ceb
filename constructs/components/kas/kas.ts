import { ApiObject } from 'cdk8s';
import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList, GODEBUG } from '../../lib/env';
import { exposeHost } from '../../lib/ingress';
import { exposedServiceSpec } from '../../lib/service-exposure';
import { componentLabels } from '../../lib/labels';
import { httpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { redisSecretFiles } from '../../lib/redis';
import { containerSecurityContext } from '../../lib/security';
import { certificatesInit, fileFrom, projectedSecrets, trustStoreMounts, trustStoreVolumes } from '../../lib/volumes';
import {
  deployment, horizontalPodAutoscaler, meta, podDisruptionBudget, podTemplate, serviceAccount,
} from '../../lib/workload';
import { K8S_PROXY_PATH, KAS_DIR, KAS_PORTS, kasConfigFile } from './config-file';
import { prometheusAnnotations } from '../../lib/metrics';
import { scrapeAnnotations } from '../monitoring/monitors';

export interface KasProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/** kas runs as uid/gid 65532 (the image's non-root user, as the chart sets it). */
const KAS_UID = 65532;
/** Agents hold long-lived connections; give them five minutes to move to another replica. */
const GRACE_SECONDS = 300;

/** NGINX: stream agent websockets unbuffered, and never replace kas's own error responses. */
const NGINX_ANNOTATIONS = {
  'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
  'nginx.ingress.kubernetes.io/custom-http-errors': '',
};

/**
 * kas, the GitLab agent server: agents connect to `wss://<kas host>/`, users reach clusters through
 * `https://<kas host>/k8s-proxy/`, and Rails calls its internal API at `grpc://<release>-kas.<ns>.svc:8153`.
 * There is no configure step: the config and every secret file are projected straight into `/etc/kas`.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/kas/
 */
export class Kas extends Construct {
  /** The Service name. */
  readonly serviceName: string;
  /** Rails-facing gRPC URL (Rails `gitlab_kas.internal_url`). */
  readonly internalUrl: string;
  /** Agents' URL (Rails `gitlab_kas.external_url`), `wss://<kas host>`. */
  readonly externalUrl: string;
  /** External host name (the Ingress host). */
  readonly host: string;
  /** Service ports by role. */
  readonly ports = KAS_PORTS;

  /** The Deployment: add an annotation (`deployment.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly deployment: k8s.KubeDeployment;
  /** The Service. */
  readonly service: k8s.KubeService;
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

  constructor(scope: Construct, id: string, props: KasProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.kas!;
    const name = endpoints.kas.service;
    const image = config.images.kas;
    const labels = componentLabels(config, 'kas', image.tag);
    this.serviceName = name;
    this.internalUrl = endpoints.kas.internalUrl;
    this.externalUrl = config.hosts.kas.url;
    this.host = config.hosts.kas.name;

    const files = configFiles(this, 'config', config, name, labels.common, {
      'config.yaml': kasConfigFile(config, { gitlabAddress: endpoints.webservice.workhorseUrl }),
    });
    const secretFiles = [
      fileFrom({ name: config.secrets.kas, key: config.secretKeys.kas }, '.gitlab_kas_secret'),
      fileFrom({ name: config.secrets.kasPrivateApi, key: 'kas_private_api_secret' }, '.gitlab_kas_private_api_secret'),
      fileFrom({ name: config.secrets.kasWebsocketToken, key: 'kas_websocket_token_secret' }, '.gitlab_kas_websocket_token_secret'),
      ...redisSecretFiles(config.redis, [config.redis.forPurpose.kas]),
    ];
    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount);
    const metrics = String(KAS_PORTS.observability);

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa, uid: KAS_UID,
      terminationGracePeriodSeconds: GRACE_SECONDS,
      annotations: {
        'checksum/config': files.checksum,
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
        ...scrapeAnnotations(config, 'kas', prometheusAnnotations(metrics)),
      },
      initContainers: [certificatesInit(config, KAS_UID)],
      containers: [{
        name: 'kas',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        args: [`--configuration-file=${KAS_DIR}/config.yaml`],
        env: envList({
          TZ: config.timeZone,
          // The name other replicas use to reach this one's private API (and verify it with TLS, when on).
          OWN_PRIVATE_API_HOST: endpoints.kas.privateApiHost,
          GODEBUG,
        }, w.extraEnv, 'components.kas.extraEnv'),
        ports: [
          { name: 'kas', containerPort: KAS_PORTS.agent },
          { name: 'kas-api', containerPort: KAS_PORTS.api },
          { name: 'kas-k8s-api', containerPort: KAS_PORTS.kubernetesApi },
          { name: 'kas-private-api', containerPort: KAS_PORTS.privateApi },
          { name: 'http-metrics', containerPort: KAS_PORTS.observability },
        ],
        volumeMounts: [
          { name: 'init-etc-kas', mountPath: KAS_DIR, readOnly: true },
          ...trustStoreMounts(),
        ],
        readinessProbe: httpProbe('/readiness', KAS_PORTS.observability, { delay: 5, period: 10, timeout: 1, failures: 3 }),
        livenessProbe: httpProbe('/liveness', KAS_PORTS.observability, { delay: 15, period: 20, timeout: 1, failures: 3 }),
        securityContext: containerSecurityContext(KAS_UID),
        resources: resources(w.resources),
      }],
      volumes: [
        projectedSecrets('init-etc-kas', secretFiles, [{ configMap: { name: files.name } }], 0o440),
        ...trustStoreVolumes(config),
      ],
    });

    deployment(this, config, name, labels, w, template);
    const port = (portName: string, p: number, target: k8s.IntOrString = k8s.IntOrString.fromNumber(p)): k8s.ServicePort =>
      ({ name: portName, port: p, targetPort: target, protocol: 'TCP' });
    new k8s.KubeService(this, 'service', {
      metadata: meta(config, name, labels.common, w.service?.annotations),
      spec: {
        selector: labels.selector,
        // The private API (8155) stays off the Service: replicas reach each other by pod address.
        ...exposedServiceSpec(w.service, [
          port('tcp-kas-external-api', KAS_PORTS.agent),
          port('tcp-kas-internal-api', KAS_PORTS.api),
          port('tcp-kas-k8s-api', KAS_PORTS.kubernetesApi),
          port('http-metrics', KAS_PORTS.observability, k8s.IntOrString.fromString('http-metrics')),
        ], 'tcp-kas-external-api'),
      },
    });
    exposeHost(this, config, name, labels, {
      host: 'kas',
      paths: [
        { path: `${K8S_PROXY_PATH}/`, service: name, port: KAS_PORTS.kubernetesApi },
        { path: '/', service: name, port: KAS_PORTS.agent },
      ],
      nginxAnnotations: NGINX_ANNOTATIONS,
      own: w.ingress,
      // On the traffic port: the observability port (metrics, probes) stays closed to the load balancer's sources.
      // The agent endpoint answers a plain GET with a 4xx (it wants a WebSocket upgrade): it is up.
      healthCheck: { path: '/', successCodes: '200-499' },
      // Agents hold their websocket open indefinitely.
      requestTimeout: '0s',
    });
    if (w.autoscaling) horizontalPodAutoscaler(this, config, name, labels, name, w.autoscaling);
    if (w.pdb) podDisruptionBudget(this, config, name, labels, w.pdb.maxUnavailable);
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployment = requiredHandle(this, 'deployment', k8s.KubeDeployment);
    this.service = requiredHandle(this, 'service', k8s.KubeService);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.horizontalPodAutoscaler = handle(this, 'hpa', k8s.KubeHorizontalPodAutoscalerV2);
    this.podDisruptionBudget = handle(this, 'pdb', k8s.KubePodDisruptionBudget);
    this.ingress = handle(this, 'ingress', k8s.KubeIngress);
    this.httpRoute = handle(this, 'http-route', ApiObject);
  }
}
