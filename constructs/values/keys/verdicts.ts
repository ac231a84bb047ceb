import { ConfigIssue } from '../../config/errors';
import { PropsBuilder } from '../builder';
import { ValuesReader } from '../reader';
import { judgeUnread } from './judge';
import { CHART_DEFAULTS, isChartDefault, treatmentOf } from './lookup';
import { Addon, ADDONS, BundledService } from './treatment';

/** The switch that turns each add-on on in the chart (the first one set decides; else the chart's default). */
const ADDON_SWITCHES: Readonly<Record<Addon, readonly string[]>> = {
  'ingress-nginx': ['nginx-ingress.enabled'],
  'cert-manager': ['certmanager.install', 'installCertmanager'],
  'prometheus': ['prometheus.install'],
  'traefik': ['traefik.install'],
  'haproxy': ['haproxy.install'],
  'envoy-gateway': ['global.gatewayApi.installEnvoy'],
  'shared-secrets': ['shared-secrets.enabled'],
};

/** The in-cluster service (`inClusterServices.<name>`, set by bundled-services.ts) each bundled service becomes. */
const IN_CLUSTER: Readonly<Record<BundledService, string>> = {
  postgresql: 'postgres',
  redis: 'redis',
  minio: 'objectStorage',
};

/** A switch's value in the file, else the chart's default. */
function effective(v: ValuesReader, paths: readonly string[]): boolean {
  for (const p of paths) {
    const x = v.peek(p);
    if (x !== undefined) return x === true;
  }
  return paths.some((p) => CHART_DEFAULTS.get(p) === true);
}

/** The stderr line for an add-on the values turn on, naming what the output expects of the cluster. */
function noticeLine(addon: Addon, b: PropsBuilder): string {
  const cls = String(b.get('ingress.className') ?? 'the IngressClass of global.ingress.class');
  const issuer = (b.get('ingress.tls.issuer') as { name?: string; kind?: string } | undefined);
  switch (addon) {
    case 'ingress-nginx': return `notice: the chart would install the NGINX ingress controller; gitlab-iac does not: install ingress-nginx (its own chart) serving the IngressClass "${cls}", which the Ingresses name`;
    case 'cert-manager': return `notice: the chart would install cert-manager; gitlab-iac does not: install cert-manager (its own chart)${issuer?.name ? `; the Ingresses ask it for certificates from the ${issuer.kind ?? 'Issuer'} "${issuer.name}"` : ''}`;
    case 'prometheus': return 'notice: the chart would install Prometheus; gitlab-iac does not: scrape the pods with the monitoring stack you run (they carry prometheus.io/scrape annotations)';
    case 'traefik': return `notice: the chart would install Traefik; gitlab-iac does not: install Traefik (its own chart) serving the IngressClass "${cls}"`;
    case 'haproxy': return `notice: the chart would install the HAProxy ingress controller; gitlab-iac does not: install it (its own chart) serving the IngressClass "${cls}"`;
    case 'envoy-gateway': return 'notice: the chart would install Envoy Gateway; gitlab-iac does not: install a Gateway API implementation and name its Gateway in global.gatewayApi.gatewayRef';
    case 'shared-secrets': return 'notice: the chart would generate the shared Secrets with a Helm hook Job; gitlab-iac does not: create them once with `gitlab-iac secrets --namespace NS --values FILE > secrets.yaml`, fill in the placeholders, then `gitlab-iac secrets --check secrets.yaml && kubectl create -f secrets.yaml` (never kubectl apply: new Rails secrets make encrypted data unreadable), or with the Pulumi stack';
  }
}

/** What replaces each bundled service, for the line listing its ignored keys. */
const REPLACED_BY: Readonly<Record<BundledService, string>> = {
  postgresql: 'the bundled Bitnami PostgreSQL is replaced by the in-cluster CloudNativePG Cluster',
  redis: 'the bundled Bitnami Redis is replaced by the in-cluster Valkey',
  minio: 'the bundled MinIO is replaced by the in-cluster Garage',
};

