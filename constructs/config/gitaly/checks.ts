import { bool, Check, k8sName, list, num, obj, required, secretRef, str } from '../schema';
import { annotationMap, dnsLabel, hostName, ownLabelMap, portNumber, quantityCheck } from '../common/checks';
import { postgresConnectionFields } from '../postgres/checks';
import { GITALY_ACCESS_MODES, GITALY_WORKLOAD_FIELDS, PRAEFECT_WORKLOAD_FIELDS } from './names';

/**
 * Checks of `components.gitaly` and `components.praefect` (shape and values); rules across settings (storage
 * names, TLS, Praefect's database) are in `resolve.ts`.
 */

const storageName = () => str({ pattern: /^[a-z0-9][a-z0-9_-]*$/, allowed: 'a storage name (lower-case letters, digits, "-", "_")', fix: 'use e.g. "default"' });
const gitalyPersistence = obj({
  size: quantityCheck({ positive: true }),
  storageClass: k8sName('StorageClass name'),
  accessMode: str({ oneOf: GITALY_ACCESS_MODES }),
  annotations: annotationMap(),
  labels: ownLabelMap(),
});
const internalTls = obj({ secretName: k8sName('Secret name') }, { what: 'a TLS setting { secretName } ({} uses the default Secret name)' });

/**
 * The checks of `components.gitaly` and `components.praefect`, to spread into the components check. `workload`
 * holds the checks of the shared workload settings (`validate.ts` defines them), `pdb` the disruption budget's.
 */
export function repositoryChecks(workload: Readonly<Record<string, Check>>, pdb: Check): { gitaly: Check; praefect: Check } {
  const pick = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, workload[k]]));
  return {
    gitaly: obj({
      ...pick(GITALY_WORKLOAD_FIELDS),
      storageNames: list(storageName(), { minItems: 1, unique: true }),
      persistence: gitalyPersistence,
      tls: internalTls,
      gomemlimit: bool(),
      bundleUri: obj({ goCloudUrl: required(str({ pattern: /^[a-z][a-z0-9+.-]*:\/\/\S+$/, allowed: 'a Go Cloud blob URL (s3://, gs://, azblob://)', fix: 'write e.g. s3://my-bundles?region=us-east-1' }), 'set goCloudUrl, e.g. s3://my-bundles?region=us-east-1') }),
      external: obj({
        storages: required(list(obj({
          name: required(storageName()),
          hostname: required(hostName('gitaly.internal.example.com'), 'set the host name (or IPv4 address) of the Gitaly or Praefect server'),
          port: portNumber(),
          tls: bool(),
        }), { minItems: 1 }), 'list the external storages: storages: [{ name: default, hostname: <server> }]'),
        token: secretRef('gitaly-external-token'),
      }),
    }),
    praefect: obj({
      ...pick(PRAEFECT_WORKLOAD_FIELDS),
      database: obj({
        host: required(hostName('praefect-db.abc123.us-east-1.rds.amazonaws.com'), "set the host of Praefect's PostgreSQL server"),
        port: portNumber(),
        database: postgresConnectionFields.database,
        username: postgresConnectionFields.username,
        password: required(postgresConnectionFields.password, 'set password: { name: <Secret>, key: password }'),
        tls: postgresConnectionFields.tls,
      }),
      virtualStorages: list(obj({
        name: required(dnsLabel('a virtual storage name (it names a StatefulSet)', 'default')),
        gitalyReplicas: num({ min: 1, max: 100 }),
        defaultReplicationFactor: num({ min: 1, max: 100 }),
        podDisruptionBudget: pdb,
        persistence: gitalyPersistence,
        tlsSecretName: k8sName('Secret name'),
      }), { minItems: 1 }),
      replaceInternalGitaly: bool(),
      autoMigrate: bool(),
      ntpHost: hostName('pool.ntp.org'),
      tls: internalTls,
    }),
  };
}
