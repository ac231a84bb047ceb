import {
  IngressTls, ResolvedBackupScratch, ResolvedEmail, ResolvedGitLabPages, ResolvedHost, ResolvedLdap,
  ResolvedOmniauth, ResolvedSpamcheck, ResolvedToolboxBackups, ResolvedWorkload,
} from './resolved';
import {
  Autoscaling, GitLabPlatformProps, ObjectType, Placement, Resources, ToolboxBackupsOptions,
  WorkloadOptions,
} from './types';
import { resolveEmail } from './mail/resolve';
import { resolveLdap, resolveOmniauth } from './auth/resolve';

/** The chart's defaults of the optional workloads (contract §6). */
interface OptionalWorkloadDefaults {
  readonly replicas: number;
  readonly autoscaling?: Required<Pick<Autoscaling, 'minReplicas' | 'maxReplicas'>> & Pick<Autoscaling, 'cpu'>;
  readonly pdb: boolean;
  readonly resources: Resources;
}

export const OPTIONAL_COMPONENT_DEFAULTS = {
  gitlabPages: { replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 10, cpu: { averageValue: '100m' } }, pdb: true, resources: { requests: { cpu: '900m', memory: '2G' } } },
  mailroom: { replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 2, cpu: { averageUtilization: 75 } }, pdb: false, resources: { requests: { cpu: '50m', memory: '150M' } } },
  spamcheck: { replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 10, cpu: { averageValue: '100m' } }, pdb: true, resources: { requests: { cpu: '100m', memory: '100M' } } },
} satisfies Record<string, OptionalWorkloadDefaults>;

/** What `resolve.ts` has already worked out and the optional settings depend on. */
export interface OptionalContext {
  readonly hosts: { readonly domain: string; readonly pages: ResolvedHost };
  /** `undefined` when no TLS setting was given (an error reported elsewhere). */
  readonly ingressTls?: IngressTls;
  readonly objectStorageEnabled: Readonly<Record<ObjectType, boolean>>;
  readonly iamRoles?: { readonly toolbox: string };
  readonly platformPlacement: Placement;
  /** The toolbox runs (the backup CronJob is part of it). */
  readonly toolboxOn: boolean;
  readonly workload: (name: string, o: WorkloadOptions | undefined, d: OptionalWorkloadDefaults) => ResolvedWorkload;
  readonly mergePlacement: (base: Placement, own: Placement | undefined) => Placement;
  readonly fail: (path: string, value: unknown, allowed: string, fix: string) => void;
}

export interface ResolvedOptional {
  readonly components: {
    readonly gitlabPages?: ResolvedGitLabPages;
    readonly mailroom?: ResolvedWorkload;
    readonly spamcheck?: ResolvedSpamcheck;
  };
  readonly toolboxBackups?: ResolvedToolboxBackups;
  readonly email: ResolvedEmail;
  readonly omniauth?: ResolvedOmniauth;
  readonly ldap?: ResolvedLdap;
}

/**
 * Defaults and cross-setting rules of Pages, mailroom, spamcheck and the backup CronJob; e-mail, OmniAuth and LDAP
 * are resolved in `mail/` and `auth/`.
 */
export function resolveOptional(p: GitLabPlatformProps, ctx: OptionalContext): ResolvedOptional {
  const email = resolveEmail(p, ctx);
  return {
    components: {
      gitlabPages: resolvePages(p, ctx),
      mailroom: resolveMailroom(p, email, ctx),
      spamcheck: resolveSpamcheck(p, ctx),
    },
    toolboxBackups: resolveBackups(p, ctx),
    email,
    omniauth: resolveOmniauth(p),
    ldap: resolveLdap(p),
  };
}

