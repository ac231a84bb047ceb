import { catalogImages } from './catalog';
import { EDITION_IMAGES, type Edition, type ImageName, type PullPolicy } from './names';
import type { ImageOverride } from './types';
import type { Fail } from '../errors';

/** Resolution of the image settings: the catalogue's images of a release and edition, the user's overrides over them. */

/** One image, every default applied. */
export interface ResolvedImage {
  readonly repository: string;
  readonly tag: string;
  readonly pullPolicy: PullPolicy;
  /** `repository:tag` */
  readonly ref: string;
}

/** `repository:tag`, pinned to the digest when one is given. */
const imageRef = (repository: string, tag: string, digest: string | undefined) => `${repository}:${tag}${digest ? `@${digest}` : ''}`;

/** Every image of `version` and `edition`, with the user's `images` overrides; a `-ee` repository in a CE install is refused. */
export function resolveImages(images: Partial<Record<ImageName, ImageOverride>> | undefined, version: string, edition: Edition,
  fail: Fail): Record<ImageName, ResolvedImage> {
  const catalog = catalogImages(version, edition);
  const resolved = Object.fromEntries(Object.entries(catalog).map(([name, def]) => {
    const o = images?.[name as ImageName] ?? {};
    const repository = o.repository ?? def.repository;
    const tag = o.tag ?? def.tag;
    const image: ResolvedImage = { repository, tag, pullPolicy: o.pullPolicy ?? 'IfNotPresent', ref: imageRef(repository, tag, o.digest) };
    return [name, image];
  })) as Record<ImageName, ResolvedImage>;
  if (edition === 'ce') {
    for (const name of EDITION_IMAGES) {
      if (images?.[name]?.repository?.endsWith('-ee')) {
        fail(`images.${name}.repository`, images[name]!.repository, 'a -ce repository when edition is ce', 'remove the override or set edition: ee');
      }
    }
  }
  return resolved;
}

/** An image override over a resolved image (the chart's mergeOverwrite of `global.gitlabBase.image` and `init.image`). */
export function overImage(base: ResolvedImage, o: ImageOverride | undefined): ResolvedImage {
  if (!o) return base;
  const repository = o.repository ?? base.repository;
  const tag = o.tag ?? base.tag;
  return { repository, tag, pullPolicy: o.pullPolicy ?? base.pullPolicy, ref: imageRef(repository, tag, o.digest) };
}
