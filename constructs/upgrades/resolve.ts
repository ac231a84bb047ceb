import { ConfigIssue } from '../config/errors';
import { planUpgrade } from './path';
import { ResolvedUpgrade, UpgradeConfig } from './types';

/**
 * The upgrade settings with their defaults; with `fromVersion`, refuses a `version` that goes backwards or skips a
 * required stop, naming the next stop to deploy instead.
 */
export function resolveUpgrade(u: UpgradeConfig | undefined, version: string, issues: ConfigIssue[]): ResolvedUpgrade {
  const from = u?.fromVersion;
  if (from !== undefined) {
    const result = planUpgrade(from, version, { from: 'upgrade.fromVersion', to: 'version' });
    if (result.issues) issues.push(...result.issues);
    else if (result.plan.stops.length) {
      const [next, ...rest] = result.plan.stops;
      issues.push({
        path: 'version',
        value: `${JSON.stringify(version)} (running ${result.plan.from})`,
        allowed: `at most the next required upgrade stop, ${next.version}${next.condition ? ` (GitLab requires it for ${next.condition})` : ''}`,
        fix: `upgrade to GitLab ${next.version} first and let its migrations finish, then continue`
          + `${rest.length ? ` through ${rest.map((s) => s.version).join(', ')}` : ''} to ${result.plan.to}; gitlab-iac upgrade-path --from ${result.plan.from} --to ${result.plan.to} prints the path`,
      });
    }
  }
  return {
    ...(from !== undefined ? { fromVersion: from } : {}),
    twoPhaseMigrations: u?.twoPhaseMigrations ?? true,
    argoCdSyncWaves: u?.argoCdSyncWaves ?? false,
  };
}
