import {
  bool, Check, k8sName, list, num, obj, str,
} from './schema';
import { secretKey, templateText } from './common/checks';

/**
 * Shape checks of the settings in `types-workloads.ts` (rollouts and several Deployments: `workloads/checks.ts`).
 */

type Fields = Record<string, Check>;

/** `components.<name>.ingress`. */
export function componentIngressFields(annotationMap: () => Check): Fields {
  return {
    enabled: bool(),
    annotations: annotationMap(),
    tlsSecretName: k8sName('Secret name'),
    tls: bool(),
    proxyBodySize: str({ pattern: /^[0-9]+[kKmMgG]?$/, allowed: 'an NGINX size such as "512m" or "0" (no limit)', fix: 'write a number with an optional k, m or g' }),
    proxyReadTimeout: num({ min: 1 }),
    proxyConnectTimeout: num({ min: 1, max: 75 }),
  };
}

const duration = () => str({ pattern: /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, allowed: 'a Go duration such as "24h" or "10s"', fix: 'write a number with a unit: s, m or h' });

/** The registry's tuning settings. */
export const registryTuningFields: Fields = {
  maintenance: obj({
    readOnly: bool(),
    uploadPurging: obj({ enabled: bool(), age: duration(), interval: duration(), dryRun: bool() }),
  }),
  storageHealthCheck: obj({ enabled: bool(), interval: duration(), threshold: num({ min: 1 }) }),
  log: obj({
    level: str({ oneOf: ['error', 'warn', 'info', 'debug'] }),
    formatter: str({ oneOf: ['text', 'json', 'logstash'] }),
    accessLog: obj({ disabled: bool(), formatter: str({ oneOf: ['text', 'json', 'combined'] }) }),
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

/** `secretKeys`. */
export const secretKeysCheck: Check = obj(Object.fromEntries(['gitlabShell', 'gitaly', 'workhorse', 'registryHttp', 'kas', 'initialRootPassword', 'praefect']
  .map((k) => [k, secretKey('password')])));
