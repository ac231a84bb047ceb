import { Construct } from 'constructs';
import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { execProbe, httpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { redisSecretFiles } from '../../lib/redis';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, copySecretsScript, fileFrom, memoryDir, projectedSecrets, SecretFile,
  trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { deployment, horizontalPodAutoscaler, podTemplate, serviceAccount } from '../../lib/workload';
import { MAILBOXES, MAILROOM_HEALTH_PORT, mailroomConfigTemplate } from './config-template';

export interface MailroomProps {
  /** The resolved platform configuration (`resolveConfig`); `components.mailroom` and `email.incoming` must be set. */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/** Redis, then per mailbox its IMAP password (or Graph client secret) and the webhook signing key (contract §3.12). */
function mailroomSecretFiles(config: ResolvedConfig): SecretFile[] {
  const { incoming, serviceDesk } = config.email;
  const s = config.secrets;
  const files = redisSecretFiles(config.redis, [config.redis.forPurpose.queues]);
  const mailbox = (kind: keyof typeof MAILBOXES, m: NonNullable<typeof incoming>, authToken: string) => {
    const paths = MAILBOXES[kind];
    files.push(
      m.imap ? fileFrom(m.imap.password, paths.password) : fileFrom(m.microsoftGraph!.clientSecret, paths.clientSecret),
      fileFrom({ name: authToken, key: 'authToken' }, paths.webhookSecret),
    );
  };
  mailbox('incoming', incoming!, s.incomingEmailAuthToken);
  if (serviceDesk) mailbox('serviceDesk', serviceDesk, s.serviceDeskEmailAuthToken);
  return files;
}

/**
 * mailroom: reads the incoming (and Service Desk) mailbox over IMAP or Microsoft Graph and posts each message to
 * GitLab's internal API on the webservice (`/api/v4/internal/mail_room/...`), signed with the shared auth token.
 * Replicas coordinate through Redis. Deployment, HPA (1-2 replicas) and configuration; no Service.
 *
 * Deliberate differences from the chart: the restricted security context on every container (the chart sets only
 * `runAsUser` on the main one) and explicit probe timings.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/mailroom/
 */
export class Mailroom extends Construct {
  readonly deploymentName: string;
  /** The ConfigMap holding `mail_room.yml` and the configure script. */
  readonly configMapName: string;

  /** The Deployment: add an annotation (`deployment.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly deployment: k8s.KubeDeployment;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The HorizontalPodAutoscaler, unless `autoscaling: false`. */
  readonly horizontalPodAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;

  constructor(scope: Construct, id: string, props: MailroomProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.mailroom!;
    const name = `${config.release}-mailroom`;
    const image = config.images.mailroom;
    const labels = componentLabels(config, 'mailroom', image.tag);
    this.deploymentName = name;

    const files = configFiles(this, 'config', config, name, labels.common, {
      'mail_room.yml': mailroomConfigTemplate(config, endpoints),
      configure: copySecretsScript(['mailroom'], ['redis', 'redis-sentinel']),
    });
    this.configMapName = files.name;
    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount);

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      annotations: { 'checksum/config': files.checksum },
      initContainers: [
        certificatesInit(config),
        configureInit(config, {
          image: w.initImage,
          args: ['/config/configure'],
          mounts: [
            { name: 'mailroom-config', mountPath: '/config/configure', subPath: 'configure', readOnly: true },
            { name: 'init-mailroom-secrets', mountPath: '/init-config', readOnly: true },
            { name: 'mailroom-secrets', mountPath: '/init-secrets' },
          ],
        }),
      ],
      containers: [{
        name: 'mailroom',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        env: envList({ TZ: config.timeZone }, w.extraEnv, 'components.mailroom.extraEnv'),
        volumeMounts: [
          { name: 'mailroom-config', mountPath: '/var/opt/gitlab/mail_room.yml', subPath: 'mail_room.yml' },
          { name: 'mailroom-secrets', mountPath: '/etc/gitlab', readOnly: true },
          ...trustStoreMounts(),
        ],
        livenessProbe: httpProbe('/liveness', MAILROOM_HEALTH_PORT, { delay: 20, period: 60, timeout: 30, failures: 3 }),
        readinessProbe: execProbe(['/scripts/healthcheck'], { delay: 0, period: 10, timeout: 2, failures: 3 }),
        lifecycle: { preStop: { exec: { command: ['/bin/bash', '-c', "pkill -f 'mail_room'"] } } },
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume('mailroom-config', files.name),
        projectedSecrets('init-mailroom-secrets', mailroomSecretFiles(config)),
        memoryDir('mailroom-secrets'),
        ...trustStoreVolumes(config),
      ],
    });

    deployment(this, config, name, labels, w, template);
    if (w.autoscaling) horizontalPodAutoscaler(this, config, name, labels, name, w.autoscaling);
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployment = requiredHandle(this, 'deployment', k8s.KubeDeployment);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.horizontalPodAutoscaler = handle(this, 'hpa', k8s.KubeHorizontalPodAutoscalerV2);
  }
}
