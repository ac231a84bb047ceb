// Kubernetes side of the production stack: the Secrets from the managed services, and the platform's objects.
export { PlatformSecrets, PlatformSecretsArgs, StackSecretRefs, stackSecretRefs } from './secrets';
export { PlatformRelease, PlatformReleaseArgs, FIELD_MANAGER, objectSlots, assignObjects } from './platform-release';
export { synthesizePlatform, KubeObject, applyPhase } from './manifests';
export { fogConnection, registryStorage, s3cmdConfig, railsSecretsYaml } from './secret-formats';
