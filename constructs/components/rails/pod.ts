import * as k8s from '../../lib/k8s';
import { ResolvedConfig } from '../../config/resolved';
import { ResolvedImage } from '../../config/images/resolve';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import { configureMounts, trustStoreMounts } from '../../lib/volumes';
import { RAILS_PATHS } from './consumer';
import { RAILS_SECRET_PATHS } from './secret-files';

/** Volume names of one Rails pod, named as the chart names them (`<name>-config`, `init-<name>-secrets`, ...). */
export interface RailsVolumeNames {
  /** The component's ConfigMap. */
  readonly config: string;
  /** The projected Secret files, read by `configure` only. */
  readonly initSecrets: string;
  /** The in-memory folder `configure` fills; mounted at `/etc/gitlab`. */
  readonly secrets: string;
}

export const railsVolumeNames = (name: string): RailsVolumeNames =>
  ({ config: `${name}-config`, initSecrets: `init-${name}-secrets`, secrets: `${name}-secrets` });

/** Env every Rails container shares: where templates are and where they render. */
export const railsConfigEnv = () => ({
  CONFIG_TEMPLATE_DIRECTORY: RAILS_PATHS.templates,
  CONFIG_DIRECTORY: RAILS_PATHS.config,
});

/** `/etc/gitlab` (read-only) and the Rails secrets file where Rails reads it. */
export function railsSecretMounts(v: RailsVolumeNames): k8s.VolumeMount[] {
  return [
    { name: v.secrets, mountPath: RAILS_PATHS.secrets, readOnly: true },
    { name: v.secrets, mountPath: `${RAILS_PATHS.config}/secrets.yml`, subPath: RAILS_SECRET_PATHS.railsSecrets, readOnly: true },
  ];
}

/** Files of the ConfigMap that are used as they are, mounted by subPath. */
export function railsFileMounts(v: RailsVolumeNames, opts: { readonly installationType: boolean }): k8s.VolumeMount[] {
  return [
    { name: v.config, mountPath: '/etc/krb5.conf', subPath: 'krb5.conf' },
    { name: v.config, mountPath: `${RAILS_PATHS.config}/initializers/smtp_settings.rb`, subPath: 'smtp_settings.rb' },
    ...(opts.installationType ? [{ name: v.config, mountPath: '/srv/gitlab/INSTALLATION_TYPE', subPath: 'installation_type' }] : []),
  ];
}

/** The configure init container's mounts: the script, the projected secrets and the folder to fill. */
export function railsConfigureMounts(v: RailsVolumeNames): k8s.VolumeMount[] {
  return configureMounts(v.config, v.initSecrets, v.secrets);
}

/**
 * The `dependencies` init container: the component's own image runs `/scripts/wait-for-deps`, which blocks until
 * PostgreSQL answers and the schema is migrated. This, not a hook, orders the rollout after the migrations Job.
 * With two-phase migrations it waits for the regular migrations only (`BYPASS_POST_DEPLOYMENT`, the chart's
 * documented switch): the post-deployment ones run after the rollout, by design.
 */
export function dependenciesInit(config: ResolvedConfig, image: ResolvedImage, v: RailsVolumeNames,
  env: Record<string, string | number>): k8s.Container {
  return {
    name: 'dependencies',
    image: image.ref,
    imagePullPolicy: image.pullPolicy,
    args: ['/scripts/wait-for-deps'],
    env: Object.entries({
      TZ: config.timeZone, ...railsConfigEnv(), ...(config.upgrade.twoPhaseMigrations ? { BYPASS_POST_DEPLOYMENT: 'true' } : {}), ...env,
    }).map(([name, value]) => ({ name, value: String(value) })),
    volumeMounts: [
      ...trustStoreMounts(),
      { name: v.config, mountPath: RAILS_PATHS.templates, readOnly: true },
      ...railsSecretMounts(v),
    ],
    securityContext: containerSecurityContext(),
    resources: resources({ requests: { cpu: '50m' } }),
  };
}
