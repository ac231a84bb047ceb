/**
 * The lists of names the image settings are built from, each written once: the props types, the checks, the
 * resolution, the catalogue and the values import derive from these arrays (as `../object-storage/names.ts` does for
 * its lists).
 */

/** The images the platform runs; each can be overridden under `images`. */
export const IMAGE_NAMES = [
  'webservice', 'workhorse', 'sidekiq', 'toolbox', 'gitaly', 'gitlabShell', 'kas', 'registry', 'gitlabExporter',
  'certificates', 'gitlabBase', 'kubectl', 'gitlabPages', 'mailroom', 'spamcheck',
] as const;
export type ImageName = typeof IMAGE_NAMES[number];

/**
 * The chart's image keys and the image each one overrides (`images.<name>`). The chart takes each component's
 * `image.repository` and `image.tag` over its default (`global.gitlabVersion` for the GitLab images), and
 * `image.pullPolicy` over `global.image.pullPolicy`; only Mailroom and Spamcheck read `image.registry`
 * (else `global.image.registry`) and `image.digest`.
 */
export const IMAGE_KEYS = [
  { key: 'gitlab.webservice.image', image: 'webservice' },
  { key: 'gitlab.sidekiq.image', image: 'sidekiq' },
  { key: 'gitlab.toolbox.image', image: 'toolbox' },
  // The migrations Job runs the toolbox image, as in the chart.
  { key: 'gitlab.migrations.image', image: 'toolbox' },
  { key: 'gitlab.gitaly.image', image: 'gitaly' },
  // Praefect runs the Gitaly image, as in the chart.
  { key: 'gitlab.praefect.image', image: 'gitaly' },
  { key: 'gitlab.gitlab-shell.image', image: 'gitlabShell' },
  { key: 'gitlab.kas.image', image: 'kas' },
  { key: 'registry.image', image: 'registry' },
  { key: 'gitlab.gitlab-exporter.image', image: 'gitlabExporter' },
  { key: 'gitlab.gitlab-pages.image', image: 'gitlabPages' },
  { key: 'gitlab.mailroom.image', image: 'mailroom', registry: true },
  { key: 'gitlab.spamcheck.image', image: 'spamcheck', registry: true },
  { key: 'global.gitlabBase.image', image: 'gitlabBase' },
  { key: 'global.certificates.image', image: 'certificates' },
] as const satisfies readonly { key: string; image: ImageName; registry?: boolean }[];

/** GitLab's editions: Enterprise (the default) or Community. */
export const EDITIONS = ['ee', 'ce'] as const;
export type Edition = typeof EDITIONS[number];

/** The images built per edition (`gitlab-<name>-ee` / `-ce`): a CE install may not pull their `-ee` repositories. */
export const EDITION_IMAGES = ['webservice', 'workhorse', 'sidekiq', 'toolbox'] as const satisfies readonly ImageName[];

/** Kubernetes' image pull policies. */
export const PULL_POLICIES = ['IfNotPresent', 'Always', 'Never'] as const;
export type PullPolicy = typeof PULL_POLICIES[number];

/** Tags that move and would make a render non-reproducible. */
export const FLOATING_TAGS: readonly string[] = ['master', 'main', 'latest', 'stable', 'nightly'] as const;
