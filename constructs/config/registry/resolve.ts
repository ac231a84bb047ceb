import type { RegistryOptions } from '../types';
import type { ResolvedSecretRef } from '../secrets/resolve';
import { ref } from '../secrets/resolve';
import type { ResolvedRegistryStorageExtras } from '../registry-storage/resolve';
import { resolveRegistryStorageExtras } from '../registry-storage/resolve';
import { COMPONENT_DEFAULTS } from '../workloads/defaults';
import type { ResolvedWorkload } from '../workloads/resolve';
import type { ComponentContext } from '../components/resolve';
import type { RegistryLogLevel } from './names';
import type { RegistryLogOptions } from './types';
import type { Fail } from '../errors';
import { resolveRegistryTls, type ResolvedRegistryTls } from './tls';

/**
 * The registry resolved: the component (its storage from `registry-storage/`) and its tuning, the chart's
 * defaults applied, with their models (re-exported by `resolved.ts`).
 */

export interface ResolvedRegistry extends ResolvedWorkload, ResolvedRegistryStorageExtras {
  /** The driver Secret; absent with the ephemeral filesystem storage (`ephemeral`). */
  readonly storage?: ResolvedSecretRef;
  readonly bucket: string;
  readonly tuning: ResolvedRegistryTuning;
  /** The registry's own TLS on its API port; absent: plain HTTP. */
  readonly tls?: ResolvedRegistryTls;
}

/** A running registry needs its storage driver Secret (or the ephemeral filesystem storage). */
export function requireRegistryStorage(rg: RegistryOptions | undefined, on: boolean, fail: Fail): void {
  if (on && !rg?.storage) {
    fail('components.registry.storage', undefined, 'a Secret with the registry storage driver YAML (e.g. s3:)',
      'set components.registry.storage: { name: registry-storage, key: config }, or components.registry.enabled: false');
  }
}

/** The registry component: the workload, its storage, the toolbox's bucket name and the tuning. */
export function resolveRegistry(rg: RegistryOptions, ctx: ComponentContext & { readonly release?: string }): ResolvedRegistry {
  const { workload, fail } = ctx;
  const w = workload('registry', rg, COMPONENT_DEFAULTS.registry);
  // The registry's host is exposed by its own switch, else the platform-wide one (as `exposeHost` decides).
  const exposed = w.ingress ? w.ingress.enabled : ctx.ingress.enabled;
  const tls = rg.tls ? resolveRegistryTls(rg.tls, ctx.release ?? 'gitlab', { provider: ctx.ingress.provider, nginx: ctx.ingress.nginx, exposed }, fail) : undefined;
  return {
    ...w, ...resolveRegistryStorageExtras(rg, w, fail), ...(typeof rg.storage === 'object' ? { storage: ref(rg.storage, 'config') } : {}),
    bucket: rg.bucket ?? 'registry',
    tuning: resolveRegistryTuning(rg),
    ...(tls ? { tls } : {}),
  };
}

/** The registry's `config.yml` settings beyond storage and auth, the chart's defaults applied. */
export interface ResolvedRegistryTuning {
  readonly maintenance: {
    readonly readOnly: boolean;
    readonly uploadPurging: { readonly enabled: boolean; readonly age: string; readonly interval: string; readonly dryRun: boolean };
  };
  readonly storageHealthCheck: { readonly enabled: boolean; readonly interval: string; readonly threshold: number };
  readonly log: { readonly level: RegistryLogLevel; readonly formatter?: RegistryLogOptions['formatter']; readonly accessLog?: RegistryLogOptions['accessLog'] };
  readonly validation: {
    readonly disabled: boolean;
    readonly manifests?: { readonly referenceLimit: number; readonly payloadSizeLimit: number; readonly urls: { readonly allow: readonly string[]; readonly deny: readonly string[] } };
  };
}

/** The registry's `config.yml` tuning, the chart's defaults applied. */
export function resolveRegistryTuning(rg: RegistryOptions | undefined): ResolvedRegistryTuning {
  const m = rg?.maintenance;
  const h = rg?.storageHealthCheck;
  const v = rg?.validation;
  return {
    maintenance: {
      readOnly: m?.readOnly ?? false,
      uploadPurging: {
        enabled: m?.uploadPurging?.enabled ?? true,
        age: m?.uploadPurging?.age ?? '168h',
        interval: m?.uploadPurging?.interval ?? '24h',
        dryRun: m?.uploadPurging?.dryRun ?? false,
      },
    },
    storageHealthCheck: { enabled: h?.enabled ?? false, interval: h?.interval ?? '10s', threshold: h?.threshold ?? 3 },
    log: { level: rg?.log?.level ?? 'info', formatter: rg?.log?.formatter, accessLog: rg?.log?.accessLog },
    validation: {
      disabled: v?.disabled ?? true,
      manifests: v?.manifests ? {
        referenceLimit: v.manifests.referenceLimit ?? 0,
        payloadSizeLimit: v.manifests.payloadSizeLimit ?? 0,
        urls: { allow: v.manifests.urls?.allow ?? [], deny: v.manifests.urls?.deny ?? [] },
      } : undefined,
    },
  };
}
