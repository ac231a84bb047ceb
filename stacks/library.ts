// The package's `gitlab-iac/pulumi` entry: the production stack as one component, the components it is made of,
// and the mocks to plan a program offline. Needs the Pulumi packages (optional peer dependencies).
export { GitLabAwsStack, GitLabAwsStackOptions, GitLabAwsStackParts, GITLAB_STACK_TYPE } from './gitlab-stack';
export { GitLabAwsStackArgs, stackSettings, argsFromSettings } from './stack-args';
export { StackSettings, parseStackConfig, checkSubnets, CONFIG_KEYS, STACK_SIZES } from './config';
export { GitLabStackOutputs, platformProps, awsIdentifier } from './platform-props';
export * from './aws';
export * from './kubernetes';
export { StackMocks, MockWorld, Registration } from './mocks';
