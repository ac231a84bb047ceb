import { accepted, bundled, KeyRule, mapped, notice, refused } from './treatment';
import { RAILS_SETTINGS_VALUES_PATTERN } from '../../config/rails-settings/values';
import { IMAGE_KEYS } from '../../config/images/names';
import { APP_CONFIG_OBJECT_TYPES } from '../../config/object-storage/names';

/**
 * The chart's key space, one treatment per key: the first row whose pattern matches a key decides. The importer
 * reads the `mapped` keys; every key it did not read is judged here (never by a list of its own). `README.md` in
 * this folder's parent is generated from this table (`npx tsx scripts/values-readme.ts`).
 *
 * To map a key that is refused today, change its row's treatment to `mapped('<typed setting>')` (and read it in the
 * importer): one line here.
 */

/** The chart's components (`gitlab.<name>` subcharts and the registry), as pattern alternatives. */
const C = '{gitlab.webservice,gitlab.sidekiq,gitlab.gitlab-shell,gitlab.kas,gitlab.gitaly,gitlab.praefect,gitlab.gitlab-exporter,gitlab.toolbox,gitlab.migrations,gitlab.gitlab-pages,gitlab.mailroom,gitlab.spamcheck,gitlab.geo-logcursor,registry}';
const RAILS = '{gitlab.webservice,gitlab.sidekiq,gitlab.toolbox,gitlab.migrations}';
/** The components whose image keys the importer reads (every one but geo-logcursor, which runs only with Geo). */
const IMAGED = `{${IMAGE_KEYS.filter((e) => !e.key.startsWith('global.')).map((e) => e.key.replace(/\.image$/, '')).join(',')}}`;
const TYPED = 'set it through the typed API (GitLabPlatformProps) or a cdk8s override, and remove the key';
const CHART_ONLY = (what: string) => refused(`${what} is not read by gitlab-iac`, TYPED);
const OFF = (why: string, instead: string) => accepted(why, [false], { why, instead });
/** Bundled services' architecture: one instance is what the in-cluster services run. */
const STANDALONE = accepted('the in-cluster service runs one instance, as standalone does', ['standalone'],
  { why: 'replication is not mapped: the in-cluster PostgreSQL and Valkey run one instance', instead: 'remove the key, or use an external service (global.psql.host, global.redis.host or Sentinels) for replication' });

/**
 * Keys the chart removed or renamed: those its removal checks (`templates/_removals.tpl`) fail on are refused, naming
 * the replacement; older ones the chart now ignores (unicorn, pseudonymizer) only get a warning with the replacement.
 */
const REMOVED: readonly KeyRule[] = [
  { keys: 'gitlab.task-runner.**', treatment: refused('the chart renamed task-runner to toolbox', 'move the settings under gitlab.toolbox'), chartFails: true },
  { keys: 'gitlab.unicorn.**', treatment: refused('Unicorn was removed in GitLab 14.0; webservice runs Puma', 'move the settings under gitlab.webservice (puma.*, workerProcesses)') },
  { keys: 'gitlab.webservice.webServer', treatment: accepted('webservice runs Puma', ['puma'], { why: 'Unicorn was removed in GitLab 14.0', instead: 'remove the key (Puma is the only web server)' }) },
  { keys: '{global.appConfig.pseudonymizer,gitlab.pseudonymizer}.**', treatment: refused('the pseudonymizer was removed from GitLab (14.x)', 'remove the keys') },
  { keys: '{minio.enabled,registry.minio.enabled,gitlab.webservice.minio.enabled,gitlab.sidekiq.minio.enabled,gitlab.toolbox.minio.enabled}', treatment: refused('the chart moved the MinIO switch', 'use global.minio.enabled'), chartFails: true },
  { keys: 'registry.httpSecret', treatment: refused('the chart moved the registry HTTP secret into a Secret', 'use global.registry.httpSecret.{secret,key}'), chartFails: true },
  { keys: 'registry.{minReplicas,maxReplicas}', treatment: refused('the chart moved the registry replica bounds', 'use registry.hpa.minReplicas / registry.hpa.maxReplicas'), chartFails: true },
  { keys: '{registry.updateStrategy,gitlab.sidekiq.updateStrategy}.**', treatment: refused('the chart moved updateStrategy', 'use <component>.deployment.strategy'), chartFails: true },
  { keys: 'gitlab.webservice.omniauth.**', treatment: refused('the chart moved OmniAuth', 'use global.appConfig.omniauth'), chartFails: true },
  { keys: 'gitlab.webservice.ldap.**', treatment: refused('the chart moved LDAP', 'use global.appConfig.ldap'), chartFails: true },
  { keys: 'gitlab.sidekiq.cron_jobs.**', treatment: refused('the chart moved the cron jobs', 'use global.appConfig.cron_jobs'), chartFails: true },
  { keys: 'gitlab.sidekiq.{cluster,queueSelector,negateQueues}', treatment: refused('the chart removed this Sidekiq setting (Sidekiq always runs in cluster mode and listens to all queues)', 'remove the key; run extra pods with gitlab.sidekiq.pods'), chartFails: true },
  { keys: 'gitlab.gitaly.enabled', treatment: refused('the chart moved the Gitaly switch', 'use global.gitaly.enabled (then list the storages in global.gitaly.external)'), chartFails: true },
  { keys: 'redis-ha.**', treatment: refused('the chart removed redis-ha', 'use redis.install, or an external Redis in global.redis'), chartFails: true },
  { keys: 'gitlab.gitaly.serviceName', treatment: refused('the chart removed gitlab.gitaly.serviceName', 'remove the key (the Service is <release>-gitaly)'), chartFails: true },
  { keys: '{global.psql.pool,gitlab.webservice.psql.pool,gitlab.sidekiq.psql.pool,gitlab.toolbox.psql.pool}', treatment: refused('the chart removed the connection pool size (the application sizes it)', 'remove the key'), chartFails: true },
  { keys: 'global.appConfig.extra.piwikSiteId', treatment: refused('the chart renamed Piwik to Matomo', 'use global.appConfig.extra.matomoSiteId'), chartFails: true },
  { keys: 'global.appConfig.extra.piwikUrl', treatment: refused('the chart renamed Piwik to Matomo', 'use global.appConfig.extra.matomoUrl'), chartFails: true },
  { keys: 'certmanager.createCustomResource', treatment: refused('the chart renamed this key', 'use certmanager.installCRDs'), chartFails: true },
  { keys: 'global.imagePullPolicy', treatment: refused('the chart moved this key', 'use global.image.pullPolicy'), chartFails: true },
  { keys: `${C}.hpa.targetAverageValue`, treatment: refused('the chart moved this key', 'use hpa.cpu.targetAverageValue'), chartFails: true },
  { keys: `${C}.hpa.behaviour.**`, treatment: refused('the chart renamed this key', 'use hpa.behavior'), chartFails: true },
  { keys: 'global.grafana.**', treatment: OFF('the chart removed its bundled Grafana', 'install Grafana with its own chart, and remove the key'), chartFails: true },
  { keys: 'global.busybox.**', treatment: refused('the chart removed busybox init containers', 'remove the key (init containers use the GitLab base image)'), chartFails: true },
  { keys: 'gitlab.kas.privateApi.tls.**', treatment: refused('the chart moved the KAS private API TLS', 'use global.kas.tls.{enabled,secretName}'), chartFails: true },
  { keys: '{gitlab.webservice,gitlab.sidekiq}.registry.**', treatment: refused('the chart moved the registry settings', 'use global.registry'), chartFails: true },
  { keys: '{gitlab.webservice,gitlab.sidekiq,gitlab.toolbox}.{lfs,artifacts,uploads}.**', treatment: refused('the chart moved the object storage settings', 'use global.appConfig.<type>'), chartFails: true },
  { keys: '{gitlab.gitaly,gitlab.gitlab-shell}.webservice.**', treatment: refused('the chart removed this key', 'remove the key'), chartFails: true },
];

