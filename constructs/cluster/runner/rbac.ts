import { Rule } from '../common/rbac';

/**
 * What the kubernetes executor needs in the job namespace with this construct's settings (Runner 18.11
 * "Configure runner API permissions"): the attach execution strategy (the default), pod informers,
 * `print_pod_warning_events` (on by default). Nothing for features left off here: `namespace_per_job`
 * (namespaces), `pod_disruption_budget` (policy), the pause-pod autoscaler (apps, scheduling.k8s.io) and
 * `FF_PRINT_POD_EVENTS` (events watch).
 */
export const EXECUTOR_RULES: readonly Rule[] = [
  { apiGroups: [''], resources: ['events'], verbs: ['list'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods/attach'], verbs: ['create', 'delete', 'get', 'patch'] },
  { apiGroups: [''], resources: ['pods/exec'], verbs: ['create', 'delete', 'get', 'patch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get', 'list'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete', 'get', 'update'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] },
  { apiGroups: [''], resources: ['services'], verbs: ['create', 'get'] },
];
