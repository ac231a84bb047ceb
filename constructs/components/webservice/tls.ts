import type { ResolvedConfig } from '../../config/resolved';
import { nginxHttpsBackend } from '../../lib/ingress';
import type * as k8s from '../../lib/k8s';
import type { SecretFile } from '../../lib/volumes';
import { RAILS_PATHS } from '../rails/consumer';

/**
 * The webservice's internal TLS (`components.webservice.tls`, `.workhorseTls`) as the CNG images read it: Puma's
 * certificate at `/srv/gitlab/config/puma.{crt,key}` (its `SSL_INTERNAL_PORT`), the web exporter's and Workhorse's
 * under `/etc/gitlab`, each copied there from the pod's projected Secrets by the `configure` init container.
 */

/** Puma's HTTPS port (the Service's `https-ws`). */
export const PUMA_TLS_PORT = 8081;

/** Paths inside the projected Secrets volume (and the in-memory copies under `/etc/gitlab`). */
const PATHS = {
  pumaCert: 'puma/puma.crt',
  pumaKey: 'puma/puma.key',
  metricsCert: 'webservice-metrics/webservice-metrics.crt',
  metricsKey: 'webservice-metrics/webservice-metrics.key',
  workhorseCert: 'gitlab-workhorse/tls.crt',
  workhorseKey: 'gitlab-workhorse/tls.key',
} as const;

/** Where Puma reads its certificate and key (mounted one by one from the copied secrets). */
const PUMA_CONFIG_DIR = '/srv/gitlab/config';

const web = (config: ResolvedConfig) => config.components.webservice!;

/** The certificate files the webservice pods project (Puma's, the web exporter's, Workhorse's), none while TLS is off. */
export function webserviceTlsFiles(config: ResolvedConfig): SecretFile[] {
  const { tls, workhorseTls } = web(config);
  const pair = (secret: string, cert: string, key: string): SecretFile[] => [{ secret, key: 'tls.crt', path: cert }, { secret, key: 'tls.key', path: key }];
  return [
    ...(tls ? pair(tls.secretName, PATHS.pumaCert, PATHS.pumaKey) : []),
    ...(workhorseTls ? pair(workhorseTls.secretName, PATHS.workhorseCert, PATHS.workhorseKey) : []),
    ...(tls?.metricsSecretName ? pair(tls.metricsSecretName, PATHS.metricsCert, PATHS.metricsKey) : []),
  ];
}

/** Puma's env for its HTTPS listener (CNG's puma.rb binds `ssl://` on `SSL_INTERNAL_PORT` with these files). */
export function pumaTlsEnv(config: ResolvedConfig): Record<string, string | number> {
  if (!web(config).tls) return {};
  return { SSL_INTERNAL_PORT: PUMA_TLS_PORT, PUMA_SSL_KEY: `${PUMA_CONFIG_DIR}/puma.key`, PUMA_SSL_CERT: `${PUMA_CONFIG_DIR}/puma.crt` };
}

/** Puma's certificate and key, mounted by subPath from the in-memory secrets volume. */
export function pumaTlsMounts(config: ResolvedConfig, secretsVolume: string): k8s.VolumeMount[] {
  if (!web(config).tls) return [];
  return [
    { name: secretsVolume, mountPath: `${PUMA_CONFIG_DIR}/puma.crt`, subPath: PATHS.pumaCert },
    { name: secretsVolume, mountPath: `${PUMA_CONFIG_DIR}/puma.key`, subPath: PATHS.pumaKey },
  ];
}

/** gitlab.yml's `monitoring.web_exporter` TLS fields, while the exporter serves TLS. */
export function webExporterTls(config: ResolvedConfig): Record<string, unknown> {
  if (!config.components.webservice?.tls?.metricsSecretName) return {};
  return { tls_enabled: true, tls_cert_path: `${RAILS_PATHS.secrets}/${PATHS.metricsCert}`, tls_key_path: `${RAILS_PATHS.secrets}/${PATHS.metricsKey}` };
}

/** `[listeners.tls]` (or `[metrics_listener.tls]`) of Workhorse's config, while it serves TLS. */
export function workhorseListenerTls(config: ResolvedConfig, section: 'listeners' | 'metrics_listener'): string[] {
  const tls = web(config).workhorseTls;
  if (!tls || (section === 'metrics_listener' && !tls.metrics)) return [];
  return [`[${section}.tls]`, `certificate = "${RAILS_PATHS.secrets}/${PATHS.workhorseCert}"`, `key = "${RAILS_PATHS.secrets}/${PATHS.workhorseKey}"`];
}

/** The files Workhorse's `configure` copies into its own secrets volume, while it serves TLS. */
export const workhorseTlsCopies = (config: ResolvedConfig): string[] => (web(config).workhorseTls ? [PATHS.workhorseCert, PATHS.workhorseKey] : []);

/** Scheme of Workhorse's listener (the Service port names and the clients' URLs follow it). */
export const workhorseScheme = (config: Pick<ResolvedConfig, 'components'>): 'http' | 'https' =>
  (config.components.webservice?.workhorseTls ? 'https' : 'http');

/**
 * NGINX annotations of the GitLab host while Workhorse serves TLS: HTTPS to the backend and, with `verify`, the
 * certificate checked against the Service's in-cluster name (with the CA of `caSecretName`).
 */
export function workhorseTlsNginxAnnotations(config: ResolvedConfig, service: string): Record<string, string> {
  const tls = web(config).workhorseTls;
  return tls ? nginxHttpsBackend(tls, `${service}.${config.namespace}.svc`, config.namespace) : {};
}
