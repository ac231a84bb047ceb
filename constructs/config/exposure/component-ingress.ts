import { NGINX_KNOBS } from './names';
import type { ResolvedIngress } from './resolve';
import type { ComponentIngressOptions } from './types';
import type { Fail } from '../errors';

/**
 * A component's own Ingress settings (`components.<name>.ingress`) resolved over the platform-wide `ingress`. Kept
 * apart from `resolve.ts` because each component (and each webservice Deployment) resolves its own.
 */

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

/**
 * A component's Ingress overrides (`components.<name>.ingress`): the proxy knobs become NGINX annotations, which
 * only an NGINX controller reads (elsewhere they are an error, not silently dropped); a TLS Secret needs a TLS mode
 * that uses Secrets.
 */
export function resolveComponentIngress(path: string, o: ComponentIngressOptions | undefined, ingress: ResolvedIngress,
  fail: Fail): ResolvedComponentIngress | undefined {
  if (!o) return undefined;
  const nginxAnnotations: Record<string, string> = {};
  for (const [knob, annotation] of Object.entries(NGINX_KNOBS) as [keyof typeof NGINX_KNOBS, string][]) {
    const value = o[knob];
    if (value === undefined) continue;
    if (!ingress.nginx) {
      fail(`${path}.${knob}`, value, 'only with NGINX ingress annotations (ingress.provider nginx and an NGINX IngressClass)',
        ingress.provider === 'nginx' ? 'set ingress.nginxAnnotations: true if the controller is NGINX, or remove the setting'
          : `remove the setting; with the ${ingress.provider} provider set the equivalent through the load balancer's own annotations`);
      continue;
    }
    nginxAnnotations[annotation] = String(value);
  }
  // With `ingress.tls: false` a Secret named here gives this one host TLS (the chart's per-component `tls`).
  if (o.tlsSecretName !== undefined && ingress.tls.mode === 'acm') {
    fail(`${path}.tlsSecretName`, o.tlsSecretName, 'nothing with ACM certificates (the ALB cannot read Secrets)',
      'remove the setting, or give ingress.tls a Secret or an issuer');
  }
  if (o.tls === false && o.tlsSecretName !== undefined) {
    fail(`${path}.tlsSecretName`, o.tlsSecretName, 'nothing while this host\'s tls is false', 'remove tlsSecretName, or remove tls: false');
  }
  return {
    // The component's own switch wins over the platform-wide one, both ways (the chart's `ingress.enabled`).
    enabled: o.enabled ?? ingress.enabled,
    annotations: o.annotations ?? {},
    tlsSecretName: o.tlsSecretName,
    ...(o.tls === false ? { tls: false as const } : {}),
    nginxAnnotations,
  };
}
