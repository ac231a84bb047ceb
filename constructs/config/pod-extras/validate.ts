import { any, bool, Check, join, list, num, obj, record, required, rule, str } from '../schema';
import { EXTRA_VOLUME_SOURCES } from './types';
import { PULL_POLICIES } from '../images/names';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const name = (what: string) => str({ pattern: DNS_LABEL, allowed: `a ${what} name (DNS label)`, fix: 'use lower-case letters, digits and "-"' });
const absolutePath = () => str({ pattern: /^\/[^\0]*$/, allowed: 'an absolute path', fix: 'start the path with "/"' });
const free = () => record(any());

const ALLOWED: readonly string[] = EXTRA_VOLUME_SOURCES;
const volumeFields = { name: required(name('volume')), ...Object.fromEntries(EXTRA_VOLUME_SOURCES.map((s) => [s, free()])) };

/** A volume with exactly one source the restricted Pod Security Standard allows (hostPath, nfs, ... are refused with why). */
const volume: Check = (value, path, issues) => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    obj(volumeFields)(value, path, issues);
    return;
  }
  const v = value as Record<string, unknown>;
  const others = Object.keys(v).filter((k) => k !== 'name' && !ALLOWED.includes(k));
  for (const k of others) {
    rule(() => ({ allowed: `a volume source the restricted Pod Security Standard allows (${EXTRA_VOLUME_SOURCES.join(', ')})`,
      fix: `replace ${k} with e.g. a persistentVolumeClaim or csi volume; every pod of the platform stays PSS-restricted` }))(v[k], join(path, k), issues);
  }
  obj(volumeFields)(Object.fromEntries(Object.entries(v).filter(([k]) => !others.includes(k))), path, issues);
  const sources = Object.keys(v).filter((k) => ALLOWED.includes(k));
  if (!others.length && sources.length !== 1) {
    rule(() => ({ allowed: `exactly one volume source (${EXTRA_VOLUME_SOURCES.join(', ')})`, fix: 'give the volume one source, e.g. configMap: { name: my-config }' }))(value, path, issues);
  }
};

const mount = obj({ name: required(name('volume')), mountPath: required(absolutePath()), readOnly: bool(), subPath: str() });

const container = obj({
  name: required(name('container')),
  image: required(str({ pattern: /^[^\s]+$/, allowed: 'an image reference', fix: 'write e.g. "busybox:1.36"' })),
  imagePullPolicy: str({ oneOf: PULL_POLICIES }),
  command: list(str({ nonEmpty: false })),
  args: list(str({ nonEmpty: false })),
  workingDir: absolutePath(),
  env: list(obj({ name: required(str({ pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/, allowed: 'an environment variable name' })), value: str({ nonEmpty: false }), valueFrom: free() })),
  envFrom: list(free()),
  ports: list(obj({ name: str({ pattern: /^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, allowed: 'a port name (at most 15 characters)' }), containerPort: required(num({ min: 1, max: 65535 })), protocol: str({ oneOf: ['TCP', 'UDP', 'SCTP'] }) })),
  resources: obj({ requests: record(str()), limits: record(str()) }),
  volumeMounts: list(mount),
  livenessProbe: free(),
  readinessProbe: free(),
  startupProbe: free(),
  restartPolicy: str({ oneOf: ['Always'] }),
  securityContext: obj({ runAsUser: num({ min: 1, max: 2147483647 }), runAsGroup: num({ min: 1, max: 2147483647 }), readOnlyRootFilesystem: bool() },
    { what: 'runAsUser, runAsGroup or readOnlyRootFilesystem (the rest stays restricted: no root, no privilege escalation, no capabilities)' }),
});

/** Checks of the pod extras of a workload (spread into its fields). */
export const podExtrasFields = {
  extraVolumes: list(volume),
  extraVolumeMounts: list(mount),
  extraInitContainers: list(container),
  extraContainers: list(container),
};
