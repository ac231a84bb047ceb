import { DEFAULT_VERSION } from './images/catalog';

/**
 * GitLab versions other than the catalog's. As the chart with `global.gitlabVersion`, the images GitLab versions
 * (webservice, workhorse, Sidekiq, toolbox, and the certificates, gitlab-base and kubectl images) take
 * `v<version>`; the others keep the catalog's pinned tags (Gitaly, KAS, Pages, gitlab-shell, registry, exporter,
 * mailroom, spamcheck: the chart pins them through its subcharts' own versions). Everything else the platform
 * writes follows the catalog's GitLab (18.9), so any 18.x release is taken, with a warning outside 18.9.
 */

/** A GitLab release `18.minor.patch` (the import strips a leading `v`). */
const ACCEPTED = /^18\.(0|[1-9][0-9]?)\.(0|[1-9][0-9]?)$/;

/** Why `version` cannot be deployed, or undefined. */
export function versionProblem(version: unknown): { allowed: string; fix: string } | undefined {
  if (typeof version === 'string' && ACCEPTED.test(version)) return undefined;
  return {
    allowed: `a GitLab 18 release as major.minor.patch, e.g. ${DEFAULT_VERSION} (the configuration follows GitLab 18.9's)`,
    fix: `write the release without a floating tag (e.g. "18.8.4"), or leave it out for ${DEFAULT_VERSION}; for another image, override its tag under images`,
  };
}

/** The `major.minor` the configuration is written for. */
const FOLLOWED = DEFAULT_VERSION.split('.').slice(0, 2).join('.');

/** The stderr line for a version outside the catalog's minor, or undefined. */
export function versionWarning(version: string): string | undefined {
  if (version.split('.').slice(0, 2).join('.') === FOLLOWED) return undefined;
  return `gitlab-iac: GitLab ${version} runs with the configuration of GitLab ${FOLLOWED} (the pinned catalog ${DEFAULT_VERSION}): `
    + `the Rails images (webservice, workhorse, Sidekiq, toolbox) and certificates, gitlab-base and kubectl take v${version}, `
    + `Gitaly, KAS, Pages, gitlab-shell, the registry and the exporter keep the catalog's tags, as the chart does with global.gitlabVersion; `
    + `check the release notes for settings ${version} changes`;
}

/** Warned once per process and version: a program that builds several platforms hears it once. */
const warned = new Set<string>();

export function warnVersion(version: string): void {
  const line = versionWarning(version);
  if (!line || warned.has(version)) return;
  warned.add(version);
  process.stderr.write(`${line}\n`);
}
