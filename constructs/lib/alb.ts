import { ResolvedConfig } from '../config/resolved';

/** How the load balancer checks a backend's health (an ALB target group's health check). */
export interface BackendHealthCheck {
  /** HTTP path that answers 200 when the backend can take traffic. */
  readonly path: string;
  /** Pod port of the check. @default the traffic port */
  readonly port?: number;
  /** HTTP codes that count as healthy. @default 200 */
  readonly successCodes?: string;
}

const ALB = 'alb.ingress.kubernetes.io/';

/**
 * Annotations of an Ingress for the AWS Load Balancer Controller. Every Ingress of the platform joins one
 * IngressGroup, so the hosts share one ALB; the settings that belong to the ALB itself (scheme, listeners, idle
 * timeout, certificates) are the same on each, as the controller requires of a group. Targets are pod IPs
 * (`target-type: ip`), so the Services stay ClusterIP and the health check can use a pod port outside the Service.
 */
export function albIngressAnnotations(config: Pick<ResolvedConfig, 'ingress' | 'components'>, health: BackendHealthCheck): Record<string, string> {
  const { alb, tls } = config.ingress;
  if (!alb) throw new Error('albIngressAnnotations: ingress.provider is not alb');
  const https = tls.mode === 'acm';
  // Agent websockets (kas) need HTTP/1.1 upgrades on a long idle timeout, as the chart's ALB example sets them.
  const attributes = [`idle_timeout.timeout_seconds=${alb.idleTimeoutSeconds}`, ...(config.components.kas ? ['routing.http2.enabled=false'] : [])];
  return {
    [`${ALB}group.name`]: alb.groupName,
    [`${ALB}scheme`]: alb.scheme,
    [`${ALB}target-type`]: 'ip',
    [`${ALB}backend-protocol`]: 'HTTP',
    [`${ALB}listen-ports`]: https ? '[{"HTTP": 80}, {"HTTPS": 443}]' : '[{"HTTP": 80}]',
    ...(https ? {
      [`${ALB}ssl-redirect`]: '443',
      [`${ALB}certificate-arn`]: tls.certificateArns.join(','),
      ...(alb.sslPolicy ? { [`${ALB}ssl-policy`]: alb.sslPolicy } : {}),
    } : {}),
    [`${ALB}load-balancer-attributes`]: attributes.join(','),
    [`${ALB}healthcheck-path`]: health.path,
    [`${ALB}healthcheck-port`]: health.port === undefined ? 'traffic-port' : String(health.port),
    [`${ALB}success-codes`]: health.successCodes ?? '200',
  };
}

const NLB = 'service.beta.kubernetes.io/aws-load-balancer-';

/** Annotations of a LoadBalancer Service the AWS Load Balancer Controller provisions as an NLB with pod-IP targets. */
export function nlbServiceAnnotations(scheme: 'internet-facing' | 'internal'): Record<string, string> {
  return {
    [`${NLB}type`]: 'external',
    [`${NLB}nlb-target-type`]: 'ip',
    [`${NLB}scheme`]: scheme,
  };
}
