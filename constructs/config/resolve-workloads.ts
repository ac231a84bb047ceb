import type {
  ResolvedConfig,
} from './resolved';
import type {
  ResolvedComponentIngress, ResolvedRegistryTuning,
} from './resolved-workloads';
import { SHARED_SECRETS } from './shared-secrets';
import type {
  ComponentIngressOptions, GitLabPlatformProps, RegistryOptions,
  SingleKeySecretName,
} from './types';

/**
 * Cross-setting rules and defaults of the workload settings in `types-workloads.ts`: per-component Ingress
 * overrides, the registry's tuning and the shared Secrets' keys (workloads and their several Deployments:
 * `workloads/`).
 */

type Fail = (path: string, value: unknown, allowed: string, fix: string) => void;

/** The NGINX annotation of each proxy knob. */
const NGINX_KNOBS = {
  proxyBodySize: 'nginx.ingress.kubernetes.io/proxy-body-size',
  proxyReadTimeout: 'nginx.ingress.kubernetes.io/proxy-read-timeout',
  proxyConnectTimeout: 'nginx.ingress.kubernetes.io/proxy-connect-timeout',
} as const;

/**
 * A component's Ingress overrides (`components.<name>.ingress`): the proxy knobs become NGINX annotations, which
 * only an NGINX controller reads (elsewhere they are an error, not silently dropped); a TLS Secret needs a TLS mode
 * that uses Secrets.
 */
export function resolveComponentIngress(path: string, o: ComponentIngressOptions | undefined, ingress: ResolvedConfig['ingress'],
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

/** The key of every one-value shared Secret: the user's, else the catalogue's. */
export function resolveSecretKeys(p: Pick<GitLabPlatformProps, 'secretKeys'>): Record<SingleKeySecretName, string> {
  const ids: SingleKeySecretName[] = ['gitlabShell', 'gitaly', 'workhorse', 'registryHttp', 'kas', 'initialRootPassword', 'praefect'];
  return Object.fromEntries(ids.map((id) => [id, p.secretKeys?.[id] ?? SHARED_SECRETS.find((s) => s.id === id)!.keys[0].key])) as Record<SingleKeySecretName, string>;
}
