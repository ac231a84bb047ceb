import * as k8s from './k8s';

/**
 * Restricted Pod Security Standard for every pod: non-root, RuntimeDefault seccomp, no privilege escalation,
 * every capability dropped. `fsGroup` is load-bearing: projected secret files are 0400/0440 root-owned and the
 * group bit is what lets the CNG processes read them.
 */
export function podSecurityContext(uid = 1000, gid = uid): k8s.PodSecurityContext {
  return {
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup: gid,
    fsGroupChangePolicy: 'OnRootMismatch',
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function containerSecurityContext(uid = 1000, gid = uid): k8s.SecurityContext {
  return {
    runAsUser: uid,
    runAsGroup: gid,
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
