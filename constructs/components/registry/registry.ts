import { ApiObject } from 'cdk8s';
import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { isMonitored, scrapeAnnotations } from '../monitoring/monitors';
import { prometheusAnnotations } from '../../lib/metrics';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList, GODEBUG } from '../../lib/env';
import { exposeHost } from '../../lib/ingress';
import { exposedServiceSpec } from '../../lib/service-exposure';
import { componentLabels } from '../../lib/labels';
import { httpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, fileFrom, memoryDir, projectedSecrets, trustStoreMounts,
  trustStoreVolumes,
} from '../../lib/volumes';
import {
  deployment, horizontalPodAutoscaler, meta, podDisruptionBudget, podTemplate, serviceAccount,
} from '../../lib/workload';
import {
  REGISTRY_DEBUG_PORT, REGISTRY_PATHS, REGISTRY_PORT, REGISTRY_TLS_FILES, registryConfigTemplate, registryConfigureScript,
} from './config-template';
import { registryBackendTls } from './tls';
import { surgeStrategy, ZERO_DOWNTIME_GRACE_SECONDS } from '../../upgrades/rollout';

export interface RegistryProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}


/** The line a synth with the registry's ephemeral storage prints on stderr (once). */
export const REGISTRY_EPHEMERAL_WARNING = 'gitlab-iac: warning: the container registry keeps images in an emptyDir of its pod'
  + ' (no storage Secret, as the chart\'s default filesystem storage): every image is lost when the pod restarts or moves;'
  + ' give it object storage (components.registry.storage, the chart\'s registry.storage.secret) for real use';
let warned = false;
/** NGINX settings for image layers: no body size limit, long reads, streamed (unbuffered) in both directions. */
const NGINX_ANNOTATIONS = {
  'nginx.ingress.kubernetes.io/proxy-body-size': '0',
  'nginx.ingress.kubernetes.io/proxy-read-timeout': '900',
  'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
  'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
};

/**
 * The GitLab container registry, on object storage, authenticating clients with tokens GitLab signs.
 *
 * The storage driver block comes from a Secret (`components.registry.storage`, YAML such as `s3: {bucket, region}`)
 * that the configure step splices into `config.yml`; with `objectStorage.iamRole` the ServiceAccount carries the
 * registry's IAM role. With `tls` (the chart's `registry.tls`) it serves HTTPS on 5000: the port and Service port are
 * named `https`, Rails' `api_url` is `https://`, and the Ingress proxies over HTTPS (`tls.ts`). Differences from the chart: the PodDisruptionBudget is named `<release>-registry` (the chart
 * adds `-v1`), the pod annotation is `checksum/config` like every other component (the chart's `checksum/configmap`),
 * and the HTTP secret is read by the template at render time instead of being substituted with `sed`.
 *
 * @see https://docs.gitlab.com/charts/charts/registry/
 */
export class Registry extends Construct {
  /** The API Service name. */
  readonly serviceName: string;
  /** The API port. */
  readonly port = REGISTRY_PORT;
  /** In-cluster API URL (Rails `registry.api_url`). */
  readonly apiUrl: string;
  /** External host name (the Ingress host, Rails `registry.host`). */
  readonly host: string;

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

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.registry!;
    const name = endpoints.registry.service;
    const image = config.images.registry;
    const labels = componentLabels(config, 'registry', image.tag);
    this.serviceName = name;
    this.apiUrl = endpoints.registry.apiUrl;
    this.host = config.hosts.registry.name;

    const metrics = w.metrics || isMonitored(config, 'registry');
    if (w.ephemeral && !warned) {
      process.stderr.write(`${REGISTRY_EPHEMERAL_WARNING}\n`);
      warned = true;
    }
    const files = configFiles(this, 'config', config, name, labels.common, {
      'config.yml.tpl': registryConfigTemplate({ gitlabUrl: config.hosts.gitlab.url, tuning: w.tuning, metrics, redirect: w.redirect, ephemeral: w.ephemeral, tls: w.tls }),
      configure: registryConfigureScript({ driverSecret: !w.ephemeral, tls: !!w.tls }),
    });

