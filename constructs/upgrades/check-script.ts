import { REQUIRED_STOPS } from './stops';
import { LATEST_PATCHES } from './versions';

/** Exit status of the check when it refuses the upgrade (a Job's pod failure policy fails the Job at once on it). */
export const UPGRADE_REFUSED_EXIT_CODE = 3;

/** Where the migrations pods find the recorded release: the record ConfigMap's key, mounted as a file. */
export const RECORD_KEY = 'gitlabVersion';
export const RECORD_MOUNT = '/upgrade-record';
export const CHECK_SCRIPT_KEY = 'upgrade-check.sh';

/**
 * The in-cluster upgrade check, a POSIX shell script (the replacement of the official chart's pre-upgrade hook,
 * `_runcheck.tpl`). It reads the release recorded by the last successful post-deployment migrations
 * (`$UPGRADE_RECORD`, a file of the record ConfigMap, absent on a first installation) and the release being
 * deployed (`$GITLAB_VERSION`), and refuses a downgrade or a jump over a required stop, writing why to the
 * termination message (`$TERMINATION_LOG`) and exiting 3 before anything touches the database.
 *
 * The stops are written into the script from `REQUIRED_STOPS`, so the synthesis-time and in-cluster checks agree.
 */
export function upgradeCheckScript(): string {
  const stops = REQUIRED_STOPS.map((s) => `${s.minor}.${(LATEST_PATCHES as Record<string, number>)[s.minor]}`).join(' ');
  return `#!/bin/sh
# gitlab-iac upgrade check: refuses a downgrade or a jump over a required GitLab upgrade stop.
set -eu
record="\${UPGRADE_RECORD:-${RECORD_MOUNT}/${RECORD_KEY}}"
log="\${TERMINATION_LOG:-/dev/termination-log}"
new="\${GITLAB_VERSION#v}"
# Required stops at their newest known patch (https://docs.gitlab.com/update/upgrade_paths/).
stops="${stops}"

refuse() {
  echo "$1" >&2
  printf '%s' "$1" > "$log" 2>/dev/null || true
  exit ${UPGRADE_REFUSED_EXIT_CODE}
}
semver() {
  printf '%s' "$1" | grep -Eq '^(0|[1-9][0-9]{0,2})[.](0|[1-9][0-9]{0,2})[.](0|[1-9][0-9]{0,2})$'
}
# major*1000000 + minor*1000 + patch, and major*1000 + minor
number() {
  major=\${1%%.*}; rest=\${1#*.}; minor=\${rest%%.*}; patch=\${rest#*.}
  echo $(( major * 1000000 + minor * 1000 + patch ))
}
minor_number() {
  major=\${1%%.*}; rest=\${1#*.}; minor=\${rest%%.*}
  echo $(( major * 1000 + minor ))
}

semver "$new" || refuse "Upgrade check: the release to deploy, \\"$new\\", is not major.minor.patch."
if [ ! -s "$record" ]; then
  echo "Upgrade check: no GitLab release recorded in the cluster (a first installation); deploying $new."
  exit 0
fi
old=$(cat "$record")
old="\${old#v}"
semver "$old" || refuse "Upgrade check: the recorded release \\"$old\\" is not major.minor.patch; fix or delete the record ConfigMap's ${RECORD_KEY} key after checking the running release."
if [ "$(number "$new")" -lt "$(number "$old")" ]; then
  refuse "Upgrade check: refusing to deploy GitLab $new over $old: GitLab cannot be downgraded (the database is migrated to $old)."
fi
for stop in $stops; do
  if [ "$(minor_number "$stop")" -gt "$(minor_number "$old")" ] && [ "$(minor_number "$stop")" -lt "$(minor_number "$new")" ]; then
    refuse "Upgrade check: refusing to upgrade GitLab $old straight to $new: $stop is a required upgrade stop. Deploy $stop first, let its migrations finish, then continue (gitlab-iac upgrade-path --from $old --to $new)."
  fi
done
echo "Upgrade check: GitLab $old -> $new is a supported upgrade."
`;
}
