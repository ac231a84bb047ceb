// The package's `gitlab-iac/testing` entry: helpers for the tests of a project that uses the constructs.
export { KubeObject, synthObjects, findObjects, findObject } from './synth';
