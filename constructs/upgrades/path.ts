import { ConfigIssue } from '../config/errors';
import { REQUIRED_STOPS } from './stops';
import {
  compareMinors, compareVersions, formatMinor, formatVersion, GitLabVersion, LATEST_PATCHES, latestPatchOf, NEWEST_KNOWN_MINOR, OLDEST_KNOWN_MINOR,
  parseVersion, unknownVersionReason,
} from './versions';

const KNOWN_RANGE = `${OLDEST_KNOWN_MINOR}.0 to ${NEWEST_KNOWN_MINOR}.${LATEST_PATCHES[NEWEST_KNOWN_MINOR]}`;

/** One version to upgrade to on the way: a required stop at its newest known patch. */
export interface UpgradeStep {
  /** `major.minor.patch` to deploy. */
  readonly version: string;
  /** When GitLab marks the stop conditional, the instances it applies to. */
  readonly condition?: string;
}

/** The plan from one release to another. */
export interface UpgradePlan {
  readonly from: string;
  readonly to: string;
  /** The required stops strictly between `from` and `to`, oldest first; empty when the jump is direct. */
  readonly stops: readonly UpgradeStep[];
}

/**
 * The versions to pass through from `from` to `to`, or the problems that make the request impossible (a malformed
 * or unknown version, a downgrade). An installation already at a stop's minor has made that stop.
 */
export function planUpgrade(from: string, to: string, paths: { from: string; to: string } = { from: 'from', to: 'to' }):
  { plan: UpgradePlan; issues?: undefined } | { plan?: undefined; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  for (const [text, path] of [[from, paths.from], [to, paths.to]] as const) {
    const reason = unknownVersionReason(text);
    if (reason) {
      issues.push({ path, value: JSON.stringify(text), allowed: `a GitLab release from ${KNOWN_RANGE} (${reason})`, fix: 'give the exact running or wanted release, e.g. 18.8.5 (see Admin area > Dashboard, or the image tag)' });
    }
  }
  if (issues.length) return { issues };
  const f = parseVersion(from)!;
  const t = parseVersion(to)!;
  if (compareVersions(t, f) < 0) {
    return {
      issues: [{
        path: paths.to, value: JSON.stringify(to), allowed: `${formatVersion(f)} or newer (GitLab cannot be downgraded: its database was migrated to ${formatVersion(f)})`,
        fix: `keep ${formatVersion(f)}, or restore a backup taken on ${formatVersion(t)} into a fresh installation`,
      }],
    };
  }
  return { plan: { from: formatVersion(f), to: formatVersion(t), stops: stopsBetween(f, t) } };
}

/** The required stops whose minor lies strictly between the two versions' minors. */
export function stopsBetween(from: GitLabVersion, to: GitLabVersion): UpgradeStep[] {
  return REQUIRED_STOPS
    .map((s) => ({ stop: s, version: latestPatchOf(parseVersion(`${s.minor}.0`)!)! }))
    .filter(({ version }) => compareMinors(version, from) > 0 && compareMinors(version, to) < 0)
    .map(({ stop, version }) => ({ version: formatVersion(version), ...('condition' in stop ? { condition: stop.condition } : {}) }));
}

/** The plan as lines for a person. */
export function describePlan(plan: UpgradePlan): string {
  if (plan.from === plan.to) return `${plan.from} is already running: nothing to upgrade.\n`;
  if (!plan.stops.length) {
    const f = parseVersion(plan.from)!;
    const t = parseVersion(plan.to)!;
    const kind = compareMinors(f, t) === 0 ? `a patch upgrade within ${formatMinor(f)}` : 'no required stop in between';
    return `${plan.from} -> ${plan.to}: direct (${kind}).\n`;
  }
  const lines = [`${plan.from} -> ${plan.to}: upgrade through ${plan.stops.length} required stop${plan.stops.length > 1 ? 's' : ''}, in order:`];
  plan.stops.forEach((s, i) => lines.push(`  ${i + 1}. ${s.version}${s.condition ? `  (GitLab requires this stop only for ${s.condition}; enforced here)` : ''}`));
  lines.push(`  ${plan.stops.length + 1}. ${plan.to}`);
  lines.push('At each stop: deploy it, let the post-deployment migrations and the background migrations finish',
    '(Admin area > Monitoring > Background migrations), then deploy the next one.');
  return `${lines.join('\n')}\n`;
}
