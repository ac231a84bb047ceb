import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { GitLabPlatform } from '../platform';
import { GitLabPlatformProps } from '../config/types';

/** A synthesized Kubernetes object as plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: any };
  readonly [field: string]: any;
}

/**
 * The objects of a chart, an app or any construct scope as plain JSON, in synth order (what `cdk8s synth` writes),
 * or of a `GitLabPlatform` built from these props in a chart of its own.
 */
export function synthObjects(scope: Construct | GitLabPlatformProps): KubeObject[] {
  if (!(scope instanceof Construct)) {
    const chart = Testing.chart();
    new GitLabPlatform(chart, 'gitlab', scope);
    return Testing.synth(chart) as KubeObject[];
  }
  if (scope instanceof App) return scope.charts.flatMap((c) => c.toJson() as KubeObject[]);
  return Chart.of(scope).toJson() as KubeObject[];
}

/** The objects of a kind (and name, when given). */
export function findObjects(objects: readonly KubeObject[], kind: string, name?: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
}

/** The one object of a kind and name; throws naming the objects of that kind present when it is absent. */
export function findObject(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = findObjects(objects, kind, name);
  if (found.length === 1) return found[0];
  const names = findObjects(objects, kind).map((o) => o.metadata.name);
  throw new Error(found.length ? `${found.length} objects of kind ${kind} named ${name}` : `no ${kind} named ${name}; present: ${names.join(', ') || 'none'}`);
}
