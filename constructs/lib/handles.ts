import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { ConfigIssue, GitLabConfigError, show } from '../config/errors';
import * as k8s from './k8s';

/**
 * Typed handles to the objects a component creates, and a JSON patch that fails loudly.
 *
 * Components build their objects through shared helpers (`lib/workload.ts`, `lib/config-map.ts`, ...) under fixed
 * construct ids (`deployment`, `service`, `config`, `hpa`, `pdb`, ...); the handles look them up once, at the end of
 * the component's constructor, so a user reaches `platform.webservice.deployment` without searching the tree.
 */

/** The object a component created under construct id `id` (directly below `scope`), or undefined. */
export function handle<T extends ApiObject>(scope: Construct, id: string, type: abstract new (...args: never[]) => T): T | undefined {
  const child = scope.node.tryFindChild(id);
  if (child === undefined) return undefined;
  // A wrong class here is a bug in the component, not in the user's input.
  if (!(child instanceof type)) throw new Error(`${scope.node.path}/${id} is a ${child.constructor.name}, not a ${type.name}`);
  return child;
}

/** Like `handle`, for an object the component always creates. */
export function requiredHandle<T extends ApiObject>(scope: Construct, id: string, type: abstract new (...args: never[]) => T): T {
  const found = handle(scope, id, type);
  if (!found) throw new Error(`${scope.node.path} created no ${type.name} with id "${id}"`);
  return found;
}

/** The objects one Deployment of a component brings (a webservice or Sidekiq Deployment has its own of each). */
export interface DeploymentHandles {
  readonly deployment: k8s.KubeDeployment;
  /** Its HorizontalPodAutoscaler, unless `autoscaling: false`. @default none (when the component has no such object) */
  readonly horizontalPodAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** Its PodDisruptionBudget, unless `podDisruptionBudget: false`. @default none (when the component has no such object) */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** Its Service, for components that have one. @default none (when the component has no such object) */
  readonly service?: k8s.KubeService;
  /**
   * Its Ingress, when the component is exposed through an Ingress (not the Gateway API).
   * @default none (when the component has no such object)
   */
  readonly ingress?: k8s.KubeIngress;
  /** Its Gateway API HTTPRoute, when exposed through the Gateway API. @default none (when the component has no such object) */
  readonly httpRoute?: ApiObject;
}

/** The handles of the Deployment built under `scope`. */
export function deploymentHandles(scope: Construct): DeploymentHandles {
  return {
    deployment: requiredHandle(scope, 'deployment', k8s.KubeDeployment),
    horizontalPodAutoscaler: handle(scope, 'hpa', k8s.KubeHorizontalPodAutoscalerV2),
    podDisruptionBudget: handle(scope, 'pdb', k8s.KubePodDisruptionBudget),
    service: handle(scope, 'service', k8s.KubeService),
    ingress: handle(scope, 'ingress', k8s.KubeIngress),
    httpRoute: handle(scope, 'http-route', ApiObject),
  };
}

type Json = unknown;
type Op = { readonly op: string; readonly path: string; readonly from?: string; readonly value?: Json };

const pending = new WeakMap<ApiObject, JsonPatch[]>();

/**
 * Adds RFC 6902 operations to an object, checked when it is synthesized: unlike `ApiObject.addJsonPatch`, a
 * `replace`, `remove`, `test`, `move` or `copy` whose path does not exist, or an `add` whose parent does not exist,
 * throws a `GitLabConfigError` naming the object, the operation and the paths that do exist there.
 *
 * Why: cdk8s applies `addJsonPatch` operations before the typed `toJson_*` conversion, so a `replace` or `remove` of a
 * missing path silently does nothing and a misspelled field is silently dropped. These operations apply to the
 * final JSON instead, so what they write is what the manifest holds (a misspelled field then reaches the output,
 * where the API server's strict field validation refuses it rather than ignoring it).
 *
 * @example
 * strictJsonPatch(platform.webservice!.deployment, JsonPatch.replace('/spec/template/spec/dnsPolicy', 'Default'));
 */
