import type { Construct } from 'constructs';
import type { GitLabPlatformProps } from '../config/types';
import { CustomResourceSchemas, KUBERNETES_VERSIONS, KubernetesVersion, validateObjects, VENDORED_CRDS } from './kube-schema';
import { restrictedViolations } from './pod-security';
import { KubeObject, synthObjects } from './synth';

/** Options of `synthProblems` / `assertValidSynth`. */
export interface SynthCheckOptions {
  /** Kubernetes minors to validate against (1.33-1.36 are shipped). @default every shipped version */
  readonly versions?: readonly KubernetesVersion[];
  /** CRD schemas of custom resources beyond the shipped ones (cert-manager, Gateway API, Flux, KEDA, Prometheus Operator). @default none */
  readonly customResources?: CustomResourceSchemas;
  /** Also check the restricted Pod Security Standard on every pod template. @default true */
  readonly podSecurity?: boolean;
}

/**
 * Every problem of a synth, one line each: objects that are not strictly schema-valid (unknown fields, wrong types,
 * as `kubectl apply` with strict field validation refuses them) on each Kubernetes version, and pods that break the
 * restricted Pod Security Standard. Empty when the synth is clean. Needs `ajv` (an optional peer dependency).
 */
export function synthProblems(synth: readonly KubeObject[] | Construct | GitLabPlatformProps, options: SynthCheckOptions = {}): string[] {
  const objects = Array.isArray(synth) ? synth as readonly KubeObject[] : synthObjects(synth as Construct | GitLabPlatformProps);
  const versions = options.versions ?? KUBERNETES_VERSIONS;
  const crds: CustomResourceSchemas = {
    get: (gvk) => options.customResources?.get(gvk) ?? VENDORED_CRDS.get(gvk),
  };
  const problems = versions.flatMap((v) => validateObjects(objects, v, crds).map((p) => `Kubernetes ${v}: ${p}`));
  if (options.podSecurity ?? true) problems.push(...restrictedViolations(objects));
  return [...new Set(problems)];
}

/** Throws an Error listing every problem of `synthProblems`; returns the objects when the synth is clean. */
export function assertValidSynth(synth: readonly KubeObject[] | Construct | GitLabPlatformProps, options: SynthCheckOptions = {}): readonly KubeObject[] {
  const objects = Array.isArray(synth) ? synth as readonly KubeObject[] : synthObjects(synth as Construct | GitLabPlatformProps);
  const problems = synthProblems(objects, options);
  if (problems.length) throw new Error(`The synth has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  return objects;
}