/** The subcharts the chart installs, and cluster add-ons. */
const INSTALLS: readonly KeyRule[] = [
  { keys: '{postgresql,redis}.enabled', treatment: mapped('inClusterServices: the older name of <service>.install, read as it with a warning to rename it') },
  { keys: 'postgresql.architecture', whenBundled: 'postgresql', treatment: STANDALONE },
  { keys: 'redis.architecture', whenBundled: 'redis', treatment: STANDALONE },
  { keys: 'minio.install', treatment: refused('the chart\'s MinIO switch is global.minio.enabled', 'use global.minio.enabled') },
  { keys: '{postgresql,global.psql.postgresql}.**', treatment: bundled('postgresql') },
  { keys: 'redis.**', treatment: bundled('redis') },
  { keys: '{global.minio,minio,global.hosts.minio}.**', treatment: bundled('minio') },
  { keys: 'gitlab-runner.runners.{tags,runUntagged,protected,locked,name,maximumTimeout}', treatment: mapped('ignored with one warning: a runner authentication token carries these (set them on the runner in GitLab); the runner ignores them at start, under the chart too') },
  { keys: 'gitlab-runner.{podAnnotations,podLabels,priorityClassName,affinity,hostAliases,envVars,volumes,volumeMounts,secrets,configMaps,imagePullPolicy}.**', treatment: mapped('GitLabRunner podAnnotations, podLabels, priorityClassName, affinity, hostAliases, env, extraVolumes (restricted-PSS volume types), extraVolumeMounts, secrets (projected into /secrets), configFiles (in the ConfigMap at /configmaps), image.pullPolicy') },
  { keys: 'gitlab-runner.image.**', treatment: mapped('GitLabRunner image: registry/image as the repository, tag (a moving tag such as latest is pinned to alpine-v<version>, with a warning); the older one-string form too') },
  { keys: 'gitlab-runner.{securityContext,podSecurityContext}.**', treatment: mapped('accepted at values the restricted Pod Security Standard allows (the image\'s user 100:65533, non-root, no privilege escalation, capabilities dropped, RuntimeDefault seccomp); privileged / allowPrivilegeEscalation for the manager ignored with a warning (it needs none: privileges are for job pods, runners.privileged); other values refused') },
  { keys: 'gitlab-runner.{serviceAccount.annotations,rbac.serviceAccountAnnotations}.**', treatment: mapped('GitLabRunner serviceAccountAnnotations (e.g. IRSA or GKE Workload Identity for the cache)') },
  { keys: 'gitlab-runner.{serviceAccount.create,rbac.create}', treatment: accepted('gitlab-iac creates the manager\'s ServiceAccount and the executor\'s Role', [true], { why: 'the manager needs its ServiceAccount and the executor\'s Role, scoped to the job namespace', instead: 'remove the key' }) },
  { keys: 'gitlab-runner.{serviceAccount.name,rbac.serviceAccountName}', treatment: refused('the manager\'s ServiceAccount is named after the runner and holds only the executor\'s Role', 'remove the key; annotate the account with serviceAccount.annotations') },
  { keys: 'gitlab-runner.sessionServer.**', treatment: accepted('the session server (interactive web terminal) is off, as the chart\'s default', [false], { why: 'the interactive web terminal needs the session server exposed to GitLab, which gitlab-iac does not build', instead: 'remove the key' }) },
  { keys: 'gitlab-runner.rbac.rules.**', treatment: refused('the executor\'s Role holds exactly the verbs the kubernetes executor uses in the job namespace (least privilege)', 'remove the key') },
  { keys: 'gitlab-runner.rbac.podSecurityPolicy.**', treatment: accepted('PodSecurityPolicy was removed in Kubernetes 1.25; the job namespace enforces Pod Security Standards', [false], { why: 'PodSecurityPolicy was removed in Kubernetes 1.25', instead: 'remove the key (the job namespace enforces the restricted Pod Security Standard)' }) },
  { keys: 'gitlab-runner.{livenessProbe,readinessProbe,probeTimeoutSeconds}.**', treatment: refused('the manager\'s probes are gitlab-iac\'s (a process check and `gitlab-runner verify`, a slow GitLab does not fail them)', 'remove the key') },
  { keys: 'gitlab-runner.{hpa,extraObjects,sentryDsn,deploymentAnnotations,deploymentLabels,strategy,runtimeClassName,dnsPolicy,dnsConfig,useTini,connectionMaxAge,revisionHistoryLimit}.**', treatment: refused('this runner chart setting is not read by the GitLabRunner construct', 'remove the key, or build the runner with the GitLabRunner construct and change it with a cdk8s override') },
  { keys: 'gitlab-runner.metrics.{serviceMonitor,portName,port}.**', treatment: refused('the runner\'s metrics are served on :9252 with a Service named after the runner (and prometheus.io annotations); no ServiceMonitor is created for it', 'remove the key; scrape the Service or the pod annotations') },
  { keys: 'gitlab-runner.{preEntrypointScript,service}.**', treatment: refused('a script before the entrypoint and the Service settings are not read (gitlab-iac writes the start scripts and the metrics Service itself)', 'put what the script prepares into files (configMaps, secrets, volumes) or envVars, and remove the key') },
  { keys: 'gitlab-runner.enabled', treatment: mapped('ignored with a warning: not the chart\'s switch (gitlab-runner.install is)') },
  { keys: 'gitlab-runner.runners.executor', treatment: accepted('gitlab-iac runs the kubernetes executor', ['kubernetes'], { why: 'gitlab-iac runs the kubernetes executor only', instead: 'remove the key, or run this runner outside gitlab-iac' }) },
  { keys: 'gitlab-runner.runners.securityContext.**', treatment: mapped('jobs.user (non-root ids); root and privilege escalation only with privileged jobs (runners.privileged), refused otherwise') },
  { keys: 'gitlab-runner.runners.config', treatment: mapped('GitLabRunner jobs.* (namespace, image, service_account, resources, labels, annotations, node selector, tolerations, pull secrets, security contexts as jobs.user/jobs.privileged), limit, requestConcurrency, cache (S3, GCS or Azure, keys from runners.cache.secretName) and runnerConfig (every other [[runners]] setting, merged into config.toml); Helm expressions that read values are evaluated; a token or keys in the file, another executor, the API host, per-job namespaces and, without privileged jobs, host_path volumes, cap_add and root security contexts are refused') },
  { keys: 'gitlab-runner.**', treatment: mapped('the GitLabRunner construct: install, gitlabUrl, runners.secret, concurrent, checkInterval, logLevel, logFormat, terminationGracePeriodSeconds, topologySpreadConstraints, replicas, shutdown_timeout, resources, nodeSelector, tolerations, imagePullSecrets, metrics.enabled, unregisterRunners, certsSecretName, rbac.create, runners.privileged (jobs.privileged: privileged job pods, with a warning), runners.image (jobs.image), runners.cache.{secretName,s3ServerAddress}') },
  { keys: 'global.runner.**', treatment: mapped('the GitLabRunner token Secret (token.name) and components.migrations.runnerRegistrationToken.name') },
  { keys: '{nginx-ingress,nginx-ingress-geo}.**', treatment: notice('ingress-nginx') },
  { keys: 'global.ingress.useNewIngressForCerts', treatment: accepted('the ACME HTTP-01 solver is cert-manager\'s (the Issuer names the IngressClass)') },
  { keys: 'certmanager-issuer.email', treatment: mapped('ingress.tls.acme.email') },
  { keys: 'certmanager-issuer.server', treatment: mapped('ingress.tls.acme.server') },
  { keys: 'certmanager-issuer.**', treatment: accepted('the platform creates the ACME Issuer itself (no Job, restricted Pod Security)') },
  { keys: '{certmanager,installCertmanager}.**', treatment: notice('cert-manager') },
  { keys: 'prometheus.**', treatment: notice('prometheus') },
  { keys: '{traefik,global.traefik}.**', treatment: notice('traefik') },
  { keys: 'gitlab.gitlab-shell.traefik.**', treatment: accepted('the chart reads it only for the Traefik IngressRouteTCP of SSH (global.ingress.provider: traefik), which gitlab-iac does not create; with that provider the import warns that it is ignored (config/exposure/ingress-values.ts)') },
  { keys: 'haproxy.**', treatment: notice('haproxy') },
  { keys: '{envoy-gateway,global.gatewayApi.installEnvoy}.**', treatment: notice('envoy-gateway') },
  { keys: 'global.gatewayApi.envoy.**', treatment: notice('envoy-gateway') },
  // The switches of Zoekt and OpenBao are refused when on; every other key of theirs asks for nothing while the switch
  // is off, whatever its value (full copies of values.yaml carry them), as the chart ignores them then.
  { keys: 'gitlab-zoekt.install', treatment: OFF('Zoekt code search is not part of gitlab-iac', 'run Zoekt with its own chart (gitlab-zoekt) and remove the keys') },
  { keys: '{gitlab-zoekt,global.zoekt}.**', treatment: accepted('settings of Zoekt, which stays off (gitlab-zoekt.install is refused when true): the chart ignores them then') },
  { keys: '{openbao.install,global.openbao.enabled}', treatment: OFF('OpenBao (secrets manager) is not part of gitlab-iac', 'run OpenBao with its own chart and remove the keys') },
  { keys: '{openbao,global.openbao}.**', treatment: accepted('settings of OpenBao, which stays off (openbao.install and global.openbao.enabled are refused when true): the chart ignores them then') },
  { keys: 'shared-secrets.**', treatment: notice('shared-secrets') },
  { keys: 'upgradeCheck.**', treatment: accepted('the upgrade check is a Helm hook Job; gitlab-iac checks the upgrade path itself (synth --from-version)') },
  { keys: 'global.application.create', treatment: OFF('the SIG Apps Application resource is not created', 'remove the key') },
  { keys: 'global.hosts.smartcard.**', treatment: OFF('smartcard sign-in is not supported', 'remove the key') },
  { keys: 'global.operator.**', treatment: OFF('the GitLab Operator is not used', 'remove the key') },
  { keys: 'global.kubectl.**', treatment: accepted('used only by the chart\'s hook Jobs, which gitlab-iac does not run') },
  { keys: '{global.hpa,global.pdb,global.batch,global.keda.apiVersion,global.ingress.apiVersion}.**', treatment: accepted('gitlab-iac writes the GA APIs of Kubernetes 1.33 and later') },
];

