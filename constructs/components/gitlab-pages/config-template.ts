import { ResolvedConfig } from '../../config/resolved';
import { PlatformEndpoints } from '../../lib/endpoints';

/** Ports the Pages daemon listens on (contract §3.11). */
export const PAGES_PORTS = {
  /** Behind the Ingress: the `listen-proxy` listener (trusts X-Forwarded-*); with custom domains, plain HTTP. */
  proxy: 8090,
  /** Plain HTTP for the kubelet's readiness probe (`listen-http`). */
  http: 9090,
  /** HTTPS for custom domains (`listen-https`), Pages terminating TLS. */
  https: 8091,
  metrics: 9235,
} as const;

/** Where the configure step puts the Pages secrets, read by the rendered configuration. */
export const PAGES_SECRETS_DIR = '/etc/gitlab-secrets/pages';
export const PAGES_STATUS_PATH = '/-/readiness';

const readSecret = (file: string) => `{% file.Read "${PAGES_SECRETS_DIR}/${file}" | strings.TrimSpace %}`;

/**
 * `config.tpl`: the Pages daemon's flags, one `name=value` per line, rendered by gomplate in the image into
 * `/etc/gitlab-pages/config`. Access-control secrets are read from the pod's secret files at render time.
 */
export function pagesConfigTemplate(config: ResolvedConfig, endpoints: PlatformEndpoints): string {
  const pages = config.components.gitlabPages!;
  const host = config.hosts.pages.name;
  const custom = pages.customDomains;
  const lines: string[] = [];
  if (!custom) {
    lines.push(`listen-proxy=:${PAGES_PORTS.proxy}`, `listen-http=:${PAGES_PORTS.http}`);
  } else {
    lines.push(`listen-${custom.httpProxy ? 'proxy' : 'http'}=:${custom.http ? PAGES_PORTS.proxy : PAGES_PORTS.http}`);
    if (custom.https) {
      lines.push(
        `listen-https${custom.proxyProtocolV2 ? '-proxyv2' : ''}=:${PAGES_PORTS.https}`,
        `root-cert=${PAGES_SECRETS_DIR}/${host}.crt`,
        `root-key=${PAGES_SECRETS_DIR}/${host}.key`,
      );
    }
  }
  const workhorse = endpoints.webservice.workhorseUrl;
  lines.push(
    `pages-domain=${host}`,
    'pages-root=/srv/gitlab-pages',
    'log-format=json',
    'log-verbose=false',
    'redirect-http=false',
    'insecure-ciphers=false',
    `artifacts-server=${workhorse}/api/v4`,
    'artifacts-server-timeout=10',
    `gitlab-server=${config.hosts.gitlab.url}`,
    `internal-gitlab-server=${workhorse}`,
    `api-secret-key=${PAGES_SECRETS_DIR}/secret`,
    `metrics-address=:${PAGES_PORTS.metrics}`,
    `pages-status=${PAGES_STATUS_PATH}`,
  );
  if (pages.accessControl) {
    lines.push(
      `auth-redirect-uri=${pages.authRedirectUri}`,
      `auth-client-id=${readSecret('gitlab_appid')}`,
      `auth-client-secret=${readSecret('gitlab_appsecret')}`,
      `auth-secret=${readSecret('auth_secret')}`,
      `auth-scope=${pages.authScope}`,
    );
  }
  if (pages.namespaceInPath) lines.push('namespace-in-path=true');
  return lines.join('\n') + '\n';
}
