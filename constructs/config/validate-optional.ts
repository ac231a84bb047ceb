import { Check, obj } from './schema';
import { pagesCheck } from './pages/checks';
import { spamcheckCheck } from './spamcheck/checks';
import { backupsCheck } from './backups/checks';

/**
 * Wiring of the optional settings' checks into `propsCheck`: GitLab Pages (`pages/`), mailroom, spamcheck
 * (`spamcheck/`) and the backup CronJob (`backups/`); e-mail and sign-in are checked in `mail/` and `auth/`. The
 * settings every workload shares come from `validate.ts` (passed in, so the two modules do not import each other).
 */
export interface SharedChecks {
  /** The checks of `WorkloadOptions`' fields. */
  readonly workload: Readonly<Record<string, Check>>;
  readonly placement: Check;
  readonly resources: Check;
  readonly annotations: () => Check;
}

/** The checks, keyed by where they go in `propsCheck`. */
export function optionalChecks(shared: SharedChecks) {
  return {
    components: {
      gitlabPages: pagesCheck(shared.workload, shared.annotations),
      mailroom: obj(shared.workload),
      spamcheck: spamcheckCheck(shared.workload),
    },
    toolboxBackups: backupsCheck(shared.resources, shared.placement),
  };
}
