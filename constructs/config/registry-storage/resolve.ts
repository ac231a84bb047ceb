import type { RegistryOptions } from '../registry/types';
import type { ResolvedWorkload } from '../resolved';
import { REGISTRY_EPHEMERAL_STORAGE, RegistryStorageRedirect } from './types';
import type { Fail } from '../errors';

/** The registry's storage beyond its driver Secret: the ephemeral emptyDir, the redirect switch, metrics. */
export interface ResolvedRegistryStorageExtras {
  /** The chart's filesystem driver on an emptyDir (no storage Secret). */
  readonly ephemeral: boolean;
  readonly redirect?: Required<RegistryStorageRedirect>;
  /** Prometheus metrics on the debug port (also while a ServiceMonitor scrapes them). */
  readonly metrics: boolean;
}

/**
 * `components.registry.{storage: 'emptyDir', storageRedirect, metrics}`. An emptyDir holds one pod's images: the
 * registry then runs one replica without an HPA (asking for more is an error), and a redirect has no bucket to
 * point at.
 */
export function resolveRegistryStorageExtras(rg: RegistryOptions | undefined, w: Pick<ResolvedWorkload, 'replicas' | 'autoscaling'>, fail: Fail):
  ResolvedRegistryStorageExtras & Pick<ResolvedWorkload, 'replicas' | 'autoscaling'> {
  const base = 'components.registry';
  const ephemeral = rg?.storage === REGISTRY_EPHEMERAL_STORAGE;
  if (ephemeral) {
    if (rg?.replicas !== undefined && rg.replicas > 1) {
      fail(`${base}.replicas`, rg.replicas, `1 with storage "${REGISTRY_EPHEMERAL_STORAGE}" (each pod would keep its own images)`, 'remove replicas, or give the registry a storage Secret (e.g. s3:)');
    }
    if (rg?.autoscaling) {
      fail(`${base}.autoscaling`, rg.autoscaling, `false or nothing with storage "${REGISTRY_EPHEMERAL_STORAGE}" (each pod would keep its own images)`, 'remove autoscaling, or give the registry a storage Secret (e.g. s3:)');
    }
    if (rg?.storageRedirect && !rg.storageRedirect.disable) {
      fail(`${base}.storageRedirect`, rg.storageRedirect, `nothing, or disable: true, with storage "${REGISTRY_EPHEMERAL_STORAGE}" (the filesystem driver has no bucket to redirect to)`, 'remove storageRedirect');
    }
  }
  const r = rg?.storageRedirect;
  return {
    ephemeral,
    ...(r ? { redirect: { disable: r.disable ?? false, exceptions: r.exceptions ?? [] } } : {}),
    metrics: rg?.metrics ?? false,
    ...(ephemeral ? { replicas: 1, autoscaling: undefined } : { replicas: w.replicas, autoscaling: w.autoscaling }),
  };
}
