/**
 * The Pod Security Standards' restricted profile (which includes baseline), as the `pod-security.kubernetes.io`
 * admission plugin evaluates it at version `latest` (Kubernetes 1.36): one function per control, each returning
 * the violations with the container they are in.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

/** One failed control. */
export interface PodSecurityViolation {
  /** The control, e.g. `runAsNonRoot` or `capabilities`. */
  readonly check: string;
  /** Container name (init and ephemeral containers included); absent for pod-level problems. */
  readonly container?: string;
  /** Path of the offending field inside the pod spec (or `metadata.annotations[...]`). */
  readonly field: string;
  readonly message: string;
}

type Any = Record<string, any>;
type Container = Any & { name: string; securityContext?: Any };
interface PodView {
  readonly metadata: Any;
  readonly spec: Any;
  /** `[path, container]` for every init, regular and ephemeral container. */
  readonly containers: readonly (readonly [string, Container])[];
}

/** Capabilities baseline lets a container add (restricted narrows it to NET_BIND_SERVICE). */
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const SECURE_SECCOMP = new Set(['RuntimeDefault', 'Localhost']);

type Control = (pod: PodView) => PodSecurityViolation[];

const v = (check: string, field: string, message: string, container?: string): PodSecurityViolation =>
  ({ check, field, message, ...(container !== undefined ? { container } : {}) });

/** Each container with its security context; the pod-level one separately. */
const perContainer = (pod: PodView, fn: (c: Container, path: string, sc: Any) => PodSecurityViolation[]) =>
  pod.containers.flatMap(([path, c]) => fn(c, path, c.securityContext ?? {}));

// Baseline ------------------------------------------------------------------------------------------------------

const hostProcess: Control = (pod) => [
  ...(pod.spec.securityContext?.windowsOptions?.hostProcess ? [v('hostProcess', 'securityContext.windowsOptions.hostProcess', 'HostProcess pods are not allowed')] : []),
  ...perContainer(pod, (c, p, sc) => (sc.windowsOptions?.hostProcess ? [v('hostProcess', `${p}.securityContext.windowsOptions.hostProcess`, 'HostProcess containers are not allowed', c.name)] : [])),
];

const hostNamespaces: Control = (pod) => (['hostNetwork', 'hostPID', 'hostIPC'] as const)
  .filter((k) => pod.spec[k] === true).map((k) => v('hostNamespaces', k, `${k} must not be true`));

const privileged: Control = (pod) => perContainer(pod, (c, p, sc) =>
  (sc.privileged ? [v('privileged', `${p}.securityContext.privileged`, 'privileged containers are not allowed', c.name)] : []));

const hostPathVolumes: Control = (pod) => (pod.spec.volumes ?? []).flatMap((vol: Any, i: number) =>
  (vol.hostPath ? [v('hostPathVolumes', `volumes[${i}].hostPath`, `hostPath volume "${vol.name}" is not allowed`)] : []));

const hostPorts: Control = (pod) => perContainer(pod, (c, p) => (c.ports ?? []).flatMap((port: Any, i: number) =>
  (port.hostPort ? [v('hostPorts', `${p}.ports[${i}].hostPort`, `hostPort ${port.hostPort} is not allowed`, c.name)] : [])));

const hostProbes: Control = (pod) => perContainer(pod, (c, p) => {
  const handlers: [string, Any | undefined][] = [
    ['livenessProbe', c.livenessProbe], ['readinessProbe', c.readinessProbe], ['startupProbe', c.startupProbe],
    ['lifecycle.postStart', c.lifecycle?.postStart], ['lifecycle.preStop', c.lifecycle?.preStop],
  ];
  return handlers.flatMap(([name, h]) => (['httpGet', 'tcpSocket'] as const)
    .filter((kind) => h?.[kind]?.host)
    .map((kind) => v('hostProbesAndLifecycleHooks', `${p}.${name}.${kind}.host`, `${name} must not target host "${h![kind].host}"`, c.name)));
});

