import { Check, any, num, obj, rule, secretRef, str } from '../../config/schema';
import { TOLERATION_EFFECTS, TOLERATION_OPERATORS } from '../../config/placement/names';

/** Shape checks shared by the cluster integrations. */

/** Label maps with the API server's rules for keys and values (`config/common/checks.ts`). */
export { labelMap, ownLabelMap, annotationMap } from '../../config/common/checks';

export const tolerationCheck: Check = obj({
  key: str(), operator: str({ oneOf: TOLERATION_OPERATORS }), value: str({ nonEmpty: false }),
  effect: str({ oneOf: TOLERATION_EFFECTS }), tolerationSeconds: num({ min: 0 }),
});

/** The platform construct (checked by its own constructor). */
export const platformCheck: Check = any();

/** `http(s)://host[:port][/path]` without credentials. */
export const httpUrl = (example: string): Check => str({
  pattern: /^https?:\/\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(\/[^\s@]*)?$/,
  allowed: 'an http(s) URL without user info', fix: `write the URL, e.g. "${example}"`,
});

/** A Flux/Go duration such as `1m`, `10m30s`, `1h`. */
export const goDuration = (allowHours = true): Check => str({
  pattern: allowHours ? /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/ : /^([0-9]+(\.[0-9]+)?(ms|s|m))+$/,
  allowed: `a duration such as "1m", "10m" or "1m30s"${allowHours ? ' or "1h"' : ' (no hours)'}`, fix: 'write a Go duration string',
});

/**
 * A Secret reference for a token. A plain string is refused without echoing it (someone pasted the token
 * itself), and the fix says where the value belongs.
 */
export const tokenSecretRef = (example: string, what: string): Check => (value, path, issues) => {
  if (typeof value === 'string') {
    rule(() => ({ allowed: `a Secret reference { name, key }, never the ${what} itself`, fix: `put the ${what} into a Secret (e.g. ${example}) and reference it: { name: "${example}" }` }), true)(value, path, issues);
    return;
  }
  secretRef(example)(value, path, issues);
};
