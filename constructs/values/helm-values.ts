import { ConfigIssue, GitLabConfigError, show } from '../config/errors';
import { resolveConfig } from '../config/resolve';
import { GitLabPlatformProps } from '../config/types';
import { PropsBuilder } from './builder';
import { readCommon } from './common';
import { COMPONENTS_WITH_ACCOUNTS, readComponents } from './components';
import { readAppConfig } from './app-config';
import { readBundledServices } from './bundled-services';
import { readDataServices } from './data-services';
import { readPostgres, readRedis } from './database';
import { UnsupportedValuesError } from './errors';
import { readGeneral, readServiceAccounts } from './general';
import { readExposure } from './exposure';
import { readGitaly } from './gitaly';
import { hintFor } from './hints';
import { readIngress } from './ingress';
import { readInstalls } from './installs';
import { readObjectStorage } from './object-storage';
import { optionalComponentsOn, readOptional } from './optional';
import { isMap, ValuesReader } from './reader';

export interface HelmValuesOptions {
  /** The Helm release name (prefix of object names and of the chart's default Secret names). @default gitlab */
  readonly releaseName?: string;
  /** The namespace the release lived in. @default gitlab */
  readonly namespace?: string;
}

/** Where to set a required setting in values when the file lacks it entirely. */
const MISSING: Readonly<Record<string, { path: string; fix: string }>> = {
  'hosts': { path: 'global.hosts.domain', fix: 'set global.hosts.domain, e.g. example.com' },
  'hosts.domain': { path: 'global.hosts.domain', fix: 'set global.hosts.domain, e.g. example.com' },
  'postgres.host': { path: 'global.psql.host', fix: 'set global.psql.host to the external PostgreSQL (e.g. the RDS endpoint), or remove postgresql.install: false to run PostgreSQL in the cluster (CloudNativePG, evaluation only)' },
  'redis.host': { path: 'global.redis.host', fix: 'set global.redis.host to the external Redis (e.g. the ElastiCache primary endpoint), or remove redis.install: false to run Valkey in the cluster (evaluation only)' },
  'objectStorage': { path: 'global.appConfig.object_store.connection.secret', fix: 'name the fog connection Secret in global.appConfig.object_store.connection.secret' },
  'objectStorage.connection': { path: 'global.appConfig.object_store.connection.secret', fix: 'name the fog connection Secret in global.appConfig.object_store.connection.secret' },
  'components.registry.storage': { path: 'registry.storage.secret', fix: 'name the registry storage-driver Secret in registry.storage.secret (and .key), or set registry.enabled: false' },
  'components.webservice.internalDeployment': { path: 'global.workhorse.serviceName', fix: 'name the webservice Deployment the other components call, e.g. webservice-api, or keep a Deployment named default' },
};

/**
 * Converts a values file of the official GitLab chart into `GitLabPlatformProps`: the migration path for Helm
 * users. It reads the documented subset (hosts, edition and version, external PostgreSQL/Redis/object storage,
 * ingress and TLS, per-component switches, scaling, resources and placement) and refuses everything else:
 * unknown keys, keys that would have no effect, and requests for in-cluster installs, all listed at once.
 *
 * Keys the values leave out take the chart's defaults where the chart's behaviour depends on them (Secret names
 * and keys, the `<release>-nginx` IngressClass, cert-manager with `<release>-issuer`, which object types are on);
 * elsewhere this library's defaults apply (e.g. one ServiceAccount per component, no token mounted).
 *
 * The result is validated like typed props; errors name the values keys.
 *
 * @throws UnsupportedValuesError listing every key that is not supported
 * @throws GitLabConfigError for values that are set but invalid
 */
export function fromHelmValues(values: unknown, options: HelmValuesOptions = {}): GitLabPlatformProps {
  if (!isMap(values)) {
    throw new GitLabConfigError([{ path: '(values)', value: show(values), allowed: 'a mapping of chart values (global:, gitlab:, ...)', fix: 'pass the parsed values file' }]);
  }
  const release = options.releaseName ?? 'gitlab';
  const reader = new ValuesReader(values);
  const b = new PropsBuilder(reader);
  b.set('releaseName', options.releaseName);
  b.set('namespace', options.namespace);

  readInstalls(reader);
  readGeneral(b);
  readPostgres(b, release);
  readRedis(b, release);
  readObjectStorage(b);
  readIngress(b, release);
  readComponents(b);
  readDataServices(b, release);
  readOptional(b);
  readAppConfig(b);
  readServiceAccounts(b, [...COMPONENTS_WITH_ACCOUNTS, ...optionalComponentsOn(b)]);
  readGitaly(b, release);
  readExposure(b, release);
  readCommon(b);
  readBundledServices(b);

  const unsupported: ConfigIssue[] = [
    ...reader.unread().map(([path, value]) => {
      const near = reader.suggestion(path);
      return { path, value: show(value), allowed: 'nothing: gitlab-iac does not read this key',
        fix: near ? `did you mean ${near}? Correct the key, or: ${hintFor(path)}` : hintFor(path) };
    }),
    ...reader.noEffects,
  ];
  if (unsupported.length) throw new UnsupportedValuesError(unsupported, reader.problems);
  if (reader.problems.length) throw new GitLabConfigError(reader.problems);

  const props = b.props as unknown as GitLabPlatformProps;
  try {
    resolveConfig(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) throw new GitLabConfigError(e.issues.map((i) => b.relabel(i, MISSING)));
    throw e;
  }
  return props;
}
