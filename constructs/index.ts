// The public API of gitlab-iac's cdk8s side. Nothing else is exported.
export { GitLabPlatform } from './platform';
export * from './config/types';
export { GitLabConfigError, ConfigIssue } from './config/errors';
export { resolveConfig } from './config/resolve';
export * from './config/resolved';
export { IMAGE_CATALOG, DEFAULT_VERSION, ImageCatalogEntry, ResolvedImage } from './config/images';
export { SIZE_NAMES, SIZE_PRESETS, SizeName, SizePreset, sizePreset } from './config/sizing';
export {
  SHARED_SECRETS, SharedSecretSpec, SharedSecretKey, SecretFormat, SharedSecretCondition, SHARED_SECRET_CONDITION_DEFAULTS,
  sharedSecretNeeded, sharedSecretConditions,
} from './config/shared-secrets';
export { platformEndpoints, PlatformEndpoints } from './lib/endpoints';
export { GitalyEndpoints, PraefectEndpoints, VirtualStorageEndpoints } from './lib/gitaly-endpoints';
export { fromHelmValues, HelmValuesOptions } from './values/helm-values';
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
export { CertManagerIssuer, CertManagerIssuerProps } from './components/cert-manager-issuer/cert-manager-issuer';
export { GitLabRunner } from './cluster/runner/runner';
export { GitLabRunnerProps, RunnerJobOptions, RunnerJobResources, RunnerJobUser, RunnerS3Cache } from './cluster/runner/props';
export { ResolvedRunner } from './cluster/runner/resolve';
export { GitLabAgent } from './cluster/agent/agent';
export { GitLabAgentProps, GitLabAgentRbac } from './cluster/agent/props';
export { ResolvedAgent } from './cluster/agent/resolve';
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
export { kustomizationFile } from './cluster/flux/kustomization-file';
export { deployTarget, DeployTarget, DeployTargetOptions } from './cluster/deploy/target';
export { NamespacePartition, ResolvedPartition } from './cluster/partition/partition';
export {
  NamespacePartitionProps, PartitionPurpose, PartitionQuota, PartitionLimits, PartitionNetwork, PartitionPeer, PartitionSubject, ContainerSize,
} from './cluster/partition/props';
export { GitLabAgentReviewApps } from './cluster/agent/props';
export { RunnerJobPartition } from './cluster/runner/props';
