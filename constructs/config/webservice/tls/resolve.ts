import type { ResolvedIngress } from '../../exposure/resolve';
import type { Fail } from '../../errors';
import type { PumaTlsOptions, WorkhorseTlsOptions } from './types';

/** Puma's HTTPS listener, resolved: present exactly while `components.webservice.tls` is set. */
export interface ResolvedPumaTls {
  /** The kubernetes.io/tls Secret Puma serves on 8081. */
  readonly secretName: string;
  /** The metrics exporter's Secret; present exactly while the exporter (8083) serves TLS. */
  readonly metricsSecretName?: string;
}

/** Workhorse's TLS listener, resolved: present exactly while `components.webservice.workhorseTls` is set. */
export interface ResolvedWorkhorseTls {
  /** The kubernetes.io/tls Secret Workhorse serves on 8181 (and on its metrics listener with `metrics`). */
  readonly secretName: string;
  /** NGINX verifies Workhorse's certificate. */
  readonly verify: boolean;
  /** The Secret holding `ca.crt` NGINX verifies with (only with `verify`). */
  readonly caSecretName?: string;
  /** The metrics listener serves TLS too. */
  readonly metrics: boolean;
}

const PATH = 'components.webservice';

/** `tls`: the chart's Secret name default (`<release>-webservice-tls`), the metrics exporter following it. */
export function resolvePumaTls(tls: PumaTlsOptions | undefined, release: string, fail: Fail): ResolvedPumaTls | undefined {
  if (!tls) return undefined;
  const secretName = tls.secretName ?? `${release}-webservice-tls`;
  const metrics = tls.metrics ?? true;
  if (!metrics && tls.metricsSecretName !== undefined) {
    fail(`${PATH}.tls.metricsSecretName`, tls.metricsSecretName, 'nothing while tls.metrics is false', 'remove metricsSecretName, or set tls.metrics: true');
  }
  return { secretName, ...(metrics ? { metricsSecretName: tls.metricsSecretName ?? secretName } : {}) };
}

/**
 * `workhorseTls`: the chart's Secret name default (`<release>-workhorse-tls`); a CA only where NGINX verifies, and a
 * controller that can be told to speak HTTPS to Workhorse (NGINX and ALB annotations; a Gateway needs a
 * BackendTLSPolicy, which gitlab-iac does not write).
 */
export function resolveWorkhorseTls(tls: WorkhorseTlsOptions | undefined, release: string, ingress: ResolvedIngress,
  fail: Fail): ResolvedWorkhorseTls | undefined {
  if (!tls) return undefined;
  const verify = tls.verify ?? false;
  if (tls.caSecretName !== undefined && !verify) {
    fail(`${PATH}.workhorseTls.caSecretName`, tls.caSecretName, 'nothing while workhorseTls.verify is false (NGINX reads the CA only to verify)',
      'set workhorseTls.verify: true, or remove caSecretName');
  }
  if (ingress.provider === 'gateway-api' && ingress.anyHost) {
    fail(`${PATH}.workhorseTls`, tls, 'nothing with ingress.provider \'gateway-api\' (the Gateway would need a BackendTLSPolicy to reach Workhorse over TLS, which gitlab-iac does not write)',
      'remove workhorseTls (the Gateway terminates TLS for users), or use the nginx or alb provider');
  }
  return {
    secretName: tls.secretName ?? `${release}-workhorse-tls`,
    verify,
    ...(verify && tls.caSecretName !== undefined ? { caSecretName: tls.caSecretName } : {}),
    metrics: tls.metrics ?? true,
  };
}
