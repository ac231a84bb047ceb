import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { exposeHost } from '../../lib/ingress';
import { ComponentLabels } from '../../lib/labels';
import { PAGES_PORTS, PAGES_STATUS_PATH } from './config-template';

/**
 * Pages behind the platform's ingress: every site host `*.<pages host>` (or only `<pages host>` with
 * namespaceInPath) to the proxy port. TLS covers `<pages host>` and `*.<pages host>`: a wildcard certificate, so a
 * cert-manager issuer must solve DNS-01 challenges.
 */
export function pagesIngress(scope: Construct, config: ResolvedConfig, service: string, labels: ComponentLabels, port: number): void {
  exposeHost(scope, config, service, labels, {
    host: 'pages',
    wildcard: !config.components.gitlabPages!.namespaceInPath,
    paths: [{ path: '/', service, port }],
    healthCheck: { path: PAGES_STATUS_PATH, port: PAGES_PORTS.http },
    own: config.components.gitlabPages!.ingress,
  });
}
