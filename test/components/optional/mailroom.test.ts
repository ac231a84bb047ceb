import { describe, expect, it } from 'vitest';
import { SHARED_SECRETS, sharedSecretConditions, sharedSecretNeeded } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { hasRuby, parseErbYaml } from '../../support/erb';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { renderMailRoomWithRuby } from './ruby';
import { configIssues, configMapData, INCOMING, named, projectedFiles, SERVICE_DESK, withComponents } from './fixtures';

const NAME = 'gitlab-mailroom';
const incoming = synthPlatform(productionProps({ email: { incoming: INCOMING } }));
const both = synthPlatform(productionProps({ email: { incoming: INCOMING, serviceDesk: SERVICE_DESK } }));

const deploymentOf = (objects: KubeObject[]) => find(objects, 'Deployment', NAME);
const mailRoomYml = (objects: KubeObject[]) => configMapData(objects, NAME)['mail_room.yml'];
const gitlabYml = (objects: KubeObject[], configMap: string) => parseErbYaml(configMapData(objects, configMap)['gitlab.yml.erb']).doc.production;

/** The fake secret files mail_room.yml reads, as the configure step leaves them in /etc/gitlab. */
const SECRET_FILES = {
  'redis/redis-password': 'p@ss/word',
  'mailroom/password_incoming_email': 'imap "secret"\n',
  'mailroom/client_id_service_desk': 'graph-secret',
};

