// Moved to constructs/testing (shipped as gitlab-iac/testing); re-exported for the project's tests.
export * from '../../constructs/testing/kube-schema';
