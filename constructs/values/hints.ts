/** What to do about a values key gitlab-iac does not read, for the keys people commonly set. First match wins. */
const HINTS: readonly (readonly [RegExp, string])[] = [
  [/^global\.tolerations$/, 'the chart does not read global.tolerations either; set tolerations per component (gitlab.<component>.tolerations)'],
  [/^gitlab\.kas\.enabled$/, 'the chart turns KAS on and off with global.kas.enabled; use that key'],
  [/^gitlab\.gitaly\.enabled$/, 'the chart turns in-cluster Gitaly off with global.gitaly.enabled (then list the storages in global.gitaly.external); use that key'],
  [/^global\.(gitaly|praefect)\.(service|serviceName)(\.|$)/, 'the Gitaly and Praefect Services are <release>-gitaly and <release>-praefect on 8075 (TLS 8076); remove the key'],
  [/^global\.gitaly\.(host|port)$/, 'list the external Gitaly in global.gitaly.external ({ name: default, hostname, port })'],
  [/^(global\.pages|gitlab\.gitlab-pages)(\.|$)/, 'GitLab Pages is configured through the typed API (components.gitlabPages)'],
  [/\.image(\.|$)/, 'images come from the pinned catalog of global.gitlabVersion; override one through the typed API (images.<name>)'],
  [/\.(affinity|antiAffinity|antiAffinityLabels)(\.|$)/, 'the chart\'s affinity shorthand is not read; give a Kubernetes affinity through the typed API (components.<name>.placement.affinity)'],
  [/^gitlab\.sidekiq\.pods(\.|$)/, 'one Sidekiq Deployment processes the queues; use components.sidekiq.queues in the typed API'],
  [/^(gitlab\.[^.]+|registry)\.ingress(\.|$)/, 'Ingress settings are platform-wide (global.ingress.*); per-component Ingress settings are not read'],
  [/\.serviceAccount(\.|$)/, 'ServiceAccounts are set platform-wide with global.serviceAccount (per-component annotations: typed API serviceAccountAnnotations)'],
  [/\.hpa\.targetAverageValue$/, 'the chart deprecated this key; use hpa.cpu.targetAverageValue'],
  [/\.hpa\.customMetrics/, 'custom HPA metrics are not supported; use hpa.cpu / hpa.memory targets'],
  [/\.keda(\.|$)/, 'KEDA scaling is not supported; the HorizontalPodAutoscaler scales the component'],
  [/^global\.redis\.password(\.|$)/, 'use global.redis.auth.{enabled,secret,key}'],
  [/^global\.redis\.(clusterCache|clusterRateLimiting|actionCablePrimary|redisYmlOverride|[A-Za-z]+\.cluster)(\.|$)/, 'Redis Cluster, actionCablePrimary and redisYmlOverride are not supported; give each purpose its own instance or Sentinels (global.redis.<purpose>.host or .sentinels)'],
  [/^global\.appConfig\.[A-Za-z]+\.(connection|proxy_download)(\.|$)/, 'the consolidated global.appConfig.object_store connection and proxy_download apply to every object type'],
  [/^global\.appConfig\.object_store\.storage_options/, 'configure server-side encryption as the bucket\'s default encryption instead'],
  [/^global\.(railsSecrets|shell\.authToken|shell\.hostKeys|gitaly\.authToken|registry\.(certificate|httpSecret|notificationSecret)|workhorse\.secret|kas\.secret|initialRootPassword)/,
    'shared Secret names are set through the typed API (secretNames); create the Secrets with `gitlab-iac secrets`'],
  [/^(gitlab\.[^.]+|registry)\.(annotations|podAnnotations)(\.|$)/, 'pod annotations are set through the typed API (components.<name>.podAnnotations)'],
  [/^global\.psql\.password\.(useSecret|file)$/, 'name the password Secret in global.psql.password.secret/key'],
];

export const DEFAULT_FIX = 'remove it, or set the equivalent through the typed API (GitLabPlatformProps) or a cdk8s override';

/** The advice for an unsupported key. */
export function hintFor(path: string): string {
  return HINTS.find(([pattern]) => pattern.test(path))?.[1] ?? DEFAULT_FIX;
}
