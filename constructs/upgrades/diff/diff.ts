import { dataHeld, beforeDeleting } from './data';
import { changedPaths, Manifest, objectKey, objectLabel } from './objects';
import { immutableChanges } from './rules';

/** One object changed in place. */
export interface ChangedObject {
  readonly label: string;
  /** Leaf paths that differ. */
  readonly paths: readonly string[];
}

/** A change that needs attention before applying: Kubernetes refuses it, or it deletes or replaces data. */
export interface FlaggedChange {
  readonly label: string;
  /** `immutable`: the API server rejects the update; `data`: an object holding data is deleted or replaced. */
  readonly reason: 'immutable' | 'data';
  readonly what: string;
  readonly fix: string;
}

export interface ManifestDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ChangedObject[];
  readonly flagged: readonly FlaggedChange[];
}

/** What applying `next` over `old` (two syntheses, by object identity) adds, removes and changes, and what to watch. */
export function diffManifests(old: ReadonlyMap<string, Manifest>, next: ReadonlyMap<string, Manifest>): ManifestDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: ChangedObject[] = [];
  const flagged: FlaggedChange[] = [];
  for (const [key, o] of old) {
    if (next.has(key)) continue;
    removed.push(objectLabel(o));
    const held = dataHeld(o);
    if (held) flagged.push({ label: objectLabel(o), reason: 'data', what: `removed: holds ${held}`, fix: beforeDeleting(o) });
  }
  for (const [key, n] of next) {
    const o = old.get(key);
    if (!o) { added.push(objectLabel(n)); continue; }
    const paths = changedPaths(o, n);
    if (!paths.length) continue;
    changed.push({ label: objectLabel(n), paths });
    const immutable = immutableChanges(o, n);
    for (const c of immutable) flagged.push({ label: objectLabel(n), reason: 'immutable', what: `${c.path} cannot change in place`, fix: c.fix });
    const held = dataHeld(o);
    if (immutable.length && held && n.kind !== 'StatefulSet') {
      flagged.push({ label: objectLabel(n), reason: 'data', what: `replacing it would lose ${held}`, fix: beforeDeleting(o) });
    }
  }
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort((a, b) => (a.label < b.label ? -1 : 1)), flagged };
}

/** The diff for a person, most important first. */
export function describeDiff(d: ManifestDiff, maxPaths = 6): string {
  const lines: string[] = [];
  if (d.flagged.length) {
    lines.push(`Needs attention before applying (${d.flagged.length}):`);
    for (const f of d.flagged) {
      lines.push(`  ! ${f.label}: ${f.what}${f.reason === 'data' ? ' [holds data]' : ' [immutable]'}`);
      lines.push(`      do: ${f.fix}`);
    }
    lines.push('');
  }
  lines.push(`Added (${d.added.length}):`, ...d.added.map((l) => `  + ${l}`));
  lines.push(`Removed (${d.removed.length}):`, ...d.removed.map((l) => `  - ${l}`));
  lines.push(`Changed (${d.changed.length}):`);
  for (const c of d.changed) {
    const shown = c.paths.slice(0, maxPaths).join(', ');
    lines.push(`  ~ ${c.label}: ${shown}${c.paths.length > maxPaths ? ` (+${c.paths.length - maxPaths} more)` : ''}`);
  }
  lines.push('', d.flagged.length
    ? `${d.flagged.length} change(s) cannot be applied as they are or would lose data: see above.`
    : 'Every change can be applied in place, and nothing holding data is deleted or replaced.');
  return `${lines.join('\n')}\n`;
}

export { objectKey };
