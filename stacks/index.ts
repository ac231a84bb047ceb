// The Pulumi program named by Pulumi.yaml: the production stack from the stack's configuration (`gitlab:<key>`,
// `aws:region`). A thin user of GitLabAwsStack (stacks/gitlab-stack.ts), which a Pulumi program of one's own can
// use directly (`import { GitLabAwsStack } from 'gitlab-iac/pulumi'`).
import { GitLabAwsStack } from './gitlab-stack';

// Resources this program created at the stack root before GitLabAwsStack existed are adopted, not replaced.
export = async () => GitLabAwsStack.fromConfig('gitlab', { adoptRootResources: true }).outputs();
