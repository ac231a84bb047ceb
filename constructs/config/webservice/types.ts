import type { PostgresClientOptions } from '../postgres/types';
import type { KedaScaling } from '../keda/types';
import type { ComponentIngressOptions } from '../exposure/types';
import type { ServiceExposure } from '../service/types';
import type { WebserviceDeploymentOptions } from '../workloads/types';
import type { Resources, WorkloadOptions } from '../types';
import type { PumaTlsOptions, WorkhorseTlsOptions } from './tls/types';

/**
 * What a user writes under `components.webservice` (Puma and Workhorse); re-exported by `../types.ts`. The
 * settings every workload shares are `WorkloadOptions`; the several Deployments are `workloads/types.ts`'s.
 */

export interface WebserviceOptions extends WorkloadOptions, PostgresClientOptions {
  /**
   * Scale with KEDA instead of an HPA (the chart's `keda`): a ScaledObject per Deployment, its bounds and default
   * CPU/memory triggers from `autoscaling`. Needs KEDA in the cluster. @default off
   */
  readonly keda?: KedaScaling;
  /** Puma worker processes. @default 2 */
  readonly workerProcesses?: number;
  /** Puma threads per worker (min = max). @default 4 */
  readonly puma?: { readonly threadsMin?: number; readonly threadsMax?: number; readonly workerTimeout?: number };
  /** Workhorse container resources. @default requests 100m / 100M */
  readonly workhorseResources?: Resources;
  /** Seconds to keep serving after SIGTERM. @default 10 */
  readonly shutdownBlackoutSeconds?: number;
  /** Ingress settings of the GitLab host (over the platform-wide `ingress`). @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
  /** The Services of the webservice Deployments (main port: Workhorse 8181). @default ClusterIP */
  readonly service?: ServiceExposure;
  /**
   * Several Deployments, each with its own pods, Service, HPA, PDB and Ingress path (the chart's
   * `deployments`), e.g. `api` on `/api` next to `default` on `/`. One of them must serve `/` while Ingresses are on.
   * @default { default: { ingress: { path: '/' } } }
   */
  readonly deployments?: Readonly<Record<string, WebserviceDeploymentOptions>>;
  /** The Deployment the other components call (the chart's `global.workhorse.serviceName`). @default default */
  readonly internalDeployment?: string;
  /**
   * Addresses (IPs or CIDRs) allowed to read Rails' monitoring endpoints (`/-/metrics`, `/-/readiness`,
   * `/-/liveness`): gitlab.yml's `monitoring.ip_whitelist` (the chart's `monitoring.ipWhitelist`). Kubelet probes
   * and Prometheus come from pod addresses, so a narrower list must still cover the cluster's pod network.
   * @default ["0.0.0.0/0", "::/0"] (everyone; the NetworkPolicies limit who reaches the pods)
   */
  readonly monitoringWhitelist?: readonly string[];
  /**
   * Puma serves HTTPS on 8081 (the chart's `gitlab.webservice.tls`), besides HTTP on 8080 for Workhorse; by default
   * its metrics exporter serves TLS too. Nothing calls 8081 inside the platform: it is for your own clients.
   * @default off
   */
  readonly tls?: PumaTlsOptions;
  /**
   * Workhorse serves TLS on 8181 (the chart's `global.workhorse.tls.enabled` with `gitlab.webservice.workhorse.tls`):
   * the Ingress controller (NGINX, ALB) and every in-cluster client then call it over HTTPS.
   * @default off
   */
  readonly workhorseTls?: WorkhorseTlsOptions;
}
