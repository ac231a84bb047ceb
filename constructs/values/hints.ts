/** What to do about a values key gitlab-iac does not read, for the keys people commonly set. First match wins. */
const HINTS: readonly (readonly [RegExp, string])[] = [
  [/^global\.tolerations$/, 'the chart does not read global.tolerations either; set tolerations per component (gitlab.<component>.tolerations)'],
  [/^gitlab\.kas\.enabled$/, 'the chart turns KAS on and off with global.kas.enabled; use that key'],
  [/^gitlab\.gitaly\.enabled$/, 'the chart turns in-cluster Gitaly off with global.gitaly.enabled (then list the storages in global.gitaly.external); use that key'],
  [/^global\.(gitaly|praefect)\.(service|serviceName)(\.|$)/, 'the Gitaly and Praefect Services are <release>-gitaly and <release>-praefect on 8075 (TLS 8076); remove the key'],
  [/^global\.gitaly\.(host|port)$/, 'list the external Gitaly in global.gitaly.external ({ name: default, hostname, port })'],
  [/^(global\.pages|gitlab\.gitlab-pages)(\.|$)/, 'GitLab Pages is configured through the typed API (components.gitlabPages)'],
  [/\.image(\.|$)/, 'images come from the pinned catalog of global.gitlabVersion; override one through the typed API (images.<name>)'],
  [/\.(affinity|antiAffinity|antiAffinityLabels|nodeAffinity)(\.|$)/, 'the chart\'s affinity shorthand is read as antiAffinity (soft | hard), nodeAffinity (soft | hard), affinity.podAntiAffinity.topologyKey and affinity.nodeAffinity.{key,values}; give any other affinity through the typed API (placement.affinity)'],
  [/^gitlab\.sidekiq\.pods(\.|$)/, 'a Sidekiq pod entry takes name, queues, concurrency, timeout, minReplicas, maxReplicas, maxUnavailable, hpa.{cpu,memory,behavior}, resources, nodeSelector, tolerations, priorityClassName, podLabels, extraEnv, memoryKiller.maxRss, terminationGracePeriodSeconds and strategy; remove the key'],
  [/^gitlab\.webservice\.deployments\./, 'a webservice Deployment takes ingress.{path,annotations,proxyBodySize,proxyReadTimeout,proxyConnectTimeout,tls.secretName}, hpa.*, pdb.maxUnavailable, resources, workhorse.resources, extraEnv, workerProcesses, puma.threads.{min,max}, shutdown.blackoutSeconds, nodeSelector, tolerations, priorityClassName, pod.{labels,annotations} and deployment.{terminationGracePeriodSeconds,strategy}; remove the key'],
  [/^(gitlab\.[^.]+|registry)\.ingress(\.|$)/, 'a component\'s Ingress takes enabled, annotations, tls.secretName, proxyBodySize, proxyReadTimeout and proxyConnectTimeout (webservice, registry, kas, gitlab-pages); everything else is platform-wide (global.ingress.*)'],
  [/\.serviceAccount(\.|$)/, 'a component\'s ServiceAccount takes enabled, create and annotations (each component always runs as its own account, token not mounted); remove the key'],
  [/^global\.hosts\.externalIP$/, 'the chart gives this address only to its bundled NGINX controller (and its own Gateway), which gitlab-iac does not install: give it to your ingress controller\'s LoadBalancer Service (e.g. ingress-nginx controller.service.loadBalancerIP) and remove the key'],
  [/^nginx-ingress\./, 'gitlab-iac installs no NGINX controller: configure the cluster\'s ingress controller with its own chart, and remove nginx-ingress.* (keep nginx-ingress.enabled: false)'],
  [/^global\.registry\.notifications(\.|$)/, 'registry notifications to endpoints of your own are not supported (the registry notifies GitLab itself); remove the key'],
  [/^registry\.middleware(\.|$)/, 'registry storage middleware (e.g. CloudFront) is not supported; layers are redirected to S3 directly. Remove the key'],
  [/^registry\.(database|gc|redis|migration)(\.|$)/, 'the registry metadata database (and online garbage collection, which needs it) is not configured by gitlab-iac; remove the key'],
  [/^registry\.storage\.extraKey$/, 'the registry storage Secret holds the whole driver YAML (S3 needs no extra key file); remove the key'],
  [/^global\.rails\.bootsnap\./, 'gitlab-iac always runs Rails with Bootsnap (it only caches Ruby\'s boot work); remove the key'],
  [/^gitlab\.toolbox\.persistence(\.|$)/, 'the toolbox Deployment stages manual backups on an emptyDir; scheduled backups take a volume through gitlab.toolbox.backups.cron.persistence'],
  [/^upgradeCheck\./, 'the upgrade check is a Helm hook Job, which gitlab-iac does not run; remove the key (upgradeCheck.enabled: false is accepted)'],
  [/^global\.geo(\.|$)/, 'GitLab Geo is not supported by gitlab-iac; remove the key'],
  [/\.(extraVolumes|extraVolumeMounts|extraInitContainers|extraContainers|extraEnvFrom)$/, 'extra volumes, containers and envFrom are not read; add them with a cdk8s override (or use extraEnv for plain variables)'],
  [/^(gitlab\.[^.]+|registry)\.(livenessProbe|readinessProbe|startupProbe|deployment\.(livenessProbe|readinessProbe|startupProbe))(\.|$)/, 'probes follow the chart\'s timings; change them with a cdk8s override'],
  [/\.hpa\.targetAverageValue$/, 'the chart deprecated this key; use hpa.cpu.targetAverageValue'],
  [/\.hpa\.customMetrics/, 'custom HPA metrics are not supported; use hpa.cpu / hpa.memory targets'],
  [/\.keda(\.|$)/, 'KEDA scaling is not supported; the HorizontalPodAutoscaler scales the component'],
  [/^global\.redis\.password(\.|$)/, 'use global.redis.auth.{enabled,secret,key}'],
  [/^global\.redis\.(clusterCache|clusterRateLimiting|actionCablePrimary|redisYmlOverride|[A-Za-z]+\.cluster)(\.|$)/, 'Redis Cluster, actionCablePrimary and redisYmlOverride are not supported; give each purpose its own instance or Sentinels (global.redis.<purpose>.host or .sentinels)'],
  [/^global\.appConfig\.[A-Za-z]+\.(connection|proxy_download)(\.|$)/, 'the consolidated global.appConfig.object_store connection and proxy_download apply to every object type'],
  [/^global\.appConfig\.object_store\.storage_options/, 'configure server-side encryption as the bucket\'s default encryption instead'],
  [/^global\.(railsSecrets|shell\.authToken|shell\.hostKeys|gitaly\.authToken|praefect\.authToken|registry\.(certificate|httpSecret|notificationSecret)|workhorse\.(secret|key)|kas\.secret|initialRootPassword)/,
    'the shared Secrets are named with their chart keys ({ secret, key }); other shared Secret settings go through the typed API (secretNames, secretKeys)'],
  [/^(gitlab\.[^.]+|registry)\.podAnnotations(\.|$)/, 'the chart\'s key for pod annotations is <component>.annotations'],
  [/^global\.psql\.password\.(useSecret|file)$/, 'name the password Secret in global.psql.password.secret/key'],
];

export const DEFAULT_FIX = 'remove it, or set the equivalent through the typed API (GitLabPlatformProps) or a cdk8s override';

/** The advice for an unsupported key. */
export function hintFor(path: string): string {
  return HINTS.find(([pattern]) => pattern.test(path))?.[1] ?? DEFAULT_FIX;
}