export function strictJsonPatch(obj: ApiObject, ...ops: JsonPatch[]): void {
  let list = pending.get(obj);
  if (!list) {
    list = [];
    pending.set(obj, list);
    const queued = list;
    const render = obj.toJson.bind(obj);
    // Wrap this instance's toJson (the generated class's override included): render, then check and apply.
    Object.defineProperty(obj, 'toJson', { configurable: true, value: () => applyChecked(obj, render(), queued) });
  }
  list.push(...ops);
}

function applyChecked(obj: ApiObject, rendered: Json, ops: readonly JsonPatch[]): Json {
  const issues: ConfigIssue[] = [];
  let doc = rendered;
  for (const patch of ops) {
    // The operation's RFC 6902 form: cdk8s keeps it behind `_toJson`, the method its own JsonPatch.apply calls.
    const op = (patch as unknown as { _toJson(): Op })._toJson();
    const problem = precondition(doc, op);
    if (problem) {
      issues.push({
        path: `${obj.kind}/${obj.name} ${op.op} ${op.path}`,
        value: show(op),
        allowed: problem,
        fix: `check the path against the synthesized manifest (${obj.kind} ${obj.name}); use "add" to create a field`,
      });
      continue;
    }
    doc = JsonPatch.apply(doc, patch);
  }
  if (issues.length) throw new GitLabConfigError(issues);
  return doc;
}

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');
const tokens = (pointer: string) => (pointer === '' ? [] : pointer.split('/').slice(1).map(unescape));

/** Resolves a JSON pointer; when it does not, where the walk stopped (the deepest existing prefix) and what is there. */
function resolvePointer(doc: Json, pointer: string): { found: boolean; value?: Json; stoppedAt?: string; present?: string[] } {
  let at: Json = doc;
  let walked = '';
  for (const t of tokens(pointer)) {
    if (Array.isArray(at) && /^(0|[1-9][0-9]*)$/.test(t) && Number(t) < at.length) at = at[Number(t)];
    else if (at !== null && typeof at === 'object' && !Array.isArray(at) && Object.prototype.hasOwnProperty.call(at, t)) at = (at as Record<string, Json>)[t];
    else {
      const present = Array.isArray(at) ? [`${at.length} list entries`] : at !== null && typeof at === 'object' ? Object.keys(at) : [`the value ${show(at)}`];
      return { found: false, stoppedAt: walked || '/', present };
    }
    walked += `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return { found: true, value: at };
}

/** Why an operation cannot apply to `doc` as RFC 6902 defines it, or undefined. */
function precondition(doc: Json, op: Op): string | undefined {
  const missing = (pointer: string, what: string) => {
    const r = resolvePointer(doc, pointer);
    return r.found ? undefined
      : `${what} that exists (${pointer} does not: at ${r.stoppedAt} there is ${r.present!.join(', ') || 'nothing'})`;
  };
  switch (op.op) {
    case 'add': {
      if (op.path === '') return undefined;
      const parentPointer = op.path.slice(0, op.path.lastIndexOf('/'));
      const parent = resolvePointer(doc, parentPointer);
      if (!parent.found) return missing(parentPointer, 'a parent');
      const last = unescape(op.path.slice(op.path.lastIndexOf('/') + 1));
      if (Array.isArray(parent.value) && last !== '-' && !(/^(0|[1-9][0-9]*)$/.test(last) && Number(last) <= parent.value.length)) {
        return `an index from 0 to ${parent.value.length} or "-" (the list ${parentPointer} has ${parent.value.length} entries)`;
      }
      if (parent.value === null || typeof parent.value !== 'object') return `a path inside an object or a list (${parentPointer} is ${show(parent.value)})`;
      return undefined;
    }
    case 'replace': case 'remove': case 'test': return missing(op.path, 'a path');
    case 'move': case 'copy': return missing(op.from ?? '', 'a "from" path');
    default: return `one of add, replace, remove, test, move, copy`;
  }
}
