// The public API of gitlab-iac's cdk8s side. Nothing else is exported.
export { GitLabPlatform } from './platform';
export * from './config/types';
export { GitLabConfigError, ConfigIssue } from './config/errors';
export { resolveConfig } from './config/resolve';
export * from './config/resolved';
export { IMAGE_CATALOG, DEFAULT_VERSION, ImageCatalogEntry, ResolvedImage } from './config/images';
export { SHARED_SECRETS, SharedSecretSpec, SharedSecretKey, SecretFormat } from './config/shared-secrets';
export { platformEndpoints, PlatformEndpoints } from './lib/endpoints';
export { Webservice, WebserviceProps } from './components/webservice/webservice';
export { Sidekiq, SidekiqProps } from './components/sidekiq/sidekiq';
export { Gitaly, GitalyProps } from './components/gitaly/gitaly';
export { GitLabShell, GitLabShellProps } from './components/gitlab-shell/gitlab-shell';
export { Registry, RegistryProps } from './components/registry/registry';
export { Kas, KasProps } from './components/kas/kas';
export { GitLabExporter, GitLabExporterProps } from './components/gitlab-exporter/gitlab-exporter';
export { Toolbox, ToolboxProps } from './components/toolbox/toolbox';
export { Migrations, MigrationsProps } from './components/migrations/migrations';
