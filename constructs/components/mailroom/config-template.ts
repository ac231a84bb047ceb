import { ResolvedConfig, ResolvedMailbox, ResolvedRedis } from '../../config/resolved';
import { PlatformEndpoints } from '../../lib/endpoints';
import { erbSecretJson, templateYaml } from '../../lib/erb';
import { REDIS_SENTINEL_PASSWORD_PATH } from '../../lib/redis';
import { railsRedisUrl } from '../rails/redis-url';

/** mailroom's health endpoint (`/liveness`). */
export const MAILROOM_HEALTH_PORT = 8080;

/** The secrets folder of the mailroom container (`/etc/gitlab`), filled by the configure step. */
const SECRETS = '/etc/gitlab';

/** The two mailboxes mailroom can read: their secret files and where their mail is delivered. */
export const MAILBOXES = {
  incoming: {
    password: 'mailroom/password_incoming_email',
    clientSecret: 'mailroom/client_id_incoming_email',
    webhookSecret: 'mailroom/incoming_email_webhook_secret',
    apiPath: 'incoming_email',
  },
  serviceDesk: {
    password: 'mailroom/password_service_desk',
    clientSecret: 'mailroom/client_id_service_desk',
    webhookSecret: 'mailroom/service_desk_email_webhook_secret',
    apiPath: 'service_desk_email',
  },
} as const;

type MailboxKind = keyof typeof MAILBOXES;

/** Redis settings of mail_room (arbitration between replicas): URL and, with Sentinels, where to find the master. */
function redisOptions(redis: ResolvedRedis, sentinelPassword: boolean) {
  return {
    ':redis_url': railsRedisUrl(redis),
    ':namespace': 'mail_room:gitlab',
    ':sentinels': redis.sentinels?.map((s) => ({ ':host': s.host, ':port': s.port })),
    ':sentinel_password': redis.sentinels && sentinelPassword ? erbSecretJson(`${SECRETS}/${REDIS_SENTINEL_PASSWORD_PATH}`) : undefined,
  };
}

function mailbox(kind: MailboxKind, m: ResolvedMailbox, config: ResolvedConfig, endpoints: PlatformEndpoints) {
  const redis = config.redis.forPurpose.queues;
  const files = MAILBOXES[kind];
  const inbox = m.imap ? {
    ':inbox_method': 'imap',
    ':host': m.imap.host,
    ':port': m.imap.port,
    ':ssl': m.imap.ssl,
    ':start_tls': m.imap.startTls,
    ':password': erbSecretJson(`${SECRETS}/${files.password}`),
    ':idle_timeout': m.imap.idleTimeout,
  } : {
    ':inbox_method': 'microsoft_graph',
    ':inbox_options': {
      ':tenant_id': m.microsoftGraph!.tenantId,
      ':client_id': m.microsoftGraph!.clientId,
      ':client_secret': erbSecretJson(`${SECRETS}/${files.clientSecret}`),
      ':poll_interval': m.microsoftGraph!.pollInterval,
      ':azure_ad_endpoint': m.microsoftGraph!.azureAdEndpoint,
      ':graph_endpoint': m.microsoftGraph!.graphEndpoint,
    },
  };
  return {
    ':email': m.user,
    ':name': m.mailbox,
    ':delete_after_delivery': m.deleteAfterDelivery,
    ':expunge_deleted': m.expungeDeleted,
    ':logger': { ':log_path': m.logPath },
    ...inbox,
    // Delivered to GitLab's internal API as a JWT-signed POST (the chart's `webhook` delivery).
    ':delivery_method': 'postback',
    ':delivery_options': {
      ':delivery_url': `${endpoints.webservice.workhorseUrl}/api/v4/internal/mail_room/${files.apiPath}`,
      ':content_type': 'text/plain',
      ':jwt_auth_header': 'Gitlab-Mailroom-Api-Request',
      ':jwt_issuer': 'gitlab-mailroom',
      ':jwt_algorithm': 'HS256',
      ':jwt_secret_path': `${SECRETS}/${files.webhookSecret}`,
    },
    ':arbitration_method': 'redis',
    ':arbitration_options': redisOptions(redis, !!config.redis.sentinelPassword),
  };
}

/**
 * `mail_room.yml`: mail_room's configuration (symbol keys, ERB evaluated by mail_room when it loads the file, so
 * passwords are read from the pod's secret files). One mailbox per configured address; replicas share the work
 * through Redis arbitration (the Redis of Sidekiq queues).
 */
export function mailroomConfigTemplate(config: ResolvedConfig, endpoints: PlatformEndpoints): string {
  const { incoming, serviceDesk } = config.email;
  return templateYaml({
    ':health_check': { ':address': '0.0.0.0', ':port': MAILROOM_HEALTH_PORT },
    ':mailboxes': [
      mailbox('incoming', incoming!, config, endpoints),
      ...(serviceDesk ? [mailbox('serviceDesk', serviceDesk, config, endpoints)] : []),
    ],
  });
}
