import { describe, expect, it } from 'vitest';
import { checkRestrictedPod, PodSecurityViolation, restrictedViolations } from '../support/pod-security';

/** The restricted-profile checker itself: a compliant pod passes, and each kind of bad pod is caught. */

const secureContainer = (name: string) => ({
  name,
  image: 'registry.example.com/app:1.0',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
});
const securePod = (): any => ({
  securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
  initContainers: [secureContainer('configure')],
  containers: [secureContainer('app')],
  volumes: [{ name: 'config', configMap: { name: 'c' } }, { name: 'tmp', emptyDir: {} }, { name: 's', projected: { sources: [] } }],
});
const checks = (vs: PodSecurityViolation[]) => vs.map((x) => `${x.check}:${x.container ?? '(pod)'}`);

describe('restricted Pod Security checker', () => {
  it('passes a pod that sets everything the profile asks for', () => {
    expect(checkRestrictedPod(securePod())).toEqual([]);
  });

  it('passes per-container runAsNonRoot and seccomp instead of pod-level ones', () => {
    const pod = securePod();
    pod.securityContext = {};
    for (const c of [...pod.initContainers, ...pod.containers]) Object.assign(c.securityContext, { runAsNonRoot: true, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } });
    expect(checkRestrictedPod(pod)).toEqual([]);
  });

  it('flags a pod with no security context at all, per container, init containers included', () => {
    const pod = { containers: [{ name: 'app' }], initContainers: [{ name: 'init' }] };
    expect(checks(checkRestrictedPod(pod)).sort()).toEqual([
      'allowPrivilegeEscalation:app', 'allowPrivilegeEscalation:init', 'capabilities:app', 'capabilities:init',
      'runAsNonRoot:app', 'runAsNonRoot:init', 'seccompProfile:app', 'seccompProfile:init',
    ]);
  });

  it('flags privileged containers, root users and added capabilities', () => {
    const pod = securePod();
    Object.assign(pod.containers[0].securityContext, { privileged: true, runAsUser: 0, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'NET_ADMIN', 'CHOWN'] } });
    expect(checkRestrictedPod(pod).map((x) => x.message)).toEqual([
      'privileged containers are not allowed',
      'runAsUser must not be 0',
      'capability NET_ADMIN must not be added (not even baseline allows it)',
      'capability CHOWN must not be added (only NET_BIND_SERVICE may be added)',
    ]);
  });

  it('flags a container that opts out of the pod-level runAsNonRoot or seccomp profile', () => {
    const pod = securePod();
    Object.assign(pod.initContainers[0].securityContext, { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } });
    expect(checks(checkRestrictedPod(pod))).toEqual(['runAsNonRoot:configure', 'seccompProfile:configure']);
  });

  it('flags host namespaces, host ports, hostPath and non-restricted volume types', () => {
    const pod = securePod();
    Object.assign(pod, { hostNetwork: true, hostPID: true });
    pod.containers[0].ports = [{ containerPort: 80, hostPort: 80 }];
    pod.volumes.push({ name: 'root', hostPath: { path: '/' } }, { name: 'nfs', nfs: { server: 'x', path: '/' } });
    expect(checks(checkRestrictedPod(pod))).toEqual([
      'hostNamespaces:(pod)', 'hostNamespaces:(pod)', 'hostPathVolumes:(pod)', 'hostPorts:app', 'volumeTypes:(pod)', 'volumeTypes:(pod)',
    ]);
  });

  it('flags unsafe sysctls, unconfined AppArmor, custom SELinux types, procMount and host probes', () => {
    const pod = securePod();
    pod.securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'kernel.msgmax', value: '1' }];
    pod.securityContext.appArmorProfile = { type: 'Unconfined' };
    Object.assign(pod.containers[0].securityContext, { seLinuxOptions: { type: 'spc_t', user: 'system_u' }, procMount: 'Unmasked' });
    pod.containers[0].livenessProbe = { httpGet: { host: '10.0.0.1', port: 80, path: '/' } };
    expect(checkRestrictedPod(pod, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }).map((x) => x.message)).toEqual([
      'livenessProbe must not target host "10.0.0.1"',
      'AppArmor profile "Unconfined" is not allowed',
      'AppArmor profile "unconfined" is not allowed',
      'SELinux type "spc_t" is not allowed',
      'SELinux user must not be set',
      'procMount "Unmasked" is not allowed',
      'sysctl "kernel.msgmax" is not in the safe set',
    ]);
  });

  it('reports each pod of each workload kind with its kind, name, container and field path', () => {
    const bad = { containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, privileged: true } }] };
    const template = { metadata: {}, spec: bad };
    const objects = [
      { kind: 'Deployment', metadata: { name: 'd' }, spec: { template } },
      { kind: 'StatefulSet', metadata: { name: 's' }, spec: { template } },
      { kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { template } },
      { kind: 'Job', metadata: { name: 'j' }, spec: { template } },
      { kind: 'CronJob', metadata: { name: 'cj' }, spec: { jobTemplate: { spec: { template } } } },
      { kind: 'Pod', metadata: { name: 'p' }, spec: bad },
      { kind: 'ConfigMap', metadata: { name: 'ignored' }, data: {} },
    ];
    expect(restrictedViolations(objects)).toEqual([
      'Deployment/d container "app": privileged containers are not allowed (spec.template.spec.containers[0].securityContext.privileged)',
      'StatefulSet/s container "app": privileged containers are not allowed (spec.template.spec.containers[0].securityContext.privileged)',
      'DaemonSet/ds container "app": privileged containers are not allowed (spec.template.spec.containers[0].securityContext.privileged)',
      'Job/j container "app": privileged containers are not allowed (spec.template.spec.containers[0].securityContext.privileged)',
      'CronJob/cj container "app": privileged containers are not allowed (spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged)',
      'Pod/p container "app": privileged containers are not allowed (spec.containers[0].securityContext.privileged)',
    ]);
  });
});
