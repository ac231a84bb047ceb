import {
  IngressTls, ResolvedBackupScratch, ResolvedEmail, ResolvedGitLabPages, ResolvedHost, ResolvedLdap, ResolvedMailbox,
  ResolvedOmniauth, ResolvedSmtp, ResolvedSpamcheck, ResolvedToolboxBackups, ResolvedWorkload,
} from './resolved';
import {
  Autoscaling, GitLabPlatformProps, MailboxConfig, ObjectType, Placement, Resources, SmtpConfig, ToolboxBackupsOptions,
  WorkloadOptions,
} from './types';

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

import { ref } from './secrets/resolve';

/** Defaults and cross-setting rules of Pages, mailroom, spamcheck, the backup CronJob, e-mail, OmniAuth and LDAP. */
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

function resolveEmail(p: GitLabPlatformProps, ctx: OptionalContext): ResolvedEmail {
  const e = p.email ?? {};
  const domain = ctx.hosts.domain;
  if (e.serviceDesk && !e.incoming) {
    ctx.fail('email.serviceDesk', e.serviceDesk, 'a Service Desk mailbox only together with email.incoming (mailroom reads both)',
      'configure email.incoming too, or remove email.serviceDesk');
  }
  return {
    from: e.from ?? `gitlab@${domain}`,
    displayName: e.displayName ?? 'GitLab',
    replyTo: e.replyTo ?? `noreply@${domain}`,
    subjectSuffix: e.subjectSuffix ?? '',
    smtp: e.smtp ? resolveSmtp(e.smtp, ctx) : undefined,
    incoming: e.incoming ? mailbox(e.incoming) : undefined,
    serviceDesk: e.serviceDesk && e.incoming ? mailbox(e.serviceDesk) : undefined,
  };
}

function mailbox(m: MailboxConfig): ResolvedMailbox {
  return {
    address: m.address,
    user: m.user,
    mailbox: m.mailbox ?? 'inbox',
    deleteAfterDelivery: m.deleteAfterDelivery ?? true,
    expungeDeleted: m.expungeDeleted ?? false,
    logPath: m.logPath ?? '/dev/stdout',
    imap: m.imap ? {
      host: m.imap.host,
      port: m.imap.port ?? 993,
      ssl: m.imap.ssl ?? true,
      startTls: m.imap.startTls ?? false,
      password: ref(m.imap.password, 'password'),
      idleTimeout: m.imap.idleTimeout ?? 60,
    } : undefined,
    microsoftGraph: m.microsoftGraph ? {
      tenantId: m.microsoftGraph.tenantId,
      clientId: m.microsoftGraph.clientId,
      clientSecret: ref(m.microsoftGraph.clientSecret, 'secret'),
      pollInterval: m.microsoftGraph.pollInterval ?? 60,
      azureAdEndpoint: m.microsoftGraph.azureAdEndpoint ?? 'https://login.microsoftonline.com',
      graphEndpoint: m.microsoftGraph.graphEndpoint ?? 'https://graph.microsoft.com',
    } : undefined,
  };
}

function resolveSmtp(s: SmtpConfig, ctx: OptionalContext): ResolvedSmtp {
  const path = 'email.smtp';
  const authentication = s.authentication ?? (s.password ? 'plain' : 'none');
  if (authentication === 'none') {
    for (const key of ['user', 'password'] as const) {
      if (s[key] !== undefined) {
        ctx.fail(`${path}.${key}`, key === 'password' ? s.password : s.user, 'nothing while authentication is none',
          `remove ${path}.${key}, or set ${path}.authentication to plain, login or cram_md5`);
      }
    }
  } else {
    if (!s.user) ctx.fail(`${path}.user`, undefined, `the SMTP login (authentication is ${authentication})`, `set ${path}.user, or authentication: none`);
    if (!s.password) {
      ctx.fail(`${path}.password`, undefined, `a password Secret (authentication is ${authentication})`,
        `set ${path}.password: { name: <Secret>, key: password }, or authentication: none`);
    }
  }
  const tls = s.tls ?? false;
  if (tls && s.starttlsAuto) {
    ctx.fail(`${path}.starttlsAuto`, true, 'false while tls (implicit TLS) is on', 'keep one of tls (port 465) and starttlsAuto (port 587)');
  }
  return {
    address: s.address,
    port: s.port ?? 587,
    domain: s.domain,
    authentication,
    user: authentication === 'none' ? undefined : s.user,
    password: authentication === 'none' || !s.password ? undefined : ref(s.password, 'password'),
    starttlsAuto: s.starttlsAuto ?? !tls,
    tls,
    opensslVerifyMode: s.opensslVerifyMode ?? 'peer',
    openTimeout: s.openTimeout ?? 30,
    readTimeout: s.readTimeout ?? 60,
    pool: s.pool ?? false,
  };
}

function resolveOmniauth(p: GitLabPlatformProps): ResolvedOmniauth | undefined {
  const o = p.omniauth;
  if (!o || !(o.enabled ?? true)) return undefined;
  return {
    providers: (o.providers ?? []).map((r) => ref(r, 'provider')),
    autoSignInWithProvider: o.autoSignInWithProvider,
    allowSingleSignOn: o.allowSingleSignOn ?? ['saml'],
    blockAutoCreatedUsers: o.blockAutoCreatedUsers ?? true,
    syncProfileFromProvider: o.syncProfileFromProvider ?? [],
    syncProfileAttributes: o.syncProfileAttributes ?? ['email'],
    autoLinkLdapUser: o.autoLinkLdapUser ?? false,
    autoLinkSamlUser: o.autoLinkSamlUser ?? false,
    autoLinkUser: o.autoLinkUser ?? [],
    externalProviders: o.externalProviders ?? [],
    allowBypassTwoFactor: o.allowBypassTwoFactor ?? [],
  };
}

function resolveLdap(p: GitLabPlatformProps): ResolvedLdap | undefined {
  const l = p.ldap;
  if (!l) return undefined;
  return {
    preventSignIn: l.preventSignIn ?? false,
    servers: Object.entries(l.servers).map(([id, s]) => {
      const encryption = s.encryption ?? 'simple_tls';
      return {
        id,
        label: s.label ?? 'LDAP',
        host: s.host,
        port: s.port ?? (encryption === 'simple_tls' ? 636 : 389),
        uid: s.uid ?? 'sAMAccountName',
        bindDn: s.bindDn,
        password: s.password ? ref(s.password, 'password') : undefined,
        encryption,
        verifyCertificates: s.verifyCertificates ?? true,
        timeout: s.timeout ?? 10,
        activeDirectory: s.activeDirectory ?? true,
        base: s.base,
        userFilter: s.userFilter,
        allowUsernameOrEmailLogin: s.allowUsernameOrEmailLogin ?? false,
        blockAutoCreatedUsers: s.blockAutoCreatedUsers ?? false,
        lowercaseUsernames: s.lowercaseUsernames ?? false,
        retryEmptyResultWithCodes: s.retryEmptyResultWithCodes ?? [],
        attributes: s.attributes,
        tlsOptions: s.tlsOptions,
      };
    }),
  };
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
