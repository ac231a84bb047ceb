import { PropsBuilder } from './builder';

/**
 * `gitlab.gitlab-shell.traefik.*`: the chart reads these only with `global.ingress.provider: traefik`, for the Traefik
 * IngressRouteTCP that carries SSH to gitlab-shell. gitlab-iac leaves Traefik and its custom resources to the
 * cluster: without that provider the keys do nothing in the chart either (accepted by the key table); with it, each
 * set key gets a warning saying how SSH reaches gitlab-shell instead.
 */
export function readTraefikShell(b: PropsBuilder): void {
  if (b.values.peek('global.ingress.provider') !== 'traefik') return;
  b.values.noEffect('gitlab.gitlab-shell.traefik',
    'nothing here: gitlab-iac does not create the Traefik IngressRouteTCP the chart would route SSH with',
    'expose SSH with gitlab.gitlab-shell.service.type LoadBalancer (or NodePort), or create an IngressRouteTCP to the Service <release>-gitlab-shell on port 22 yourself');
}
