// The package's `gitlab-iac/testing` entry: helpers for the tests of a project that uses the constructs.
// `synthProblems`/`assertValidSynth` need `ajv` (an optional peer dependency); the rest needs nothing more.
export { KubeObject, synthObjects, findObjects, findObject } from './synth';
export { stableYaml, StableYamlOptions, kubeSnapshotSerializer, VOLATILE_ANNOTATIONS } from './snapshot';
export { synthProblems, assertValidSynth, SynthCheckOptions } from './check';
export type { KubernetesVersion, CustomResourceSchemas } from './kube-schema';
