// The public API of gitlab-iac's cdk8s side: the constructs, their input types, the values import and the errors.
// The resolved model (`config/resolved*`, `resolveConfig`) is internal: the CLI, the stacks and the tests import it
// from its own path, so it can change without breaking users.
export { GitLabPlatform } from './platform';
export * from './config/types';
export { GitLabConfigError, ConfigIssue } from './config/errors';
export { IMAGE_CATALOG, DEFAULT_VERSION, ImageCatalogEntry } from './config/images/catalog';
export { SIZE_NAMES, SizeName } from './config/sizing/names';
export { SIZE_PRESETS, SizePreset, sizePreset } from './config/sizing/presets';
export {
  SHARED_SECRETS, SharedSecretSpec, SharedSecretKey, SecretFormat, SharedSecretCondition, SHARED_SECRET_CONDITION_DEFAULTS,
  sharedSecretNeeded, sharedSecretConditions,
} from './config/secrets/catalog';
export { platformEndpoints, PlatformEndpoints } from './lib/endpoints';
export { GitalyEndpoints, PraefectEndpoints, VirtualStorageEndpoints } from './lib/gitaly-endpoints';
export { fromHelmValues, HelmValuesImport, HelmValuesOptions, importHelmValues } from './values/helm-values';
export { ImportedRunnerProps } from './values/runner';
export { UnsupportedValuesError } from './values/errors';
export { Webservice, WebserviceProps } from './components/webservice/webservice';
export { Sidekiq, SidekiqProps } from './components/sidekiq/sidekiq';
export { Gitaly, GitalyProps } from './components/gitaly/gitaly';
export { Praefect, PraefectProps } from './components/praefect/praefect';
export { PraefectGitaly, PraefectGitalyProps } from './components/praefect/gitaly-nodes';
export { GitLabShell, GitLabShellProps } from './components/gitlab-shell/gitlab-shell';
export { Registry, RegistryProps } from './components/registry/registry';
export { Kas, KasProps } from './components/kas/kas';
export { GitLabExporter, GitLabExporterProps } from './components/gitlab-exporter/gitlab-exporter';
export { Toolbox, ToolboxProps } from './components/toolbox/toolbox';
export { Migrations, MigrationsProps } from './components/migrations/migrations';
export { GitLabPages, GitLabPagesProps } from './components/gitlab-pages/gitlab-pages';
export { Mailroom, MailroomProps } from './components/mailroom/mailroom';
export { Spamcheck, SpamcheckProps } from './components/spamcheck/spamcheck';
export { PlatformNetworkPolicies, PlatformNetworkPoliciesProps } from './components/network-policies/network-policies';
export { PlatformNamespace, PlatformNamespaceProps, POD_SECURITY_LABELS } from './components/namespace/namespace';
export { PlatformMonitors } from './components/monitoring/monitors';
export { CertManagerIssuer, CertManagerIssuerProps } from './components/cert-manager-issuer/cert-manager-issuer';
export { GitLabRunner } from './cluster/runner/runner';
export { GitLabRunnerProps, RunnerJobOptions, RunnerJobResources, RunnerJobUser, RunnerS3Cache, RunnerGcsCache, RunnerAzureCache, RunnerCache } from './cluster/runner/props';
export { GitLabAgent } from './cluster/agent/agent';
export { GitLabAgentProps, GitLabAgentRbac } from './cluster/agent/props';
export { agentConfigFile, agentConfigFilePath, AgentConfigFileOptions, AgentCiAccess, AgentImpersonation, DEFAULT_FLUX_WEBHOOK_RECEIVER_URL } from './cluster/agent/config-file';
export { FluxSync } from './cluster/flux/flux-sync';
export { FluxSyncProps, FluxGitSource, FluxOciSource, FluxReceiverOptions } from './cluster/flux/props';
export {
  GitRepository, OCIRepository, Kustomization, Receiver, GitRepositorySpec, OCIRepositorySpec, KustomizationSpec, ReceiverSpec,
  HealthCheckReference, CrossNamespaceSourceReference,
} from './cluster/flux/resources';
export { pushDeployPipeline } from './cluster/deploy/push-pipeline';
export { PushDeployPipelineOptions, PushDeployEnvironment, PushDeployReviewApps, PushDeployPrune } from './cluster/deploy/props';
export { IntegrationImage } from './cluster/common/image';
// Escape hatches: the Kubernetes classes (generated for Kubernetes 1.36) the handles are typed with, the shapes of
// multi-object handles, and the JSON patch that fails on a path that does not exist.
export * as k8s from './lib/k8s';
export { strictJsonPatch, DeploymentHandles } from './lib/handles';
export { PraefectGitalyHandles } from './components/praefect/gitaly-nodes';
export { WebserviceDeploymentHandles } from './components/webservice/webservice';
export { kustomizationFile } from './cluster/flux/kustomization-file';
export { deployTarget, DeployTarget, DeployTargetOptions } from './cluster/deploy/target';
export { NamespacePartition, ResolvedPartition } from './cluster/partition/partition';
export {
  NamespacePartitionProps, PartitionPurpose, PartitionQuota, PartitionLimits, PartitionNetwork, PartitionPeer, PartitionSubject, ContainerSize,
} from './cluster/partition/props';
export { GitLabAgentReviewApps } from './cluster/agent/props';
export { RunnerJobPartition } from './cluster/runner/props';
export { InClusterDataServices, InClusterDataServicesProps, NON_PRODUCTION_NOTICE } from './data-services/data-services';
export { PostgresCluster, PostgresClusterProps, GITLAB_EXTENSIONS } from './data-services/postgres-cnpg/cluster';
export { Valkey, ValkeyProps } from './data-services/valkey/valkey';
export { Garage, GarageProps } from './data-services/garage/garage';
export * from './data-services/resolved';
export { DATA_SERVICE_IMAGES, CNPG_OPERATOR_VERSION } from './data-services/images';
export { inClusterSecretManifests, generateInClusterCredentials, InClusterCredentials } from './data-services/secrets';
export { railsConnection, registryStorage as s3RegistryStorage, s3cmdConfig as s3cmdClientConfig, S3ClientInputs } from './data-services/client-configs';
// Application settings of the rails-settings table, and a component's ServiceAccount settings.
export type { RailsSettings, SidekiqRoutingRule } from './config/rails-settings/table';
export type { ServiceAccountOptions } from './config/service-account/types';
