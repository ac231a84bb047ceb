/**
 * `smtp_settings.rb`, mounted as a Rails initializer. The platform does not configure outgoing SMTP yet, so the
 * initializer only says so (GitLab then delivers mail with its default sendmail method).
 */
export function smtpSettingsInitializer(): string {
  return '# Outgoing SMTP is not configured by gitlab-iac.\n';
}
