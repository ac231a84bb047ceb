// A small web service deployed by the push pipeline (a user's application, not the platform): a Deployment of an
// unprivileged nginx, its Service and Ingress, all in the namespace the pipeline names (DEPLOY_NAMESPACE). A Review
// App also carries its namespace's partition (quota, limit range, deny-by-default NetworkPolicies), which the
// Review App identity applies into the namespace the pipeline created.
import { Chart, ChartProps } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DeployTarget, NamespacePartition } from '../../constructs';

export interface WebAppProps extends ChartProps {
  /** Where the pipeline deploys (deployTarget()). */
  readonly target: DeployTarget;
  /** Host name of the Ingress. */
  readonly host: string;
  /** @default nginx */
  readonly ingressClassName?: string;
  /** Pinned image of an nginx that runs as a non-root user on port 8080. */
  readonly image?: string;
  /** @default 2 (1 for a Review App) */
  readonly replicas?: number;
}

const PORT = 8080;
const UID = 101;

export class WebApp extends Chart {
  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id, { ...props, namespace: props.target.namespace, disableResourceNameHashes: true });
    const labels = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'web-app' };
    const meta = { name: 'web', labels };

    if (props.target.reviewApp) {
      new NamespacePartition(this, 'partition', { namespace: props.target.namespace, purpose: 'review-app' });
    }

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: meta,
      spec: {
        replicas: props.replicas ?? (props.target.reviewApp ? 1 : 2),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: UID, runAsGroup: UID, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'web',
              image: props.image ?? 'docker.io/nginxinc/nginx-unprivileged:1.29.1-alpine',
              ports: [{ name: 'http', containerPort: PORT, protocol: 'TCP' }],
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              resources: {
                requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('32Mi') },
                limits: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('128Mi') },
              },
              readinessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromString('http') }, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromString('http') }, periodSeconds: 20 },
              // nginx writes its pid file and buffers under /tmp; the rest of the file system stays read-only.
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('16Mi') } }],
          },
        },
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata: meta,
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' }] },
    });
    new k8s.KubeIngress(this, 'ingress', {
      metadata: meta,
      spec: {
        ingressClassName: props.ingressClassName ?? 'nginx',
        rules: [{ host: props.host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }],
      },
    });
  }
}
