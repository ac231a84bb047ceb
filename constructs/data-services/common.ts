import * as k8s from '../lib/k8s';
import type { ResolvedConfig } from '../config/resolved';
import { ComponentLabels, componentLabels } from '../lib/labels';
import { containerSecurityContext, podSecurityContext } from '../lib/security';
import type { ResolvedStorage } from './resolved';

/** On every object of an in-cluster service: these services are for evaluation, not production. */
export const NON_PRODUCTION_LABEL = { 'gitlab-iac/non-production': 'true' } as const;

/** The pod labels (`app` + `release`) the network policies select on, and the non-production label. */
export function serviceLabels(config: Pick<ResolvedConfig, 'labels' | 'release'>, app: string, version: string): ComponentLabels {
  const l = componentLabels(config, app, version);
  return { selector: l.selector, common: { ...l.common, ...NON_PRODUCTION_LABEL }, workload: { ...l.workload, ...NON_PRODUCTION_LABEL } };
}

/** The version part of a pinned image reference. */
export const imageTag = (image: string) => image.slice(image.lastIndexOf(':') + 1);

/** A ReadWriteOnce volume claim template. */
export function claimTemplate(name: string, labels: Record<string, string>, s: ResolvedStorage): k8s.KubePersistentVolumeClaimProps {
  return {
    metadata: { name, labels },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: k8s.Quantity.fromString(s.size) } },
      ...(s.storageClass ? { storageClassName: s.storageClass } : {}),
    },
  };
}

/** Restricted-PSS container security context (lib/security) with a read-only root filesystem. */
export const restrictedContainer = (uid: number, gid = uid): k8s.SecurityContext =>
  ({ ...containerSecurityContext(uid, gid), readOnlyRootFilesystem: true });

/** Restricted-PSS pod security context: the platform's own (lib/security). */
export const restrictedPod = podSecurityContext;

export const secretEnv = (name: string, ref: { readonly name: string; readonly key: string }): k8s.EnvVar =>
  ({ name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } });
