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
import { gitalyConfigTemplate } from '../gitaly/config-template';
import { gitalyStatefulSet } from '../gitaly/statefulset';

export interface PraefectGitalyProps {
  /** The resolved platform configuration (`resolveConfig`); `components.praefect` must be set. */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/**
 * The Gitaly pods behind Praefect: per virtual storage a StatefulSet, headless Service and disruption budget
 * `<release>-gitaly-<virtual storage>` whose selector adds `storage: <virtual storage>`, and one ConfigMap
 * `<release>-gitaly-praefect` for all of them. Each pod serves one storage named after itself
 * (`<release>-gitaly-<virtual storage>-<N>`), the node name Praefect knows it by.
 *
 * They take components.gitaly's resources, placement, annotations and persistence (a virtual storage may set its
 * own persistence and budget), and its ServiceAccount `<release>-gitaly`.
 */
/** The Gitaly objects of one virtual storage. */
export interface PraefectGitalyHandles {
  readonly statefulSet: k8s.KubeStatefulSet;
  readonly service: k8s.KubeService;
  /** Unless the virtual storage's `podDisruptionBudget` is `false`. @default none (when that is `false`) */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
}

export class PraefectGitaly extends Construct {
  /** The ConfigMap all virtual storages share. */
  readonly configMapName: string;
  /** StatefulSet (and headless Service) name by virtual storage. */
  readonly statefulSetNames: Readonly<Record<string, string>>;

  /** Each virtual storage's Gitaly objects, by virtual storage name: add an annotation or a checked patch (`strictJsonPatch`). */
  readonly virtualStorages: Readonly<Record<string, PraefectGitalyHandles>>;
  /** The Gitaly ConfigMap every virtual storage's pods read. */
  readonly configMap: k8s.KubeConfigMap;
  /** The Gitaly ServiceAccount, when this construct created it (not when the plain Gitaly StatefulSet runs too). */
  readonly serviceAccount?: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: PraefectGitalyProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const praefect = config.components.praefect!;
    const virtualStorages = endpoints.praefect!.virtualStorages;
    const image = config.images.gitaly;
    const labels = componentLabels(config, 'gitaly', image.tag);
    this.configMapName = `${endpoints.gitaly.service}-praefect`;
    this.statefulSetNames = Object.fromEntries(praefect.virtualStorages.map((vs) => [vs.name, virtualStorages[vs.name].statefulSet]));

    const gitlabUrl = endpoints.webservice.workhorseUrl;
    // In-cluster Gitaly TLS is one switch: every virtual storage has a TLS Secret, or none has.
    const tls = praefect.virtualStorages.some((vs) => vs.tlsSecretName);
    const nodes = praefect.virtualStorages.flatMap((vs) => virtualStorages[vs.name].nodes.map((n) => n.storage));
    const configure = copySecretsScript(['gitaly', 'shell'], []);
    configFiles(this, 'config', config, this.configMapName, labels.common, {
      'config.toml.tpl': gitalyConfigTemplate({ storageNames: nodes, storageBy: 'hostname', gitlabUrl, tls, bundleUri: praefect.gitaly.bundleUri }),
      configure,
    });
    // Without the node list: adding a virtual storage or a replica must not restart the pods already serving.
    const configChecksum = checksum({ 'config.toml.tpl': gitalyConfigTemplate({ storageNames: [], storageBy: 'hostname', gitlabUrl, tls, bundleUri: praefect.gitaly.bundleUri }), configure });

    // The plain Gitaly StatefulSet, when it runs too, has created the account already.
    const account = endpoints.gitaly.service;
    const serviceAccountName = config.components.gitaly
      ? (config.serviceAccounts ? account : undefined)
      : serviceAccount(this, config, account, labels, praefect.gitaly.serviceAccountAnnotations);

    const handles: Record<string, PraefectGitalyHandles> = {};
    for (const vs of praefect.virtualStorages) {
      const vsScope = new Construct(this, vs.name);
      gitalyStatefulSet(vsScope, {
        config,
        name: virtualStorages[vs.name].statefulSet,
        labels: componentLabels(config, 'gitaly', image.tag, { storage: vs.name }),
        workload: praefect.gitaly,
        replicas: vs.gitalyReplicas,
        persistence: vs.persistence,
        configMap: this.configMapName,
        configChecksum,
        tlsSecret: vs.tlsSecretName,
        serviceAccountName,
        pdb: vs.pdb,
        extraEnvPath: 'components.gitaly.extraEnv',
        gomemlimit: praefect.gitaly.gomemlimit,
      });
      handles[vs.name] = {
        statefulSet: requiredHandle(vsScope, 'statefulset', k8s.KubeStatefulSet),
        service: requiredHandle(vsScope, 'service', k8s.KubeService),
        podDisruptionBudget: handle(vsScope, 'pdb', k8s.KubePodDisruptionBudget),
      };
    }
    // Typed handles to the objects built above (escape hatches; see the README).
    this.virtualStorages = handles;
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
  }
}
