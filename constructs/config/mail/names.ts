/**
 * The lists of names the e-mail settings are built from, each written once: the props types, the checks, the
 * resolution and the values import derive from these arrays (as `../object-storage/names.ts` does for its lists).
 */

/** How GitLab logs in to the SMTP server (`email.smtp.authentication`; `none` sends without logging in). */
export const SMTP_AUTHENTICATIONS = ['plain', 'login', 'cram_md5', 'none'] as const;
export type SmtpAuthentication = typeof SMTP_AUTHENTICATIONS[number];

/** Whether the SMTP server's certificate is verified (`email.smtp.opensslVerifyMode`). */
export const SMTP_VERIFY_MODES = ['none', 'peer'] as const;
export type SmtpVerifyMode = typeof SMTP_VERIFY_MODES[number];

/** How mailroom reads a mailbox: the chart's `inboxMethod` values (`imap` or `microsoftGraph` in the props). */
export const INBOX_METHODS = ['imap', 'microsoft_graph'] as const;
export type InboxMethod = typeof INBOX_METHODS[number];
