/**
 * How gitlab-iac treats one key of the official chart's values. Every key of the chart (and every key under the
 * external subcharts' prefixes) gets exactly one treatment, from the first rule of `KEY_TABLE` whose pattern matches.
 *
 * A value equal to the chart's own default never asks for anything, so it is accepted whatever the treatment
 * (values files often restate the chart's defaults); the treatment judges the other values.
 */
export type Treatment = Mapped | Accepted | Notice | Refused | Bundled;

/** Read by the importer into a typed setting. Unread (its feature off in the same file), it has no effect: a warning. */
export interface Mapped {
  readonly kind: 'mapped';
  /** The typed setting (`GitLabPlatformProps` path) it becomes. */
  readonly to: string;
}

/**
 * Asks for what gitlab-iac does anyway: accepted without a word. With `only`, just those values are (or, with
 * `onlyWhen`, the values passing it); any other value is refused with `otherwise`.
 */
export interface Accepted {
  readonly kind: 'accepted';
  /** Why the key needs nothing (shown in the README). */
  readonly why: string;
  /** The values accepted (JSON-equal); others are refused. @default every value */
  readonly only?: readonly unknown[];
  /** Refusal of the values not in `only`. */
  readonly otherwise?: Omit<Refused, 'kind'>;
}

/** Names of the cluster add-ons the chart bundles and gitlab-iac leaves to the cluster. */
export const ADDONS = ['ingress-nginx', 'cert-manager', 'prometheus', 'traefik', 'haproxy', 'envoy-gateway', 'shared-secrets'] as const;
export type Addon = typeof ADDONS[number];

/** A cluster add-on the chart bundles: accepted, with one stderr line per add-on saying what to install instead. */
export interface Notice {
  readonly kind: 'notice';
  readonly addon: Addon;
}

/** gitlab-iac cannot produce it: refused with the reason and the alternative (unless at the chart's default). */
export interface Refused {
  readonly kind: 'refused';
  readonly why: string;
  readonly instead: string;
}

/** Services the chart installs in the cluster and gitlab-iac runs as evaluation data services. */
export const BUNDLED_SERVICES = ['postgresql', 'redis', 'minio'] as const;
export type BundledService = typeof BUNDLED_SERVICES[number];

/** Mapped by the bundled-services mapping (`bundled-services.ts`) onto in-cluster PostgreSQL, Valkey or Garage. */
export interface Bundled {
  readonly kind: 'bundled';
  readonly service: BundledService;
}

export const mapped = (to: string): Mapped => ({ kind: 'mapped', to });
export const accepted = (why: string, only?: readonly unknown[], otherwise?: Omit<Refused, 'kind'>): Accepted =>
  ({ kind: 'accepted', why, ...(only ? { only } : {}), ...(otherwise ? { otherwise } : {}) });
export const notice = (addon: Addon): Notice => ({ kind: 'notice', addon });
export const refused = (why: string, instead: string): Refused => ({ kind: 'refused', why, instead });
export const bundled = (service: BundledService): Bundled => ({ kind: 'bundled', service });

/**
 * One row of the key table: a pattern over dotted keys and its treatment. Pattern segments: a literal key, `*` (any
 * one key), `{a,b}` (one of these keys), and a final `**` (the key itself or anything under it).
 */
export interface KeyRule {
  readonly keys: string;
  readonly treatment: Treatment;
  /**
   * The chart's own removal checks (`templates/_removals.tpl`) make `helm template` fail on this key, so it is
   * refused although the chart's values do not list it. Any other key the chart's values do not list is ignored by
   * Helm, and so by the importer, with a warning (carrying this row's reason).
   * @default false
   */
  readonly chartFails?: boolean;
  /**
   * Judged only while this bundled service runs in the cluster; with it off the key asks for nothing (the chart
   * would not install the service either). @default judged always
   */
  readonly whenBundled?: BundledService;
}
