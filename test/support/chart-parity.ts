/**
 * Compatibility score against the official chart's render: both renders are reduced to "features" (what a CNG image
 * or a client of the platform relies on: workloads, containers, images, ports, env names, mount paths, probes,
 * Service ports, Ingress routes, HPAs, PDBs), and the score is the share of the chart's features the platform has.
 *
 * Names are compared without the release prefix; migration Jobs without their content hash (ours differs by
 * design); PDBs without the chart's `-v1` suffix. Objects the platform leaves out on purpose (Helm hooks and Helm
 * test/bookkeeping objects) are listed in `DELIBERATE_OMISSIONS` and not scored.
 */

type Any = Record<string, any>;

/** A category of compared facts; `scored` ones count towards the coverage. */
export const FEATURE_CATEGORIES = {
  workload: { scored: true, what: 'Deployment/StatefulSet/Job present' },
  container: { scored: true, what: 'container (or init container) present, by name' },
  image: { scored: true, what: 'image repository of a container (tag ignored)' },
  port: { scored: true, what: 'container port name and number' },
  env: { scored: true, what: 'env var name of a container' },
  mount: { scored: true, what: 'volume mount path of a container' },
  probe: { scored: true, what: 'liveness/readiness/startup probe of a container' },
  service: { scored: true, what: 'Service present' },
  'service-port': { scored: true, what: 'Service port number -> target container port number' },
  ingress: { scored: true, what: 'Ingress host + path -> Service port number' },
  hpa: { scored: true, what: 'HPA target, minReplicas, maxReplicas' },
  pdb: { scored: true, what: 'PodDisruptionBudget present and its budget' },
  configmap: { scored: false, what: 'ConfigMap present (informational)' },
  'configmap-key': { scored: false, what: 'ConfigMap key, i.e. the config file name an image reads (informational)' },
} as const;
export type FeatureCategory = keyof typeof FEATURE_CATEGORIES;

/** Objects of the chart render the platform does not produce, on purpose (the README lists them). */
export const DELIBERATE_OMISSIONS: readonly { readonly kind: string; readonly name: RegExp; readonly why: string }[] = [
  { kind: 'ServiceAccount', name: /^shared-secrets$/, why: 'Helm hook: shared-secrets Job (secrets come from Pulumi, External Secrets or `cli secrets`)' },
  { kind: 'Role', name: /^shared-secrets$/, why: 'Helm hook: shared-secrets Job' },
  { kind: 'RoleBinding', name: /^shared-secrets$/, why: 'Helm hook: shared-secrets Job' },
  { kind: 'ConfigMap', name: /^shared-secrets$/, why: 'Helm hook: shared-secrets Job script' },
  { kind: 'Job', name: /^shared-secrets(-[0-9a-z]+)?$/, why: 'Helm hook: shared-secrets Job' },
  { kind: 'ConfigMap', name: /^gitlab-upgrade-check$/, why: 'Helm hook: upgrade-check' },
  { kind: 'Job', name: /^gitlab-upgrade-check$/, why: 'Helm hook: upgrade-check' },
  { kind: 'Pod', name: /^webservice-test-runner(-[0-9a-z]+)?$/, why: 'Helm test Pod' },
  { kind: 'ConfigMap', name: /^webservice-tests$/, why: 'Helm test script' },
  { kind: 'ConfigMap', name: /^gitlab-chart-info$/, why: 'Helm bookkeeping (chart version info)' },
  { kind: 'ConfigMap', name: /^nginx-ingress-tcp$/, why: 'belongs to the bundled NGINX controller, which the platform does not install' },
];

export interface ParityOptions {
  /** Objects of the chart render a comparison leaves out besides `DELIBERATE_OMISSIONS` (e.g. a cluster add-on). @default none */
  readonly omit?: readonly { readonly kind: string; readonly name: RegExp; readonly why: string }[];
  /** Release name of both renders (the prefix of every object name). @default gitlab */
  readonly release?: string;
}

