import type { ExtraContainer, ExtraVolume, ExtraVolumeMount, PodExtras } from './types';
import type { Fail } from '../errors';

/** A workload's pod extras, present only when one is set. */
export interface ResolvedPodExtras {
  readonly volumes: readonly ExtraVolume[];
  readonly volumeMounts: readonly ExtraVolumeMount[];
  readonly initContainers: readonly ExtraContainer[];
  readonly containers: readonly ExtraContainer[];
}

/** Mounts must name a volume: an extra one, or (not known here) the component's own; names must be unique. */
export function resolvePodExtras(path: string, o: PodExtras, fail: Fail): ResolvedPodExtras | undefined {
  const volumes = o.extraVolumes ?? [];
  const initContainers = o.extraInitContainers ?? [];
  const containers = o.extraContainers ?? [];
  if (!volumes.length && !o.extraVolumeMounts?.length && !initContainers.length && !containers.length) return undefined;
  const seen = new Set<string>();
  volumes.forEach((v, i) => {
    if (seen.has(v.name)) fail(`${path}.extraVolumes[${i}].name`, v.name, 'a name no other extra volume has', 'rename the volume');
    seen.add(v.name);
  });
  const names = new Set<string>();
  [...initContainers.map((c, i) => [c, `extraInitContainers[${i}]`] as const), ...containers.map((c, i) => [c, `extraContainers[${i}]`] as const)]
    .forEach(([c, at]) => {
      if (names.has(c.name)) fail(`${path}.${at}.name`, c.name, 'a name no other extra container has', 'rename the container');
      names.add(c.name);
      if (c.restartPolicy && at.startsWith('extraContainers')) {
        fail(`${path}.${at}.restartPolicy`, c.restartPolicy, 'nothing on a regular container (only init containers become sidecars)', 'remove restartPolicy, or move the container to extraInitContainers');
      }
    });
  return { volumes, volumeMounts: o.extraVolumeMounts ?? [], initContainers, containers };
}
