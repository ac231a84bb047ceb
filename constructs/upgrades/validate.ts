import { all, bool, Check, obj, rule, str } from '../config/schema';
import { unknownVersionReason } from './versions';

/** Shape of `upgrade`; whether the jump to `version` is allowed is decided with the version, in `resolveUpgrade`. */
export const upgradeCheck: Check = obj({
  fromVersion: all(
    str({ pattern: /^v?[0-9]+\.[0-9]+\.[0-9]+$/, allowed: 'a GitLab release major.minor.patch such as "18.8.5"', fix: 'write the running release exactly, e.g. "18.8.5"' }),
    rule((v: string) => {
      const reason = /^v?[0-9]+\.[0-9]+\.[0-9]+$/.test(v) ? unknownVersionReason(v) : undefined;
      return reason ? { allowed: `a GitLab release this library knows (${reason})`, fix: 'give the exact running release, or update gitlab-iac if it is newer' } : undefined;
    }),
  ),
  twoPhaseMigrations: bool(),
  argoCdSyncWaves: bool(),
}, { what: 'upgrade settings { fromVersion, twoPhaseMigrations, argoCdSyncWaves }' });