/** The name of an object without the release prefix, Job hash or PDB `-v1` suffix. */
export function normalizedName(o: Any, release = 'gitlab'): string {
  let name: string = o.metadata?.name ?? '';
  if (name.startsWith(`${release}-`)) name = name.slice(release.length + 1);
  // The two migration phases both stand for the chart's one migrations Job.
  if (o.kind === 'Job') name = name.replace(/-[0-9a-f]{7,12}$/, '').replace(/^migrations-(pre|post)$/, 'migrations');
  if (o.kind === 'PodDisruptionBudget') name = name.replace(/-v1$/, '');
  return name;
}

export const isDeliberatelyOmitted = (o: Any, release = 'gitlab'): boolean =>
  DELIBERATE_OMISSIONS.some((d) => d.kind === o.kind && d.name.test(normalizedName(o, release)));

const POD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'DaemonSet']);
const podSpec = (o: Any): Any | undefined => (POD_KINDS.has(o.kind) ? o.spec?.template?.spec : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : undefined);
const podLabels = (o: Any): Any => (o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.metadata?.labels : o.spec?.template?.metadata?.labels) ?? {};
const repository = (image: string) => image.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^/:]+$/, '');
const path = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
const selects = (selector: Any, labels: Any) => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Every feature of a render, as `category<TAB>text` strings. */
export function extractFeatures(objects: readonly Any[], options: ParityOptions = {}): Set<string> {
  const release = options.release ?? 'gitlab';
  const out = new Set<string>();
  const add = (category: FeatureCategory, text: string) => out.add(`${category}\t${text}`);
  const kept = objects.filter((o) => o && !isDeliberatelyOmitted(o, release)
    && !(options.omit ?? []).some((d) => d.kind === o.kind && d.name.test(normalizedName(o, release))));
  const workloads = kept.filter((o) => podSpec(o));
  const services = kept.filter((o) => o.kind === 'Service');

  /** Target port of a Service port as a number, resolving a port name through the pods the Service selects. */
  const targetNumber = (svc: Any, port: Any): string => {
    const target = port.targetPort ?? port.port;
    if (typeof target === 'number') return String(target);
    if (/^[0-9]+$/.test(target)) return target;
    for (const w of workloads.filter((x) => selects(svc.spec?.selector ?? {}, podLabels(x)))) {
      const spec = podSpec(w)!;
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        const found = (c.ports ?? []).find((p: Any) => p.name === target);
        if (found) return String(found.containerPort);
      }
    }
    return `${target}(unresolved)`;
  };

  for (const w of workloads) {
    const wl = `${w.kind}/${normalizedName(w, release)}`;
    add('workload', wl);
    const spec = podSpec(w)!;
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const at = `${wl} ${c.name}`;
      add('container', at);
      if (c.image) add('image', `${at} ${repository(c.image)}`);
      for (const p of c.ports ?? []) add('port', `${at} ${p.name ?? ''}:${p.containerPort}`);
      for (const e of c.env ?? []) add('env', `${at} ${e.name}`);
      for (const m of c.volumeMounts ?? []) add('mount', `${at} ${path(m.mountPath)}`);
      for (const probe of ['liveness', 'readiness', 'startup']) if (c[`${probe}Probe`]) add('probe', `${at} ${probe}`);
    }
  }
  for (const svc of services) {
    const name = normalizedName(svc, release);
    add('service', name);
    for (const p of svc.spec?.ports ?? []) add('service-port', `${name} ${p.port}->${targetNumber(svc, p)}`);
  }
  for (const ing of kept.filter((o) => o.kind === 'Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const backend = p.backend?.service ?? {};
        const svc = services.find((s) => s.metadata.name === backend.name);
        const port = backend.port?.number ?? svc?.spec?.ports?.find((x: Any) => x.name === backend.port?.name)?.port ?? backend.port?.name;
        add('ingress', `${rule.host}${p.path ?? '/'} -> ${svc ? normalizedName(svc, release) : backend.name}:${port}`);
      }
    }
  }
  for (const hpa of kept.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const name = normalizedName(hpa, release);
    const target = hpa.spec?.scaleTargetRef ?? {};
    add('hpa', `${name} -> ${target.kind}/${normalizedName({ kind: target.kind, metadata: { name: target.name } }, release)}`);
    add('hpa', `${name} minReplicas=${hpa.spec?.minReplicas ?? 1}`);
    add('hpa', `${name} maxReplicas=${hpa.spec?.maxReplicas}`);
  }
  for (const pdb of kept.filter((o) => o.kind === 'PodDisruptionBudget')) {
    const name = normalizedName(pdb, release);
    add('pdb', name);
    const budget = pdb.spec?.maxUnavailable !== undefined ? `maxUnavailable=${pdb.spec.maxUnavailable}` : `minAvailable=${pdb.spec?.minAvailable}`;
    add('pdb', `${name} ${budget}`);
  }
  for (const cm of kept.filter((o) => o.kind === 'ConfigMap')) {
    const name = normalizedName(cm, release);
    add('configmap', name);
    for (const key of Object.keys(cm.data ?? {})) add('configmap-key', `${name} ${key}`);
  }
  return out;
}