describe('mailroom', () => {
  it('runs only while an incoming mailbox is configured', () => {
    expect(named(synthPlatform(productionProps()), NAME)).toEqual([]);
    expect(named(incoming, NAME).sort()).toEqual([`ConfigMap/${NAME}`, `Deployment/${NAME}`, `HorizontalPodAutoscaler/${NAME}`, `ServiceAccount/${NAME}`]);
  });

  it('runs the pinned gitlab-mailroom image after the certificates and configure init containers', () => {
    const d = deploymentOf(incoming);
    const c = container(d, 'mailroom');
    expect(c.image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-mailroom:0.0.27');
    expect(c.command).toBeUndefined();
    expect(envOf(c)).toEqual({ TZ: 'UTC' });
    expect(podSpec(d).initContainers.map((i: any) => i.name)).toEqual(['certificates', 'configure']);
  });

  it('runs its configure script mounted by subPath, copying the mailroom secrets (required) and Redis (optional)', () => {
    const configure = container(deploymentOf(incoming), 'configure');
    expect(configure.args).toEqual(['/config/configure']);
    expect(configure.volumeMounts).toContainEqual({ name: 'mailroom-config', mountPath: '/config/configure', subPath: 'configure', readOnly: true });
    expect(mountsOf(configure)).toMatchObject({ '/init-config': 'init-mailroom-secrets', '/init-secrets': 'mailroom-secrets' });
    const script = configMapData(incoming, NAME).configure;
    expect(script).toContain('for secret in mailroom; do');
    expect(script).toContain('for secret in redis redis-sentinel; do');
  });

  it('reads mail_room.yml and its secrets where the image expects them', () => {
    const c = container(deploymentOf(incoming), 'mailroom');
    expect(c.volumeMounts).toContainEqual({ name: 'mailroom-config', mountPath: '/var/opt/gitlab/mail_room.yml', subPath: 'mail_room.yml' });
    expect(c.volumeMounts).toContainEqual({ name: 'mailroom-secrets', mountPath: '/etc/gitlab', readOnly: true });
  });

  it('is checked alive on /liveness:8080 and ready by the image\'s health check, and stops mail_room on shutdown', () => {
    const c = container(deploymentOf(incoming), 'mailroom');
    expect(c.livenessProbe.httpGet).toEqual({ path: '/liveness', port: 8080 });
    expect(c.readinessProbe.exec).toEqual({ command: ['/scripts/healthcheck'] });
    expect(c.lifecycle.preStop.exec.command).toEqual(['/bin/bash', '-c', "pkill -f 'mail_room'"]);
  });

  it('scales 1-2 replicas on 75% CPU, asks for the chart\'s requests and has no Service or PDB', () => {
    expect(deploymentOf(incoming).spec.replicas).toBeUndefined();
    expect(find(incoming, 'HorizontalPodAutoscaler', NAME).spec).toMatchObject({
      minReplicas: 1, maxReplicas: 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }],
    });
    expect(container(deploymentOf(incoming), 'mailroom').resources).toEqual({ requests: { cpu: '50m', memory: '150M' } });
    expect(incoming.some((o) => (o.kind === 'Service' || o.kind === 'PodDisruptionBudget') && o.metadata.name === NAME)).toBe(false);
  });

  it('projects the Redis password, the IMAP password and the webhook signing key', () => {
    expect(projectedFiles(deploymentOf(incoming), 'init-mailroom-secrets')).toEqual({
      'redis/redis-password': 'gitlab-redis-password/password',
      'mailroom/password_incoming_email': 'incoming-email-password/password',
      'mailroom/incoming_email_webhook_secret': 'gitlab-incoming-email-auth-token/authToken',
    });
  });

  it('adds the Service Desk mailbox\'s Graph client secret and signing key', () => {
    expect(projectedFiles(deploymentOf(both), 'init-mailroom-secrets')).toMatchObject({
      'mailroom/client_id_service_desk': 'graph-client-secret/secret',
      'mailroom/service_desk_email_webhook_secret': 'gitlab-service-desk-email-auth-token/authToken',
    });
  });

  it('reads the IMAP mailbox and posts each mail, signed, to the webservice\'s internal API', () => {
    const box = parseErbYaml(mailRoomYml(incoming));
    expect(box.doc[':health_check']).toEqual({ ':address': '0.0.0.0', ':port': 8080 });
    const [m] = box.doc[':mailboxes'];
    expect(m).toMatchObject({
      ':email': 'incoming@example.com', ':name': 'inbox', ':delete_after_delivery': true, ':expunge_deleted': false,
      ':logger': { ':log_path': '/dev/stdout' }, ':inbox_method': 'imap', ':host': 'imap.example.com', ':port': 993,
      ':ssl': true, ':start_tls': false, ':idle_timeout': 60, ':delivery_method': 'postback',
      ':delivery_options': {
        ':delivery_url': 'http://gitlab-webservice-default.gitlab.svc:8181/api/v4/internal/mail_room/incoming_email',
        ':content_type': 'text/plain', ':jwt_auth_header': 'Gitlab-Mailroom-Api-Request', ':jwt_issuer': 'gitlab-mailroom',
        ':jwt_algorithm': 'HS256', ':jwt_secret_path': '/etc/gitlab/mailroom/incoming_email_webhook_secret',
      },
      ':arbitration_method': 'redis',
    });
    expect(box.erb(m[':password'])).toBe('<%= File.read("/etc/gitlab/mailroom/password_incoming_email").strip.to_json %>');
    expect(box.erb(m[':arbitration_options'][':redis_url'])).toContain('File.read("/etc/gitlab/redis/redis-password")');
    expect(m[':arbitration_options'][':namespace']).toBe('mail_room:gitlab');
  });

  it.skipIf(!hasRuby)('renders mail_room.yml with Ruby to symbol keys, secrets filled in and the Redis password URL-encoded', () => {
    const doc = renderMailRoomWithRuby(mailRoomYml(both), SECRET_FILES);
    const [inbox, serviceDesk] = doc.mailboxes;
    expect(inbox.password).toBe('imap "secret"');
    expect(inbox.arbitration_options.redis_url).toBe('rediss://:p%40ss%2Fword@master.gitlab-redis.abc123.use1.cache.amazonaws.com:6379/0');
    expect(serviceDesk).toMatchObject({
      email: 'servicedesk@example.com', inbox_method: 'microsoft_graph',
      inbox_options: { tenant_id: 'contoso.onmicrosoft.com', client_id: '0a1b2c3d-aaaa-bbbb-cccc-0123456789ab', client_secret: 'graph-secret', poll_interval: 60 },
      delivery_options: { delivery_url: 'http://gitlab-webservice-default.gitlab.svc:8181/api/v4/internal/mail_room/service_desk_email' },
    });
    expect(doc.symbolKeys).toBe(true);
  });

  it('uses the Redis of Sidekiq queues for arbitration when one is configured', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({
      email: { incoming: INCOMING },
      redis: { ...base.redis, queues: { host: 'queues.redis.internal', password: { name: 'redis-queues-password' } } },
    }));
    const [m] = parseErbYaml(mailRoomYml(objects)).doc[':mailboxes'];
    expect(parseErbYaml(mailRoomYml(objects)).erb(m[':arbitration_options'][':redis_url'])).toContain('@queues.redis.internal:');
    expect(projectedFiles(deploymentOf(objects), 'init-mailroom-secrets')).toMatchObject({ 'redis/queues-password': 'redis-queues-password/password' });
  });

  it('can be turned off while Rails keeps the mailbox addresses (mailroom running elsewhere)', () => {
    const objects = synthPlatform(withComponents({ mailroom: { enabled: false } }, { email: { incoming: INCOMING } }));
    expect(named(objects, NAME)).toEqual([]);
    expect(gitlabYml(objects, 'gitlab-webservice').incoming_email.enabled).toBe(true);
  });
});

