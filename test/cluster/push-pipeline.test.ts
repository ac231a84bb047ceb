import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { GitLabConfigError, PushDeployPipelineOptions, pushDeployPipeline } from '../../constructs';
import { gitlabCiLocal } from '../support/gitlab-ci-local';

const AGENT = 'platform/cluster-management:production';
const pipeline = (o: Partial<PushDeployPipelineOptions> = {}) => pushDeployPipeline({ agent: AGENT, ...o });
const doc = (o: Partial<PushDeployPipelineOptions> = {}) => parse(pipeline(o)) as Record<string, any>;
const error = (fn: () => unknown): GitLabConfigError => {
  try { fn(); } catch (e) { if (e instanceof GitLabConfigError) return e; throw e; }
  throw new Error('expected a GitLabConfigError');
};

interface ListedJob { name: string; stage: string; when: string; allow_failure: boolean; needs?: { job: string; optional: boolean }[] }
/** Jobs gitlab-ci-local would create (schema-validated first), `when: never` left out. */
function jobsFor(text: string, variables: string[] = []): ListedJob[] {
  const run = gitlabCiLocal(text, ['--list-json', ...variableArgs(variables)]);
  expect(run.stderr).toContain('json schema validated');
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as ListedJob[]).filter((j) => j.when !== 'never');
}
/** `--variable` flags; overriding GitLab's predefined variables is the point here, so no warning about it. */
const variableArgs = (variables: string[]): string[] => (variables.length
  ? [...variables.flatMap((v) => ['--variable', v]), '--ignore-predefined-vars', variables.map((v) => v.split('=')[0]).join(',')]
  : []);
/** A merge request pipeline: the event, and no branch variable (as GitLab sets it). */
const MR = ['CI_PIPELINE_SOURCE=merge_request_event', 'CI_MERGE_REQUEST_IID=42', 'CI_COMMIT_BRANCH='];

describe('valid GitLab CI (gitlab-ci-local: GitLab\'s CI JSON schema, rules, extends, needs)', () => {
  let branchJobs: ListedJob[];
  let mrJobs: ListedJob[];
  beforeAll(() => {
    branchJobs = jobsFor(pipeline());
    mrJobs = jobsFor(pipeline(), MR);
  });

  test('a default-branch pipeline synthesizes and deploys staging, then production behind a manual gate', () => {
    expect(branchJobs.map((j) => [j.name, j.stage, j.when, j.allow_failure]).sort()).toEqual([
      ['gitlab-iac:deploy:production', 'deploy', 'manual', false],
      ['gitlab-iac:deploy:staging', 'deploy', 'on_success', false],
      ['gitlab-iac:synth:production', 'build', 'on_success', false],
      ['gitlab-iac:synth:staging', 'build', 'on_success', false],
    ]);
    const production = branchJobs.find((j) => j.name === 'gitlab-iac:deploy:production')!;
    expect(production.needs!.map((n) => [n.job, n.optional])).toEqual([['gitlab-iac:synth:production', false], ['gitlab-iac:deploy:staging', true]]);
  });

  test('a merge request pipeline deploys a Review App and offers the manual stop job, nothing else', () => {
    expect(mrJobs.map((j) => [j.name, j.when, j.allow_failure]).sort()).toEqual([
      ['gitlab-iac:deploy:review', 'on_success', false],
      ['gitlab-iac:stop:review', 'manual', true],
      ['gitlab-iac:synth:review', 'on_success', false],
    ]);
  });

  test.each([
    ['branch', [] as string[]],
    ['merge request', MR],
  ])('every job a %s pipeline needs is in that pipeline', (_, variables) => {
    const run = gitlabCiLocal(pipeline(), ['--validate-dependency-chain', ...variableArgs(variables)]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  });

  test('custom environments, applyset pruning, no Review Apps and no workflow also validate', () => {
    const text = pipeline({
      environments: [
        { name: 'qa', namespace: 'gitlab-qa', tier: 'testing' },
        { name: 'production', namespace: 'gitlab', agent: 'platform/cluster-management:prod-eu', url: 'https://gitlab.example.com', branch: 'release' },
      ],
      reviewApps: false, prune: { applyset: 'secrets/app' }, workflow: false, jobPrefix: 'platform',
    });
    expect(jobsFor(text, ['CI_COMMIT_BRANCH=release']).map((j) => j.name).sort()).toEqual(['platform:deploy:production', 'platform:synth:production']);
  });

  test('gitlab-ci-local refuses a file GitLab would refuse (the validation is real)', () => {
    const run = gitlabCiLocal(`${pipeline()}\nbroken:\n  stage: deploy\n  script: [echo]\n  enviroment: production\n`, ['--list']);
    expect(run.code).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/'enviroment' property is not expected/);
  });

  test('after extends, every deploy job has an image and a script (what GitLab runs)', () => {
    const run = gitlabCiLocal(pipeline(), ['--preview']);
    expect(run.code, run.stderr).toBe(0);
    const expanded = parse(run.stdout.slice(run.stdout.indexOf('---') >= 0 ? run.stdout.indexOf('---') : 0)) as Record<string, any>;
    for (const name of ['gitlab-iac:deploy:staging', 'gitlab-iac:deploy:production', 'gitlab-iac:deploy:review']) {
      expect(expanded[name].image.name).toBe('docker.io/alpine/kubectl:1.35.2');
      expect(expanded[name].script.length).toBeGreaterThan(1);
    }
    expect(expanded['gitlab-iac:synth:staging'].image).toEqual({ name: 'node:20-alpine' });
  });
});

