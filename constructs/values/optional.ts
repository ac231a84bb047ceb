import { PropsBuilder } from './builder';
import { readPages } from '../config/pages/values';
import { readMailroom } from '../config/mailroom/values';
import { readSpamcheck } from '../config/spamcheck/values';
import { readBackups } from '../config/backups/values';
import { readEmail } from '../config/mail/values';
import { readLdap, readOmniauth } from '../config/auth/values';

/**
 * Wiring of the optional parts of the chart: GitLab Pages (`config/pages/values.ts`), e-mail (`config/mail/values.ts`)
 * and mailroom (`config/mailroom/values.ts`), spamcheck (`config/spamcheck/values.ts`), the backup CronJob
 * (`config/backups/values.ts`), and sign-in (`config/auth/values.ts`).
 *
 * Keys left at the chart's default value are accepted while their feature is off (values files often carry the
 * chart's defaults); any other setting of an off feature has no effect and is reported.
 */
export function readOptional(b: PropsBuilder): void {
  readPages(b);
  readMailroom(b, readEmail(b));
  readSpamcheck(b);
  readBackups(b);
  readOmniauth(b);
  readLdap(b);
}

/** The optional workload components: each runs only when turned on (mailroom: while incoming e-mail is on). */
export const OPTIONAL_COMPONENTS = ['gitlabPages', 'mailroom', 'spamcheck'] as const;

/** The optional components that run with these values (they get `global.serviceAccount.annotations` too). */
export function optionalComponentsOn(b: PropsBuilder): string[] {
  return OPTIONAL_COMPONENTS.filter((c) => (c === 'mailroom'
    ? b.get('email.incoming') !== undefined && b.get('components.mailroom.enabled') !== false
    : b.get(`components.${c}.enabled`) === true));
}
