import { ResolvedConfig } from '../config/resolved';
import { GitalyEndpoints, gitalyEndpoints, PraefectEndpoints } from './gitaly-endpoints';

/**
 * Names and in-cluster addresses of the platform's Services, computed once so that a component and its
 * clients never rebuild a name by string.
 */
export interface PlatformEndpoints {
  readonly webservice: { readonly service: string; readonly workhorseUrl: string; readonly pumaPort: number; readonly workhorsePort: number };
  readonly gitaly: GitalyEndpoints;
  /** Present while Praefect runs. */
  readonly praefect?: PraefectEndpoints;
  readonly gitlabShell: { readonly service: string; readonly port: number };
  readonly kas: { readonly service: string; readonly internalUrl: string; readonly privateApiHost: string };
  readonly registry: { readonly service: string; readonly apiUrl: string; readonly port: number };
  readonly gitlabExporter: { readonly service: string; readonly port: number };
}

export function platformEndpoints(config: ResolvedConfig): PlatformEndpoints {
  const r = config.release;
  const svc = (name: string) => `${name}.${config.namespace}.svc`;
  // The Deployment the other components call (the chart's `global.workhorse.serviceName`).
  const web = `${r}-webservice-${config.components.webservice?.internalDeployment ?? 'default'}`;
  return {
    // Workhorse serving TLS (`components.webservice.workhorseTls`): every client calls https.
    webservice: { service: web, workhorseUrl: `${config.components.webservice?.workhorseTls ? 'https' : 'http'}://${svc(web)}:8181`, pumaPort: 8080, workhorsePort: 8181 },
    ...gitalyEndpoints(config),
    // The SSH Service listens on the port users clone from (the chart's global.shell.port).
    gitlabShell: { service: `${r}-gitlab-shell`, port: config.hosts.ssh.port },
    kas: { service: `${r}-kas`, internalUrl: `grpc://${svc(`${r}-kas`)}:8153`, privateApiHost: svc(`${r}-kas`) },
    // With the registry's own TLS its clients call it over HTTPS (the chart's api_url with global.hosts.registry.protocol: https).
    registry: { service: `${r}-registry`, apiUrl: `${config.components.registry?.tls ? 'https' : 'http'}://${svc(`${r}-registry`)}:5000`, port: 5000 },
    gitlabExporter: { service: `${r}-gitlab-exporter`, port: 9168 },
  };
}
