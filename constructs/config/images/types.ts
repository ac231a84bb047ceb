import type { PullPolicy } from './names';

/** The image settings a user writes: `edition`, `images.<name>` and each component's `initImage`. */

/** GitLab's edition: `ee` (Enterprise) or `ce` (Community). */
export type Edition = import('./names').Edition;

/** One image: repository and pinned tag. */
export interface ImageOverride {
  /** Full repository, e.g. `registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee`. @default from the catalog */
  readonly repository?: string;
  /** Pinned tag, e.g. `v18.9.1`. `master`/`main`/`latest` are refused. @default from the catalog */
  readonly tag?: string;
  /** @default IfNotPresent */
  readonly pullPolicy?: PullPolicy;
  /** Content digest (`sha256:...`) the tag must resolve to: the image is pulled as `repository:tag@digest`. @default none */
  readonly digest?: string;
}

/** The images the platform runs; each can be overridden. */
export type ImageName = import('./names').ImageName;