/** The components whose pod extras and probes the importer reads (not migrations or geo-logcursor). */
const WORKLOADS = '{gitlab.webservice,gitlab.sidekiq,gitlab.gitlab-shell,gitlab.kas,gitlab.gitaly,gitlab.praefect,gitlab.gitlab-exporter,gitlab.toolbox,gitlab.gitlab-pages,gitlab.mailroom,gitlab.spamcheck,registry}';
const TYPES = `{${APP_CONFIG_OBJECT_TYPES.join(',')}}`;

/**
 * Per-type object storage, monitors, KEDA, probe timings and pod extras (mapped), and the knobs that are not read
 * yet: Service types, Kubernetes-style affinity, SSH daemon settings, Gitaly cgroups, externalIP, ServiceAccount names.
 */
const NOT_YET: readonly KeyRule[] = [
  { keys: `global.appConfig.${TYPES}.connection.{secret,key}`, treatment: mapped('objectStorage.connections.<type> (with global.appConfig.object_store.enabled false: per-type object storage)') },
  { keys: 'global.pages.objectStore.connection.{secret,key}', treatment: mapped('objectStorage.connections.pages') },
  { keys: `global.appConfig.${TYPES}.proxy_download`, treatment: mapped('objectStorage.proxyDownloads.<type>') },
  { keys: `{global.appConfig.object_store,global.appConfig.${TYPES},global.pages.objectStore}.storage_options.{server_side_encryption,server_side_encryption_kms_key_id}`, treatment: mapped('objectStorage.storageOptions') },
  { keys: 'global.appConfig.{backups,registry}.connection.**', treatment: refused('the chart has no connection of its own for backups or the registry here', 'give the toolbox gitlab.toolbox.backups.objectStorage.config and the registry registry.storage') },
  { keys: 'gitlab.toolbox.backups.objectStorage.backend', treatment: mapped('components.toolbox.backupBackend') },
  { keys: 'gitlab.toolbox.backups.objectStorage.config.gcpProject', treatment: mapped('components.toolbox.backupGcpProject') },
  { keys: 'global.appConfig.backups.objectStorage.backend', treatment: accepted('backups go to S3-compatible storage', ['s3'], { why: 'this key is not the chart\'s backup backend', instead: 'use gitlab.toolbox.backups.objectStorage.backend' }) },
  { keys: '{gitlab.webservice,gitlab.sidekiq,gitlab.gitaly,gitlab.praefect,gitlab.gitlab-shell,gitlab.kas,gitlab.gitlab-exporter,gitlab.gitlab-pages,registry}.metrics.{serviceMonitor,podMonitor}.**', treatment: mapped('monitoring.<component> (kind, additionalLabels, interval, scrapeTimeout, scheme, tlsConfig, honorLabels, relabelings, metricRelabelings)') },
  { keys: 'gitlab.webservice.workhorse.metrics.{enabled,serviceMonitor}.**', treatment: mapped('monitoring.workhorse') },
  { keys: '{gitlab.toolbox,gitlab.migrations,gitlab.mailroom,gitlab.spamcheck,gitlab.geo-logcursor}.metrics.{serviceMonitor,podMonitor}.**', treatment: refused('this component has no ServiceMonitor or PodMonitor in the chart', 'remove the keys') },
  { keys: 'global.shell.metrics.serviceMonitor.**', treatment: refused('the chart\'s gitlab-shell monitor is gitlab.gitlab-shell.metrics.serviceMonitor', 'move the settings there') },
  { keys: 'global.monitoring.enabled', treatment: accepted('monitors are written whenever monitoring.<component> asks for one (the Prometheus Operator CRDs must exist)') },
  { keys: '{gitlab.webservice,gitlab.sidekiq}.keda.**', treatment: mapped('components.webservice.keda, components.sidekiq.keda') },
  { keys: 'global.keda.enabled', treatment: mapped('components.webservice.keda, components.sidekiq.keda') },
  { keys: '{gitlab.gitlab-shell,gitlab.kas,gitlab.gitaly,gitlab.praefect,gitlab.gitlab-exporter,gitlab.toolbox,gitlab.migrations,gitlab.gitlab-pages,gitlab.mailroom,gitlab.spamcheck,gitlab.geo-logcursor,registry}.keda.**', treatment: refused('KEDA scaling is supported for webservice and Sidekiq only', 'the HorizontalPodAutoscaler scales the component') },
  { keys: '{gitlab.webservice.deployment,gitlab.sidekiq,gitlab.gitaly.statefulset,gitlab.gitlab-shell.deployment,registry.deployment,gitlab.gitlab-pages.deployment}.{livenessProbe,readinessProbe}.{initialDelaySeconds,periodSeconds,timeoutSeconds,successThreshold,failureThreshold}', treatment: mapped('components.<name>.livenessProbe, .readinessProbe') },
  // The chart passes webservice's startup probe through whole (Puma's container); Gitaly's is its gRPC check.
  { keys: 'gitlab.webservice.deployment.startupProbe.**', treatment: mapped('components.webservice.startupProbe (httpGet, exec, tcpSocket or grpc check and timings, as given)') },
  { keys: 'gitlab.gitaly.statefulset.startupProbe.{enabled,initialDelaySeconds,periodSeconds,timeoutSeconds,successThreshold,failureThreshold}', treatment: mapped('components.gitaly.startupProbe (false, or the timings of its gRPC check)') },
  { keys: 'registry.deployment.{livenessProbe,readinessProbe}.{enabled,path,port}', treatment: mapped('components.registry.livenessProbe / .readinessProbe: enabled, httpGet.path, httpGet.port') },
  { keys: '{gitlab.sidekiq,gitlab.gitlab-shell.deployment,registry.deployment,gitlab.gitlab-pages.deployment,gitlab.kas.deployment}.startupProbe.**', treatment: refused('the chart has no startup probe for this component (it ignores the key)', 'remove the key; gitlab-iac\'s typed API takes one: components.<name>.startupProbe') },
  { keys: `${C}.{livenessProbe,readinessProbe,startupProbe,deployment.livenessProbe,deployment.readinessProbe,deployment.startupProbe}.**`, treatment: refused('the chart reads only the timings of this probe (and the registry\'s enabled/path/port, webservice\'s and Gitaly\'s startup probe); its check follows the chart', 'remove the key; change a check through the typed API (components.<name>.livenessProbe.httpGet, .startupProbe) or a cdk8s override') },
  { keys: `${WORKLOADS}.{extraVolumes,extraVolumeMounts,extraInitContainers,extraContainers}`, treatment: mapped('components.<name>.extraVolumes, .extraVolumeMounts, .extraInitContainers, .extraContainers (PSS-restricted volume types; restricted security context)') },
  // What each subchart's Service template reads (load-balancer keys only into a LoadBalancer Service, as the chart).
  { keys: 'gitlab.webservice.service.{type,loadBalancerIP,loadBalancerSourceRanges,annotations}.**', treatment: mapped('components.webservice.service (type, loadBalancerIP, loadBalancerSourceRanges, annotations; a NodePort or LoadBalancer Service opens Workhorse and Puma to any address in the NetworkPolicy)') },
  { keys: 'registry.service.{type,loadBalancerIP}', treatment: mapped('components.registry.service (type, loadBalancerIP)') },
  { keys: 'gitlab.kas.service.{type,loadBalancerIP,loadBalancerSourceRanges}.**', treatment: mapped('components.kas.service (type, loadBalancerIP, loadBalancerSourceRanges)') },
  { keys: 'gitlab.gitlab-pages.service.{type,primary.annotations}.**', treatment: mapped('components.gitlabPages.service (type, annotations)') },
  { keys: 'gitlab.gitlab-shell.service.{loadBalancerIP,loadBalancerSourceRanges,externalTrafficPolicy}.**', treatment: mapped('components.gitlabShell.{loadBalancerIP,loadBalancerSourceRanges,externalTrafficPolicy}') },
  { keys: `${C}.service.{internalTrafficPolicy,type,loadBalancerIP,loadBalancerSourceRanges,externalTrafficPolicy,clusterIP,externalIPs,annotations,labels}.**`, treatment: refused('this Service setting is not read: the component\'s Service is ClusterIP (gitlab-iac maps type, load balancer and annotations only where the chart\'s template for that Service reads them: webservice, registry, kas, gitlab-pages, gitlab-shell)', 'remove the key, or expose the component through the Ingress (or change the Service with a cdk8s override)') },
  { keys: '{gitlab.migrations,gitlab.geo-logcursor}.{extraVolumes,extraVolumeMounts,extraInitContainers,extraContainers}.**', treatment: refused('extra volumes and containers of this component are not read', 'add them with a cdk8s override') },
  { keys: `${C}.extraEnvFrom.**`, treatment: refused('envFrom is not read', 'use extraEnv for plain variables') },
  { keys: 'global.extraEnvFrom.**', treatment: refused('envFrom is not read', 'use global.extraEnv for plain variables') },
  // The chart's affinity shorthand is read; the rest of Kubernetes-style affinity is not (yet).
  { keys: 'global.affinity.{podAntiAffinity.topologyKey,nodeAffinity.key,nodeAffinity.values}', treatment: mapped('placement') },
  { keys: `${C}.affinity.{podAntiAffinity.topologyKey,nodeAffinity.key,nodeAffinity.values}`, treatment: mapped('components.<name>.placement') },
  { keys: `${C}.affinity.{nodeAffinity,podAffinity,podAntiAffinity}.**`, treatment: accepted('the chart reads only the shorthand keys of affinity and ignores the rest; so does the import, with a warning naming the typed setting (components.<name>.placement.affinity)') },
  { keys: 'global.affinity.{nodeAffinity,podAffinity,podAntiAffinity}.**', treatment: accepted('the chart reads only the shorthand keys of affinity and ignores the rest; so does the import, with a warning naming the typed setting (placement.affinity)') },
  { keys: `${C}.antiAffinityLabels.**`, treatment: refused('antiAffinityLabels are not read', 'use the typed API placement.affinity') },
  { keys: 'gitlab.gitlab-shell.config.{ciphers,kexAlgorithms,macs,publicKeyAlgorithms,loginGraceTime,clientAliveInterval,maxStartups.start,maxStartups.rate,maxStartups.full}', treatment: mapped('components.gitlabShell.sshd (algorithm lists with gitlab-sshd only)') },
  { keys: 'global.shell.sshDaemon', treatment: refused('the SSH daemon is chosen per component', 'use gitlab.gitlab-shell.sshDaemon') },
  { keys: 'gitlab.gitaly.cgroups.**', treatment: OFF('Gitaly cgroups are off', 'remove the keys: the chart\'s cgroups need an init container running as root and the node\'s /sys/fs/cgroup mounted into the Gitaly pod as a hostPath volume, which the restricted Pod Security Standard (hostPath: even baseline) refuses; limit Gitaly as a whole with components.gitaly.resources instead') },
  { keys: 'global.hosts.externalIP', treatment: accepted('the chart gives this address only to its bundled NGINX controller\'s Service (or the Gateway it creates), which gitlab-iac leaves to the cluster: accepted with a stderr line saying where to set it') },
  { keys: 'global.shell.tcp.proxyProtocol', treatment: accepted('the chart gives it only to its bundled NGINX controller\'s TCP services map (`:PROXY` decoding at the controller), which gitlab-iac leaves to the cluster: accepted with a stderr line saying what to set on your controller') },
  { keys: 'gitlab.gitaly.gomemlimit.enabled', treatment: mapped('components.gitaly.gomemlimit (GOMEMLIMIT from the memory limit)') },
  { keys: 'gitlab.gitaly.bundleUri.goCloudUrl', treatment: mapped('components.gitaly.bundleUri.goCloudUrl ([bundle_uri] go_cloud_url in Gitaly\'s config)') },
];

