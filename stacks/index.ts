// The Pulumi program named by Pulumi.yaml: reads the stack configuration and builds the production stack.
import { gitlabStack } from './program';

export = async () => gitlabStack();
