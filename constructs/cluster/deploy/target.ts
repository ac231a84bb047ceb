import { GitLabConfigError } from '../../config/errors';
import { DNS_LABEL } from '../../config/schema';

/** Where a synth deploys to, read from the variables the push pipeline's jobs set. */
export interface DeployTarget {
  /** `DEPLOY_NAMESPACE`, or the default when unset (a local synth). */
  readonly namespace: string;
  /** The job deploys a Review App (`REVIEW_APP=true`). */
  readonly reviewApp: boolean;
}

export interface DeployTargetOptions {
  /** Namespace when `DEPLOY_NAMESPACE` is unset. */
  readonly defaultNamespace: string;
  /**
   * Whether this app may be deployed as a Review App. The GitLab platform may not: it holds data, runs in one
   * namespace and is deployed through its environments (or Pulumi), never per merge request. @default true
   */
  readonly reviewApps?: boolean;
  /** What is synthesized, for the messages. @default this app */
  readonly what?: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The namespace a synth must put its objects in, from `DEPLOY_NAMESPACE` (the deploy job refuses objects of any
 * other namespace). Throws GitLabConfigError for a namespace that is not a DNS label, and, with
 * `reviewApps: false`, when the pipeline deploys a Review App.
 */
export function deployTarget(options: DeployTargetOptions): DeployTarget {
  const env = options.env ?? process.env;
  const what = options.what ?? 'this app';
  const namespace = env.DEPLOY_NAMESPACE || options.defaultNamespace;
  const reviewApp = env.REVIEW_APP === 'true';
  const issues = [];
  if (!DNS_LABEL.test(namespace) || namespace.length > 63) {
    issues.push({ path: 'DEPLOY_NAMESPACE', value: JSON.stringify(namespace), allowed: 'a namespace name (DNS label, at most 63 characters)', fix: 'set the environment\'s namespace in the pipeline to a valid name' });
  }
  if (reviewApp && options.reviewApps === false) {
    issues.push({
      path: 'REVIEW_APP', value: `"true" (DEPLOY_NAMESPACE ${JSON.stringify(namespace)})`,
      allowed: `no Review App: ${what} is not deployed per merge request`,
      fix: 'deploy an application in Review Apps (see examples/web-app), or turn Review Apps off for this project (pushDeployPipeline reviewApps: false)',
    });
  }
  if (issues.length) throw new GitLabConfigError(issues);
  return { namespace, reviewApp };
}
