import { all, Check, obj, rule, str } from '../schema';
import { EDITIONS, FLOATING_TAGS, IMAGE_NAMES, PULL_POLICIES } from './names';

/** Checks of the image settings (shape and values); the edition's rule across settings is in `resolve.ts`. */

/** One image override (`images.<name>`, `components.<name>.initImage`): a repository, a pinned tag, a digest. */
export const imageOverrideCheck: Check = obj({
  repository: str({ pattern: /^[a-z0-9]([-a-z0-9._/:]*[a-z0-9])?$/, allowed: 'an image repository such as registry.example.com/gitlab/gitlab-webservice-ee', fix: 'write the repository without a tag' }),
  tag: all(
    str({ pattern: /^[\w][\w.-]{0,127}$/, allowed: 'an image tag (letters, digits, ".", "_", "-")', fix: 'write a pinned version tag such as "v18.9.1"' }),
    rule((v: string) => (FLOATING_TAGS.includes(v) ? { allowed: 'a pinned version tag, not a moving tag', fix: `pin a release such as "v18.9.1" instead of "${v}"` } : undefined)),
  ),
  pullPolicy: str({ oneOf: PULL_POLICIES }),
  digest: str({ pattern: /^sha256:[a-f0-9]{64}$/, allowed: 'an image digest sha256:<64 hex digits>', fix: 'copy the digest from the registry, e.g. with `crane digest IMAGE:TAG`' }),
});

/** `edition`. */
export const editionCheck: Check = str({ oneOf: EDITIONS });

/** `images`: an override per image the platform runs. */
export const imagesCheck: Check = obj(Object.fromEntries(IMAGE_NAMES.map((n) => [n, imageOverrideCheck])));
