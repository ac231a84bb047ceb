import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { execProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import { certificatesInit, configMapVolume, trustStoreMounts, trustStoreVolumes } from '../../lib/volumes';
import { deployment, horizontalPodAutoscaler, meta, podDisruptionBudget, podTemplate, serviceAccount } from '../../lib/workload';
import { SPAMCHECK_GRPC_PORT, spamcheckConfigFile } from './config-file';

export interface SpamcheckProps {
  /** The resolved platform configuration (`resolveConfig`); `components.spamcheck` must be set. */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/**
 * spamcheck: GitLab's anti-spam service (gRPC on 8001): Deployment, Service, HPA, PodDisruptionBudget and its
 * configuration. As in the chart, GitLab is not pointed at it automatically: an administrator sets the Spam Check
 * endpoint (Admin > Settings > Reporting) to `endpoint`.
 *
 * Deliberate differences from the chart: the restricted security context (the chart sets none on the container)
 * and no unused in-memory data volume.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/spamcheck/
 */
export class Spamcheck extends Construct {
  readonly serviceName: string;
  readonly port = SPAMCHECK_GRPC_PORT;
  /** What an administrator enters as the Spam Check endpoint: `grpc://<service>.<namespace>.svc:8001`. */
  readonly endpoint: string;

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

  constructor(scope: Construct, id: string, props: SpamcheckProps) {
    super(scope, id);
    const { config } = props;
    const w = config.components.spamcheck!;
    const name = `${config.release}-spamcheck`;
    const image = config.images.spamcheck;
    const labels = componentLabels(config, 'spamcheck', image.tag);
    this.serviceName = name;
    this.endpoint = `grpc://${name}.${config.namespace}.svc:${SPAMCHECK_GRPC_PORT}`;

    const files = configFiles(this, 'config', config, name, labels.common, { 'config.yaml': spamcheckConfigFile(config) });
    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount);

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      annotations: { 'checksum/config': files.checksum, 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
      initContainers: [certificatesInit(config)],
      containers: [{
        name: 'spamcheck',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        ports: [{ name: 'grpc', containerPort: SPAMCHECK_GRPC_PORT }],
        env: envList({ SPAMCHECK_CONFIG: '/app/config/config.yaml', TZ: config.timeZone }, w.extraEnv, 'components.spamcheck.extraEnv'),
        volumeMounts: [
          { name: 'spamcheck-config-volume', mountPath: '/app/config' },
          ...trustStoreMounts(),
        ],
        livenessProbe: execProbe(['health-check', '--liveness'], { delay: 20, period: 60, timeout: 30, failures: 3, successes: 1 }),
        readinessProbe: execProbe(['health-check', '--readiness'], { delay: 0, period: 10, timeout: 2, failures: 3, successes: 1 }),
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume('spamcheck-config-volume', files.name),
        ...trustStoreVolumes(config),
      ],
    });

    deployment(this, config, name, labels, w, template);
    if (w.autoscaling) horizontalPodAutoscaler(this, config, name, labels, name, w.autoscaling);
    if (w.pdb) podDisruptionBudget(this, config, name, labels, w.pdb.maxUnavailable);
    new k8s.KubeService(this, 'service', {
      metadata: meta(config, name, labels.common),
      spec: {
        type: 'ClusterIP',
        selector: labels.selector,
        ports: [{ name: 'grpc', port: SPAMCHECK_GRPC_PORT, targetPort: k8s.IntOrString.fromNumber(SPAMCHECK_GRPC_PORT), protocol: 'TCP' }],
      },
    });
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployment = requiredHandle(this, 'deployment', k8s.KubeDeployment);
    this.service = requiredHandle(this, 'service', k8s.KubeService);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.horizontalPodAutoscaler = handle(this, 'hpa', k8s.KubeHorizontalPodAutoscalerV2);
    this.podDisruptionBudget = handle(this, 'pdb', k8s.KubePodDisruptionBudget);
  }
}
