import { Construct } from 'constructs';
import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { ResolvedConfig } from '../../config/resolved';
import { checksum } from '../../lib/checksum';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { componentLabels } from '../../lib/labels';
import { copySecretsScript } from '../../lib/volumes';
import { serviceAccount } from '../../lib/workload';
import { GITALY_GRPC_PORT, GITALY_METRICS_PORT, gitalyConfigTemplate } from './config-template';
import { gitalyStatefulSet } from './statefulset';

export interface GitalyProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/**
 * Gitaly: the Git repository storage, one StatefulSet pod (and one PersistentVolumeClaim) per storage name, behind
 * a headless Service so that clients address each pod: `tcp://<release>-gitaly-<N>.<release>-gitaly.<ns>.svc:8075`.
 *
 * With `components.gitaly.tls` the pods also serve TLS on 8076 and clients use `tls://…:8076`. Praefect replaces
 * this StatefulSet by default (see `Praefect`); next to it, this one's disruption budget leaves Praefect's Gitaly
 * pods out (its selector, fixed by the chart, matches them too).
 *
 * Differences from the chart, on purpose: the pod gets a RuntimeDefault seccomp profile (restricted Pod Security
 * Standard), and the repository volumes are kept when the StatefulSet is deleted or scaled down.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/gitaly/
 */
export class Gitaly extends Construct {
  /** The headless Service name (also the StatefulSet's `serviceName`). */
  readonly serviceName: string;
  /** The StatefulSet name; pod N is `<statefulSetName>-N`. */
  readonly statefulSetName: string;
  /** gRPC port clients connect to. */
  readonly port = GITALY_GRPC_PORT;
  /** Prometheus metrics port. */
  readonly metricsPort = GITALY_METRICS_PORT;
  /** Address of each storage's pod, by storage name (`tcp://…:8075`, or `tls://…:8076` with TLS). */
  readonly addresses: Readonly<Record<string, string>>;

  /** The StatefulSet: add an annotation (`statefulSet.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly statefulSet: k8s.KubeStatefulSet;
  /** The Service. */
  readonly service: k8s.KubeService;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The PodDisruptionBudget, unless `podDisruptionBudget: false`. */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: GitalyProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.gitaly!;
    const name = endpoints.gitaly.statefulSet;
    const image = config.images.gitaly;
    const labels = componentLabels(config, 'gitaly', image.tag);
    this.serviceName = endpoints.gitaly.service;
    this.statefulSetName = name;
    this.addresses = Object.fromEntries(w.storageNames.map((s) => [s, endpoints.gitaly.addresses[s]]));

    const gitlabUrl = endpoints.webservice.workhorseUrl;
    const tls = !!w.tls;
    const configure = copySecretsScript(['gitaly', 'shell'], []);
    const files = configFiles(this, 'config', config, name, labels.common, {
      'config.toml.tpl': gitalyConfigTemplate({ storageNames: w.storageNames, gitlabUrl, tls, bundleUri: w.bundleUri }),
      configure,
    });
    // The pods' checksum leaves the storage list out: adding a storage must not restart the pods already serving
    // theirs (a rename is a data migration, not a config change).
    const configChecksum = checksum({ 'config.toml.tpl': gitalyConfigTemplate({ storageNames: [], gitlabUrl, tls, bundleUri: w.bundleUri }), configure });

    gitalyStatefulSet(this, {
      config, name, labels, workload: w,
      replicas: w.storageNames.length,
      persistence: w.persistence,
      configMap: files.name,
      configChecksum,
      tlsSecret: w.tls?.secretName,
      serviceAccountName: serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount),
      pdb: w.pdb,
      pdbExcludes: config.components.praefect ? 'storage' : undefined,
      extraEnvPath: 'components.gitaly.extraEnv',
      gomemlimit: w.gomemlimit,
    });
    // Typed handles to the objects built above (escape hatches; see the README).
    this.statefulSet = requiredHandle(this, 'statefulset', k8s.KubeStatefulSet);
    this.service = requiredHandle(this, 'service', k8s.KubeService);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.podDisruptionBudget = handle(this, 'pdb', k8s.KubePodDisruptionBudget);
  }
}
