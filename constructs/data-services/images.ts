/**
 * Pinned images of the in-cluster data services. Tags are exact releases (never `latest`), so a synth today and
 * a synth next year run the same servers.
 */
export const DATA_SERVICE_IMAGES = {
  /** PostgreSQL 17 (GitLab 18.9 supports 16 and 17), CloudNativePG's operand image with the contrib extensions. */
  postgres: 'ghcr.io/cloudnative-pg/postgresql:17.6',
  /** Valkey 8.1, a Redis-compatible server GitLab supports. Runs as uid 999. */
  valkey: 'docker.io/valkey/valkey:8.1.4-alpine',
  /** Prometheus exporter of Valkey/Redis metrics (the metrics sidecar). */
  valkeyExporter: 'docker.io/oliver006/redis_exporter:v1.67.0-alpine',
  /** Garage 2.1 (admin API v2), S3-compatible object storage; the image holds only `/garage` (FROM scratch). */
  garage: 'docker.io/dxflrs/garage:v2.1.0',
  /** curl with busybox `sh`: the Garage bootstrap Job drives Garage's admin API with it. Runs as uid 100. */
  curl: 'docker.io/curlimages/curl:8.11.1',
} as const;

/** The CloudNativePG operator release the README installs (its CRDs are the ones the tests validate against). */
export const CNPG_OPERATOR_VERSION = '1.28.0';

/** Port of the Valkey metrics sidecar. */
export const VALKEY_EXPORTER_PORT = 9121;
