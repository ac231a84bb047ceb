import { stringify } from 'yaml';
import { Check, all, bool, list, obj, required, rule, str } from '../../config/schema';
import { checkProps, fail } from '../common/scope';
import { DNS_LABEL } from '../../config/common/rules';
import { RESTRICTED_NAMESPACE_LABELS } from '../partition/defaults';
import { phasedApplyLines } from '../../upgrades/delivery';
import { namespaceGuardScript, reviewPrefixGuardScript } from './namespace-guard';
import { PushDeployEnvironment, PushDeployPipelineOptions } from './props';

const AGENT_CONTEXT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+:[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const agentContext = () => str({
  pattern: AGENT_CONTEXT, allowed: 'an agent context "<agent project path>:<agent name>"',
  fix: 'write e.g. "platform/cluster-management:production" (the project holding .gitlab/agents/<name>/config.yaml, then the agent name)',
});
/** `configmaps/<name>` or `secrets/<name>`: the namespaced parent kinds kubectl supports without a CRD. */
const APPLYSET_PARENT = /^(configmaps|secrets)\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

const TIERS = ['production', 'staging', 'testing', 'development', 'other'];
const shellSafe = (what: string) => str({ pattern: /^[A-Za-z0-9_.,=!/-]+$/, allowed: `${what} (letters, digits and _ . , = ! / -)`, fix: `write a plain ${what}` });

const environmentCheck = obj({
  name: required(str({ pattern: /^[A-Za-z0-9][A-Za-z0-9 _./-]*$/, allowed: 'an environment name (letters, digits, " ", "_", ".", "/", "-")', fix: 'use e.g. "staging"' })),
  namespace: required(str({ pattern: DNS_LABEL, allowed: 'a namespace name (DNS label)', fix: 'use e.g. "gitlab-staging"' }), 'name the namespace this environment deploys to'),
  tier: str({ oneOf: TIERS }),
  manual: bool(),
  agent: agentContext(),
  url: str({ pattern: /^https?:\/\/\S+$/, allowed: 'an http(s) URL', fix: 'write e.g. "https://gitlab.example.com"' }),
  branch: str({ pattern: /^[^\s'"$]+$/, allowed: 'a branch name', fix: 'write the branch name without quotes' }),
});

const optionsCheck: Check = obj({
  agent: required(agentContext(), 'set agent to the agent context "<agent project path>:<agent name>"'),
  environments: all(list(environmentCheck, { minItems: 1 }), rule((envs: { name?: string; namespace?: string }[]) => {
    const names = envs.map((e) => e.name);
    return new Set(names).size !== names.length ? { allowed: 'distinct environment names', fix: 'give each environment its own name' } : undefined;
  })),
  reviewApps: (v, path, issues) => (v === false ? undefined : obj({
    namespacePrefix: str({ pattern: /^[a-z0-9]([-a-z0-9]*)?$/, allowed: 'a namespace prefix (lower-case letters, digits, "-")', fix: 'use e.g. "review-"' }),
    autoStopIn: str({ pattern: /^[0-9]+ ?[a-z]+( [0-9]+ ?[a-z]+)*$/i, allowed: 'a GitLab duration such as "1 week", "3 days" or "2h"', fix: 'write e.g. "1 week"' }),
    agent: agentContext(),
  }, { what: 'false or a Review Apps settings object' })(v, path, issues)),
  synthScript: list(str(), { minItems: 1 }),
  manifestsDir: str({ pattern: /^[A-Za-z0-9_.][A-Za-z0-9_./-]*$/, allowed: 'a relative directory', fix: 'use e.g. "dist"' }),
  synthImage: str({ pattern: /^\S+$/, allowed: 'an image reference', fix: 'write e.g. "node:20-alpine"' }),
  kubectlImage: str({ pattern: /^\S+$/, allowed: 'an image reference with a shell and kubectl', fix: 'write an image reference' }),
  prune: all(obj({ selector: str(), applyset: str({ pattern: APPLYSET_PARENT, allowed: 'an ApplySet parent "configmaps/<name>" or "secrets/<name>"', fix: 'write e.g. "configmaps/gitlab-iac"' }) }),
    rule((p: Record<string, unknown>) => ('selector' in p
      ? {
        allowed: 'an ApplySet (prune.applyset); kubectl refuses --prune with a label selector under server-side apply ("--prune is in alpha and doesn\'t currently work on objects created by server-side apply")',
        fix: 'remove prune.selector; the pipeline prunes with the ApplySet prune.applyset (default configmaps/gitlab-iac)',
      } : undefined))),
  fieldManager: shellSafe('field manager name'),
  jobPrefix: str({ pattern: /^[a-z0-9][a-z0-9-]*$/, allowed: 'a job name prefix (lower-case letters, digits, "-")', fix: 'use e.g. "gitlab-iac"' }),
  workflow: bool(),
  upgradePhases: bool(),
}, { what: 'push deployment pipeline options' });

const DEFAULT_ENVIRONMENTS: readonly PushDeployEnvironment[] = [
  { name: 'staging', namespace: 'app-staging' },
  { name: 'production', namespace: 'app-production' },
];

/**
 * The kubectl the deploy jobs run, pinned: the image's tag is the kubectl release, and the tests run every
 * generated kubectl line with this very release (and 1.33, the oldest supported) against an unreachable cluster.
 */
export const DEFAULT_KUBECTL = { version: '1.35.2', image: 'docker.io/alpine/kubectl:1.35.2' } as const;
/** Default ApplySet parent (a ConfigMap kubectl creates in `$DEPLOY_NAMESPACE`). */
export const DEFAULT_APPLYSET = 'configmaps/gitlab-iac';
/** Labels of a Review App namespace: the restricted Pod Security Standard, enforced (the admission policy checks them). */
export const REVIEW_NAMESPACE_LABELS = { 'app.kubernetes.io/managed-by': 'gitlab-iac', ...RESTRICTED_NAMESPACE_LABELS } as const;
const tierOf = (e: PushDeployEnvironment) => e.tier ?? (e.name === 'production' ? 'production' : e.name === 'staging' ? 'staging' : 'other');
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const MR_EVENT = '$CI_PIPELINE_SOURCE == "merge_request_event"';

/**
 * The `.gitlab-ci.yml` fragment (YAML text) for push-based deployment through the GitLab agent. Include it from
 * the project's pipeline or use it as the whole file. It uses the default stages (`build`, `deploy`), `rules:`
 * only, and `environment:kubernetes:agent` so GitLab links each environment to the agent's cluster.
 *
 * Each environment gets a synth job (artifact: the manifests) and a deploy job that checks, offline, that every
 * object is in `$DEPLOY_NAMESPACE`, then selects the agent's context and server-side-applies with an ApplySet
 * (prune); production is a manual gate; merge requests get a Review App in their own namespace (created with the
 * restricted Pod Security labels), deleted by an `on_stop` job or after `auto_stop_in`. Throws GitLabConfigError
 * on bad options.
 */
export function pushDeployPipeline(options: PushDeployPipelineOptions): string {
  checkProps('pushDeployPipeline', options, optionsCheck);
  const o = options;
  const p = o.jobPrefix ?? 'gitlab-iac';
  const environments = o.environments ?? DEFAULT_ENVIRONMENTS;
  const review = o.reviewApps === false ? undefined : (o.reviewApps ?? {});
  const dir = o.manifestsDir ?? 'dist';
  const fieldManager = o.fieldManager ?? 'gitlab-iac';
  const slugs = environments.map((e) => slug(e.name));
  if (new Set(slugs).size !== slugs.length || slugs.includes('review')) {
    fail('pushDeployPipeline.environments', JSON.stringify(environments.map((e) => e.name)), 'environment names that give distinct job names (and not "review")',
      'rename the environments so their lower-case slugs differ');
  }
  const namespaces = environments.map((e) => e.namespace);
  if (new Set(namespaces).size !== namespaces.length) {
    fail('pushDeployPipeline.environments', JSON.stringify(namespaces), 'one namespace per environment', 'give each environment its own namespace (pruning is per namespace)');
  }

  // Server-side apply with an ApplySet: kubectl records what it applied on the parent and prunes the rest of that
  // set only. ApplySets are still behind KUBECTL_APPLYSET=true in kubectl 1.33-1.35 (without it, --applyset is an
  // unknown flag). Every object lands in $DEPLOY_NAMESPACE (the guard checked), where the parent lives too.
  const applyset = o.prune?.applyset ?? DEFAULT_APPLYSET;
  const applyCommand = `kubectl apply --server-side --field-manager=${fieldManager} --applyset=${applyset} --prune --namespace "$DEPLOY_NAMESPACE" --recursive -f ${dir}/`;
  const namespaceLabels = Object.entries(REVIEW_NAMESPACE_LABELS).map(([k, v]) => `${k}=${v}`).join(' ');

  const job = (kind: string, env: string) => `${p}:${kind}:${env}`;
  const doc: Record<string, unknown> = {};
  if (o.workflow ?? true) {
    doc.workflow = {
      rules: [
        { if: MR_EVENT },
        { if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS', when: 'never' },
        { if: '$CI_COMMIT_BRANCH' },
        { if: '$CI_COMMIT_TAG' },
      ],
    };
  }
  doc[`.${p}:synth`] = {
    stage: 'build',
    image: o.synthImage ?? 'node:20-alpine',
    variables: { npm_config_cache: '$CI_PROJECT_DIR/.npm' },
    cache: { key: { files: ['package-lock.json'] }, paths: ['.npm/'] },
    script: [...(o.synthScript ?? ['npm ci', 'npm run synth'])],
    artifacts: { paths: [`${dir}/`], expire_in: '1 week' },
  };
  doc[`.${p}:apply`] = {
    stage: 'deploy',
    image: { name: o.kubectlImage ?? DEFAULT_KUBECTL.image, entrypoint: [''] },
    script: [
      'kubectl version --client',
      // Before anything contacts the cluster: every object belongs to $DEPLOY_NAMESPACE.
      namespaceGuardScript(dir),
      'kubectl config use-context "$KUBE_CONTEXT"',
      // Idempotent: server-side apply of the Namespace, labelled for the restricted Pod Security Standard.
      `if [ "\${CREATE_NAMESPACE:-false}" = "true" ]; then kubectl create namespace "$DEPLOY_NAMESPACE" --dry-run=client -o yaml | kubectl label --local -f - ${namespaceLabels} -o yaml | kubectl apply --server-side --field-manager=${fieldManager} -f -; fi`,
      // GitLab's upgrade order: pre-deployment migrations, the rollout, post-deployment migrations (each awaited).
      ...(o.upgradePhases ?? true ? phasedApplyLines({ dir, fieldManager }) : []),
      'export KUBECTL_APPLYSET=true',
      applyCommand,
    ],
  };

  environments.forEach((e, i) => {
    const s = slugs[i];
    const agent = e.agent ?? o.agent;
    const branchRule = e.branch ? `$CI_COMMIT_BRANCH == "${e.branch}"` : '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH';
    const manual = e.manual ?? tierOf(e) === 'production';
    const variables = { DEPLOY_NAMESPACE: e.namespace, KUBE_CONTEXT: agent };
    doc[job('synth', s)] = { extends: `.${p}:synth`, variables, rules: [{ if: branchRule }] };
    const previous = i > 0 ? [{ job: job('deploy', slugs[i - 1]), optional: true }] : [];
    doc[job('deploy', s)] = {
      extends: `.${p}:apply`,
      needs: [{ job: job('synth', s), artifacts: true }, ...previous],
      variables,
      resource_group: `${p}-${s}`,
      environment: {
        name: e.name,
        deployment_tier: tierOf(e),
        ...(e.url ? { url: e.url } : {}),
        kubernetes: { agent, dashboard: { namespace: e.namespace } },
      },
      // A manual job in rules blocks the pipeline until someone starts it: the production gate.
      rules: [manual ? { if: branchRule, when: 'manual' } : { if: branchRule }],
      ...(manual ? { allow_failure: false } : {}),
    };
  });

  if (review) {
    const agent = review.agent ?? o.agent;
    const environment = 'review/mr-$CI_MERGE_REQUEST_IID';
    const variables = { DEPLOY_NAMESPACE: `${review.namespacePrefix ?? 'review-'}mr-$CI_MERGE_REQUEST_IID`, KUBE_CONTEXT: agent, REVIEW_APP: 'true' };
    doc[job('synth', 'review')] = { extends: `.${p}:synth`, variables, rules: [{ if: MR_EVENT }] };
    doc[job('deploy', 'review')] = {
      extends: `.${p}:apply`,
      needs: [{ job: job('synth', 'review'), artifacts: true }],
      variables: { ...variables, CREATE_NAMESPACE: 'true' },
      resource_group: `${p}-review-$CI_MERGE_REQUEST_IID`,
      environment: {
        name: environment,
        deployment_tier: 'development',
        on_stop: job('stop', 'review'),
        auto_stop_in: review.autoStopIn ?? '1 week',
        kubernetes: { agent },
      },
      rules: [{ if: MR_EVENT }],
    };
    doc[job('stop', 'review')] = {
      stage: 'deploy',
      image: (doc[`.${p}:apply`] as { image: unknown }).image,
      // The branch may be gone when GitLab stops the environment: no checkout, no artifacts.
      variables: { ...variables, GIT_STRATEGY: 'none' },
      dependencies: [],
      script: [
        reviewPrefixGuardScript(review.namespacePrefix ?? 'review-'),
        'kubectl config use-context "$KUBE_CONTEXT"',
        'kubectl delete namespace "$DEPLOY_NAMESPACE" --ignore-not-found --wait=false',
      ],
      environment: { name: environment, action: 'stop', kubernetes: { agent } },
      rules: [{ if: MR_EVENT, when: 'manual' }],
      allow_failure: true,
    };
  }

  const header = [
    '# Push-based deployment through the GitLab agent, generated by gitlab-iac (`gitlab-iac ci pipeline`).',
    `# Include it from .gitlab-ci.yml (include: local: <this file>) or use it as the whole file.`,
    `# The agent's config.yaml must grant this project ci_access; synth commands read DEPLOY_NAMESPACE.`,
  ].join('\n');
  return `${header}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
