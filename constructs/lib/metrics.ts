/**
 * Pod annotations that let Prometheus find a component's metrics endpoint: both the `gitlab.com/` keys GitLab's
 * own scrape configs use and the conventional `prometheus.io/` keys, as the chart writes them.
 */
export function prometheusAnnotations(port: number | string, path = '/metrics'): Record<string, string> {
  const p = String(port);
  return {
    'gitlab.com/prometheus_scrape': 'true', 'gitlab.com/prometheus_port': p, 'gitlab.com/prometheus_path': path,
    'prometheus.io/scrape': 'true', 'prometheus.io/port': p, 'prometheus.io/path': path,
  };
}