describe('no deprecated CI syntax', () => {
  const DEPRECATED_JOB_KEYS = ['only', 'except', 'type'];
  const DEPRECATED_GLOBAL_KEYS = ['types', 'image', 'services', 'cache', 'before_script', 'after_script'];

  test.each([
    ['defaults', {}],
    ['custom', { reviewApps: { namespacePrefix: 'mr-', autoStopIn: '3 days' }, prune: { applyset: 'configmaps/x' } }],
  ])('%s: rules instead of only/except, no global job keywords, no environment:kubernetes:namespace', (_, o) => {
    const d = doc(o as Partial<PushDeployPipelineOptions>);
    expect(Object.keys(d).filter((k) => DEPRECATED_GLOBAL_KEYS.includes(k))).toEqual([]);
    for (const [name, job] of Object.entries(d)) {
      if (name === 'workflow') continue;
      expect(Object.keys(job).filter((k) => DEPRECATED_JOB_KEYS.includes(k)), name).toEqual([]);
      expect(job.environment?.kubernetes ?? {}, name).not.toHaveProperty('namespace');
    }
  });
});

describe('deploying through the agent', () => {
  test('deploy jobs select the agent\'s context and server-side apply with an ApplySet (prune), behind KUBECTL_APPLYSET', () => {
    const apply = doc()['.gitlab-iac:apply'];
    expect(apply.script).toContain('kubectl config use-context "$KUBE_CONTEXT"');
    expect(apply.script.at(-2)).toBe('export KUBECTL_APPLYSET=true');
    expect(apply.script.at(-1)).toBe('kubectl apply --server-side --field-manager=gitlab-iac --applyset=configmaps/gitlab-iac --prune --namespace "$DEPLOY_NAMESPACE" --recursive -f dist/');
    const staging = doc()['gitlab-iac:deploy:staging'];
    expect(staging.variables).toEqual({ DEPLOY_NAMESPACE: 'app-staging', KUBE_CONTEXT: AGENT });
  });

  test('another ApplySet parent', () => {
    const apply = doc({ prune: { applyset: 'secrets/web' } })['.gitlab-iac:apply'];
    expect(apply.script.at(-1)).toBe('kubectl apply --server-side --field-manager=gitlab-iac --applyset=secrets/web --prune --namespace "$DEPLOY_NAMESPACE" --recursive -f dist/');
  });

  test('environments link to the agent (environment:kubernetes:agent) and their namespace dashboard', () => {
    const d = doc();
    expect(d['gitlab-iac:deploy:production'].environment).toEqual({
      name: 'production', deployment_tier: 'production', kubernetes: { agent: AGENT, dashboard: { namespace: 'app-production' } },
    });
    expect(d['gitlab-iac:deploy:production'].resource_group).toBe('gitlab-iac-production');
  });

  test('synth jobs pass the target namespace and keep the manifests as an artifact', () => {
    const d = doc({ synthScript: ['npm ci', 'npx cdk8s synth'], manifestsDir: 'out' });
    expect(d['.gitlab-iac:synth'].script).toEqual(['npm ci', 'npx cdk8s synth']);
    expect(d['.gitlab-iac:synth'].artifacts.paths).toEqual(['out/']);
    expect(d['gitlab-iac:synth:production'].variables.DEPLOY_NAMESPACE).toBe('app-production');
  });
});

