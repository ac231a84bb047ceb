// The Pulumi program named by Pulumi.yaml: the production stack from the stack's configuration (`gitlab:<key>`,
// `aws:region`). A thin user of GitLabAwsStack (stacks/gitlab-stack.ts), which a Pulumi program of one's own can
// use directly (`import { GitLabAwsStack } from 'gitlab-iac/pulumi'`). With `gitlab:mode in-cluster`, the evaluation
// stack instead: GitLabInClusterStack, PostgreSQL/Valkey/Garage in the cluster, only a kubeconfig needed.
import * as pulumi from '@pulumi/pulumi';
import { GitLabAwsStack } from './gitlab-stack';
import { isInClusterMode } from './in-cluster-config';
import { GitLabInClusterStack } from './in-cluster-stack';

// Resources this program created at the stack root before GitLabAwsStack existed are adopted, not replaced.
export = async () => (isInClusterMode((k) => pulumi.runtime.getConfig(k))
  ? GitLabInClusterStack.fromConfig('gitlab').outputs()
  : GitLabAwsStack.fromConfig('gitlab', { adoptRootResources: true }).outputs());