/** One line per bundled service: every key of its chart that has no equivalent on the replacement. */
export function bundledIgnoredLine(service: BundledService, keys: readonly string[]): string {
  return `warning: ${service}: ${keys.length} key${keys.length > 1 ? 's' : ''} of the bundled ${service} chart ignored: ${REPLACED_BY[service]}`
    + ' (evaluation only), which has no equivalent for them (images, probes, metrics, pod annotations and placement,'
    + ' extra volumes and flags, Service settings, replicas; persistence switches: the data is always on a volume; passwords come from the Secrets `gitlab-iac secrets` writes, never from values): '
    + keys.join(', ');
}

/** Keys outside the chart warned about one by one; the rest are counted. */
const MAX_OUTSIDE_WARNINGS = 50;

export interface ValuesVerdicts {
  /** Keys refused by the key table (unsupported). */
  readonly refused: ConfigIssue[];
  /** Values the readers refused (wrong type or value), except those at the chart's default. */
  readonly problems: ConfigIssue[];
  /** Warnings and add-on notices, one line each, in a stable order. */
  readonly warnings: string[];
}

/** Judges what the readers did not read by the key table, and sorts what they reported. */
export function judgeValues(reader: ValuesReader, b: PropsBuilder): ValuesVerdicts {
  const refused: ConfigIssue[] = [];
  const warnings: string[] = [];
  const addonsOn = new Set(ADDONS.filter((a) => effective(reader, ADDON_SWITCHES[a])));
  const ctx = {
    bundledOn: (s: BundledService) => b.get(`inClusterServices.${IN_CLUSTER[s]}`) !== undefined,
    addonOn: (a: Addon) => addonsOn.has(a),
    suggestion: (p: string) => reader.suggestion(p),
  };
  let outside = 0;
  const ignored = new Map<BundledService, string[]>();
  for (const [path, value] of reader.unread()) {
    // Suggestions cost a scan of the keys read: only for the first keys outside the chart (a file of 50,000 stays fast).
    const verdict = judgeUnread(path, value, outside < MAX_OUTSIDE_WARNINGS ? ctx : { ...ctx, suggestion: () => undefined });
    if (verdict.outcome === 'refused') refused.push(verdict.issue);
    else if (verdict.outcome === 'ignored') ignored.set(verdict.service, [...ignored.get(verdict.service) ?? [], path]);
    else if (verdict.outcome === 'warning' && outside++ < MAX_OUTSIDE_WARNINGS) warnings.push(`warning: ${verdict.message}`);
  }
  if (outside > MAX_OUTSIDE_WARNINGS) warnings.push(`warning: ${outside - MAX_OUTSIDE_WARNINGS} more keys outside the GitLab chart ignored`);
  refused.push(...reader.unsupported);
  warnings.push(...reader.warnings.map((w) => `warning: ${w}`));
  for (const [service, keys] of ignored) warnings.push(bundledIgnoredLine(service, keys));
  // Settings of a feature the same file turns off: ignored, as the chart ignores them, with a line saying so.
  for (const issue of reader.noEffects) {
    if (isChartDefault(issue.path, reader.peekLeaf(issue.path))) continue;
    const what = issue.allowed.startsWith('nothing') ? issue.allowed : `nothing here (${issue.allowed})`;
    warnings.push(`warning: ${issue.path}: ignored: it does ${what}. To act on it: ${issue.fix}`);
  }
  // A value the readers refused stays refused, except at the chart's default of a key they do not map (which asks
  // for nothing); for mapped keys the readers' own judgement holds.
  const problems = reader.problems.filter((p) => {
    const value = reader.peekLeaf(p.path);
    const kind = treatmentOf(p.path)?.treatment.kind;
    return value === undefined || kind === 'mapped' || kind === 'bundled' || !isChartDefault(p.path, value);
  });
  for (const addon of ADDONS) if (addonsOn.has(addon)) warnings.push(noticeLine(addon, b));
  return { refused, problems, warnings };
}
