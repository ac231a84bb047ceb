import { App, Chart, Testing } from 'cdk8s';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { GitLabPlatform } from '../../constructs';
import { productionProps } from '../support/fixtures';
import { KubeObject } from '../support/synth';

/** Synthesizes what `build` adds to a fresh chart. */
export function synth(build: (chart: Chart) => void): KubeObject[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart) as KubeObject[];
}

/** The YAML text `cdk8s synth` writes for what `build` adds (for snapshots). */
export function synthYaml(build: (chart: Chart) => void): string {
  const app = new App({ outdir: '/tmp/unused' });
  build(new Chart(app, 'cluster', { disableResourceNameHashes: true }));
  return app.synthYaml();
}

let platform: GitLabPlatform | undefined;

/**
 * A production-shaped platform (hosts on example.com, GitLab 18.9.1) in a chart of its own: integrations read
 * only its `config`, so the charts under test hold nothing of it. Built once per test file.
 */
export function testPlatform(): GitLabPlatform {
  platform ??= new GitLabPlatform(Testing.chart(), 'gitlab', productionProps());
  return platform;
}

export const ofKind = (objects: KubeObject[], kind: string): KubeObject[] => objects.filter((o) => o.kind === kind);

export function one(objects: KubeObject[], kind: string, name?: string, namespace?: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name)
    && (namespace === undefined || o.metadata.namespace === namespace));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}: ${ofKind(objects, kind).map((o) => `${o.metadata.namespace}/${o.metadata.name}`).join(', ')}`);
  }
  return found[0];
}

/** The runner's ConfigMap data with config.toml and the template parsed. */
export function runnerConfig(objects: KubeObject[], name: string) {
  const cm = one(objects, 'ConfigMap', name);
  const data = cm.data as Record<string, string>;
  return {
    data,
    global: parseToml(data['config.toml']) as Record<string, any>,
    template: parseToml(data['config.template.toml']) as { runners: Record<string, any>[] },
    runner: (parseToml(data['config.template.toml']) as { runners: Record<string, any>[] }).runners[0],
  };
}

/** A runner `[...security_context]` table in the Kubernetes form. */
function securityContext(c: Record<string, any> | undefined): Record<string, unknown> | undefined {
  if (!c) return undefined;
  const out: Record<string, unknown> = {};
  if (c.run_as_non_root !== undefined) out.runAsNonRoot = c.run_as_non_root;
  if (c.run_as_user !== undefined) out.runAsUser = c.run_as_user;
  if (c.run_as_group !== undefined) out.runAsGroup = c.run_as_group;
  if (c.fs_group !== undefined) out.fsGroup = c.fs_group;
  if (c.allow_privilege_escalation !== undefined) out.allowPrivilegeEscalation = c.allow_privilege_escalation;
  if (c.privileged !== undefined) out.privileged = c.privileged;
  if (c.capabilities) out.capabilities = { ...(c.capabilities.add ? { add: c.capabilities.add } : {}), ...(c.capabilities.drop ? { drop: c.capabilities.drop } : {}) };
  if (c.seccomp_profile) out.seccompProfile = { type: c.seccomp_profile.type };
  return out;
}

/**
 * The pod the kubernetes executor builds for a job with one service, as far as security goes: the pod security
 * context, the `init-permissions` init container, `build`, `helper` and `svc-0` with their security contexts from
 * `[runners.kubernetes]`, and the strategic-merge `pod_spec` patches applied (when their feature flag is on).
 */
export function jobPodFromRunnerConfig(runner: Record<string, any>): Record<string, any> {
  const k = runner.kubernetes;
  const container = (name: string, table: string) => ({ name, image: 'example', securityContext: securityContext(k[table]) });
  const pod: Record<string, any> = {
    securityContext: securityContext(k.pod_security_context),
    initContainers: [container('init-permissions', 'init_permissions_container_security_context')],
    containers: [
      container('build', 'build_container_security_context'),
      container('helper', 'helper_container_security_context'),
      container('svc-0', 'service_container_security_context'),
    ],
  };
  if (runner.feature_flags?.FF_USE_ADVANCED_POD_SPEC_CONFIGURATION) {
    for (const patch of k.pod_spec ?? []) {
      const p = parseYaml(patch.patch) as Record<string, any>;
      if (p.securityContext) pod.securityContext = { ...pod.securityContext, ...p.securityContext };
    }
  }
  return pod;
}

/** `[group, resource, verbs]` of an RBAC object's rules, one entry per resource, sorted. */
export function rulesOf(role: KubeObject): string[] {
  return (role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[])
    .flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${g || 'core'} ${res}: ${[...r.verbs].sort().join(',')}`)))
    .sort();
}
