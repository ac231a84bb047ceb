import { App, Chart, Testing } from 'cdk8s';
import { GitLabConfigError, GitLabPlatform, GitLabPlatformProps } from '../../constructs';
import { resolveConfig } from '../../constructs/config/resolve';

/** A synthesized Kubernetes object as plain JSON. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: any };

/** Synthesizes a platform and returns its objects as JSON (in synth order). */
export function synthPlatform(props: GitLabPlatformProps): KubeObject[] {
  const chart = Testing.chart();
  new GitLabPlatform(chart, 'gitlab', props);
  return Testing.synth(chart) as KubeObject[];
}

/** Synthesizes a platform to the YAML text `cdk8s synth` writes. */
export function synthPlatformYaml(props: GitLabPlatformProps): string {
  const app = new App({ outdir: '/tmp/unused' });
  const chart = new Chart(app, 'gitlab', { disableResourceNameHashes: true });
  new GitLabPlatform(chart, 'gitlab', props);
  return app.synthYaml();
}

/** The one object of a kind and name; fails the test with the names present when absent. */
export function find(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) {
    const names = objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    throw new Error(`no ${kind} named ${name}; present: ${names.join(', ') || 'none'}`);
  }
  return found;
}

/** Pod spec of a Deployment, StatefulSet, Job or CronJob. */
export function podSpec(workload: KubeObject): any {
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
}

export function container(workload: KubeObject, name: string): any {
  const spec = podSpec(workload);
  const c = [...(spec.initContainers ?? []), ...spec.containers].find((x: any) => x.name === name);
  if (!c) throw new Error(`no container ${name} in ${workload.kind}/${workload.metadata.name}`);
  return c;
}

/** `{ NAME: value }` of a container's env. */
export function envOf(c: any): Record<string, string> {
  return Object.fromEntries((c.env ?? []).map((e: any) => [e.name, e.value]));
}

/** `{ mountPath: volumeName }` of a container. */
export function mountsOf(c: any): Record<string, string> {
  return Object.fromEntries((c.volumeMounts ?? []).map((m: any) => [m.mountPath, m.name]));
}

/** The error the typed props are refused with (resolution only, no synthesis); fails the test when they are accepted. */
export function typedRefusal(props: GitLabPlatformProps): GitLabConfigError {
  try {
    resolveConfig(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('expected the typed props to be refused');
}
