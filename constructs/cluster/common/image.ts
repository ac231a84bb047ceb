import type { ResolvedImage } from '../../config/images/resolve';
import { FLOATING_TAGS, PULL_POLICIES, type PullPolicy } from '../../config/images/names';
import { Check, all, obj, rule, str } from '../../config/schema';

/** The image of an integration's pod; each part can be overridden (e.g. to pull through a mirror). */
export interface IntegrationImage {
  /** Full repository without tag. @default the official GitLab image */
  readonly repository?: string;
  /** Pinned tag; moving tags (`latest`, `main`, ...) are refused. @default derived from the version */
  readonly tag?: string;
  /** @default IfNotPresent */
  readonly pullPolicy?: PullPolicy;
}

export const imageCheck: Check = obj({
  repository: str({ pattern: /^[a-z0-9]([-a-z0-9._/:]*[a-z0-9])?$/, allowed: 'an image repository such as registry.example.com/mirror/gitlab-runner', fix: 'write the repository without a tag' }),
  tag: all(
    str({ pattern: /^[\w][\w.-]{0,127}$/, allowed: 'an image tag (letters, digits, ".", "_", "-")', fix: 'write a pinned version tag' }),
    rule((v: string) => (FLOATING_TAGS.includes(v) ? { allowed: 'a pinned version tag, not a moving tag', fix: `pin a release instead of "${v}"` } : undefined)),
  ),
  pullPolicy: str({ oneOf: PULL_POLICIES }),
});

export function resolveImage(image: IntegrationImage | undefined, repository: string, tag: string): ResolvedImage {
  const repo = image?.repository ?? repository;
  const t = image?.tag ?? tag;
  return { repository: repo, tag: t, pullPolicy: image?.pullPolicy ?? 'IfNotPresent', ref: `${repo}:${t}` };
}

/** `major.minor.patch` */
export const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/** Compares two `major.minor.patch` versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
