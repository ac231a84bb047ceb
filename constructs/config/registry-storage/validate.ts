import { bool, Check, list, obj, rule, secretRef, str } from '../schema';
import { REGISTRY_EPHEMERAL_STORAGE } from './types';

/** `components.registry.storageRedirect`. */
export const storageRedirectCheck = obj({ disable: bool(), exceptions: list(str(), { unique: true }) });

/** `components.registry.storage`: a Secret reference, or `'emptyDir'`. */
export const registryStorageCheck: Check = (value, path, issues) => {
  if (value === REGISTRY_EPHEMERAL_STORAGE) return;
  if (typeof value === 'string') {
    rule(() => ({ allowed: `a Secret { name, key } with the storage driver YAML, or "${REGISTRY_EPHEMERAL_STORAGE}"`, fix: 'write storage: { name: registry-storage, key: config }' }))(value, path, issues);
    return;
  }
  secretRef('registry-storage')(value, path, issues);
};
