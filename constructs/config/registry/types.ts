import type { RegistryAccessLogFormatter, RegistryLogFormatter, RegistryLogLevel, RegistryTlsVersion } from './names';
import type { REGISTRY_EPHEMERAL_STORAGE, RegistryStorageRedirect } from '../registry-storage/types';
import type { ComponentIngressOptions } from '../exposure/types';
import type { ServiceExposure } from '../service/types';
import type { SecretRef, WorkloadOptions } from '../types';

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

/**
 * TLS served by the registry itself on its API port 5000 (the chart's `registry.tls`): the Service port becomes
 * `https-registry`, Rails and the toolbox call `https://<release>-registry.<namespace>.svc:5000`, and the NGINX
 * Ingress proxies to it over HTTPS (the ALB too; not the Gateway API). Pods verify the certificate against their
 * trust store: when a private CA signed it, add that CA to `customCAs`.
 */
export interface RegistryTls {
  /**
   * A kubernetes.io/tls Secret (`tls.crt`, `tls.key`) whose certificate names `<release>-registry.<namespace>.svc`
   * (`gitlab-iac secrets` lists it to fill in).
   * @default `<release>-registry-tls`
   */
  readonly secretName?: string;
  /**
   * NGINX verifies the registry's certificate (`proxy-ssl-verify`, against the name `<release>-registry.<namespace>.svc`)
   * with `caSecretName`: ingress-nginx verifies a backend only against a CA Secret.
   * @default true with `caSecretName`, false without
   */
  readonly verify?: boolean;
  /** A Secret in the namespace with the CA certificate under `ca.crt` that NGINX verifies against (NGINX Ingress only). @default none: not verified */
  readonly caSecretName?: string;
  /**
   * CA files (absolute paths in the registry container, e.g. from `extraVolumes` and `extraVolumeMounts`) that client certificates must
   * chain to (the registry's `http.tls.clientCAs`): every client, NGINX and Rails included, must then present one.
   * @default none: no client certificates asked
   */
  readonly clientCAs?: readonly string[];
  /** The lowest TLS version accepted. @default tls1.2 */
  readonly minimumTLS?: RegistryTlsVersion;
  /** Cipher suites offered under TLS 1.2 (Go names, e.g. `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`). @default the registry's */
  readonly cipherSuites?: readonly string[];
}

/** What a user writes under `components.registry`: its storage (`registry-storage/`), exposure and tuning (above). */
export interface RegistryOptions extends WorkloadOptions {
  /**
   * Storage driver configuration Secret (YAML with a top-level driver key such as `s3:`), or `'emptyDir'`: the
   * chart's filesystem storage in the pod, lost whenever the pod restarts (one replica; evaluation only).
   * @default none: required (key `config`)
   */
  readonly storage?: SecretRef | typeof REGISTRY_EPHEMERAL_STORAGE;
  /** Whether layer downloads are redirected to the bucket (the chart's `storage.redirect`). @default redirected */
  readonly storageRedirect?: RegistryStorageRedirect;
  /** Serve Prometheus metrics on the debug port 5001 (the chart's `registry.metrics.enabled`). @default false, true while monitored */
  readonly metrics?: boolean;
  /** Bucket name given to the toolbox for backups. @default registry (the chart's default) */
  readonly bucket?: string;
  /** Ingress settings of the registry host (over the platform-wide `ingress`). @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
  /** The registry's Service (main port: 5000). @default ClusterIP */
  readonly service?: ServiceExposure;
  /** Storage maintenance. @default read-write; unfinished uploads purged after 168h, checked every 24h */
  readonly maintenance?: RegistryMaintenance;
  /** Periodic storage-driver health check. @default off */
  readonly storageHealthCheck?: RegistryStorageHealthCheck;
  /** Logging. @default level info */
  readonly log?: RegistryLogOptions;
  /** Manifest validation. @default disabled */
  readonly validation?: RegistryValidation;
  /** Serve TLS on the API port (above). @default no TLS: plain HTTP inside the cluster, as the chart */
  readonly tls?: RegistryTls;
}