/**
 * Keys people set in the wrong place, or at values the importer cannot take: refused, saying where the setting goes;
 * the ones the chart does not have at all (Helm ignores them) only warned about.
 */
const ELSEWHERE: readonly KeyRule[] = [
  { keys: 'gitlab.kas.enabled', treatment: refused('the chart turns KAS on and off with global.kas.enabled', 'use global.kas.enabled') },
  { keys: '{global.gitaly,global.praefect}.{service,serviceName}.**', treatment: refused('the Gitaly and Praefect Services are <release>-gitaly and <release>-praefect on 8075 (TLS 8076)', 'remove the key') },
  { keys: 'global.gitaly.{host,port}', treatment: refused('an external Gitaly is listed, not given as one host', 'list it in global.gitaly.external ({ name: default, hostname, port })') },
  { keys: `${C}.hpa.customMetrics.**`, treatment: refused('custom HPA metrics are not supported', 'use hpa.cpu / hpa.memory targets') },
  { keys: `${C}.podAnnotations.**`, treatment: refused('the chart\'s key for pod annotations is <component>.annotations', 'move the annotations to <component>.annotations') },
  { keys: 'global.redis.password.{enabled,secret,key}', treatment: mapped('redis.password: the older name of global.redis.auth, which the chart reads instead of auth when set') },
  { keys: 'global.redis.{clusterCache,clusterRateLimiting,actionCablePrimary,redisYmlOverride,*.cluster}.**', treatment: refused('Redis Cluster, actionCablePrimary and redisYmlOverride are not supported', 'give each purpose its own instance or Sentinels (global.redis.<purpose>.host or .sentinels)') },
  { keys: 'global.psql.password.file', treatment: refused('the PostgreSQL password is read from a Secret', 'name the password Secret in global.psql.password.secret/key') },
  { keys: 'registry.storage.extraKey', treatment: refused('the registry storage Secret holds the whole driver YAML (S3 needs no extra key file)', 'remove the key') },
  { keys: 'gitlab.toolbox.persistence.**', treatment: refused('the toolbox Deployment stages manual backups on an emptyDir', 'give scheduled backups a volume through gitlab.toolbox.backups.cron.persistence') },
];

