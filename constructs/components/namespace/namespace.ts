import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { NamespaceObjectOptions } from '../../config/types';

/** The Pod Security labels of the platform's namespace: every pod meets the restricted standard. */
export const POD_SECURITY_LABELS = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
} as const;

export interface PlatformNamespaceProps {
  readonly config: ResolvedConfig;
  readonly options: true | NamespaceObjectOptions;
}

/**
 * The platform's Namespace (`namespaceObject`). Deliberately without the objects' `app.kubernetes.io/*` labels: a
 * deploy pipeline that prunes by them must never select the namespace, whose deletion takes every volume with it.
 */
export class PlatformNamespace extends Construct {
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);
    const o = props.options === true ? {} : props.options;
    this.apiObject = new ApiObject(this, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: props.config.namespace,
        labels: { ...o.labels, ...POD_SECURITY_LABELS, 'gitlab-iac.io/namespace': props.config.release },
        ...(o.annotations && Object.keys(o.annotations).length ? { annotations: { ...o.annotations } } : {}),
      },
    });
  }
}
