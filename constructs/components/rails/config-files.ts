import { ResolvedConfig } from '../../config/resolved';
import { PlatformEndpoints } from '../../lib/endpoints';
import { SecretFile } from '../../lib/volumes';
import { cableYmlTemplate } from './cable-yml';
import { railsConfigureScript } from './configure';
import { RailsConsumer } from './consumer';
import { databaseYmlTemplate } from './database-yml';
import { gitlabYmlTemplate } from './gitlab-yml';
import { installationType } from './installation-type';
import { krb5Conf } from './krb5-conf';
import { redisActionCableYmlTemplate } from './redis-action-cable-yml';
import { railsRedisPurposeTemplates } from './redis-yml';
import { resqueYmlTemplate } from './resque-yml';
import { sessionStoreYmlTemplate } from './session-store-yml';
import { smtpSettingsInitializer } from './smtp-settings';

/** The migrations ConfigMap key holding the Pages OAuth redirect URI (the chart's name). */
export const PAGES_REDIRECT_URI_KEY = 'pages_redirect_uri';

/**
 * The data of a Rails pod's ConfigMap: the ERB templates the image renders into `/srv/gitlab/config`, the files
 * mounted by subPath, and the `configure` script (contract §2). The migrations Job gets the minimal set.
 */
export function railsConfigData(config: ResolvedConfig, endpoints: PlatformEndpoints, consumer: RailsConsumer,
  secretFiles: readonly SecretFile[]): Record<string, string> {
  const data: Record<string, string> = {
    'database.yml.erb': databaseYmlTemplate(config, consumer),
    'resque.yml.erb': resqueYmlTemplate(config),
    'cable.yml.erb': cableYmlTemplate(config),
    'redis.action_cable.yml.erb': redisActionCableYmlTemplate(config),
    ...railsRedisPurposeTemplates(config),
    'gitlab.yml.erb': gitlabYmlTemplate(config, endpoints, consumer),
    configure: railsConfigureScript(config, consumer, secretFiles),
  };
  // The toolbox is a shell target, not a running GitLab, so the chart gives it no installation type.
  if (consumer !== 'toolbox') data.installation_type = installationType();
  // Projected next to the Pages OAuth application's id and secret, for migrations to register the application.
  if (consumer === 'migrations' && config.components.gitlabPages?.accessControl) {
    data[PAGES_REDIRECT_URI_KEY] = config.components.gitlabPages.authRedirectUri;
  }
  if (consumer !== 'migrations') {
    data['session_store.yml.erb'] = sessionStoreYmlTemplate();
    data['krb5.conf'] = krb5Conf();
    data['smtp_settings.rb'] = smtpSettingsInitializer(config);
  }
  return data;
}
