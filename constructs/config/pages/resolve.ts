import type { IngressTls, ResolvedHost } from '../exposure/resolve';
import type { ServiceType } from '../service/types';
import type { GitLabPlatformProps, ObjectType } from '../types';
import type { WorkloadDefaults } from '../workloads/defaults';
import type { ResolvedWorkload, workloadResolver } from '../workloads/resolve';
import { PAGES_ACCESS_CONTROL_SETTINGS, PAGES_ON_ONLY_SETTINGS, PagesAuthScope } from './names';
import type { Fail } from '../errors';

/**
 * GitLab Pages resolved: its defaults and the rules across its settings (Pages off, access control, custom domains
 * and their TLS Secret), and the resolved model the `gitlab-pages` component reads (re-exported by `../resolved.ts`).
 */

export interface ResolvedPagesCustomDomains {
  readonly http: boolean;
  readonly https: boolean;
  /** The TLS Secret Pages serves (set exactly when `https`). */
  readonly tlsSecret?: string;
  readonly serviceType: ServiceType;
  readonly httpProxy: boolean;
  readonly proxyProtocolV2: boolean;
  readonly serviceAnnotations: Readonly<Record<string, string>>;
  readonly loadBalancerIP?: string;
}

export interface ResolvedGitLabPages extends ResolvedWorkload {
  readonly accessControl: boolean;
  /** OAuth redirect URI of the Pages application (registered by migrations; used only with access control). */
  readonly authRedirectUri: string;
  readonly authScope: PagesAuthScope;
  readonly namespaceInPath: boolean;
  readonly artifactsServer: boolean;
  readonly customDomains?: ResolvedPagesCustomDomains;
}

/** The chart's scaling, disruption budget and resources of Pages (contract §6). */
export const PAGES_WORKLOAD_DEFAULTS = {
  replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 10, cpu: { averageValue: '100m' } }, pdb: true, resources: { requests: { cpu: '900m', memory: '2G' } },
} satisfies WorkloadDefaults;

/** What the Pages settings depend on, worked out by `../resolve.ts`. */
export interface PagesContext {
  readonly hosts: { readonly pages: ResolvedHost };
  /** `undefined` when no TLS setting was given (an error reported elsewhere). */
  readonly ingressTls?: IngressTls;
  readonly objectStorageEnabled: Readonly<Record<ObjectType, boolean>>;
  /** `workload(name, props, defaults)` of `../workloads/resolve.ts`. */
  readonly workload: ReturnType<typeof workloadResolver>;
  readonly fail: Fail;
}

/** `components.gitlabPages`: `undefined` while Pages is off (then any Pages-only setting is reported). */
export function resolvePages(p: GitLabPlatformProps, ctx: PagesContext): ResolvedGitLabPages | undefined {
  const o = p.components?.gitlabPages;
  const path = 'components.gitlabPages';
  if (!(o?.enabled ?? false)) {
    for (const key of PAGES_ON_ONLY_SETTINGS) {
      if (o?.[key] !== undefined && o[key] !== false) {
        ctx.fail(`${path}.${key}`, o[key], 'nothing while GitLab Pages is off', `set ${path}.enabled: true, or remove the setting`);
      }
    }
    return undefined;
  }
  if (!ctx.objectStorageEnabled.pages) {
    ctx.fail('objectStorage.disabled', 'pages', 'a list without "pages" while GitLab Pages is on (sites are stored in the pages bucket)',
      `remove "pages" from objectStorage.disabled, or turn Pages off (${path}.enabled: false)`);
  }
  const accessControl = o?.accessControl ?? false;
  if (!accessControl) {
    for (const key of PAGES_ACCESS_CONTROL_SETTINGS) {
      if (o?.[key] !== undefined) {
        ctx.fail(`${path}.${key}`, o[key], 'nothing without access control', `set ${path}.accessControl: true, or remove the setting`);
      }
    }
  }
  const namespaceInPath = o?.namespaceInPath ?? false;
  const host = ctx.hosts.pages;
  const scheme = host.https ? 'https' : 'http';
  const authRedirectUri = o?.authRedirectUri
    ?? (namespaceInPath ? `${scheme}://${host.name}/projects/auth` : `${scheme}://projects.${host.name}/auth`);

  let customDomains: ResolvedGitLabPages['customDomains'];
  const cd = o?.customDomains;
  if (cd) {
    const http = cd.http ?? true;
    const https = cd.https ?? true;
    if (!http && !https) {
      ctx.fail(`${path}.customDomains`, cd, 'http, https or both', `set customDomains.https: true, or write ${path}.customDomains: false`);
    }
    const tlsSecret = cd.tlsSecret ?? (ctx.ingressTls?.mode === 'secret' ? ctx.ingressTls.secretName : undefined);
    if (https && !tlsSecret) {
      ctx.fail(`${path}.customDomains.tlsSecret`, undefined, `a kubernetes.io/tls Secret for ${host.name} and *.${host.name} (Pages terminates TLS itself)`,
        'name the Secret in customDomains.tlsSecret (ingress.tls is not a Secret here), or set customDomains.https: false');
    }
    if (cd.loadBalancerIP && cd.serviceType !== undefined && cd.serviceType !== 'LoadBalancer') {
      ctx.fail(`${path}.customDomains.loadBalancerIP`, cd.loadBalancerIP, `nothing with a ${cd.serviceType} Service`, 'remove loadBalancerIP, or use serviceType: LoadBalancer');
    }
    if (o?.service) {
      ctx.fail(`${path}.service`, o.service, 'nothing with customDomains (requests arrive through the custom-domains Service; there is no proxy Service)',
        `remove ${path}.service, and set the load balancer through ${path}.customDomains`);
    }
    if (!https && cd.tlsSecret) {
      ctx.fail(`${path}.customDomains.tlsSecret`, cd.tlsSecret, 'nothing without https', 'remove tlsSecret, or set customDomains.https: true');
    }
    customDomains = {
      http, https,
      tlsSecret: https ? tlsSecret : undefined,
      serviceType: cd.serviceType ?? 'LoadBalancer',
      httpProxy: cd.httpProxy ?? false,
      proxyProtocolV2: cd.proxyProtocolV2 ?? false,
      serviceAnnotations: cd.serviceAnnotations ?? {},
      loadBalancerIP: cd.loadBalancerIP,
    };
  }
  return {
    ...ctx.workload('gitlabPages', o, PAGES_WORKLOAD_DEFAULTS),
    accessControl,
    authRedirectUri,
    authScope: o?.authScope ?? 'api',
    namespaceInPath,
    artifactsServer: o?.artifactsServer ?? true,
    customDomains,
  };
}
