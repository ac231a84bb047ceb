/** The pods that run the GitLab Rails code base; each gets its own ConfigMap, secrets and gitlab.yml flavour. */
export type RailsConsumer = 'webservice' | 'sidekiq' | 'toolbox' | 'migrations';

/** Where the Rails images find templates and write the rendered configuration (contract §0.3, §2). */
export const RAILS_PATHS = {
  /** `CONFIG_TEMPLATE_DIRECTORY`: the ConfigMap is mounted here. */
  templates: '/var/opt/gitlab/templates',
  /** `CONFIG_DIRECTORY`: templates are rendered here, extension stripped. */
  config: '/srv/gitlab/config',
  /** The in-memory secrets folder the `configure` init container fills. */
  secrets: '/etc/gitlab',
} as const;
