/**
 * TLS inside the webservice pods (the chart's `gitlab.webservice.tls`, `global.workhorse.tls` and
 * `gitlab.webservice.workhorse.tls`); re-exported on `WebserviceOptions`. TLS at the Ingress is `ingress.tls`.
 */

/**
 * Puma serving HTTPS itself on port 8081 (the Service's `https-ws`), beside its plain HTTP port 8080 that Workhorse
 * calls over localhost; by default Puma's metrics exporter (8083) serves TLS with the same certificate.
 */
export interface PumaTlsOptions {
  /**
   * A kubernetes.io/tls Secret (`tls.crt`, `tls.key`) whose certificate names the webservice Services' in-cluster DNS
   * names (`<release>-webservice-<deployment>.<namespace>.svc`). `gitlab-iac secrets` lists it as an external
   * credential unless cert-manager issues it (e.g. it is also the Ingress' Secret under a cert-manager annotation).
   * @default `<release>-webservice-tls`
   */
  readonly secretName?: string;
  /**
   * Serve Puma's metrics exporter (8083) over HTTPS too (the chart's `metrics.tls.enabled`, which follows
   * `tls.enabled`): scrape annotations and ServiceMonitors then scrape with `https`.
   * @default true
   */
  readonly metrics?: boolean;
  /** The metrics exporter's kubernetes.io/tls Secret (the chart's `metrics.tls.secretName`). @default `secretName` */
  readonly metricsSecretName?: string;
}

/**
 * Workhorse serving TLS on its port 8181 (the chart's `global.workhorse.tls.enabled`): the Ingress controller and
 * every in-cluster client (gitlab-shell, Gitaly hooks, KAS, Pages, Mailroom) then call `https://`.
 */
export interface WorkhorseTlsOptions {
  /**
   * A kubernetes.io/tls Secret whose certificate names every webservice Service's in-cluster DNS name
   * (`<release>-webservice-<deployment>.<namespace>.svc`: several SANs or a wildcard). Its `tls.crt` joins every
   * pod's trust store, so the in-cluster clients trust a self-signed one.
   * @default `<release>-workhorse-tls`
   */
  readonly secretName?: string;
  /**
   * NGINX verifies Workhorse's certificate (`proxy-ssl-verify`, against `<service>.<namespace>.svc`). Chart 9.9.1
   * verifies only when this is set to true. Needs `caSecretName` unless the controller's default CAs trust the issuer.
   * @default false
   */
  readonly verify?: boolean;
  /**
   * A Secret with only a `ca.crt` key (not a kubernetes.io/tls one): the CA NGINX verifies Workhorse with
   * (`proxy-ssl-secret`); its `ca.crt` also joins every pod's trust store. Only with `verify`.
   * @default none
   */
  readonly caSecretName?: string;
  /**
   * Serve Workhorse's metrics listener (9229, on while a ServiceMonitor scrapes it) over TLS with the same certificate
   * (the chart's `workhorse.monitoring.exporter.tls.enabled`, which follows `global.workhorse.tls.enabled`).
   * @default true
   */
  readonly metrics?: boolean;
}
