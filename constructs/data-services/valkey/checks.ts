import { bool, Check, obj, str } from '../../config/schema';
import type { ServiceCheckDeps } from '../postgres-cnpg/checks';

/** Valkey's `maxmemory`: bytes with an optional unit (`256mb`, `1gb`). */
const maxMemory = () => str({ pattern: /^[1-9][0-9]*(b|kb|mb|gb|k|m|g)?$/i, allowed: 'a Valkey memory size such as 256mb or 1gb', fix: 'write e.g. "512mb"' });

export const valkeyChecks = (d: ServiceCheckDeps): Check => obj({
  name: d.name(),
  password: d.secretRef('gitlab-redis-secret'),
  storage: d.storage,
  resources: d.resources,
  maxMemory: maxMemory(),
  cache: obj({ maxMemory: maxMemory(), resources: d.resources }),
  metrics: bool(),
});
