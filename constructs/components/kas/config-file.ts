import { stringify } from 'yaml';
import { ResolvedConfig } from '../../config/resolved';
import { REDIS_SENTINEL_PASSWORD_PATH } from '../../lib/redis';

/** Ports kas serves: agents (websocket), the Rails-facing API, the Kubernetes API proxy, replicas, metrics. */
export const KAS_PORTS = {
  agent: 8150,
  observability: 8151,
  api: 8153,
  kubernetesApi: 8154,
  privateApi: 8155,
} as const;
/** Everything kas reads lives in this one projected directory (config and secret files). */
export const KAS_DIR = '/etc/kas';
/** The Kubernetes API proxy's path on the kas host. */
export const K8S_PROXY_PATH = '/k8s-proxy';

export interface KasConfigOptions {
  /** Rails internal API through Workhorse, e.g. `http://<web>:8181`. */
  readonly gitlabAddress: string;
}

/**
 * `config.yaml` (kas reads it as is: no template). Secrets are named by file; the kas binary reads them itself.
 * @see https://gitlab.com/gitlab-org/cluster-integration/gitlab-agent/-/blob/master/pkg/kascfg/kascfg_proto_docs.md
 */
export function kasConfigFile(config: ResolvedConfig, o: KasConfigOptions): string {
  const kasSecret = `${KAS_DIR}/.gitlab_kas_secret`;
  return stringify({
    agent: {
      listen: { address: `:${KAS_PORTS.agent}`, websocket: true },
      kubernetes_api: {
        listen: { address: `:${KAS_PORTS.kubernetesApi}` },
        url_path_prefix: K8S_PROXY_PATH,
        websocket_token_secret_file: `${KAS_DIR}/.gitlab_kas_websocket_token_secret`,
      },
    },
    gitlab: {
      address: o.gitlabAddress,
      external_url: config.hosts.gitlab.url,
      authentication_secret_file: kasSecret,
    },
    observability: {
      listen: { address: `:${KAS_PORTS.observability}` },
      liveness_probe: { url_path: '/liveness' },
      readiness_probe: { url_path: '/readiness' },
    },
    redis: kasRedis(config),
    api: { listen: { address: `:${KAS_PORTS.api}`, authentication_secret_file: kasSecret } },
    private_api: { listen: { address: `:${KAS_PORTS.privateApi}`, authentication_secret_file: `${KAS_DIR}/.gitlab_kas_private_api_secret` } },
  }, { lineWidth: 0 });
}

/**
 * kas's Redis: `redis.kas`, else `redis.sharedState`, else the global Redis (the chart's order); a server address
 * or the Sentinels and the master's name. Password files are named as the Rails pods name them.
 */
function kasRedis(config: ResolvedConfig) {
  const r = config.redis.forPurpose.kas;
  const sentinelPassword = r.sentinels && config.redis.sentinelPassword
    ? { sentinel_password_file: `${KAS_DIR}/${REDIS_SENTINEL_PASSWORD_PATH}` } : {};
  return {
    ...(r.user ? { username: r.user } : {}),
    ...(r.passwordPath ? { password_file: `${KAS_DIR}/${r.passwordPath}` } : {}),
    database_index: r.database,
    ...(r.sentinels
      ? { sentinel: { addresses: r.sentinels.map((s) => `${s.host}:${s.port}`), master_name: r.host, ...sentinelPassword } }
      : { server: { address: `${r.host}:${r.port}` } }),
    ...(r.scheme === 'rediss' ? { tls: { enabled: true } } : {}),
  };
}
