import * as k8s from '../lib/k8s';

/**
 * Rollout defaults for upgrades without downtime, from the official chart's zero-downtime upgrade guidance
 * (`doc/installation/upgrade.md`, "Recommended deployment settings", chart 9.9.1): new pods come up before old ones
 * stop (`maxSurge: 10%`, `maxUnavailable: 0`) and stopping pods get time to finish their work. A component's own
 * `deploymentStrategy` / `terminationGracePeriodSeconds` win.
 */
export const ZERO_DOWNTIME_GRACE_SECONDS = {
  /** Puma drains its requests after the blackout (`shutdownBlackoutSeconds`) within this. */
  webservice: 60,
  /**
   * A stopping Sidekiq pod finishes its running jobs within `components.sidekiq.timeout` (then re-queues the rest);
   * the grace period bounds it. Raise both for long jobs.
   */
  sidekiq: 600,
  gitlabShell: 60,
  registry: 60,
} as const;

/** RollingUpdate that never drops below the wanted replicas: one extra pod (10%, rounded up) at a time. */
export function surgeStrategy(): k8s.DeploymentStrategy {
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromString('10%'), maxUnavailable: k8s.IntOrString.fromNumber(0) } };
}
