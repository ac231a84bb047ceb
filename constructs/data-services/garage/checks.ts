import { Check, k8sName, obj, str } from '../../config/schema';
import type { ServiceCheckDeps } from '../postgres-cnpg/checks';

export const garageChecks = (d: ServiceCheckDeps): Check => obj({
  name: d.name(),
  credentials: k8sName('Secret name'),
  clientSecret: k8sName('Secret name'),
  region: str({ pattern: /^[a-z0-9][a-z0-9-]{0,62}$/, allowed: 'an S3 region name (lower-case letters, digits, "-")', fix: 'use e.g. "garage"' }),
  storage: d.storage,
  metadataStorage: d.storage,
  resources: d.resources,
});
