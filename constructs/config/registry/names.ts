/**
 * The lists of names the registry's tuning settings are built from, each written once: the props types, the checks
 * and the resolution derive from these arrays.
 */

/** The registry's log levels (`components.registry.log.level`, the chart's `registry.log.level`). */
export const REGISTRY_LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type RegistryLogLevel = typeof REGISTRY_LOG_LEVELS[number];

/** Formats of the registry's log (`log.formatter`). */
export const REGISTRY_LOG_FORMATTERS = ['text', 'json', 'logstash'] as const;
export type RegistryLogFormatter = typeof REGISTRY_LOG_FORMATTERS[number];

/** Formats of the registry's access log (`log.accessLog.formatter`). */
export const REGISTRY_ACCESS_LOG_FORMATTERS = ['text', 'json', 'combined'] as const;
export type RegistryAccessLogFormatter = typeof REGISTRY_ACCESS_LOG_FORMATTERS[number];

/** TLS versions the registry takes as its lowest (`components.registry.tls.minimumTLS`, the chart's `registry.tls.minimumTLS`). */
export const REGISTRY_TLS_VERSIONS = ['tls1.2', 'tls1.3', 'tls1.1', 'tls1.0'] as const;
export type RegistryTlsVersion = typeof REGISTRY_TLS_VERSIONS[number];
