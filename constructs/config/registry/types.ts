import type { RegistryAccessLogFormatter, RegistryLogFormatter, RegistryLogLevel } from './names';

/**
 * The registry's tuning beyond storage and auth (`config.yml`): what a user writes under
 * `components.registry.{maintenance,storageHealthCheck,log,validation}`. Re-exported by `types.ts`.
 */

/** The registry's storage maintenance (the chart's `registry.maintenance`). */
export interface RegistryMaintenance {
  /** Read-only mode: pulls work, pushes are refused (e.g. during a storage migration). @default false */
  readonly readOnly?: boolean;
  /** Purging of uploads that were started but never finished. @default on: every 24h, uploads older than 168h */
  readonly uploadPurging?: {
    /** @default true */
    readonly enabled?: boolean;
    /** Uploads older than this are purged. @default 168h */
    readonly age?: string;
    /** @default 24h */
    readonly interval?: string;
    /** Only log what would be purged. @default false */
    readonly dryRun?: boolean;
  };
}

/** The registry's periodic storage-driver check (the chart's `registry.health.storagedriver`). */
export interface RegistryStorageHealthCheck {
  /** @default false */
  readonly enabled?: boolean;
  /** @default 10s */
  readonly interval?: string;
  /** Failed checks before the registry reports itself unhealthy. @default 3 */
  readonly threshold?: number;
}

/** The registry's logging (the chart's `registry.log`). */
export interface RegistryLogOptions {
  /** @default info */
  readonly level?: RegistryLogLevel;
  /** @default text (the registry's) */
  readonly formatter?: RegistryLogFormatter;
  /** The access log. @default the registry's (on, `combined`) */
  readonly accessLog?: { readonly disabled?: boolean; readonly formatter?: RegistryAccessLogFormatter };
}

/** The registry's manifest validation (the chart's `registry.validation`). */
export interface RegistryValidation {
  /** Skip validation of pushed manifests. @default true (the chart's) */
  readonly disabled?: boolean;
  /** Limits, with validation on. @default no limits, no URL rules */
  readonly manifests?: {
    /** Most references one manifest may hold; 0 is no limit. @default 0 */
    readonly referenceLimit?: number;
    /** Largest manifest payload in bytes; 0 is no limit. @default 0 */
    readonly payloadSizeLimit?: number;
    /** Regular expressions of the foreign-layer URLs allowed and denied. @default none */
    readonly urls?: { readonly allow?: readonly string[]; readonly deny?: readonly string[] };
  };
}