const appArmor: Control = (pod) => {
  const bad = (t: unknown) => t !== undefined && t !== 'RuntimeDefault' && t !== 'Localhost';
  const out: PodSecurityViolation[] = [];
  if (bad(pod.spec.securityContext?.appArmorProfile?.type)) {
    out.push(v('appArmor', 'securityContext.appArmorProfile.type', `AppArmor profile "${pod.spec.securityContext.appArmorProfile.type}" is not allowed`));
  }
  out.push(...perContainer(pod, (c, p, sc) => (bad(sc.appArmorProfile?.type)
    ? [v('appArmor', `${p}.securityContext.appArmorProfile.type`, `AppArmor profile "${sc.appArmorProfile.type}" is not allowed`, c.name)] : [])));
  for (const [key, value] of Object.entries((pod.metadata.annotations ?? {}) as Record<string, string>)) {
    const prefix = 'container.apparmor.security.beta.kubernetes.io/';
    if (key.startsWith(prefix) && value !== 'runtime/default' && !value.startsWith('localhost/')) {
      out.push(v('appArmor', `metadata.annotations[${JSON.stringify(key)}]`, `AppArmor profile "${value}" is not allowed`, key.slice(prefix.length)));
    }
  }
  return out;
};

const seLinux: Control = (pod) => {
  const check = (o: Any | undefined, path: string, container?: string) => {
    if (!o) return [];
    const out: PodSecurityViolation[] = [];
    if (o.type !== undefined && !SELINUX_TYPES.has(o.type)) out.push(v('seLinux', `${path}.type`, `SELinux type "${o.type}" is not allowed`, container));
    for (const k of ['user', 'role']) if (o[k]) out.push(v('seLinux', `${path}.${k}`, `SELinux ${k} must not be set`, container));
    return out;
  };
  return [
    ...check(pod.spec.securityContext?.seLinuxOptions, 'securityContext.seLinuxOptions'),
    ...perContainer(pod, (c, p, sc) => check(sc.seLinuxOptions, `${p}.securityContext.seLinuxOptions`, c.name)),
  ];
};

const procMount: Control = (pod) => perContainer(pod, (c, p, sc) => (sc.procMount !== undefined && sc.procMount !== 'Default'
  ? [v('procMount', `${p}.securityContext.procMount`, `procMount "${sc.procMount}" is not allowed`, c.name)] : []));

const sysctls: Control = (pod) => (pod.spec.securityContext?.sysctls ?? []).flatMap((s: Any, i: number) =>
  (SAFE_SYSCTLS.has(s.name) ? [] : [v('sysctls', `securityContext.sysctls[${i}]`, `sysctl "${s.name}" is not in the safe set`)]));

// Restricted ----------------------------------------------------------------------------------------------------

const volumeTypes: Control = (pod) => (pod.spec.volumes ?? []).flatMap((vol: Any, i: number) => {
  const types = Object.keys(vol).filter((k) => k !== 'name');
  return types.filter((t) => !RESTRICTED_VOLUMES.has(t))
    .map((t) => v('volumeTypes', `volumes[${i}].${t}`, `volume "${vol.name}" of type ${t} is not allowed`));
});

const allowPrivilegeEscalation: Control = (pod) => perContainer(pod, (c, p, sc) => (sc.allowPrivilegeEscalation === false ? []
  : [v('allowPrivilegeEscalation', `${p}.securityContext.allowPrivilegeEscalation`, 'allowPrivilegeEscalation must be false', c.name)]));

const runAsNonRoot: Control = (pod) => {
  const podLevel = pod.spec.securityContext?.runAsNonRoot;
  const out: PodSecurityViolation[] = [];
  if (podLevel === false) out.push(v('runAsNonRoot', 'securityContext.runAsNonRoot', 'runAsNonRoot must not be false'));
  out.push(...perContainer(pod, (c, p, sc) => {
    if (sc.runAsNonRoot === false) return [v('runAsNonRoot', `${p}.securityContext.runAsNonRoot`, 'runAsNonRoot must not be false', c.name)];
    if (sc.runAsNonRoot !== true && podLevel !== true) {
      return [v('runAsNonRoot', `${p}.securityContext.runAsNonRoot`, 'runAsNonRoot must be true (on the pod or on every container)', c.name)];
    }
    return [];
  }));
  return out;
};

const runAsUser: Control = (pod) => [
  ...(pod.spec.securityContext?.runAsUser === 0 ? [v('runAsUser', 'securityContext.runAsUser', 'runAsUser must not be 0')] : []),
  ...perContainer(pod, (c, p, sc) => (sc.runAsUser === 0 ? [v('runAsUser', `${p}.securityContext.runAsUser`, 'runAsUser must not be 0', c.name)] : [])),
];

