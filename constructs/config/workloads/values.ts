import { parse } from 'yaml';
import type { PropsBuilder } from '../../values/builder';
import { OPTIONAL_COMPONENTS, optionalComponentsOn } from '../../values/optional';
import { ignoredAffinity } from '../placement/values';
import { COMPONENT_VALUES_PATHS } from '../components/names';

/**
 * Each workload component's pod extras and probe settings from the chart's values (the keys are listed in
 * `values/README.md`); its scaling, resources and placement are read by `components/values.ts`.
 */

/** Components taking pod extras and probe timings: their values path, and where the chart keeps their probes. */
const WORKLOADS: readonly { key: string; path: string; probes?: string }[] = [
  { key: 'webservice', path: COMPONENT_VALUES_PATHS.webservice, probes: 'gitlab.webservice.deployment' },
  { key: 'sidekiq', path: COMPONENT_VALUES_PATHS.sidekiq, probes: 'gitlab.sidekiq' },
  { key: 'gitaly', path: COMPONENT_VALUES_PATHS.gitaly, probes: 'gitlab.gitaly.statefulset' },
  { key: 'praefect', path: COMPONENT_VALUES_PATHS.praefect },
  { key: 'gitlabShell', path: COMPONENT_VALUES_PATHS.gitlabShell, probes: 'gitlab.gitlab-shell.deployment' },
  { key: 'registry', path: COMPONENT_VALUES_PATHS.registry, probes: 'registry.deployment' },
  { key: 'kas', path: COMPONENT_VALUES_PATHS.kas },
  { key: 'gitlabExporter', path: COMPONENT_VALUES_PATHS.gitlabExporter },
  { key: 'toolbox', path: COMPONENT_VALUES_PATHS.toolbox },
  { key: 'gitlabPages', path: COMPONENT_VALUES_PATHS.gitlabPages, probes: 'gitlab.gitlab-pages.deployment' },
  { key: 'mailroom', path: COMPONENT_VALUES_PATHS.mailroom },
  { key: 'spamcheck', path: COMPONENT_VALUES_PATHS.spamcheck },
];

const EXTRAS = ['extraVolumes', 'extraVolumeMounts', 'extraInitContainers', 'extraContainers'] as const;
const TIMINGS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const;

function running(b: PropsBuilder, key: string): boolean {
  if ((OPTIONAL_COMPONENTS as readonly string[]).includes(key)) return optionalComponentsOn(b).includes(key);
  if (key === 'praefect') return b.get('components.praefect.enabled') === true;
  return b.get(`components.${key}.enabled`) !== false;
}

/**
 * `extraVolumes`, `extraVolumeMounts`, `extraInitContainers`, `extraContainers` (YAML text the chart passes through
 * `tpl`, or a list) and the probe timings (`livenessProbe` / `readinessProbe`) of each component.
 */
export function readWorkloadExtras(b: PropsBuilder): void {
  const v = b.values;
  ignoredAffinity(b, 'global', 'placement.affinity');
  for (const w of WORKLOADS) {
    if (!running(b, w.key)) continue;
    ignoredAffinity(b, w.path, `components.${w.key}.placement.affinity`);
    const to = `components.${w.key}`;
    for (const extra of EXTRAS) {
      const path = `${w.path}.${extra}`;
      const value = v.get(path);
      if (value === undefined) continue;
      if (typeof value === 'string') {
        if (value.includes('{{')) {
          v.problem(path, value, 'plain YAML (Helm template expressions are not evaluated)', 'write the values the template expands to');
          continue;
        }
        let parsed: unknown;
        try {
          parsed = parse(value);
        } catch (e) {
          v.problem(path, value, 'a YAML list', `fix the YAML: ${(e as Error).message.split('\n')[0]}`);
          continue;
        }
        if (parsed !== null && parsed !== undefined) b.set(`${to}.${extra}`, parsed, path);
      } else {
        b.set(`${to}.${extra}`, value, path);
      }
    }
    if (!w.probes) continue;
    for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
      for (const t of TIMINGS) b.number(`${w.probes}.${probe}.${t}`, `${to}.${probe}.${t}`);
    }
    readProbeChecks(b, w.key, w.probes, to);
  }
}

/**
 * The probe keys the chart reads beyond timings: webservice's `deployment.startupProbe` (passed whole into the
 * Puma container), Gitaly's `statefulset.startupProbe` (`enabled` and timings of its gRPC check), the registry's
 * `deployment.{livenessProbe,readinessProbe}.{enabled,path,port}`.
 */
function readProbeChecks(b: PropsBuilder, key: string, from: string, to: string): void {
  const v = b.values;
  if (key === 'webservice') {
    const startup = v.get(`${from}.startupProbe`);
    if (startup && typeof startup === 'object' && Object.keys(startup).length) b.set(`${to}.startupProbe`, startup, `${from}.startupProbe`);
  }
  if (key === 'gitaly') {
    if (v.boolean(`${from}.startupProbe.enabled`) === false) {
      b.set(`${to}.startupProbe`, false, `${from}.startupProbe.enabled`);
      v.noEffect(`${from}.startupProbe`, `nothing while ${from}.startupProbe.enabled is false`, 'remove the key, or turn the startup probe on');
    } else {
      for (const t of TIMINGS) b.number(`${from}.startupProbe.${t}`, `${to}.startupProbe.${t}`);
    }
  }
  if (key === 'registry') {
    for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
      b.boolean(`${from}.${probe}.enabled`, `${to}.${probe}.enabled`);
      b.string(`${from}.${probe}.path`, `${to}.${probe}.httpGet.path`);
      const port = v.get(`${from}.${probe}.port`);
      if (port !== undefined && port !== null) b.set(`${to}.${probe}.httpGet.port`, port, `${from}.${probe}.port`);
    }
  }
}
