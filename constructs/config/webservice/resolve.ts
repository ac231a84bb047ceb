import type { ResolvedKeda } from '../keda/resolve';
import { resolveKeda } from '../keda/resolve';
import type { ResolvedWebserviceDeployment, ResolvedWebserviceSettings } from '../workloads/deployments';
import { withWebserviceDeployments } from '../workloads/deployments';
import { COMPONENT_DEFAULTS } from '../workloads/defaults';
import type { ResolvedWorkload } from '../workloads/resolve';
import type { ComponentContext } from '../components/resolve';
import type { WebserviceOptions } from './types';
import type { Fail } from '../errors';
import type { ResolvedIngress } from '../exposure/resolve';
import type { ResolvedPumaTls, ResolvedWorkhorseTls } from './tls/resolve';
import { resolvePumaTls, resolveWorkhorseTls } from './tls/resolve';

/** The webservice's resolution, the chart's Puma and Workhorse defaults applied, and its model (re-exported by `../resolved.ts`). */

export interface ResolvedWebservice extends ResolvedWorkload, ResolvedWebserviceSettings {
  /** KEDA scaling of every webservice Deployment, replacing their HPAs (`keda/resolve.ts`). */
  readonly keda?: ResolvedKeda;
  /** gitlab.yml's `monitoring.ip_whitelist`. */
  readonly monitoringWhitelist: readonly string[];
  /** Every Deployment (at least one), each over the component-wide settings above. */
  readonly deployments: readonly ResolvedWebserviceDeployment[];
  /** The Deployment the other components call (`<release>-webservice-<name>`). */
  readonly internalDeployment: string;
  /** Puma's HTTPS listener (8081), while `tls` is set (`tls/resolve.ts`). */
  readonly tls?: ResolvedPumaTls;
  /** Workhorse's TLS listener, while `workhorseTls` is set (`tls/resolve.ts`). */
  readonly workhorseTls?: ResolvedWorkhorseTls;
}

/** Puma refuses to boot when min threads exceed max threads. */
export function checkPumaThreads(web: WebserviceOptions | undefined, fail: Fail): void {
  if ((web?.puma?.threadsMin ?? 4) > (web?.puma?.threadsMax ?? 4)) {
    fail('components.webservice.puma.threadsMin', web?.puma?.threadsMin, `at most threadsMax (${web?.puma?.threadsMax ?? 4})`, 'lower puma.threadsMin or raise puma.threadsMax');
  }
}

/** The webservice and its Deployments (`workloads/deployments.ts`). */
export function resolveWebservice(web: WebserviceOptions | undefined, { workload, sized, ingress, fail }: ComponentContext): ResolvedWebservice {
  return withWebserviceDeployments(web, {
    ...workload('webservice', web, sized?.webservice ?? COMPONENT_DEFAULTS.webservice),
    workerProcesses: web?.workerProcesses ?? sized?.webservice.workerProcesses ?? 2,
    threadsMin: web?.puma?.threadsMin ?? 4,
    threadsMax: web?.puma?.threadsMax ?? 4,
    workerTimeout: web?.puma?.workerTimeout ?? 60,
    workhorseResources: web?.workhorseResources ?? { requests: { cpu: '100m', memory: '100M' } },
    shutdownBlackoutSeconds: web?.shutdownBlackoutSeconds ?? 10,
    keda: resolveKeda('components.webservice', web?.keda, web?.autoscaling, fail),
    monitoringWhitelist: web?.monitoringWhitelist ?? ['0.0.0.0/0', '::/0'],
  }, ingress, fail);
}

/** The webservice's internal TLS over its resolution (the default Secret names need the release). */
export function withWebserviceTls(resolved: ResolvedWebservice, web: WebserviceOptions | undefined, release: string,
  ingress: ResolvedIngress, fail: Fail): ResolvedWebservice {
  const tls = resolvePumaTls(web?.tls, release, fail);
  const workhorseTls = resolveWorkhorseTls(web?.workhorseTls, release, ingress, fail);
  return { ...resolved, ...(tls ? { tls } : {}), ...(workhorseTls ? { workhorseTls } : {}) };
}
