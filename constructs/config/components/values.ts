import { isChartDefault } from '../../values/keys/lookup';
import { ComponentsConfig } from '../types';
import { readToolboxOptions } from '../toolbox/values';
import { readTarget, TargetDefault } from '../workloads/hpa-values';
import { WORKLOAD_VALUES_FIELDS, WorkloadValuesField } from '../workloads/names';
import { PropsBuilder } from '../../values/builder';
import { isMap, stringifyNumbers } from '../../values/reader';
import { readWebserviceOptions } from '../webservice/values';
import { readSidekiqOptions } from '../sidekiq/values';
import { readGitLabShellOptions } from '../gitlab-shell/values';
import { readRegistryOptions } from '../registry/values';
import { COMPONENT_VALUES_PATHS } from './names';

/**
 * The chart's per-component values as `components.*` props: each component's on/off switch, scaling, resources
 * and placement, read the same way for all; a component's own keys are read by its folder's `values.ts`.
 */

type ComponentKey = keyof ComponentsConfig;
type Field = WorkloadValuesField;

interface ComponentSpec {
  /** The typed props key under `components`. */
  readonly key: ComponentKey;
  /** Where the chart keeps the component's values. */
  readonly path: string;
  /** The chart's on/off switch; `null` when the component cannot be turned off. @default `<path>.enabled` */
  readonly enabled?: string | null;
  /** Settings kept elsewhere that mean nothing while the component is off. */
  readonly related?: readonly string[];
  /** Per-component settings every workload shares. */
  readonly fields: readonly Field[];
  /**
   * HPA: where `minReplicas`/`maxReplicas` live (`component-then-hpa`: the component's, overridden by `hpa.*`, as the
   * webservice's data model merges them), and the chart's default CPU target.
   */
  readonly hpa?: { readonly replicasUnder: 'component' | 'hpa' | 'component-then-hpa'; readonly cpu: TargetDefault };
  /** Component-specific settings. */
  readonly read?: (b: PropsBuilder, path: string, to: string) => void;
}

const ALL: readonly Field[] = WORKLOAD_VALUES_FIELDS;
const NO_PDB = ALL.filter((f) => f !== 'maxUnavailable');

/** The components the chart's default install runs, with where each keeps its values. */
const COMPONENTS: readonly ComponentSpec[] = [
  {
    key: 'webservice', path: COMPONENT_VALUES_PATHS.webservice, fields: ALL,
    hpa: { replicasUnder: 'component-then-hpa', cpu: { type: 'AverageValue', averageValue: '1' } },
    read: readWebserviceOptions,
  },
  {
    key: 'sidekiq', path: COMPONENT_VALUES_PATHS.sidekiq, fields: ALL,
    hpa: { replicasUnder: 'component', cpu: { type: 'AverageValue', averageValue: '350m' } },
    read: readSidekiqOptions,
  },
  {
    key: 'gitlabShell', path: COMPONENT_VALUES_PATHS.gitlabShell, fields: ALL,
    hpa: { replicasUnder: 'component', cpu: { type: 'AverageValue', averageValue: '100m' } },
    read: readGitLabShellOptions,
  },
  {
    // The chart turns KAS on and off with `global.kas.enabled` only.
    key: 'kas', path: COMPONENT_VALUES_PATHS.kas, enabled: 'global.kas.enabled', fields: ALL,
    hpa: { replicasUnder: 'component', cpu: { type: 'AverageValue', averageValue: '100m' } },
  },
  {
    key: 'registry', path: COMPONENT_VALUES_PATHS.registry, related: ['global.registry.bucket', 'global.registry.tls', 'global.hosts.registry.protocol'], fields: ALL,
    hpa: { replicasUnder: 'hpa', cpu: { type: 'Utilization', averageUtilization: 75 } },
    read: readRegistryOptions,
  },
  {
    // Off means every storage is external (global.gitaly.external, read in config/gitaly/values.ts).
    key: 'gitaly', path: COMPONENT_VALUES_PATHS.gitaly, enabled: 'global.gitaly.enabled', related: ['global.gitaly.internal.names'], fields: ALL,
    read: (b, path, to) => {
      b.raw('global.gitaly.internal.names', `${to}.storageNames`);
      b.string(`${path}.bundleUri.goCloudUrl`, `${to}.bundleUri.goCloudUrl`);
      b.boolean(`${path}.gomemlimit.enabled`, `${to}.gomemlimit`);
      b.string(`${path}.persistence.size`, `${to}.persistence.size`);
      b.string(`${path}.persistence.storageClass`, `${to}.persistence.storageClass`);
      b.string(`${path}.persistence.accessMode`, `${to}.persistence.accessMode`);
      const persistence = b.values.boolean(`${path}.persistence.enabled`);
      if (persistence === false) {
        b.values.problem(`${path}.persistence.enabled`, false, 'true (repositories live on a PersistentVolume)', 'remove the key');
      }
    },
  },
  { key: 'gitlabExporter', path: COMPONENT_VALUES_PATHS.gitlabExporter, fields: NO_PDB },
  {
    key: 'toolbox', path: COMPONENT_VALUES_PATHS.toolbox, fields: NO_PDB,
    read: readToolboxOptions,
  },
  {
    key: 'migrations', path: COMPONENT_VALUES_PATHS.migrations, fields: ['resources', 'nodeSelector', 'tolerations', 'priorityClassName'],
    read: readMigrationsOptions,
  },
];