function resolvePages(p: GitLabPlatformProps, ctx: OptionalContext): ResolvedGitLabPages | undefined {
  const o = p.components?.gitlabPages;
  const path = 'components.gitlabPages';
  if (!(o?.enabled ?? false)) {
    for (const key of ['accessControl', 'authRedirectUri', 'authScope', 'customDomains', 'namespaceInPath'] as const) {
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
    for (const key of ['authRedirectUri', 'authScope'] as const) {
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
    ...ctx.workload('gitlabPages', o, OPTIONAL_COMPONENT_DEFAULTS.gitlabPages),
    accessControl,
    authRedirectUri,
    authScope: o?.authScope ?? 'api',
    namespaceInPath,
    artifactsServer: o?.artifactsServer ?? true,
    customDomains,
  };
}

function resolveSpamcheck(p: GitLabPlatformProps, ctx: OptionalContext): ResolvedSpamcheck | undefined {
  const o = p.components?.spamcheck;
  if (!(o?.enabled ?? false)) return undefined;
  return { ...ctx.workload('spamcheck', o, OPTIONAL_COMPONENT_DEFAULTS.spamcheck), logLevel: o?.logLevel ?? 'info' };
}

function resolveMailroom(p: GitLabPlatformProps, email: ResolvedEmail, ctx: OptionalContext): ResolvedWorkload | undefined {
  const o = p.components?.mailroom;
  if (!email.incoming) {
    if (o?.enabled === true) {
      ctx.fail('components.mailroom.enabled', true, 'true only with an incoming mailbox (mailroom reads it)',
        'configure email.incoming: { address, user, imap: { host, password } }, or remove the setting');
    }
    return undefined;
  }
  return (o?.enabled ?? true) ? ctx.workload('mailroom', o, OPTIONAL_COMPONENT_DEFAULTS.mailroom) : undefined;
}

function resolveBackups(p: GitLabPlatformProps, ctx: OptionalContext): ResolvedToolboxBackups | undefined {
  const tb = p.components?.toolbox;
  const b: ToolboxBackupsOptions | undefined = tb?.backups;
  const path = 'components.toolbox.backups';
  if (!b || !(b.enabled ?? true)) return undefined;
  if (!ctx.toolboxOn) {
    ctx.fail(`${path}`, b, 'nothing while the toolbox is off (the backup CronJob is part of it)',
      'remove components.toolbox.enabled: false, or remove the backups');
    return undefined;
  }
  if ((tb?.backupBackend ?? 's3') === 's3' && !tb?.backupS3cmdConfig && !ctx.iamRoles) {
    ctx.fail('components.toolbox.backupS3cmdConfig', undefined, 'an s3cmd configuration Secret, or objectStorage.iamRole, for backup-utility to reach S3',
      'set components.toolbox.backupS3cmdConfig: { name: s3cmd-config, key: config } (or give the toolbox an IAM role)');
  }
  const scratch = b.scratch ?? {};
  const type = scratch.type ?? 'emptyDir';
  if (type === 'emptyDir' && scratch.storageClass !== undefined) {
    ctx.fail(`${path}.scratch.storageClass`, scratch.storageClass, 'nothing for an emptyDir', 'set scratch.type: persistentVolumeClaim, or remove storageClass');
  }
  const resolvedScratch: ResolvedBackupScratch = type === 'emptyDir'
    ? { type, sizeLimit: scratch.size }
    : { type, size: scratch.size ?? '10Gi', storageClass: scratch.storageClass };
  return {
    schedule: b.schedule ?? '0 1 * * *',
    timeZone: b.timeZone,
    extraArgs: b.extraArgs ?? [],
    backoffLimit: b.backoffLimit ?? 6,
    successfulJobsHistoryLimit: b.successfulJobsHistoryLimit ?? 3,
    failedJobsHistoryLimit: b.failedJobsHistoryLimit ?? 1,
    activeDeadlineSeconds: b.activeDeadlineSeconds,
    startingDeadlineSeconds: b.startingDeadlineSeconds,
    suspend: b.suspend ?? false,
    scratch: resolvedScratch,
    resources: b.resources ?? { requests: { cpu: '50m', memory: '350M' } },
    placement: ctx.mergePlacement(ctx.platformPlacement, b.placement),
  };
}
