// The Kubernetes API classes every object of the platform is built with: cdk8s L1 classes generated for a current
// Kubernetes by scripts/generate-k8s.mjs (see k8s.ts). Import the module as a namespace,
// `import * as k8s from '.../lib/k8s'`, so code reads `k8s.KubeDeployment`, `k8s.Quantity`, ... as it did with
// cdk8s-plus-27's `k8s` export. (A namespace re-exported as a named export, `export * as k8s`, would be a real
// object holding every class, which the CLI bundle could then not tree-shake: 200 KiB instead of the few dozen used.)
export * from './k8s';
