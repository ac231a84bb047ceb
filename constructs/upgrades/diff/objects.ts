import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from a manifest. */
export type Manifest = Record<string, any>;

/** `group/Kind namespace/name`: the identity Kubernetes keeps an object under (its API version may change). */
export function objectKey(o: Manifest): string {
  const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : '';
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${group ? `${group}/` : ''}${o.kind} ${ns}${o.metadata?.name}`;
}

/** A short label for people: `Kind namespace/name`. */
export const objectLabel = (o: Manifest): string => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

/** Every object of the YAML files under a directory (a synthesis output), by identity; throws on unreadable input. */
export function readManifests(dir: string): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      const o = doc.toJSON();
      if (!o || typeof o !== 'object') continue;
      if (o.kind === 'List' && Array.isArray(o.items)) o.items.forEach((item: Manifest) => out.set(objectKey(item), item));
      else if (o.kind && o.metadata?.name) out.set(objectKey(o), o);
    }
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

/** The dotted paths of every leaf that differs between two values (arrays compared by index). */
export function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (x: unknown) => x !== null && typeof x === 'object';
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return [path || '(root)'];
  if (Array.isArray(a) && Array.isArray(b)) {
    const paths: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) paths.push(...changedPaths(a[i], b[i], `${path}[${i}]`));
    return paths;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  return keys.flatMap((k) => changedPaths(ao[k], bo[k], path ? `${path}.${k}` : k));
}
