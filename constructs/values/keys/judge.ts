import { ConfigIssue, show } from '../../config/errors';
import { ValuesReader } from '../reader';
import { CHART_DEFAULTS, ignoredByChart, isChartDefault, isChartKey, KNOWN_NAMES, ruleFor, sameValue, tableKey, treatmentOf } from './lookup';
import { Addon, BundledService, KeyRule } from './treatment';

/** What the importer knows about the file when it judges a key it did not read. */
export interface JudgeContext {
  /** Whether the file runs this bundled service in the cluster. */
  readonly bundledOn: (service: BundledService) => boolean;
  /** Whether the file turns this add-on on (its keys are then covered by the add-on's notice). */
  readonly addonOn: (addon: Addon) => boolean;
  /** The key the importer reads that `path` most likely misspells. */
  readonly suggestion: (path: string) => string | undefined;
}

/** The outcome for one key: nothing to say, a warning (stderr), a notice for an add-on, or a refusal. */
export type Verdict =
  | { readonly outcome: 'accepted' }
  | { readonly outcome: 'warning'; readonly message: string }
  | { readonly outcome: 'notice'; readonly addon: Addon }
  /** A key of a bundled service with no equivalent on its in-cluster replacement: listed in one warning per service. */
  | { readonly outcome: 'ignored'; readonly service: BundledService }
  | { readonly outcome: 'refused'; readonly issue: ConfigIssue };

const refuse = (path: string, value: unknown, why: string, instead: string): Verdict =>
  ({ outcome: 'refused', issue: { path, value: show(value), allowed: `nothing: ${why}`, fix: instead } });

/**
 * Judges a key the importer did not read, by the key table: a value equal to the chart's default asks for nothing;
 * a key outside the chart's key space is ignored with a warning (as Helm ignores it).
 */
export function judgeUnread(path: string, value: unknown, ctx: JudgeContext): Verdict {
  let rule: KeyRule | undefined = treatmentOf(path);
  // A key the chart does not have, under keys the importer reads: most likely a misspelling, which Helm ignores. So is
  // a key under a map the chart leaves open (deployments, pods) whose name the chart never uses (`maxReplixas`).
  const leaf = tableKey(path).split('.').pop() ?? '';
  if (rule?.treatment.kind === 'mapped' && (!isChartKey(path) || (!CHART_DEFAULTS.has(tableKey(path)) && !KNOWN_NAMES.has(leaf)))) rule = undefined;
  if (!rule) {
    const near = ctx.suggestion(path);
    return { outcome: 'warning', message: `${path}: not a key of the GitLab chart 9.9.1; ignored, as Helm ignores it${near ? ` (did you mean ${near}?)` : ''}` };
  }
  const t = rule.treatment;
  // Helm ignores a key its values do not list (or that its templates never read under a map the values leave open),
  // unless a removal check of the chart fails on it: so does the import.
  if (!rule.chartFails && (!isChartKey(path) || ignoredByChart(path))) {
    const why = t.kind === 'refused' ? `: ${t.why}; ${t.instead}` : t.kind === 'accepted' && t.otherwise ? `: ${t.otherwise.why}; ${t.otherwise.instead}` : '';
    const near = ctx.suggestion(path);
    const what = isChartKey(path) ? 'not read by the templates of the GitLab chart 9.9.1' : 'not a key of the GitLab chart 9.9.1';
    return { outcome: 'warning', message: `${path}: ${what}; ignored, as Helm ignores it${why}${near ? ` (did you mean ${near}?)` : ''}` };
  }
  if (t.kind !== 'notice' && isChartDefault(tableKey(path), value)) return { outcome: 'accepted' };
  if (rule.whenBundled && !ctx.bundledOn(rule.whenBundled)) return { outcome: 'accepted' };
  switch (t.kind) {
    case 'accepted':
      if (!t.only || t.only.some((ok) => sameValue(ok, value))) return { outcome: 'accepted' };
      return refuse(path, value, t.otherwise?.why ?? t.why, t.otherwise?.instead ?? `use ${t.only.map((x) => JSON.stringify(x)).join(' or ')}, or remove the key`);
    case 'notice':
      return ctx.addonOn(t.addon) ? { outcome: 'notice', addon: t.addon } : { outcome: 'accepted' };
    case 'bundled':
      return ctx.bundledOn(t.service) ? { outcome: 'ignored', service: t.service } : { outcome: 'accepted' };
    case 'refused':
      return refuse(path, value, t.why, t.instead);
    case 'mapped': {
      const near = ctx.suggestion(path);
      return refuse(path, value, `gitlab-iac reads ${rule.keys.length > 80 ? 'keys beside this one' : rule.keys} (${t.to}), not this key with these values`,
        near ? `did you mean ${near}? Otherwise remove the key` : 'remove the key, or set the equivalent through the typed API (GitLabPlatformProps)');
    }
  }
}

/**
 * A key of a list entry (a Sidekiq pod) that the entry's reader did not take, judged as the same key of the component
 * (`gitlab.sidekiq.pods[0].keda.enabled` as `gitlab.sidekiq.keda.enabled`): outside the chart, ignored with a
 * warning; at the chart's default, accepted; otherwise refused with the component key's reason or what an entry takes.
 */
export function judgeEntryKey(v: ValuesReader, at: string, asComponentKey: string, value: unknown, list: string): void {
  const rule = treatmentOf(asComponentKey);
  if (!rule) {
    v.noEffects.push({ path: at, value: show(value), allowed: 'nothing: not a key of the chart (Helm ignores it)', fix: 'remove the key' });
    return;
  }
  if (isChartDefault(asComponentKey, value)) return;
  const entry = ruleFor(list)?.treatment;
  const t = rule.treatment;
  v.unsupported.push({ path: at, value: show(value), allowed: t.kind === 'refused' ? `nothing: ${t.why}` : 'nothing: gitlab-iac does not read this key of an entry',
    fix: t.kind === 'refused' ? t.instead : entry?.kind === 'mapped' ? entry.to : 'remove the key' });
}