export interface CategoryScore {
  readonly total: number;
  readonly matched: number;
}

export interface ParityReport {
  /** Share of the chart's scored features the platform has, 0..1. */
  readonly coverage: number;
  readonly total: number;
  readonly matched: number;
  /** Chart features the platform lacks (scored and informational), `category<TAB>text`, sorted. */
  readonly missing: readonly string[];
  /** Platform features the chart lacks, sorted. */
  readonly extra: readonly string[];
  readonly byCategory: Readonly<Record<FeatureCategory, CategoryScore>>;
}

/** Compares the platform's objects with the chart's render. */
export function scoreParity(chartObjects: readonly Any[], ourObjects: readonly Any[], options: ParityOptions = {}): ParityReport {
  const chart = extractFeatures(chartObjects, options);
  const ours = extractFeatures(ourObjects, options);
  const categoryOf = (f: string) => f.slice(0, f.indexOf('\t')) as FeatureCategory;
  const byCategory = Object.fromEntries(Object.keys(FEATURE_CATEGORIES).map((c) => [c, { total: 0, matched: 0 }])) as Record<FeatureCategory, { total: number; matched: number }>;
  for (const f of chart) {
    byCategory[categoryOf(f)].total++;
    if (ours.has(f)) byCategory[categoryOf(f)].matched++;
  }
  const scored = (Object.keys(FEATURE_CATEGORIES) as FeatureCategory[]).filter((c) => FEATURE_CATEGORIES[c].scored);
  const total = scored.reduce((n, c) => n + byCategory[c].total, 0);
  const matched = scored.reduce((n, c) => n + byCategory[c].matched, 0);
  return {
    coverage: total ? matched / total : 1,
    total,
    matched,
    missing: [...chart].filter((f) => !ours.has(f)).sort(),
    extra: [...ours].filter((f) => !chart.has(f)).sort(),
    byCategory,
  };
}

/** A human-readable report: the score, per category, then each missing feature. */
export function formatParityReport(report: ParityReport, opts: { extras?: boolean } = {}): string {
  const pct = (m: number, t: number) => (t ? `${((100 * m) / t).toFixed(1)}%` : 'n/a');
  const lines = [`chart parity: ${pct(report.matched, report.total)} (${report.matched}/${report.total} scored features of the official render)`];
  for (const [category, s] of Object.entries(report.byCategory)) {
    if (s.total) lines.push(`  ${category.padEnd(14)} ${pct(s.matched, s.total).padStart(6)}  ${s.matched}/${s.total}${FEATURE_CATEGORIES[category as FeatureCategory].scored ? '' : '  (informational)'}`);
  }
  if (report.missing.length) {
    lines.push('missing (in the chart, not in the platform):');
    for (const f of report.missing) lines.push(`  - ${f.replace('\t', ': ')}`);
  }
  if (opts.extras && report.extra.length) {
    lines.push('extra (in the platform, not in the chart):');
    for (const f of report.extra) lines.push(`  + ${f.replace('\t', ': ')}`);
  }
  return lines.join('\n');
}
