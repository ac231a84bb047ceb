import * as k8s from './k8s';
import { Resources } from '../config/types';

const list = (l: Record<string, string | undefined> | undefined) => {
  if (!l) return undefined;
  const entries = Object.entries(l).filter(([, v]) => v !== undefined);
  return entries.length ? Object.fromEntries(entries.map(([k, v]) => [k, k8s.Quantity.fromString(v!)])) : undefined;
};

/** Converts typed resources to the Kubernetes form (quantities as strings, empty lists dropped). */
export function resources(r: Resources | undefined): k8s.ResourceRequirements | undefined {
  if (!r) return undefined;
  const requests = list(r.requests as Record<string, string | undefined>);
  const limits = list(r.limits as Record<string, string | undefined>);
  return requests || limits ? { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } : undefined;
}
