import { ResolvedConfig, ResolvedSecretRef } from '../../config/resolved';
import { fileFrom, SecretFile } from '../../lib/volumes';
import { RailsConsumer } from './consumer';

/** Paths under `/etc/gitlab` of the optional features' secrets (contract §1.3, chart `_pages`/`_mailroom`/`_smtp`). */
export const OPTIONAL_SECRET_PATHS = {
  pages: 'pages/secret',
  incomingEmailWebhook: 'mailroom/incoming_email_webhook_secret',
  serviceDeskWebhook: 'mailroom/service_desk_email_webhook_secret',
  smtpPassword: 'smtp/smtp-password',
  pagesOAuthAppId: 'oauth-secrets/gitlab-pages/appid',
  pagesOAuthAppSecret: 'oauth-secrets/gitlab-pages/appsecret',
  pagesOAuthRedirectUri: 'oauth-secrets/gitlab-pages/redirecturi',
} as const;

/** Where one OmniAuth provider's YAML lands: `omniauth/<secret>/<key>`, as the chart mounts it. */
export const omniauthProviderPath = (provider: ResolvedSecretRef) => `omniauth/${provider.name}/${provider.key}`;

/** Where one LDAP server's bind password lands: `ldap/<server id>/password`. */
export const ldapPasswordPath = (serverId: string) => `ldap/${serverId}/password`;

/**
 * The optional features' secret files of one Rails pod, in the chart's order: the Pages API secret (webservice,
 * sidekiq, toolbox), the mailroom webhook secrets (webservice and sidekiq; the chart mounts them on webservice only,
 * but sidekiq's gitlab.yml names the same files), LDAP bind passwords, OmniAuth providers and the SMTP password
 * (webservice, sidekiq, toolbox), and the Pages OAuth application (migrations, with access control).
 */
export function optionalRailsSecretFiles(config: ResolvedConfig, consumer: RailsConsumer): SecretFile[] {
  const s = config.secrets;
  const p = OPTIONAL_SECRET_PATHS;
  const pages = config.components.gitlabPages;
  const email = config.email;
  const files: SecretFile[] = [];
  const running = consumer === 'webservice' || consumer === 'sidekiq' || consumer === 'toolbox';
  if (consumer === 'webservice' || consumer === 'sidekiq') {
    if (email.incoming) files.push(fileFrom({ name: s.incomingEmailAuthToken, key: 'authToken' }, p.incomingEmailWebhook));
    if (email.serviceDesk) files.push(fileFrom({ name: s.serviceDeskEmailAuthToken, key: 'authToken' }, p.serviceDeskWebhook));
  }
  if (running) {
    if (pages) files.push(fileFrom({ name: s.pages, key: 'shared_secret' }, p.pages));
    for (const server of config.ldap?.servers ?? []) {
      if (server.password) files.push(fileFrom(server.password, ldapPasswordPath(server.id)));
    }
    for (const provider of config.omniauth?.providers ?? []) files.push(fileFrom(provider, omniauthProviderPath(provider)));
    if (email.smtp?.password) files.push(fileFrom(email.smtp.password, p.smtpPassword));
  }
  if (consumer === 'migrations' && pages?.accessControl) {
    files.push(
      fileFrom({ name: s.pagesOAuth, key: 'appid' }, p.pagesOAuthAppId),
      fileFrom({ name: s.pagesOAuth, key: 'appsecret' }, p.pagesOAuthAppSecret),
    );
  }
  return files;
}