/**
 * The migrations Job's deadlines (`gitlab.migrations.{activeDeadlineSeconds,backoffLimit}`), and the Secret of the
 * shared runners registration token (`global.runner.registrationToken.secret`; the runner import reads it too).
 */
function readMigrationsOptions(b: PropsBuilder, path: string, to: string): void {
  b.number(`${path}.activeDeadlineSeconds`, `${to}.activeDeadlineSeconds`);
  b.number(`${path}.backoffLimit`, `${to}.backoffLimit`);
  b.string('global.runner.registrationToken.secret', `${to}.runnerRegistrationToken.name`);
}

/** Components whose typed options take `serviceAccountAnnotations`. */
export const COMPONENTS_WITH_ACCOUNTS: readonly string[] = COMPONENTS.filter((c) => c.key !== 'migrations').map((c) => c.key);

/** `gitlab.<component>.*` (and `registry.*`): on/off, scaling, resources and placement of each component. */
export function readComponents(b: PropsBuilder): void {
  for (const spec of COMPONENTS) readComponent(b, spec);
}

function readComponent(b: PropsBuilder, spec: ComponentSpec): void {
  const v = b.values;
  const { path } = spec;
  const to = `components.${spec.key}`;
  const switchPath = spec.enabled === undefined ? `${path}.enabled` : spec.enabled;
  let on = switchPath ? v.boolean(switchPath) ?? true : true;
  // The registry has two switches: the chart's deployment and Rails' integration; either turns it off here.
  if (spec.key === 'registry') on = (v.boolean('global.registry.enabled') ?? true) && on;
  if (!on) {
    b.set(`${to}.enabled`, false, switchPath ?? undefined);
    const reason = `nothing while ${spec.key} is off`;
    const fix = `remove the key, or turn ${spec.key} on${switchPath ? ` (${switchPath}: true)` : ''}`;
    v.noEffect(path, reason, fix, switchPath ? [switchPath] : []);
    for (const related of spec.related ?? []) v.noEffect(related, reason, fix);
    return;
  }

  for (const field of spec.fields) readField(b, `${path}.${field}`, to, field);
  if (spec.hpa) {
    const under = spec.hpa.replicasUnder === 'component-then-hpa' ? [path, `${path}.hpa`] : [spec.hpa.replicasUnder === 'component' ? path : `${path}.hpa`];
    for (const at of under) {
      b.number(`${at}.minReplicas`, `${to}.autoscaling.minReplicas`);
      b.number(`${at}.maxReplicas`, `${to}.autoscaling.maxReplicas`);
    }
    readTarget(b, `${path}.hpa.cpu`, `${to}.autoscaling.cpu`, spec.hpa.cpu);
    readTarget(b, `${path}.hpa.memory`, `${to}.autoscaling.memory`, { type: 'Utilization' });
    b.number(`${path}.hpa.behavior.scaleDown.stabilizationWindowSeconds`, `${to}.autoscaling.scaleDownStabilizationSeconds`);
  }
  spec.read?.(b, path, to);
}

export function readField(b: PropsBuilder, from: string, to: string, field: Field): void {
  switch (field) {
    case 'resources': return b.raw(from, `${to}.resources`, stringifyNumbers);
    // The chart's own default variables (e.g. the exporter's MALLOC_CONF) are set by the component already.
    case 'extraEnv': return b.raw(from, `${to}.extraEnv`, (env) => stringifyNumbers(isMap(env)
      ? Object.fromEntries(Object.entries(env).filter(([k, x]) => !isChartDefault(`${from}.${k}`, x))) : env));
    case 'podLabels': return b.raw(from, `${to}.podLabels`);
    case 'nodeSelector': return b.raw(from, `${to}.placement.nodeSelector`);
    case 'tolerations': return b.raw(from, `${to}.placement.tolerations`);
    case 'priorityClassName': { b.string(from, `${to}.placement.priorityClassName`); return; }
    case 'maxUnavailable': return b.raw(from, `${to}.podDisruptionBudget.maxUnavailable`);
  }
}
