import { ResolvedConfig } from '../config/resolved';

/** Label sets of one component. Selectors use only `app` + `release`, the chart's, so a Helm install can be adopted. */
export interface ComponentLabels {
  /** Immutable selector labels (Deployment/StatefulSet selectors, Services, PDBs). */
  readonly selector: Record<string, string>;
  /** Labels for every object of the component. */
  readonly common: Record<string, string>;
  /** Labels for workloads and pod templates (adds the image version). */
  readonly workload: Record<string, string>;
}

export function componentLabels(config: Pick<ResolvedConfig, 'labels' | 'release'>, app: string, version?: string, extraSelector: Record<string, string> = {}): ComponentLabels {
  const selector = { app, release: config.release, ...extraSelector };
  const common = {
    ...config.labels,
    ...selector,
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/instance': config.release,
    'app.kubernetes.io/part-of': 'gitlab',
    'app.kubernetes.io/managed-by': 'gitlab-iac',
  };
  return { selector, common, workload: version ? { ...common, 'app.kubernetes.io/version': version } : common };
}
