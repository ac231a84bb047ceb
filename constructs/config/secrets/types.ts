/**
 * The Secret settings a user writes: references to existing Secrets (`SecretRef`), the shared Secrets' names and
 * keys (`secretNames`, `secretKeys`) and the custom CA sources (`customCAs`).
 */

/** A reference to one key of a Kubernetes Secret that already exists (or that the Pulumi stack creates). */
export interface SecretRef {
  /** Name of the Secret in the platform's namespace. */
  readonly name: string;
  /** Key inside the Secret. @default depends on the setting (e.g. `password`) */
  readonly key?: string;
}

/** One source of custom CA certificates: a Secret or a ConfigMap (exactly one), all its keys or the listed ones. */
export interface CustomCaSource {
  /** Secret holding PEM bundles. @default none (give `secret` or `configMap`) */
  readonly secret?: string;
  /** ConfigMap holding PEM bundles (CA certificates are not secret). @default none (give `secret` or `configMap`) */
  readonly configMap?: string;
  /** The keys to trust. @default every key */
  readonly keys?: readonly string[];
}

/** Names of the Secrets the components share (rails secrets, tokens, keys). Defaults: `<release>-<suffix>`. */
export type SharedSecretName = import('./names').SharedSecretName;

/** Shared Secrets that hold one value, whose key may be chosen (`secretKeys`). */
export type SingleKeySecretName = import('./names').SingleKeySecretName;
