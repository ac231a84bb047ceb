import type { ResolvedWorkload } from './resolved';
import type { GitLabPlatformProps } from './types';
import { EmailContext, ResolvedEmail, resolveEmail } from './mail/resolve';
import { resolveLdap, resolveOmniauth, ResolvedLdap, ResolvedOmniauth } from './auth/resolve';
import { PagesContext, ResolvedGitLabPages, resolvePages } from './pages/resolve';
import { MailroomContext, resolveMailroom } from './mailroom/resolve';
import { ResolvedSpamcheck, resolveSpamcheck, SpamcheckContext } from './spamcheck/resolve';
import { BackupsContext, resolveBackups, ResolvedToolboxBackups } from './backups/resolve';

/** What `resolve.ts` has already worked out and the optional settings depend on (each folder's context). */
export type OptionalContext = EmailContext & PagesContext & MailroomContext & SpamcheckContext & BackupsContext;

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
 * Wiring of the optional settings: Pages (`pages/`), mailroom (`mailroom/`), spamcheck (`spamcheck/`) and the
 * backup CronJob (`backups/`), with e-mail (`mail/`) and OmniAuth and LDAP (`auth/`).
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
