import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps } from '../../constructs';
import { productionProps } from '../support/fixtures';
import { validateObjects } from '../support/kube-schema';
import { podTemplateOf } from '../support/pod-security';
import { KubeObject, synthPlatform } from '../support/synth';

/**
 * Every pod-spec field of Kubernetes 1.33 a user can reach through the typed settings survives synthesis.
 *
 * The values are generated from the vendored 1.33 OpenAPI definitions, not listed by hand: for each structure a
 * setting passes through (placement's affinity, tolerations and topology spread, the rollout strategy, ...) the
 * test builds an instance with every field the schema defines, recursively, synthesizes the platform and compares.
 * A field the Kubernetes classes did not know would vanish here (the 1.27 classes dropped `matchLabelKeys`).
 * The PodSpec and Container fields no setting reaches are classified below; a field that appears in a newer schema
 * fails the classification test until someone decides whether users need it.
 */
type Schema = { $ref?: string; type?: string; format?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean };
type Json = any;

const VERSION = '1.33';
const DEFS: Record<string, Schema> = JSON.parse(gunzipSync(readFileSync(join(__dirname, '..', 'fixtures', 'kubernetes-schemas', `v${VERSION}.0.json.gz`)) as unknown as Uint8Array).toString('utf8')).definitions;
const CORE = 'io.k8s.api.core.v1';
const def = (name: string): Schema => {
  const d = DEFS[name];
  if (!d) throw new Error(`no definition ${name} in the ${VERSION} schema`);
  return d;
};

// Leaf values that make the generated objects valid for the API server, not only for the schema: keyed by
// `Definition#field` or by field name. Only values live here; which fields exist comes from the schema.
const LEAVES: Record<string, Json> = {
  'Toleration#operator': 'Equal', // with a key, a value and an effect
  'Toleration#effect': 'NoExecute', // tolerationSeconds applies to NoExecute only
  'Toleration#key': 'example.com/dedicated',
  'NodeSelectorTerm#matchFields.key': 'metadata.name', // the one field a node selector can match
  'DeploymentStrategy#type': 'RollingUpdate', // rollingUpdate needs it
  operator: 'In',
  whenUnsatisfiable: 'DoNotSchedule', // minDomains needs it
  nodeAffinityPolicy: 'Honor',
  nodeTaintsPolicy: 'Honor',
  topologyKey: 'topology.kubernetes.io/zone',
  key: 'example.com/pool',
  value: 'gitlab',
  values: 'gitlab',
  namespaces: 'gitlab',
  matchLabelKeys: 'pod-template-hash', // must differ from the labelSelector's keys and from mismatchLabelKeys
  mismatchLabelKeys: 'example.com/tenant',
  weight: 50,
  maxSkew: 1,
  minDomains: 2,
  tolerationSeconds: 300,
  maxSurge: '25%',
  maxUnavailable: 1,
};

/** An instance of a definition with every field set, recursively (one list entry, one map entry). */
function full(defName: string, path: string[] = []): Json {
  const short = defName.split('.').pop()!;
  const out: Record<string, Json> = {};
  for (const [field, schema] of Object.entries(def(defName).properties ?? {})) out[field] = value(schema, short, field, [...path, field]);
  return out;
}

function value(schema: Schema, owner: string, field: string, path: string[]): Json {
  const pinned = LEAVES[`${owner}#${path.slice(-2).join('.')}`] ?? LEAVES[`${owner}#${field}`] ?? LEAVES[field];
  if (schema.$ref) {
    const ref = schema.$ref.replace('#/definitions/', '');
    if (ref.endsWith('intstr.IntOrString')) return pinned ?? 1;
    if (ref.endsWith('api.resource.Quantity')) return pinned ?? '1';
    return full(ref, path);
  }
  switch (schema.type) {
    case 'array': return [value(schema.items!, owner, field, path)];
    case 'object': return { 'example.com/role': value(schema.additionalProperties as Schema, owner, 'mapValue', path) };
    case 'integer': case 'number': return pinned ?? 1;
    case 'boolean': return pinned ?? true;
    default: return pinned ?? 'example';
  }
}

