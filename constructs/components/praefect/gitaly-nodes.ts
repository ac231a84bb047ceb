import { Construct } from 'constructs';
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
export class PraefectGitaly extends Construct {
  /** The ConfigMap all virtual storages share. */
  readonly configMapName: string;
  /** StatefulSet (and headless Service) name by virtual storage. */
  readonly statefulSetNames: Readonly<Record<string, string>>;

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
      'config.toml.tpl': gitalyConfigTemplate({ storageNames: nodes, storageBy: 'hostname', gitlabUrl, tls }),
      configure,
    });
    // Without the node list: adding a virtual storage or a replica must not restart the pods already serving.
    const configChecksum = checksum({ 'config.toml.tpl': gitalyConfigTemplate({ storageNames: [], storageBy: 'hostname', gitlabUrl, tls }), configure });

    // The plain Gitaly StatefulSet, when it runs too, has created the account already.
    const account = endpoints.gitaly.service;
    const serviceAccountName = config.components.gitaly
      ? (config.serviceAccounts ? account : undefined)
      : serviceAccount(this, config, account, labels, praefect.gitaly.serviceAccountAnnotations);

    for (const vs of praefect.virtualStorages) {
      gitalyStatefulSet(new Construct(this, vs.name), {
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
      });
    }
  }
}
