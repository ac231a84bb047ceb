import { Check, k8sName, obj, quantity, str } from '../config/schema';
import { garageChecks } from './garage/checks';
import { postgresChecks } from './postgres-cnpg/checks';
import { valkeyChecks } from './valkey/checks';

/** Checks of `inClusterServices` (each service: `true`/`false` or its settings). */

/** `true`/`false`, or the settings object `check` validates. */
export const boolOr = (check: Check): Check => (value, path, issues) => {
  if (typeof value === 'boolean') return;
  check(value, path, issues);
};

/** A volume: size and StorageClass. */
export const storageCheck = obj({ size: quantity(), storageClass: k8sName('StorageClass name') });

/** Object names the services derive others from (`<name>-rw`, `<name>-cache`, `<name>-app`): short DNS labels. */
export const serviceName = () => str({ pattern: /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, allowed: 'a DNS label of at most 40 characters starting with a letter (other names are derived from it)', fix: 'use e.g. "gitlab-postgresql"' });

export const inClusterServicesCheck = (deps: { resources: Check; secretRef: (example: string) => Check }): Check => obj({
  postgres: boolOr(postgresChecks({ ...deps, storage: storageCheck, name: serviceName })),
  redis: boolOr(valkeyChecks({ ...deps, storage: storageCheck, name: serviceName })),
  objectStorage: boolOr(garageChecks({ ...deps, storage: storageCheck, name: serviceName })),
}, { what: 'in-cluster services { postgres, redis, objectStorage }, each true or its settings' });
