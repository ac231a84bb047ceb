import { bool, Check, k8sName, obj } from '../../schema';

/** Checks of `components.webservice.tls` and `components.webservice.workhorseTls` (shape); cross-setting rules are in `resolve.ts`. */

export const pumaTlsCheck: Check = obj({
  secretName: k8sName('Secret name'),
  metrics: bool(),
  metricsSecretName: k8sName('Secret name'),
}, { what: 'a TLS setting { secretName, metrics, metricsSecretName } ({} uses the default Secret name)' });

export const workhorseTlsCheck: Check = obj({
  secretName: k8sName('Secret name'),
  verify: bool(),
  caSecretName: k8sName('Secret name'),
  metrics: bool(),
}, { what: 'a TLS setting { secretName, verify, caSecretName, metrics } ({} uses the default Secret name)' });
