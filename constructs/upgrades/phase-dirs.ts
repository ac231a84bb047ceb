import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestsYaml } from '../cli/manifest-yaml';
import { kustomizationFile } from '../cluster/flux/kustomization-file';
import { DELIVERY_PHASES, splitPhases } from './phases';

/**
 * The files of a synthesis split into one directory per upgrade phase (`pre-deployment/`, `deployment/`,
 * `post-deployment/`), each with its objects and a `kustomization.yaml` naming them: what `FluxSync`'s
 * `upgradePhases` Kustomizations apply, in order. Keys are relative paths.
 */
export function phaseDirectoryFiles(objects: readonly Record<string, any>[], fileName = 'gitlab.k8s.yaml'): Record<string, string> {
  const phases = splitPhases(objects);
  return Object.fromEntries(DELIVERY_PHASES.flatMap((phase) => [
    [join(phase, fileName), manifestsYaml(phases[phase])],
    [join(phase, 'kustomization.yaml'), kustomizationFile([fileName])],
  ]));
}

/** Writes `phaseDirectoryFiles` under `dir` (each file written to a temporary name, then renamed). */
export function writePhaseDirectories(dir: string, objects: readonly Record<string, any>[], fileName?: string): string[] {
  const files = phaseDirectoryFiles(objects, fileName);
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, text);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return Object.keys(files).map((p) => join(dir, p));
}
