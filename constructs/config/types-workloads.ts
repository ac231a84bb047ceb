/**
 * Workload settings beyond the common ones: per-component Ingress overrides, the keys of the shared Secrets and
 * the registry's tuning (rollout strategy and several Deployments: `workloads/types.ts`). Re-exported by `types.ts`.
 */

/**
 * A component's own Ingress settings (the chart's `<component>.ingress`), over the platform-wide `ingress`.
 * With the Gateway API they apply to the component's HTTPRoute (annotations) and Certificate (TLS Secret).
 */
export interface ComponentIngressOptions {
  /** Expose this component's host. @default `ingress.enabled` */
  readonly enabled?: boolean;
  /** Extra annotations on this component's Ingress, over `ingress.annotations`. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * kubernetes.io/tls Secret of this host, instead of the platform-wide `ingress.tls` Secret (with a cert-manager
   * issuer: the Secret cert-manager writes). Not with ACM certificates (`alb`). @default from `ingress.tls`
   */
  readonly tlsSecretName?: string;
  /**
   * `false`: this host's Ingress (or route) carries no TLS: no certificate Secret and no cert-manager request, for a
   * host whose TLS ends in front of the controller (the chart's per-component `ingress.tls.enabled: false`).
   * @default TLS as `ingress.tls` says
   */
  readonly tls?: boolean;
  /** NGINX `proxy-body-size` (`"0"`: no limit). NGINX annotations only. @default the chart's (webservice 512m, registry 0) */
  readonly proxyBodySize?: string;
  /** NGINX `proxy-read-timeout` in seconds. NGINX annotations only. @default the chart's (webservice 600, registry 900) */
  readonly proxyReadTimeout?: number;
  /** NGINX `proxy-connect-timeout` in seconds. NGINX annotations only. @default the chart's (webservice 15) */
  readonly proxyConnectTimeout?: number;
}

/** Shared Secrets that hold one value, whose key may be chosen (`secretKeys`). */
export type SingleKeySecretName =
  | 'gitlabShell' | 'gitaly' | 'workhorse' | 'registryHttp' | 'kas' | 'initialRootPassword' | 'praefect';

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
  readonly level?: 'error' | 'warn' | 'info' | 'debug';
  /** @default text (the registry's) */
  readonly formatter?: 'text' | 'json' | 'logstash';
  /** The access log. @default the registry's (on, `combined`) */
  readonly accessLog?: { readonly disabled?: boolean; readonly formatter?: 'text' | 'json' | 'combined' };
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
