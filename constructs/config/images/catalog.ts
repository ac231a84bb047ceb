import type { Edition, ImageName } from './names';

/**
 * The image catalogue: the repository and pinned tag of every image for each GitLab release this library knows.
 * `resolve.ts` applies the user's overrides over it.
 */

const CNG = 'registry.gitlab.com/gitlab-org/build/cng';

/** Pinned tags of one GitLab release: one tag per image, never `master`. */
export interface ImageCatalogEntry {
  /** GitLab version (the Rails family, gitaly, kas, pages and the init images share it). */
  readonly gitlab: string;
  /** GITLAB_SHELL_VERSION of that release. */
  readonly gitlabShell: string;
  /** Container registry release bundled by the chart. */
  readonly registry: string;
  /** gitlab-exporter release bundled by the chart. */
  readonly gitlabExporter: string;
  /** gitlab-mail_room gem release. */
  readonly mailroom: string;
  /** spamcheck release. */
  readonly spamcheck: string;
}

/**
 * The releases this library knows, newest first. Adding a GitLab release means adding one entry here;
 * the chart version that ships it is noted for people comparing renders.
 */
export const IMAGE_CATALOG: Readonly<Record<string, ImageCatalogEntry>> = {
  // chart 9.9.1
  '18.9.1': { gitlab: '18.9.1', gitlabShell: '14.44.0', registry: '4.37.0-gitlab', gitlabExporter: '16.6.0', mailroom: '0.0.27', spamcheck: '1.2.3' },
};

export const DEFAULT_VERSION = Object.keys(IMAGE_CATALOG)[0];

/** The default repository and tag of every image for a release and edition. */
export function catalogImages(version: string, edition: Edition): Record<ImageName, { repository: string; tag: string }> {
  // A release outside the catalog (`gitlab-version.ts`): the images the chart tags with global.gitlabVersion take
  // it; the others keep the newest entry's pins.
  const entry = IMAGE_CATALOG[version] ?? IMAGE_CATALOG[DEFAULT_VERSION];
  const v = `v${entry.gitlab}`;
  const versioned = `v${IMAGE_CATALOG[version] ? entry.gitlab : version}`;
  const rails = (name: string) => ({ repository: `${CNG}/${name}-${edition}`, tag: versioned });
  return {
    webservice: rails('gitlab-webservice'),
    workhorse: rails('gitlab-workhorse'),
    sidekiq: rails('gitlab-sidekiq'),
    toolbox: rails('gitlab-toolbox'),
    gitaly: { repository: `${CNG}/gitaly`, tag: v },
    gitlabShell: { repository: `${CNG}/gitlab-shell`, tag: `v${entry.gitlabShell}` },
    kas: { repository: `${CNG}/gitlab-kas`, tag: v },
    registry: { repository: `${CNG}/gitlab-container-registry`, tag: `v${entry.registry}` },
    gitlabExporter: { repository: `${CNG}/gitlab-exporter`, tag: entry.gitlabExporter },
    gitlabPages: { repository: `${CNG}/gitlab-pages`, tag: v },
    mailroom: { repository: `${CNG}/gitlab-mailroom`, tag: entry.mailroom },
    spamcheck: { repository: 'registry.gitlab.com/gitlab-com/gl-security/engineering-and-research/automation-team/spam/spamcheck', tag: entry.spamcheck },
    certificates: { repository: `${CNG}/certificates`, tag: versioned },
    gitlabBase: { repository: `${CNG}/gitlab-base`, tag: versioned },
    kubectl: { repository: `${CNG}/kubectl`, tag: versioned },
  };
}
