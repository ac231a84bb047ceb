import { ResolvedConfig } from '../../config/resolved';
import { RAILS_PATHS } from './consumer';
import { OPTIONAL_SECRET_PATHS } from './optional-secret-files';

/** A Ruby double-quoted string literal: JSON escapes plus `#`, so `#{...}` in a value is never interpolated. */
const rubyString = (s: string) => JSON.stringify(s).replace(/#/g, '\\#');

/**
 * `smtp_settings.rb`, mounted as a Rails initializer (plain Ruby, not a template). With `email.smtp`, Action Mailer
 * delivers through that server; the password is read from `/etc/gitlab/smtp/smtp-password` when Rails starts,
 * so it never enters the ConfigMap. Without it the file is empty (as in the chart) and GitLab keeps its default delivery.
 */
export function smtpSettingsInitializer(config: ResolvedConfig): string {
  const s = config.email.smtp;
  // Empty, as the chart writes it: Rails keeps its default delivery.
  if (!s) return '';
  const settings: string[] = [
    `address: ${rubyString(s.address)}`,
    `port: ${s.port}`,
    // The trust store the `certificates` init container builds (custom CAs included).
    'ca_file: "/etc/ssl/certs/ca-certificates.crt"',
  ];
  if (s.domain) settings.push(`domain: ${rubyString(s.domain)}`);
  if (s.authentication !== 'none') {
    settings.push(
      `authentication: :${s.authentication}`,
      `user_name: ${rubyString(s.user ?? '')}`,
      `password: File.read(${rubyString(`${RAILS_PATHS.secrets}/${OPTIONAL_SECRET_PATHS.smtpPassword}`)}).strip`,
    );
  }
  settings.push(
    `enable_starttls_auto: ${s.starttlsAuto}`,
    `tls: ${s.tls}`,
    `openssl_verify_mode: ${rubyString(s.opensslVerifyMode)}`,
    `open_timeout: ${s.openTimeout}`,
    `read_timeout: ${s.readTimeout}`,
  );
  const lines = [
    '# Outgoing mail through SMTP (written by gitlab-iac from email.smtp).',
    'smtp_settings = {',
    ...settings.map((line) => `  ${line},`),
    '}',
    '',
  ];
  if (s.pool) {
    lines.push(
      '# One connection pool per process, as large as its thread count.',
      "require 'mail/smtp_pool'",
      'ActionMailer::Base.add_delivery_method :smtp_pool, Mail::SMTPPool',
      'Gitlab::Application.config.action_mailer.delivery_method = :smtp_pool',
      'ActionMailer::Base.delivery_method = :smtp_pool',
      'ActionMailer::Base.smtp_pool_settings = { pool: Mail::SMTPPool.create_pool(smtp_settings.merge(pool_size: Gitlab::Runtime.max_threads)) }',
    );
  } else {
    lines.push(
      'Rails.application.config.action_mailer.delivery_method = :smtp',
      'ActionMailer::Base.delivery_method = :smtp',
      'ActionMailer::Base.smtp_settings = smtp_settings',
    );
  }
  return lines.join('\n') + '\n';
}