describe('Review Apps', () => {
  test('one namespace per merge request, created by the deploy job; the synth knows it builds a Review App', () => {
    const d = doc();
    const deploy = d['gitlab-iac:deploy:review'];
    expect(deploy.variables).toEqual({ DEPLOY_NAMESPACE: 'review-mr-$CI_MERGE_REQUEST_IID', KUBE_CONTEXT: AGENT, REVIEW_APP: 'true', CREATE_NAMESPACE: 'true' });
    expect(d['gitlab-iac:synth:review'].variables.REVIEW_APP).toBe('true');
    expect(deploy.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
  });

  test('the environment stops itself after auto_stop_in, through an on_stop job that deletes the namespace', () => {
    const d = doc({ reviewApps: { autoStopIn: '2 days' } });
    expect(d['gitlab-iac:deploy:review'].environment).toEqual({
      name: 'review/mr-$CI_MERGE_REQUEST_IID', deployment_tier: 'development', on_stop: 'gitlab-iac:stop:review', auto_stop_in: '2 days',
      kubernetes: { agent: AGENT },
    });
    const stop = d['gitlab-iac:stop:review'];
    expect(stop.environment).toEqual({ name: 'review/mr-$CI_MERGE_REQUEST_IID', action: 'stop', kubernetes: { agent: AGENT } });
    expect(stop.script.slice(1)).toEqual(['kubectl config use-context "$KUBE_CONTEXT"', 'kubectl delete namespace "$DEPLOY_NAMESPACE" --ignore-not-found --wait=false']);
    expect(stop.script[0]).toContain('review-*) ;;');
    expect(stop.variables.GIT_STRATEGY).toBe('none');
    expect(stop.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'manual' }]);
  });

  test('off: no review jobs', () => {
    expect(Object.keys(doc({ reviewApps: false })).filter((k) => k.includes('review'))).toEqual([]);
  });
});

describe('refused options', () => {
  test('no agent, or an agent that is not "<project path>:<agent name>"', () => {
    expect(error(() => pushDeployPipeline({} as PushDeployPipelineOptions)).issues[0].path).toBe('pushDeployPipeline.agent');
    expect(error(() => pipeline({ agent: 'production' })).issues[0].fix).toContain('platform/cluster-management:production');
  });

  test('two environments with one name or one namespace', () => {
    expect(error(() => pipeline({ environments: [{ name: 'a', namespace: 'x' }, { name: 'a', namespace: 'y' }] })).issues[0].path).toBe('pushDeployPipeline.environments');
    expect(error(() => pipeline({ environments: [{ name: 'a', namespace: 'x' }, { name: 'b', namespace: 'x' }] })).issues[0].fix).toContain('own namespace');
  });

  test('a label selector (kubectl refuses --prune -l under server-side apply); an ApplySet parent that would break the shell line', () => {
    const selector = error(() => pipeline({ prune: { selector: 'a=b' } })).issues[0];
    expect(selector.path).toBe('pushDeployPipeline.prune');
    expect(selector.allowed).toContain('--prune is in alpha');
    expect(error(() => pipeline({ prune: { applyset: 'configmaps/x; rm -rf /' } })).issues[0].path).toBe('pushDeployPipeline.prune.applyset');
  });
});

test('snapshot: the default pipeline', () => {
  expect(pipeline()).toMatchSnapshot();
});
