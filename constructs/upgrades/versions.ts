/** GitLab versions as `major.minor.patch`, parsed and compared; the newest patch of each minor this library knows. */

/** One GitLab release, `major.minor.patch`. */
export interface GitLabVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const VERSION = /^v?(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

/** `18.9.1` (a leading `v`, as in image tags, is accepted); undefined for anything else. */
export function parseVersion(text: string): GitLabVersion | undefined {
  const m = VERSION.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

export const formatVersion = (v: GitLabVersion): string => `${v.major}.${v.minor}.${v.patch}`;
export const formatMinor = (v: Pick<GitLabVersion, 'major' | 'minor'>): string => `${v.major}.${v.minor}`;

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. */
export function compareVersions(a: GitLabVersion, b: GitLabVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Compares the `major.minor` only. */
export function compareMinors(a: Pick<GitLabVersion, 'major' | 'minor'>, b: Pick<GitLabVersion, 'major' | 'minor'>): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * The newest patch release of every GitLab minor this library knows, newest first.
 *
 * Source: the official chart 9.9.1, `doc/installation/version_mappings.md` ("GitLab chart version mappings"), the
 * highest patch listed for each minor. A release newer than these is unknown here: update gitlab-iac to plan it.
 */
export const LATEST_PATCHES = {
  '18.9': 1, '18.8': 5, '18.7': 5, '18.6': 6, '18.5': 5, '18.4': 6, '18.3': 6, '18.2': 8, '18.1': 6, '18.0': 6,
  '17.11': 7, '17.10': 8, '17.9': 8, '17.8': 7, '17.7': 7, '17.6': 5, '17.5': 5, '17.4': 6, '17.3': 7, '17.2': 9, '17.1': 8, '17.0': 8,
  '16.11': 10, '16.10': 10, '16.9': 11, '16.8': 10, '16.7': 10, '16.6': 10, '16.5': 10, '16.4': 7, '16.3': 9, '16.2': 11, '16.1': 8, '16.0': 10,
  '15.11': 13, '15.10': 8, '15.9': 8, '15.8': 6, '15.7': 9, '15.6': 8, '15.5': 9, '15.4': 6, '15.3': 5, '15.2': 5, '15.1': 6, '15.0': 5,
} as const satisfies Record<string, number>;

export type KnownMinor = keyof typeof LATEST_PATCHES;

/** The oldest and newest minors the table knows. */
export const OLDEST_KNOWN_MINOR = '15.0';
export const NEWEST_KNOWN_MINOR = '18.9';

/** The newest known patch of a version's minor, as a version; undefined when the minor is unknown. */
export function latestPatchOf(v: Pick<GitLabVersion, 'major' | 'minor'>): GitLabVersion | undefined {
  const patch = (LATEST_PATCHES as Record<string, number>)[formatMinor(v)];
  return patch === undefined ? undefined : { major: v.major, minor: v.minor, patch };
}

/**
 * Why a version string cannot be planned with, or undefined when it is a known release: malformed, older than
 * the table, a minor or patch newer than the table.
 */
export function unknownVersionReason(text: string): string | undefined {
  const v = parseVersion(text);
  if (!v) return 'not a GitLab version (write major.minor.patch, e.g. 18.8.5)';
  const latest = latestPatchOf(v);
  if (latest) return v.patch <= latest.patch ? undefined : `${text} is newer than the newest ${formatMinor(v)} patch this library knows (${formatVersion(latest)})`;
  const oldest = parseVersion(`${OLDEST_KNOWN_MINOR}.0`)!;
  return compareMinors(v, oldest) < 0
    ? `${text} is older than GitLab ${OLDEST_KNOWN_MINOR}, the oldest release this library plans from`
    : `GitLab ${formatMinor(v)} is not a release this library knows (it knows ${OLDEST_KNOWN_MINOR} to ${NEWEST_KNOWN_MINOR})`;
}
