import type { RegistryOptions } from '../types';
import type { RegistryLogLevel } from './names';
import type { RegistryLogOptions } from './types';

/** The registry's tuning, resolved: its model (re-exported by `resolved.ts`) and the chart's defaults. */

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
