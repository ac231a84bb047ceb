import * as k8s from './k8s';
import { reportIssues } from '../config/common/collect';

/**
 * `{ NAME: value }` to a Kubernetes env list, in the given order; a component's `extraEnv` is appended sorted.
 * An extra variable that would replace one the image contract sets is refused.
 */
export function envList(vars: Record<string, string | number | boolean>, extra: Readonly<Record<string, string>> = {}, path = 'extraEnv'): k8s.EnvVar[] {
  const out: k8s.EnvVar[] = Object.entries(vars).map(([name, value]) => ({ name, value: String(value) }));
  for (const [name, value] of Object.entries(extra).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name in vars) {
      reportIssues([{ path: `${path}.${name}`, value: JSON.stringify(value), allowed: 'a variable the component does not already set',
        fix: `remove ${name} from ${path}; the component sets it itself (use the typed setting instead)` }]);
      continue;
    }
    out.push({ name, value });
  }
  return out;
}

/** Go components: the chart turns off post-quantum TLS key exchange (breaks some middleboxes). */
export const GODEBUG = 'tlsmlkem=0,tlskyber=0';
