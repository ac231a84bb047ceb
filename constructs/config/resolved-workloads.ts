import type { RegistryLogOptions } from './types';

/** A component's own Ingress settings, over the platform-wide ones (re-exported by `resolved.ts`). */
export interface ResolvedComponentIngress {
  /** Whether this component's host is exposed at all. */
  readonly enabled: boolean;
  /** Merged over `ingress.annotations`. */
  readonly annotations: Readonly<Record<string, string>>;
  /** Replaces the TLS Secret `ingress.tls` gives this host. */
  readonly tlsSecretName?: string;
  /** `false`: no TLS on this host's Ingress. */
  readonly tls?: false;
  /** NGINX annotations that replace the component's defaults (set only with NGINX annotations on). */
  readonly nginxAnnotations: Readonly<Record<string, string>>;
}

/** The registry's `config.yml` settings beyond storage and auth, the chart's defaults applied. */
export interface ResolvedRegistryTuning {
  readonly maintenance: {
    readonly readOnly: boolean;
    readonly uploadPurging: { readonly enabled: boolean; readonly age: string; readonly interval: string; readonly dryRun: boolean };
  };
  readonly storageHealthCheck: { readonly enabled: boolean; readonly interval: string; readonly threshold: number };
  readonly log: { readonly level: NonNullable<RegistryLogOptions['level']>; readonly formatter?: RegistryLogOptions['formatter']; readonly accessLog?: RegistryLogOptions['accessLog'] };
  readonly validation: {
    readonly disabled: boolean;
    readonly manifests?: { readonly referenceLimit: number; readonly payloadSizeLimit: number; readonly urls: { readonly allow: readonly string[]; readonly deny: readonly string[] } };
  };
}
