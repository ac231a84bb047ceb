/** The list of names the spamcheck settings are built from, written once (types, checks and resolution derive from it). */

/** spamcheck's log levels (the chart's `gitlab.spamcheck.logging.level`). */
export const SPAMCHECK_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type SpamcheckLogLevel = typeof SPAMCHECK_LOG_LEVELS[number];