/** Keys the importer reads (see the README's "What is read"). */
const MAPPED: readonly KeyRule[] = [
  { keys: `${IMAGED}.image.{repository,tag,pullPolicy,pullSecrets}`, treatment: mapped('images.<name>.{repository,tag,pullPolicy} (migrations: the toolbox image, praefect: the gitaly image; pull Secrets join imagePullSecrets) (config/images/values.ts)') },
  { keys: '{gitlab.mailroom,gitlab.spamcheck}.image.{registry,digest}', treatment: mapped('images.{mailroom,spamcheck}: the registry prefixes the repository, the digest pins it (only these two charts read them)') },
  { keys: 'global.image.registry', treatment: mapped('images.{mailroom,spamcheck}.repository (the chart prefixes only these two with it)') },
  { keys: 'gitlab.webservice.workhorse.{image,tag}', treatment: mapped('images.workhorse.{repository,tag}') },
  { keys: '{global.gitlabBase.image,global.certificates.image}.{repository,tag,pullPolicy}', treatment: mapped('images.{gitlabBase,certificates}') },
  { keys: '{gitlab.webservice,gitlab.sidekiq,gitlab.toolbox,gitlab.gitaly,gitlab.praefect,gitlab.gitlab-shell,registry,gitlab.gitlab-exporter,gitlab.gitlab-pages,gitlab.mailroom}.init.image.{repository,tag,pullPolicy}', treatment: mapped('components.<name>.initImage (the configure init container; unset fields from global.gitlabBase.image)') },
  { keys: 'global.hosts.{domain,https,hostSuffix,ssh}', treatment: mapped('hosts') },
  { keys: 'global.hosts.{gitlab,registry,kas,pages}.{name,https}', treatment: mapped('hosts.<name>') },
  { keys: 'global.shell.port', treatment: mapped('hosts.ssh.port') },
  { keys: '{global.edition,global.gitlabVersion,global.time_zone}', treatment: mapped('edition, version, timeZone') },
  { keys: 'global.image.{pullPolicy,pullSecrets}', treatment: mapped('images.*.pullPolicy, imagePullSecrets') },
  { keys: '{global.common.labels,global.pod.labels}.**', treatment: mapped('labels, podLabels') },
  { keys: '{global.nodeSelector,global.priorityClassName,global.antiAffinity,global.nodeAffinity}.**', treatment: mapped('placement') },
  { keys: 'global.serviceAccount.{enabled,create,annotations,name,automountServiceAccountToken}.**', treatment: mapped('serviceAccounts, serviceAccountAnnotations, objectStorage.iamRole; name, create and automountServiceAccountToken: every component\'s serviceAccount where its own keys say nothing') },
  { keys: 'global.psql.**', treatment: mapped('postgres') },
  { keys: 'global.redis.**', treatment: mapped('redis') },
  { keys: 'global.appConfig.object_store.{enabled,proxy_download,connection.secret,connection.key}', treatment: mapped('objectStorage') },
  { keys: 'global.appConfig.{artifacts,lfs,uploads,packages,externalDiffs,terraformState,ciSecureFiles,dependencyProxy}.{enabled,bucket}', treatment: mapped('objectStorage.buckets, objectStorage.disabled') },
  { keys: 'global.pages.objectStore.{enabled,bucket}', treatment: mapped('objectStorage.buckets.pages') },
  { keys: 'global.appConfig.backups.{bucket,tmpBucket}', treatment: mapped('objectStorage.backupBucket, .backupTmpBucket') },
  { keys: 'global.ingress.**', treatment: mapped('ingress') },
  { keys: 'global.gatewayApi.**', treatment: mapped('ingress (gateway-api)') },
  { keys: '{global.kas.enabled,global.registry.enabled,global.registry.bucket,global.gitaly.internal.names}', treatment: mapped('components.*') },
  { keys: '{global.gitaly,global.praefect}.**', treatment: mapped('components.gitaly, components.praefect') },
  { keys: '{global.pages,global.oauth}.**', treatment: mapped('components.gitlabPages, hosts.pages, secretNames') },
  { keys: '{global.email,global.smtp}.**', treatment: mapped('email') },
  { keys: 'global.appConfig.{incomingEmail,serviceDeskEmail}.**', treatment: mapped('email.incoming, email.serviceDesk') },
  { keys: 'global.spamcheck.enabled', treatment: mapped('components.spamcheck.enabled') },
  { keys: 'global.appConfig.{omniauth,ldap}.**', treatment: mapped('omniauth, ldap') },
  { keys: 'global.appConfig.{enableUsagePing,enableSeatLink,enableImpersonation,applicationSettingsCacheSeconds,usernameChangingEnabled,issueClosingPattern,defaultTheme,defaultColorMode,defaultSyntaxHighlightingTheme,graphQlTimeout,webhookTimeout,maxRequestDurationSeconds}', treatment: mapped('rails') },
  { keys: 'global.appConfig.{defaultProjectsFeatures,gravatar,extra,cron_jobs,contentSecurityPolicy,sentry,gitlab_docs,smartcard}.**', treatment: mapped('rails') },
  { keys: 'global.appConfig.{externalDiffs.when,initialDefaults.signupEnabled}', treatment: mapped('rails') },
  { keys: RAILS_SETTINGS_VALUES_PATTERN, treatment: mapped('rails.<setting> (one table: config/rails-settings/table.ts)') },
  { keys: 'global.appConfig.initialDefaults.**', treatment: mapped('ignored with a warning: the chart\'s gitlab.yml takes only signupEnabled and gitlabProductUsageData from initialDefaults') },
  { keys: `${RAILS}.trusted_proxies`, treatment: mapped('rails.trustedProxies') },
  { keys: 'gitlab.webservice.rack_attack.**', treatment: mapped('rails.rackAttackGitBasicAuth') },
  // The webservice pods' internal TLS (config/webservice/tls/values.ts); before global.workhorse's secret row.
  { keys: '{gitlab.webservice.tls,gitlab.webservice.metrics.tls,global.workhorse.tls,gitlab.webservice.workhorse.tls,gitlab.webservice.workhorse.monitoring.exporter.tls}.**', treatment: mapped('components.webservice.tls ({ secretName, metrics, metricsSecretName }: Puma\'s HTTPS on 8081, its metrics exporter\'s TLS) and components.webservice.workhorseTls ({ secretName, verify, caSecretName, metrics }: Workhorse\'s TLS listener, the Ingress\' HTTPS backend, https:// for every client)') },
  { keys: 'gitlab.webservice.service.{externalPort,internalPort,workhorseExternalPort,workhorseInternalPort,tls.externalPort,tls.internalPort}', treatment: refused('the webservice listens on the chart\'s default ports (Puma 8080, Puma\'s HTTPS 8081, Workhorse 8181), which its clients, Ingress, probes and NetworkPolicies name', 'remove the key') },
  { keys: 'gitlab.webservice.http.enabled', treatment: accepted('Puma keeps its HTTP port 8080', [true], { why: 'Workhorse reaches Puma over plain HTTP on localhost:8080 (the chart\'s auth backend), so every request would fail without it', instead: 'remove the key (gitlab.webservice.tls.enabled serves HTTPS on 8081 beside it)' }) },
  { keys: '{global.shell.authToken,global.shell.hostKeys,global.railsSecrets,global.workhorse,global.registry.certificate,global.registry.httpSecret,global.registry.notificationSecret,global.initialRootPassword,global.gitlab.license}.**', treatment: mapped('secretNames, secretKeys, license') },
  { keys: '{global.certificates.customCAs,global.extraEnv,global.webservice.workerTimeout}.**', treatment: mapped('customCAs, components.*.extraEnv, components.webservice.puma.workerTimeout') },
  { keys: `${C}.{enabled,minReplicas,maxReplicas,replicas,hpa,resources,nodeSelector,tolerations,priorityClassName,podLabels,extraEnv,maxUnavailable,annotations,topologySpreadConstraints,antiAffinity,nodeAffinity}.**`, treatment: mapped('components.<name>') },
  { keys: `${C}.serviceAccount.{enabled,create,annotations,name,automountServiceAccountToken}.**`, treatment: mapped('components.<name>.serviceAccount.{name,create,automountToken}, .serviceAccountAnnotations: the component\'s keys over the global ones, as the chart coalesces them (each component runs as its own account unless both create keys are false; token mounted only where the values ask)') },
  { keys: `${C}.deployment.{terminationGracePeriodSeconds,strategy}.**`, treatment: mapped('components.<name>.terminationGracePeriodSeconds, .deploymentStrategy') },
  { keys: `${C}.{securityContext,containerSecurityContext,init.containerSecurityContext}.**`, treatment: mapped('accepted where it says what the platform sets (restricted Pod Security Standard)') },
  { keys: 'global.hosts.tls.**', treatment: accepted('the chart lists it in its values but no template of chart 9.9.1 reads it (TLS is global.ingress.tls)') },
  { keys: 'gitlab.webservice.ingress.requireBasePath', treatment: accepted('no effect in chart 9.9.1, whose check reads a misspelled key (requireBaseBath): a deployment at path / is always required there, and here') },
  { keys: `${C}.ingress.**`, treatment: mapped('components.<name>.ingress: enabled (overrides global.ingress.enabled both ways, as in the chart: on while the global switch is off, the host takes the global class, annotations and TLS), annotations, tls.secretName (also while global TLS is off), proxyBodySize, proxyReadTimeout and proxyConnectTimeout (webservice, registry, kas, gitlab-pages); the rest is platform-wide (global.ingress.*)') },
  { keys: `${C}.gatewayRoute.sectionName`, treatment: mapped('ingress (gateway-api) listeners') },
  { keys: `${C}.networkpolicy.**`, treatment: mapped('networkPolicies') },
  { keys: 'registry.metrics.enabled', treatment: mapped('components.registry.metrics (Prometheus on the debug port 5001, the Service\'s http-metrics port, scrape annotations)') },
  { keys: `${C}.metrics.enabled`, treatment: mapped('accepted at the chart\'s value (the endpoint is always served)') },
  { keys: `${RAILS}.psql.**`, treatment: mapped('components.<name>.postgres') },
  { keys: 'gitlab.gitlab-exporter.psql.**', treatment: mapped('components.gitlabExporter.postgres') },
  { keys: 'gitlab.webservice.deployments.**', treatment: mapped('components.webservice.deployments: a Deployment takes ingress.{path,annotations,proxyBodySize,proxyReadTimeout,proxyConnectTimeout,tls.secretName}, hpa.*, pdb.maxUnavailable, resources, workhorse.resources, extraEnv, workerProcesses, puma.threads.{min,max}, shutdown.blackoutSeconds, nodeSelector, tolerations, priorityClassName, pod.{labels,annotations} and deployment.{terminationGracePeriodSeconds,strategy}') },
  { keys: 'gitlab.webservice.{workerProcesses,puma,workhorse.resources,shutdown}.**', treatment: mapped('components.webservice') },
  { keys: 'gitlab.webservice.monitoring.ipWhitelist', treatment: mapped('components.webservice.monitoringWhitelist') },
  { keys: 'gitlab.webservice.monitoring.exporter.enabled', treatment: accepted('the web exporter is served on port 8083 whenever metrics are on, which they always are in gitlab-iac (the chart serves it then too, whatever this key says)') },
  { keys: 'gitlab.webservice.monitoring.exporter.{port,listenAddr}', treatment: refused('the web exporter listens on 0.0.0.0:8083, the metrics port the Service, monitors and scrape annotations name', 'remove the key') },
  { keys: 'gitlab.migrations.initialRootPassword.**', treatment: mapped('ignored with a warning, as the chart ignores it (its migrations Job reads global.initialRootPassword)') },
  { keys: 'gitlab.sidekiq.pods.**', treatment: mapped('components.sidekiq.pods: a pod entry takes name, queues, concurrency, timeout, minReplicas, maxReplicas, maxUnavailable, hpa.{cpu,memory,behavior}, resources, nodeSelector, tolerations, priorityClassName, podLabels, extraEnv, memoryKiller.maxRss, terminationGracePeriodSeconds and strategy') },
  { keys: 'gitlab.sidekiq.{concurrency,timeout,memoryKiller,queues}.**', treatment: mapped('components.sidekiq') },
  { keys: 'gitlab.gitlab-shell.{sshDaemon,service.nodePort,service.type,service.annotations}', treatment: mapped('components.gitlabShell') },
  { keys: 'gitlab.gitaly.persistence.**', treatment: mapped('components.gitaly.persistence') },
  { keys: 'gitlab.toolbox.backups.{cron,objectStorage.config}.**', treatment: mapped('components.toolbox.backups') },
  { keys: 'gitlab.migrations.{activeDeadlineSeconds,backoffLimit}', treatment: mapped('components.migrations') },
  { keys: 'gitlab.spamcheck.logging.**', treatment: mapped('components.spamcheck.logLevel') },
  { keys: 'gitlab.gitlab-pages.service.customDomains.{type,annotations}.**', treatment: mapped('components.gitlabPages.customDomains') },
  { keys: 'gitlab.gitlab-pages.{useHTTPProxy,useProxyV2}', treatment: mapped('components.gitlabPages.customDomains.{httpProxy,proxyProtocolV2} (read with custom domains, which is when the chart reads them)') },
  { keys: 'gitlab.mailroom.**', treatment: mapped('components.mailroom') },
  { keys: 'registry.storage.{secret,key}', treatment: mapped('components.registry.storage (without a secret and with global.minio.enabled false: "emptyDir", the chart\'s filesystem storage in the pod, with a warning that images are lost on restart)') },
  { keys: 'registry.{maintenance,health,log,validation}.**', treatment: mapped('components.registry') },
  { keys: 'registry.gc.disabled', treatment: mapped('accepted at false') },
  { keys: 'registry.tls.{enabled,secretName,verify,caSecretName,clientCAs,minimumTLS,cipherSuites}', treatment: mapped('components.registry.tls (the registry serves HTTPS on 5000: https-registry Service port, NGINX backend-protocol and proxy-ssl-* annotations, https api_url; needs global.hosts.registry.protocol: https, as the chart checks)') },
  { keys: 'global.registry.tls.secretName', treatment: mapped('components.registry.tls.secretName when registry.tls.secretName is unset') },
  { keys: 'global.registry.tls.enabled', treatment: mapped('nothing: no template of chart 9.9.1 reads it (a warning says to set registry.tls.enabled)') },
  { keys: 'global.hosts.registry.protocol', treatment: mapped('the scheme of Rails\' registry api_url: https with registry.tls.enabled (required, as the chart checks), http without') },
];

