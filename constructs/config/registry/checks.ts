import { bool, Check, k8sName, list, num, obj, str } from '../schema';
import { bucketName, templateText } from '../common/checks';
import { registryStorageCheck, storageRedirectCheck } from '../registry-storage/validate';
import { serviceExposureCheck } from '../service/validate';
import { componentIngress, WorkloadFieldChecks } from '../components/checks';
import { REGISTRY_ACCESS_LOG_FORMATTERS, REGISTRY_LOG_FORMATTERS, REGISTRY_LOG_LEVELS, REGISTRY_TLS_VERSIONS } from './names';

/**
 * Checks of `components.registry` (`types.ts`): its tuning settings, and the component with its storage and
 * exposure; the chart's defaults are applied in `resolve.ts`.
 */

const duration = () => str({ pattern: /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, allowed: 'a Go duration such as "24h" or "10s"', fix: 'write a number with a unit: s, m or h' });

/** The registry's tuning settings. */
export const registryTuningFields: Readonly<Record<string, Check>> = {
  maintenance: obj({
    readOnly: bool(),
    uploadPurging: obj({ enabled: bool(), age: duration(), interval: duration(), dryRun: bool() }),
  }),
  storageHealthCheck: obj({ enabled: bool(), interval: duration(), threshold: num({ min: 1 }) }),
  log: obj({
    level: str({ oneOf: REGISTRY_LOG_LEVELS }),
    formatter: str({ oneOf: REGISTRY_LOG_FORMATTERS }),
    accessLog: obj({ disabled: bool(), formatter: str({ oneOf: REGISTRY_ACCESS_LOG_FORMATTERS }) }),
  }),
  validation: obj({
    disabled: bool(),
    manifests: obj({
      referenceLimit: num({ min: 0 }),
      payloadSizeLimit: num({ min: 0 }),
      urls: obj({ allow: list(templateText('a regular expression')), deny: list(templateText('a regular expression')) }),
    }),
  }),
};

/** `components.registry.tls`: the registry's own TLS (`types.ts` RegistryTls). */
export const registryTlsCheck: Check = obj({
  secretName: k8sName('Secret name'),
  verify: bool(),
  caSecretName: k8sName('Secret name'),
  clientCAs: list(str({ pattern: /^\/[^\s]*$/, allowed: 'an absolute path in the registry container', fix: 'write the CA file\'s path, e.g. /etc/docker/registry/client-ca.crt' }), { unique: true }),
  minimumTLS: str({ oneOf: REGISTRY_TLS_VERSIONS }),
  cipherSuites: list(str({ pattern: /^TLS_[A-Z0-9_]+$/, allowed: 'a Go cipher suite name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', fix: 'write the suite\'s Go name' }), { unique: true }),
});

/** `components.registry`: the workload, its storage driver Secret, bucket, exposure and tuning. */
export const registryCheck = ({ fields }: WorkloadFieldChecks): Check => obj({
  ...fields, storage: registryStorageCheck, bucket: bucketName(), ingress: componentIngress(), ...registryTuningFields,
  service: serviceExposureCheck, storageRedirect: storageRedirectCheck, metrics: bool(), tls: registryTlsCheck,
});
