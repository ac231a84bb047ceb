import { stringify } from 'yaml';
import type { KubeObject } from './synth';

/** Annotations whose values change with content hashes or versions, masked so snapshots show structure. @default masked by `stableYaml` */
export const VOLATILE_ANNOTATIONS = [/^checksum\//, /\/config-checksum$/] as const;

/** Options of `stableYaml`. */
export interface StableYamlOptions {
  /** Mask content checksums (`checksum/*` annotations) and content-hashed names (`<release>-migrations-<hash>`). @default true */
  readonly maskHashes?: boolean;
}

/** Keys sorted at every level; with `mask`, volatile annotations (of the object and of pod templates) masked. */
function sortKeys(v: unknown, mask: boolean, parentKey = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => sortKeys(x, mask));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k,
    mask && parentKey === 'annotations' && VOLATILE_ANNOTATIONS.some((re) => re.test(k)) ? '<checksum>' : sortKeys(o[k], mask, k)]));
}

/**
 * Objects as one stable YAML text for snapshots: objects sorted by kind, namespace and name, keys sorted, and (by
 * default) content checksums and content-hashed names masked, so a snapshot changes when the structure does.
 */
export function stableYaml(objects: readonly KubeObject[], options: StableYamlOptions = {}): string {
  const mask = options.maskHashes ?? true;
  let text = [...objects]
    .sort((a, b) => `${a.kind}/${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.namespace ?? ''}/${b.metadata.name}`))
    .map((o) => stringify(sortKeys(o, mask), { lineWidth: 0 }))
    .join('---\n');
  if (mask) text = text.replace(/\b([a-z0-9-]+-migrations-(?:pre-|post-)?)[0-9a-f]{6,}\b/g, '$1<hash>');
  return text;
}

/**
 * A snapshot serializer (vitest `expect.addSnapshotSerializer`, Jest `snapshotSerializers`) for arrays of
 * Kubernetes objects: they print as `stableYaml`.
 */
export const kubeSnapshotSerializer = {
  test(value: unknown): boolean {
    return Array.isArray(value) && value.length > 0 && value.every((o) => o && typeof o === 'object' && typeof o.apiVersion === 'string' && typeof o.kind === 'string' && o.metadata);
  },
  serialize(value: unknown): string {
    return stableYaml(value as KubeObject[]);
  },
};
