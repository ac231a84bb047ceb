import { ConfigIssue } from '../config/errors';
import { ValuesReader } from './reader';

type Props = Record<string, unknown>;

/**
 * Writes typed props from values and remembers, for each props path, the values key it came from, so that
 * a validation error on `postgres.port` can be shown as `global.psql.port`, the key the user wrote.
 */
export class PropsBuilder {
  readonly props: Props = {};
  private readonly origins = new Map<string, string>();

  constructor(readonly values: ValuesReader) {}

  /** Sets a props path (dotted) unless the value is undefined. */
  set(propsPath: string, value: unknown, from?: string): void {
    if (value === undefined) return;
    const keys = propsPath.split('.');
    let node = this.props;
    for (const key of keys.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Props;
    }
    node[keys[keys.length - 1]] = value;
    if (from) this.origins.set(propsPath, from);
  }

  /** Records that `propsPath`, built outside `set` (a whole object assigned later), came from the values key `from`. */
  trace(propsPath: string, from: string): void {
    this.origins.set(propsPath, from);
  }

  get(propsPath: string): unknown {
    let node: unknown = this.props;
    for (const key of propsPath.split('.')) node = (node as Props | undefined)?.[key];
    return node;
  }

  /** Copies a string value (`""` counts as unset unless `keepEmpty`). */
  string(from: string, to: string, keepEmpty = false): string | undefined {
    const v = this.values.string(from, keepEmpty);
    this.set(to, v, from);
    return v;
  }

  number(from: string, to: string): number | undefined {
    const v = this.values.number(from);
    this.set(to, v, from);
    return v;
  }

  boolean(from: string, to: string): boolean | undefined {
    const v = this.values.boolean(from);
    this.set(to, v, from);
    return v;
  }

  /** Copies a value as it is (a structure the typed props share with Kubernetes, checked by validation). */
  raw(from: string, to: string, convert: (v: unknown) => unknown = (v) => v): void {
    const v = this.values.get(from);
    if (v !== undefined) this.set(to, convert(v), from);
  }

  /** Rewrites a validation issue's props path into the values key it came from (when known). */
  relabel(issue: ConfigIssue, fallback: Readonly<Record<string, { path: string; fix: string }>>): ConfigIssue {
    // The longest props path the issue's path starts with: its prefixes, longest first (linear in the path, not
    // in the number of settings, so 50,000 problems are relabelled in one pass).
    let hit: string | undefined;
    for (let end = issue.path.length; end > 0 && hit === undefined; end--) {
      if (end < issue.path.length && issue.path[end] !== '.' && issue.path[end] !== '[') continue;
      const prefix = issue.path.slice(0, end);
      if (this.origins.has(prefix)) hit = prefix;
    }
    if (hit) {
      // The rest of the props path names a part of the key's value only when that value has parts (a map, a list, or
      // YAML text such as extraVolumes); a setting built from one plain scalar (an annotation holding an ARN list)
      // is that key itself.
      const origin = this.origins.get(hit)!;
      const value = this.values.peekLeaf(origin);
      const parts = (value !== null && typeof value === 'object') || (typeof value === 'string' && /^\s*[-[{]|\n/.test(value));
      const path = parts ? origin + issue.path.slice(hit.length) : origin;
      return { ...issue, path, fix: `${issue.fix} (typed setting: ${issue.path})` };
    }
    const known = fallback[issue.path];
    return known ? { ...issue, path: known.path, fix: known.fix } : { ...issue, fix: `${issue.fix} (typed setting: ${issue.path})` };
  }
}