describe('incoming and Service Desk e-mail in Rails', () => {
  it('gives webservice and sidekiq the addresses and the webhook signing keys', () => {
    for (const cm of ['gitlab-webservice', 'gitlab-sidekiq']) {
      const p = gitlabYml(both, cm);
      expect(p.incoming_email).toEqual({ enabled: true, address: 'incoming+%{key}@example.com', secret_file: '/etc/gitlab/mailroom/incoming_email_webhook_secret' });
      expect(p.service_desk_email).toEqual({ enabled: true, address: 'servicedesk+%{key}@example.com', secret_file: '/etc/gitlab/mailroom/service_desk_email_webhook_secret' });
    }
    for (const [deployment, volume] of [['gitlab-webservice-default', 'init-webservice-secrets'], ['gitlab-sidekiq-all-in-1-v2', 'init-sidekiq-secrets']]) {
      expect(projectedFiles(find(both, 'Deployment', deployment), volume)).toMatchObject({
        'mailroom/incoming_email_webhook_secret': 'gitlab-incoming-email-auth-token/authToken',
        'mailroom/service_desk_email_webhook_secret': 'gitlab-service-desk-email-auth-token/authToken',
      });
    }
  });

  it('leaves the mail blocks out of toolbox and migrations, and out of every pod without mailboxes', () => {
    expect(gitlabYml(both, 'gitlab-toolbox').incoming_email).toBeUndefined();
    expect(gitlabYml(both, 'gitlab-migrations').incoming_email).toBeUndefined();
    const production = synthPlatform(productionProps());
    expect(gitlabYml(production, 'gitlab-webservice').incoming_email).toBeUndefined();
    expect(gitlabYml(production, 'gitlab-webservice').service_desk_email).toBeUndefined();
  });

  it('needs the auth-token Secrets exactly for the configured mailboxes', () => {
    const needed = (props: Parameters<typeof resolveConfig>[0]) => SHARED_SECRETS
      .filter((s) => sharedSecretNeeded(s, sharedSecretConditions(resolveConfig(props)))).map((s) => s.id);
    expect(needed(productionProps())).not.toContain('incomingEmailAuthToken');
    expect(needed(productionProps({ email: { incoming: INCOMING } }))).toContain('incomingEmailAuthToken');
    expect(needed(productionProps({ email: { incoming: INCOMING } }))).not.toContain('serviceDeskEmailAuthToken');
    expect(needed(productionProps({ email: { incoming: INCOMING, serviceDesk: SERVICE_DESK } }))).toContain('serviceDeskEmailAuthToken');
    // Without a configuration (the CLI generator), only the default install's Secrets are needed.
    expect(SHARED_SECRETS.filter((s) => sharedSecretNeeded(s)).map((s) => s.id)).not.toEqual(expect.arrayContaining(['incomingEmailAuthToken']));
  });
});

describe('mailroom objects', () => {
  it.each(KUBERNETES_VERSIONS)('are schema-valid on Kubernetes %s', (version) => {
    expect(validateObjects(both.filter((o) => o.metadata.name.startsWith(NAME)), version)).toEqual([]);
  });

  it('meet the restricted Pod Security Standard', () => {
    expect(restrictedViolations(both)).toEqual([]);
  });
});

describe('mailbox settings refused', () => {
  const issues = (incomingBox: object, rest: object = {}) => configIssues(productionProps({ email: { incoming: incomingBox as any, ...rest } }));

  it('an IMAP mailbox without a password Secret', () => {
    expect(issues({ ...INCOMING, imap: { host: 'imap.example.com' } })).toEqual([
      expect.objectContaining({ path: 'email.incoming.imap.password', fix: expect.stringContaining('imap.password: { name: <Secret>, key: password }') }),
    ]);
  });

  it('both IMAP and Microsoft Graph, or neither', () => {
    expect(issues({ ...INCOMING, microsoftGraph: SERVICE_DESK.microsoftGraph }).map((i) => i.path)).toEqual(['email.incoming']);
    const { imap: _imap, ...neither } = INCOMING;
    expect(issues(neither)[0]).toMatchObject({ path: 'email.incoming', allowed: 'exactly one of imap and microsoftGraph' });
  });

  it('an address without the %{key} placeholder', () => {
    expect(issues({ ...INCOMING, address: 'incoming@example.com' })[0]).toMatchObject({ path: 'email.incoming.address', allowed: expect.stringContaining('%{key}') });
  });

  it('implicit TLS together with STARTTLS', () => {
    expect(issues({ ...INCOMING, imap: { ...INCOMING.imap!, startTls: true } })[0]).toMatchObject({ path: 'email.incoming.imap' });
  });

  it('a Service Desk mailbox without the incoming one, and mailroom forced on without a mailbox', () => {
    expect(configIssues(productionProps({ email: { serviceDesk: SERVICE_DESK } })).map((i) => i.path)).toEqual(['email.serviceDesk']);
    expect(configIssues(withComponents({ mailroom: { enabled: true } })).map((i) => i.path)).toEqual(['components.mailroom.enabled']);
  });

  it('template delimiters in a value that ends up in mail_room.yml', () => {
    expect(issues({ ...INCOMING, user: 'x<%= `id` %>@example.com' })[0]).toMatchObject({ path: 'email.incoming.user' });
  });
});
