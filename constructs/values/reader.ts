import { ConfigIssue, show } from '../config/errors';
import { closest } from '../config/schema';

/** A parsed values file (the official chart's format). */
export type HelmValues = Record<string, unknown>;

export const isMap = (v: unknown): v is HelmValues => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Helm users write `cpu: 1` and `RUBY_GC_HEAP_INIT_SLOTS: 80000`; the typed props take strings. */
export const stringifyNumbers = (value: unknown): unknown => {
  if (typeof value === 'number') return String(value);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, stringifyNumbers(x)]));
  return value;
};

/** Helm treats `null` and `{}` as "not set": so do we, both when reading and when looking for unread keys. */
const isUnset = (v: unknown) => v === undefined || v === null || (isMap(v) && Object.keys(v).length === 0);

/**
 * Reads a values tree by dotted path and remembers what it read, so that every key nobody read can be
 * reported at the end. Type problems are collected (never thrown) so one run reports all of them.
 */
export class ValuesReader {
  /** Values that were read but are wrong (type, refused value). */
  readonly problems: ConfigIssue[] = [];
  /** Values that were read but would have no effect (e.g. a component's settings while it is off). */
  readonly noEffects: ConfigIssue[] = [];
  /** Lines to tell the user (a chart default the import applies, ...), printed as warnings. */
  readonly warnings: string[] = [];
  /** Keys refused as unsupported by a reader of list entries (the key table judges the rest at the end). */
  readonly unsupported: ConfigIssue[] = [];
  private readonly read = new Set<string>();

  constructor(private readonly root: HelmValues) {}

  /** The value at `path` without marking it read; `undefined` when unset. */
  peek(path: string): unknown {
    let v: unknown = this.root;
    for (const key of path.split('.')) {
      // Own keys only: `constructor` or `__proto__` in a path must not find Object.prototype's members.
      if (!isMap(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
      v = v[key];
    }
    return isUnset(v) ? undefined : v;
  }

  /** The value at `path`, marking it and everything under it read. */
  get(path: string): unknown {
    this.read.add(path);
    return this.peek(path);
  }

  /** Like `peek`, also finding keys that hold dots (`annotations.gitlab.com/x`), as `unread()` reports them. */
  peekLeaf(path: string): unknown {
    const parts = path.split('.');
    const walk = (v: unknown, i: number): unknown => {
      if (i === parts.length) return v;
      if (!isMap(v)) return undefined;
      for (let j = i + 1; j <= parts.length; j++) {
        const key = parts.slice(i, j).join('.');
        if (Object.prototype.hasOwnProperty.call(v, key)) {
          const found = walk(v[key], j);
          if (found !== undefined) return found;
        }
      }
      return undefined;
    };
    return walk(this.root, 0);
  }

  problem(path: string, value: unknown, allowed: string, fix: string): void {
    this.problems.push({ path, value: show(value), allowed, fix });
  }

  /** A string; `""` counts as unset (chart templates treat it so) unless `keepEmpty`. */
  string(path: string, keepEmpty = false): string | undefined {
    const v = this.get(path);
    if (v === '' && !keepEmpty) return undefined;
    if (v === undefined || typeof v === 'string') return v;
    // A scalar written unquoted (a number, true) needs quotes; a map or list is the wrong shape altogether.
    const key = path.split('.').pop();
    this.problem(path, v, 'a string', v !== null && typeof v === 'object'
      ? `write one string in ${key} (not a ${Array.isArray(v) ? 'list' : 'map'}), as the chart's values.yaml has it`
      : `quote the value: ${key}: "${String(v)}"`);
    return undefined;
  }

  /** A number; numeric strings (`"5432"`) are accepted as Helm templates accept them. */
  number(path: string): number | undefined {
    const v = this.get(path);
    if (v === undefined || typeof v === 'number') return v;
    if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
    this.problem(path, v, 'a number', 'write a number without quotes');
    return undefined;
  }

  boolean(path: string): boolean | undefined {
    const v = this.get(path);
    if (v === undefined || typeof v === 'boolean') return v;
    this.problem(path, v, 'true | false', 'write true or false without quotes');
    return undefined;
  }

  map(path: string): HelmValues | undefined {
    const v = this.get(path);
    if (v === undefined || isMap(v)) return v;
    this.problem(path, v, 'a mapping', 'write a mapping of key: value');
    return undefined;
  }

  list(path: string): unknown[] | undefined {
    const v = this.get(path);
    if (v === undefined || Array.isArray(v)) return v;
    this.problem(path, v, 'a list', 'write a list ([...])');
    return undefined;
  }

  /**
   * Reports every set key under `path` (except `keep`) as having no effect and marks them read: used when a
   * feature is off, so that its settings are not silently dropped.
   */
  noEffect(path: string, reason: string, fix: string, keep: readonly string[] = []): void {
    for (const [leaf, value] of this.leaves(path)) {
      if (keep.some((k) => leaf === k || leaf.startsWith(`${k}.`))) continue;
      this.read.add(leaf);
      this.noEffects.push({ path: leaf, value: show(value), allowed: reason, fix });
    }
  }

  /** Set keys (leaves: scalars and lists) that nobody read, with their values, in file order. */
  unread(): [path: string, value: unknown][] {
    return this.leaves('');
  }

  /**
   * For an unread key, the key the importer reads that it most likely misspells (`global.psql.pasword` →
   * `global.psql.password`): the first segment no read key shares, matched against the read keys beside it.
   */
  suggestion(path: string): string | undefined {
    const parts = path.split('.');
    const children = this.readIndex();
    for (let i = 0; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      const siblings = children.get(prefix) ?? new Set<string>();
      if (siblings.has(parts[i])) continue;
      const near = closest(parts[i], [...siblings]);
      return near ? [...parts.slice(0, i), near].join('.') : undefined;
    }
    return undefined;
  }

  /** The read keys as a tree (prefix -> next segments), built once: suggestions stay linear in the unread keys. */
  private readIndex(): Map<string, Set<string>> {
    if (this.index?.size === this.read.size) return this.index.children;
    const children = new Map<string, Set<string>>();
    for (const r of this.read) {
      const parts = r.split('.');
      for (let i = 0; i < parts.length; i++) {
        const prefix = parts.slice(0, i).join('.');
        let set = children.get(prefix);
        if (!set) children.set(prefix, set = new Set());
        set.add(parts[i]);
      }
    }
    this.index = { size: this.read.size, children };
    return children;
  }

  private index?: { size: number; children: Map<string, Set<string>> };

  /** Unread leaves under `path` with their values. */
  private leaves(path: string): [string, unknown][] {
    const out: [string, unknown][] = [];
    const walk = (v: unknown, p: string) => {
      // An empty list or string asks for nothing (chart templates treat both as unset), so it is not reported.
      if (isUnset(v) || v === '' || (Array.isArray(v) && v.length === 0) || this.read.has(p)) return;
      if (isMap(v)) {
        for (const [k, child] of Object.entries(v)) walk(child, p ? `${p}.${k}` : k);
      } else {
        out.push([p, v]);
      }
    };
    walk(path ? this.peek(path) : this.root, path);
    return out;
  }
}