const seccomp: Control = (pod) => {
  const podType = pod.spec.securityContext?.seccompProfile?.type;
  const out: PodSecurityViolation[] = [];
  if (podType !== undefined && !SECURE_SECCOMP.has(podType)) {
    out.push(v('seccompProfile', 'securityContext.seccompProfile.type', `seccomp profile "${podType}" is not allowed`));
  }
  out.push(...perContainer(pod, (c, p, sc) => {
    const type = sc.seccompProfile?.type;
    if (type !== undefined && !SECURE_SECCOMP.has(type)) return [v('seccompProfile', `${p}.securityContext.seccompProfile.type`, `seccomp profile "${type}" is not allowed`, c.name)];
    if (type === undefined && !SECURE_SECCOMP.has(podType ?? '')) {
      return [v('seccompProfile', `${p}.securityContext.seccompProfile.type`, 'seccompProfile must be RuntimeDefault or Localhost (on the pod or on every container)', c.name)];
    }
    return [];
  }));
  return out;
};

const capabilities: Control = (pod) => perContainer(pod, (c, p, sc) => {
  const out: PodSecurityViolation[] = [];
  const drop: string[] = sc.capabilities?.drop ?? [];
  if (!drop.includes('ALL')) out.push(v('capabilities', `${p}.securityContext.capabilities.drop`, 'capabilities must drop ALL', c.name));
  for (const cap of (sc.capabilities?.add ?? []) as string[]) {
    if (cap !== 'NET_BIND_SERVICE') {
      const why = BASELINE_CAPABILITIES.has(cap) ? 'only NET_BIND_SERVICE may be added' : 'not even baseline allows it';
      out.push(v('capabilities', `${p}.securityContext.capabilities.add`, `capability ${cap} must not be added (${why})`, c.name));
    }
  }
  return out;
});

/** Every control of the restricted profile, baseline's first. */
export const RESTRICTED_CONTROLS: Readonly<Record<string, Control>> = {
  hostProcess, hostNamespaces, privileged, hostPathVolumes, hostPorts, hostProbes, appArmor, seLinux, procMount, sysctls,
  volumeTypes, allowPrivilegeEscalation, runAsNonRoot, runAsUser, seccomp, capabilities,
};

/** Checks one pod (its `spec` and `metadata`) against the restricted profile. */
export function checkRestrictedPod(spec: Any, metadata: Any = {}): PodSecurityViolation[] {
  const containers: [string, Container][] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    (spec[list] ?? []).forEach((c: Container, i: number) => containers.push([`${list}[${i}]`, c]));
  }
  const pod: PodView = { metadata, spec, containers };
  return Object.values(RESTRICTED_CONTROLS).flatMap((control) => control(pod));
}

/** The pod template of a workload (or the pod itself), with its path in the object; undefined for other kinds. */
export function podTemplateOf(obj: Any): { readonly path: string; readonly metadata: Any; readonly spec: Any } | undefined {
  switch (obj.kind) {
    case 'Pod': return { path: 'spec', metadata: obj.metadata ?? {}, spec: obj.spec ?? {} };
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job':
      return { path: 'spec.template.spec', metadata: obj.spec?.template?.metadata ?? {}, spec: obj.spec?.template?.spec ?? {} };
    case 'CronJob':
      return { path: 'spec.jobTemplate.spec.template.spec', metadata: obj.spec?.jobTemplate?.spec?.template?.metadata ?? {}, spec: obj.spec?.jobTemplate?.spec?.template?.spec ?? {} };
    default: return undefined;
  }
}

/**
 * Restricted-profile violations of every pod among the objects, one line each:
 * `Deployment/gitlab-webservice-default container "webservice": runAsNonRoot must be true (...) at spec.template.spec.containers[0]...`.
 */
export function restrictedViolations(objects: readonly Any[]): string[] {
  return objects.flatMap((obj) => {
    const pod = podTemplateOf(obj);
    if (!pod) return [];
    return checkRestrictedPod(pod.spec, pod.metadata).map((x) =>
      `${obj.kind}/${obj.metadata?.name}${x.container !== undefined ? ` container "${x.container}"` : ''}: ${x.message} (${x.field.startsWith('metadata.') ? x.field : `${pod.path}.${x.field}`})`);
  });
}