/** What the chart does that gitlab-iac does anyway, or has no counterpart for: accepted (some at given values only). */
const ACCEPTED: readonly KeyRule[] = [
  { keys: `${C}.common.labels.**`, treatment: refused('labels per component are not read', 'use global.common.labels') },
  { keys: `${C}.init.image.**`, treatment: refused('this component\'s configure init container runs images.gitlabBase (the migrations Job\'s too), or it has none', 'set global.gitlabBase.image (typed: images.gitlabBase), and remove the key') },
  { keys: `${C}.image.**`, treatment: refused('this image setting is not read (repository, tag and pullPolicy are; Mailroom and Spamcheck also take registry and digest)', 'override the image through the typed API (images.<name>)') },
  { keys: '{global.image,global.gitlabBase.image,global.certificates.image,global.kubectl.image,global.enterpriseImages,global.communityImages}.**', treatment: refused('images come from the pinned catalog of global.gitlabVersion (global.image.pullPolicy, pullSecrets and registry, and the repository, tag and pull policy of the base and certificates images are read)', 'override one through the typed API (images.<name>)') },
  { keys: 'global.rails.bootsnap.enabled', treatment: mapped('rails.bootsnap') },
  { keys: 'global.kas.**', treatment: CHART_ONLY('this KAS setting') },
  { keys: 'global.registry.notifications.**', treatment: refused('registry notifications to endpoints of your own are not supported', 'remove the key (the registry notifies GitLab itself)') },
  // The chart's default (redirects on) is what gitlab-iac's registry does: layers are served from the bucket.
  { keys: 'registry.storage.redirect.{disable,exceptions}', treatment: mapped('components.registry.storageRedirect (redirect.disable / exceptions in the registry\'s storage config)') },
  { keys: 'registry.middleware.**', treatment: refused('registry storage middleware (e.g. CloudFront) is not supported', 'remove the key; layers are redirected to the bucket directly') },
  { keys: 'registry.{database,gc,redis,migration}.**', treatment: refused('the registry metadata database (and online GC, which needs it) is not configured by gitlab-iac', 'remove the key') },
  { keys: 'global.geo.**', treatment: OFF('GitLab Geo is not supported by gitlab-iac', 'remove the keys') },
  { keys: 'gitlab.geo-logcursor.**', treatment: accepted('runs only with Geo, which is off') },
  { keys: 'global.appConfig.defaultCanCreateGroup', treatment: refused('the chart does not write default_can_create_group into gitlab.yml', 'set "Allow new users to create top-level groups" in the Admin area (or can_create_group with the application settings API), and remove the key') },
  { keys: 'global.appConfig.relativeUrlRoot', treatment: refused('gitlab-iac serves GitLab at the root of its host (a relative URL root also moves the Ingress paths, probes and Workhorse\'s backend)', 'give GitLab a host of its own (global.hosts.gitlab.name), and remove the key') },
  // Keys the chart never renders (Helm ignores them) are ignored with a warning, as Helm ignores them.
  { keys: 'global.appConfig.**', treatment: CHART_ONLY('this GitLab application setting') },
];

/** The table in sections (the README's order). */
export const KEY_SECTIONS: readonly { readonly title: string; readonly rules: readonly KeyRule[] }[] = [
  { title: 'Removed or renamed by the chart', rules: REMOVED },
  { title: 'Bundled services, add-ons and hook Jobs', rules: INSTALLS },
  { title: 'Not read yet', rules: NOT_YET },
  { title: 'Set in another place', rules: ELSEWHERE },
  { title: 'Read by the importer', rules: MAPPED },
  { title: 'Images, and what gitlab-iac has no counterpart for', rules: ACCEPTED },
];

export const KEY_TABLE: readonly KeyRule[] = KEY_SECTIONS.flatMap((s) => s.rules);

/**
 * The last resort for keys of the chart's values.yaml no row above names: refused with what to do. (Keys outside
 * the chart's key space are not judged by the table: Helm ignores them, and the importer warns.)
 */
export const FALLBACK: KeyRule = { keys: '**', treatment: CHART_ONLY('this chart key') };
