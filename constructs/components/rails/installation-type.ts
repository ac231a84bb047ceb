/**
 * `installation_type`, mounted at `/srv/gitlab/INSTALLATION_TYPE` and reported by Service Ping. It keeps the
 * chart's value: the pods run the chart's images with the chart's configuration contract.
 */
export function installationType(): string {
  return 'gitlab-helm-chart\n';
}