    const secretFiles = [
      fileFrom({ name: config.secrets.registryAuth, key: 'registry-auth.crt' }, 'certificate.crt'),
      fileFrom({ name: config.secrets.registryHttp, key: config.secretKeys.registryHttp }, 'httpSecret'),
      ...(w.storage ? [fileFrom(w.storage, 'storage/config')] : []),
      // The registry's own TLS key pair (the configure step copies it next to the config).
      ...(w.tls ? [fileFrom({ name: w.tls.secretName, key: 'tls.crt' }, REGISTRY_TLS_FILES.certificate), fileFrom({ name: w.tls.secretName, key: 'tls.key' }, REGISTRY_TLS_FILES.key)] : []),
    ];
    // The API port's name says its protocol (the chart's `http`/`https`); the Service port and Ingress follow it.
    const apiPort = w.tls ? 'https' : 'http';
    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, config.objectStorage.iamRoles?.registry, w.serviceAccount);

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      terminationGracePeriodSeconds: ZERO_DOWNTIME_GRACE_SECONDS.registry,
      annotations: {
        'checksum/config': files.checksum,
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
        // The chart's scrape annotations while metrics are on and no ServiceMonitor scrapes them.
        ...(w.metrics ? scrapeAnnotations(config, 'registry', prometheusAnnotations(REGISTRY_DEBUG_PORT)) : {}),
      },
      initContainers: [
        certificatesInit(config),
        // `args`, not `command`: the gitlab-base entrypoint first renders /templates into /registry, then runs them.
        configureInit(config, {
          image: w.initImage,
          command: [],
          args: ['sh', `${REGISTRY_PATHS.secrets}/configure`],
          env: envList({ CONFIG_TEMPLATE_DIRECTORY: REGISTRY_PATHS.templates, CONFIG_DIRECTORY: REGISTRY_PATHS.rendered }),
          mounts: [
            { name: 'registry-secrets', mountPath: REGISTRY_PATHS.secrets, readOnly: true },
            { name: 'registry-server-config-templates', mountPath: REGISTRY_PATHS.templates, readOnly: true },
            { name: 'registry-server-config', mountPath: REGISTRY_PATHS.rendered },
          ],
        }),
      ],
      containers: [{
        name: 'registry',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        env: envList({ TZ: config.timeZone, GODEBUG }, w.extraEnv, 'components.registry.extraEnv'),
        ports: [
          { name: apiPort, containerPort: REGISTRY_PORT },
          { name: 'debug', containerPort: REGISTRY_DEBUG_PORT },
        ],
        volumeMounts: [
          { name: 'registry-server-config', mountPath: `${REGISTRY_PATHS.config}/`, readOnly: true },
          ...(w.ephemeral ? [{ name: 'registry-data', mountPath: REGISTRY_PATHS.ephemeralData }] : []),
          ...trustStoreMounts(),
        ],
        livenessProbe: httpProbe('/debug/health', 'debug', { delay: 5, period: 10, timeout: 1, failures: 3 }),
        readinessProbe: httpProbe('/debug/health', 'debug', { delay: 5, period: 5, timeout: 1, failures: 3 }),
        // Let the Service and Ingress stop routing before the registry shuts down.
        lifecycle: { preStop: { exec: { command: ['/bin/bash', '-c', 'sleep 5'] } } },
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume('registry-server-config-templates', files.name, [{ key: 'config.yml.tpl', path: 'config.yml.tpl' }]),
        memoryDir('registry-server-config'),
        // The ephemeral filesystem storage: on the node's disk, gone with the pod.
        ...(w.ephemeral ? [{ name: 'registry-data', emptyDir: {} }] : []),
        projectedSecrets('registry-secrets', secretFiles,
          [{ configMap: { name: files.name, items: [{ key: 'configure', path: 'configure' }] } }], 0o440),
        ...trustStoreVolumes(config),
      ],
    });

    deployment(this, config, name, labels, w, template, surgeStrategy());
    new k8s.KubeService(this, 'service', {
      metadata: meta(config, name, labels.common, w.service?.annotations),
      spec: {
        selector: labels.selector,
        ...exposedServiceSpec(w.service, [
          { name: `${apiPort}-registry`, port: REGISTRY_PORT, targetPort: k8s.IntOrString.fromString(apiPort), protocol: 'TCP' },
          // Metrics are served on the debug port while on or a ServiceMonitor scrapes them (the chart's registry.metrics).
          ...(metrics
            ? [{ name: 'http-metrics', port: REGISTRY_DEBUG_PORT, targetPort: k8s.IntOrString.fromString('debug'), protocol: 'TCP' }] : []),
        ], `${apiPort}-registry`),
      },
    });
    exposeHost(this, config, name, labels, {
      host: 'registry', paths: [{ path: '/', service: name, port: REGISTRY_PORT }], own: w.ingress,
      ...registryBackendTls(NGINX_ANNOTATIONS, w.tls, `${name}.${config.namespace}.svc`, config.namespace),
      // On the traffic port: the debug port (health, pprof, metrics) stays closed to the load balancer's sources.
      // The API base answers 401 without a token, 200 with one: either proves the registry serves.
      healthCheck: { path: '/v2/', successCodes: '200,401' },
      // Large layer uploads, as the chart's route (and NGINX's 900s read timeout) allow.
      requestTimeout: '900s',
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