/** Leaf paths of a JSON value (`a.b[0].c`). */
function leaves(v: Json, at = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, `${at}[${i}]`));
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, at ? `${at}.${k}` : k));
  return [at];
}
const get = (v: Json, path: string): Json => path.split(/\.|(?=\[)/).reduce((o, k) => (o === undefined ? undefined : k.startsWith('[') ? o[Number(k.slice(1, -1))] : o[k]), v);

/** Leaf paths of `expected` missing or different in `actual`. */
function lost(expected: Json, actual: Json): string[] {
  return leaves(expected).filter((p) => JSON.stringify(get(actual, p)) !== JSON.stringify(get(expected, p)));
}

/** A pod-spec field a typed setting reaches: the definition of what the user writes and where it lands. */
interface Reachable {
  /** The setting, for the test's name. */
  readonly setting: string;
  /** Definition of the value (every field generated), or undefined for a plain value. */
  readonly definition?: string;
  readonly props: (v: Json) => Partial<GitLabPlatformProps>;
  /** The value the user sets (generated from `definition` unless given). */
  readonly value?: Json;
  /** What the pod spec must then hold at `field`. @default the value itself */
  readonly expected?: (v: Json) => Json;
  /** Where to read it: a PodSpec field, or a path from the workload object. */
  readonly field: string;
  readonly fromObject?: (o: KubeObject) => Json;
}

const placement = (p: Record<string, Json>): Partial<GitLabPlatformProps> => ({ placement: p });

/** PodSpec fields a user sets, and the setting that reaches each. */
const REACHABLE: readonly Reachable[] = [
  { setting: 'placement.affinity', definition: `${CORE}.Affinity`, field: 'affinity', props: (v) => placement({ affinity: v }) },
  { setting: 'placement.tolerations', definition: `${CORE}.Toleration`, field: 'tolerations', props: (v) => placement({ tolerations: [v] }), expected: (v) => [v] },
  {
    setting: 'placement.topologySpreadConstraints', definition: `${CORE}.TopologySpreadConstraint`, field: 'topologySpreadConstraints',
    props: (v) => placement({ topologySpreadConstraints: [v] }), expected: (v) => [v],
  },
  { setting: 'placement.nodeSelector', field: 'nodeSelector', value: { 'example.com/pool': 'gitlab' }, props: (v) => placement({ nodeSelector: v }) },
  { setting: 'placement.priorityClassName', field: 'priorityClassName', value: 'gitlab-high', props: (v) => placement({ priorityClassName: v }) },
  { setting: 'imagePullSecrets', field: 'imagePullSecrets', value: 'registry-credentials', props: (v) => ({ imagePullSecrets: [v] }), expected: (v) => [{ name: v }] },
  {
    setting: 'components.webservice.terminationGracePeriodSeconds', field: 'terminationGracePeriodSeconds', value: 77,
    props: (v) => ({ components: { ...productionProps().components, webservice: { terminationGracePeriodSeconds: v } } }),
  },
];

/** PodSpec fields no setting reaches, by why: the platform owns them (escape hatch: a JSON patch on the handle). */
const PLATFORM_OWNED: Readonly<Record<string, readonly string[]>> = {
  'the restricted Pod Security Standard': ['securityContext', 'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace'],
  'the component contract (what GitLab runs and mounts)': [
    'containers', 'initContainers', 'ephemeralContainers', 'volumes', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken',
    'restartPolicy', 'activeDeadlineSeconds', 'enableServiceLinks',
  ],
  'Kubernetes defaults the platform keeps': [
    'dnsConfig', 'dnsPolicy', 'hostAliases', 'hostname', 'subdomain', 'setHostnameAsFQDN', 'nodeName', 'os', 'overhead', 'preemptionPolicy',
    'priority', 'readinessGates', 'resourceClaims', 'resources', 'runtimeClassName', 'schedulerName', 'schedulingGates',
  ],
};

/** Container fields a setting reaches, with the sub-fields it reaches (the rest of each is the platform's). */
const CONTAINER_REACHABLE: Readonly<Record<string, { readonly setting: string; readonly fields?: readonly string[] }>> = {
  env: { setting: '<component>.extraEnv', fields: ['name', 'value'] },
  resources: { setting: '<component>.resources', fields: ['requests', 'limits'] },
  image: { setting: 'images.<image>.{repository,tag}' },
  imagePullPolicy: { setting: 'images.<image>.pullPolicy' },
};
const CONTAINER_OWNED: Readonly<Record<string, readonly string[]>> = {
  'the restricted Pod Security Standard': ['securityContext'],
  'the component contract (what GitLab runs and mounts)': [
    'name', 'args', 'command', 'envFrom', 'ports', 'volumeMounts', 'volumeDevices', 'workingDir', 'lifecycle', 'restartPolicy',
  ],
  'the chart\'s probe timings': ['livenessProbe', 'readinessProbe', 'startupProbe'],
  'Kubernetes defaults the platform keeps': ['resizePolicy', 'stdin', 'stdinOnce', 'tty', 'terminationMessagePath', 'terminationMessagePolicy'],
};

const sorted = (xs: Iterable<string>) => [...xs].sort();
const workloads = (objects: KubeObject[]) => objects.flatMap((o) => {
  const pod = podTemplateOf(o);
  return pod ? [{ name: `${o.kind}/${o.metadata.name}`, spec: pod.spec }] : [];
});

describe(`pod-spec fields of Kubernetes ${VERSION} a user can set`, () => {
  it('every PodSpec field is either reachable through a setting (and tested below) or owned by the platform', () => {
    const classified = [...REACHABLE.map((r) => r.field), ...Object.values(PLATFORM_OWNED).flat()];
    expect(sorted(classified)).toEqual(sorted(Object.keys(def(`${CORE}.PodSpec`).properties!)));
  });

  it('every Container field is either reachable through a setting or owned by the platform', () => {
    const container = def(`${CORE}.Container`).properties!;
    expect(sorted([...Object.keys(CONTAINER_REACHABLE), ...Object.values(CONTAINER_OWNED).flat()])).toEqual(sorted(Object.keys(container)));
    expect(Object.keys(def(`${CORE}.EnvVar`).properties!)).toEqual(expect.arrayContaining([...CONTAINER_REACHABLE.env.fields!]));
    expect(Object.keys(def(`${CORE}.ResourceRequirements`).properties!)).toEqual(expect.arrayContaining([...CONTAINER_REACHABLE.resources.fields!]));
  });

  describe.each(REACHABLE.map((r) => ({ ...r, name: r.setting })))('$name', (r) => {
    const input = r.value ?? full(r.definition!);
    const expected = r.expected ? r.expected(input) : input;
    const objects = synthPlatform(productionProps(r.props(input)));

    it(r.definition ? `sets all ${leaves(input).length} fields of ${r.definition.split('.').pop()} and each reaches every pod` : 'reaches every pod', () => {
      const pods = workloads(objects).filter((w) => r.setting !== 'components.webservice.terminationGracePeriodSeconds' || w.name.includes('webservice'));
      expect(pods.length).toBeGreaterThan(0);
      const missing = pods.flatMap((w) => lost(expected, w.spec[r.field]).map((p) => `${w.name}: ${r.field}.${p}`));
      expect(missing).toEqual([]);
    });

    it(`the output stays strictly valid on Kubernetes ${VERSION}`, () => {
      expect(validateObjects(objects, VERSION)).toEqual([]);
    });
  });

  it('a Deployment rollout strategy with every field of DeploymentStrategy reaches the Deployment', () => {
    const strategy = full('io.k8s.api.apps.v1.DeploymentStrategy');
    const objects = synthPlatform(productionProps({ components: { ...productionProps().components, webservice: { deploymentStrategy: strategy } } }));
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name.includes('webservice'))!;
    expect(lost(strategy, deployment.spec.strategy)).toEqual([]);
  });

  it('extraEnv, resources and image overrides reach the main container', () => {
    const resources = { requests: { cpu: '300m', memory: '1Gi', 'ephemeral-storage': '1Gi' }, limits: { cpu: '2', memory: '3Gi', 'ephemeral-storage': '2Gi' } };
    const objects = synthPlatform(productionProps({
      images: { webservice: { repository: 'registry.example.com/gitlab/webservice-ee', tag: 'v18.9.1-custom', pullPolicy: 'Always' } },
      components: { ...productionProps().components, webservice: { extraEnv: { EXAMPLE_FLAG: 'on' }, resources } },
    }));
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name.includes('webservice'))!;
    const main = deployment.spec.template.spec.containers.find((c: Json) => c.name === 'webservice');
    expect(main.env).toContainEqual({ name: 'EXAMPLE_FLAG', value: 'on' });
    expect(main.resources).toEqual(resources);
    expect(main.image).toBe('registry.example.com/gitlab/webservice-ee:v18.9.1-custom');
    expect(main.imagePullPolicy).toBe('Always');
  });
});
