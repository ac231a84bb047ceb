import { stringify } from 'smol-toml';
import { Resources, Toleration } from '../../config/types';
import { ResolvedRunner } from './resolve';
import { mergeRunnerSettings } from './runner-config';

/** Port of the runner's Prometheus endpoint (`listen_address`). */
export const METRICS_PORT = 9252;

/**
 * The global part of `config.toml` (no `[[runners]]`): the entrypoint copies it into the in-memory config
 * directory, then `gitlab-runner register` appends the runner section merged from the template with the URL
 * and the token it reads from the environment.
 */
export function globalConfigToml(r: ResolvedRunner): string {
  return stringify({
    concurrent: r.concurrent,
    check_interval: r.checkIntervalSeconds,
    shutdown_timeout: r.shutdownTimeoutSeconds,
    log_level: r.logLevel,
    ...(r.logFormat ? { log_format: r.logFormat } : {}),
    ...(r.metrics ? { listen_address: `:${METRICS_PORT}` } : {}),
  });
}

/**
 * `config.template.toml`: the `[[runners]]` section without url, token or executor (`register` fills those
 * in), with the user's `runnerConfig` merged in. It carries no secret: cache keys, like the token, arrive through
 * the environment at start.
 */
export function runnerTemplateToml(r: ResolvedRunner): string {
  const j = r.jobs;
  const restricted = {
    run_as_non_root: true,
    run_as_user: j.uid,
    run_as_group: j.gid,
    allow_privilege_escalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    ...(r.nativeSeccomp ? { seccomp_profile: { type: 'RuntimeDefault' } } : {}),
  };
  // docker-in-docker: the build and service (docker:dind) containers run privileged as the image's user (root);
  // the helper and init-permissions containers stay restricted, and the pod keeps fsGroup and seccomp.
  const privileged = { privileged: true, allow_privilege_escalation: true };
  const kubernetes: Record<string, unknown> = {
    namespace: j.namespace,
    service_account: j.serviceAccountName,
    image: j.image,
    privileged: j.privileged,
    allow_privilege_escalation: j.privileged,
    poll_interval: j.pollIntervalSeconds,
    poll_timeout: j.pollTimeoutSeconds,
    ...resourceKeys('', j.resources.build),
    ...resourceKeys('helper_', j.resources.helper),
    ...resourceKeys('service_', j.resources.service),
    ...(j.imagePullSecrets.length ? { image_pull_secrets: [...j.imagePullSecrets] } : {}),
    pod_labels: sortedRecord(j.podLabels),
    ...(Object.keys(j.podAnnotations).length ? { pod_annotations: sortedRecord(j.podAnnotations) } : {}),
    ...(Object.keys(j.nodeSelector).length ? { node_selector: sortedRecord(j.nodeSelector) } : {}),
    ...(j.tolerations.length ? { node_tolerations: nodeTolerations(j.tolerations) } : {}),
    pod_security_context: {
      ...(j.privileged ? {} : { run_as_non_root: true, run_as_user: j.uid, run_as_group: j.gid }),
      fs_group: j.fsGroup,
      ...(r.nativeSeccomp ? { seccomp_profile: { type: 'RuntimeDefault' } } : {}),
    },
    init_permissions_container_security_context: restricted,
    build_container_security_context: j.privileged ? privileged : restricted,
    helper_container_security_context: restricted,
    service_container_security_context: j.privileged ? privileged : restricted,
    // Runners before 18.11 cannot name a seccomp profile: patch the pod spec instead (needs the feature flag below).
    ...(r.nativeSeccomp ? {} : {
      pod_spec: [{ name: 'restricted-seccomp', patch_type: 'strategic', patch: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault\n' }],
    }),
  };
  const runner: Record<string, unknown> = {
    name: r.displayName,
    ...(r.limit !== undefined ? { limit: r.limit } : {}),
    ...(r.requestConcurrency !== undefined ? { request_concurrency: r.requestConcurrency } : {}),
    ...(r.nativeSeccomp ? {} : { feature_flags: { FF_USE_ADVANCED_POD_SPEC_CONFIGURATION: true } }),
    kubernetes,
    ...(r.cache ? { cache: r.cache.section } : {}),
  };
  return stringify({ runners: [mergeRunnerSettings(runner, r.runnerConfig)] });
}

/** `Resources` to the runner's flat keys: `cpu_request`, `helper_memory_limit`, ... */
function resourceKeys(prefix: string, r: Resources): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [kind, list] of [['request', r.requests], ['limit', r.limits]] as const) {
    for (const [resource, value] of Object.entries(list ?? {})) {
      if (value !== undefined) out[`${prefix}${resource.replace('-', '_')}_${kind}`] = value;
    }
  }
  return sortedRecord(out);
}

/** Kubernetes tolerations to the runner's `node_tolerations` table: `"key=value" = "effect"`, `"key" = "effect"` for Exists. */
function nodeTolerations(tolerations: readonly Toleration[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tolerations) {
    const key = t.operator === 'Exists' || t.value === undefined ? (t.key ?? '') : `${t.key}=${t.value}`;
    out[key] = t.effect ?? '';
  }
  return sortedRecord(out);
}

const sortedRecord = <T>(r: Readonly<Record<string, T>>): Record<string, T> =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
