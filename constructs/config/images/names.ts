/**
 * The lists of names the image settings are built from, each written once: the props types, the checks, the
 * resolution, the catalogue and the values import derive from these arrays (as `../common/names.ts` does for the
 * shared lists).
 */

/** The images the platform runs; each can be overridden under `images`. */
export const IMAGE_NAMES = [
  'webservice', 'workhorse', 'sidekiq', 'toolbox', 'gitaly', 'gitlabShell', 'kas', 'registry', 'gitlabExporter',
  'certificates', 'gitlabBase', 'kubectl', 'gitlabPages', 'mailroom', 'spamcheck',
] as const;
export type ImageName = typeof IMAGE_NAMES[number];

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
