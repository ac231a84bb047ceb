import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** One RBAC rule: an API group, its resources and the verbs on them. */
export interface Rule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** The identity a binding grants to: a ServiceAccount, or a user (e.g. one the GitLab agent impersonates). */
export type ServiceAccountSubject =
  | { readonly kind?: 'ServiceAccount'; readonly name: string; readonly namespace: string }
  | { readonly kind: 'User'; readonly name: string };

export const toPolicyRules = (rules: readonly Rule[]): k8s.PolicyRule[] => rules.map((r) => ({
  apiGroups: [...r.apiGroups],
  resources: [...r.resources],
  verbs: [...r.verbs],
  ...(r.resourceNames ? { resourceNames: [...r.resourceNames] } : {}),
}));

const subjectOf = (s: ServiceAccountSubject): k8s.Subject => (s.kind === 'User'
  ? { kind: 'User', name: s.name, apiGroup: 'rbac.authorization.k8s.io' }
  : { kind: 'ServiceAccount', name: s.name, namespace: s.namespace });

/** A namespaced Role and the RoleBinding of the service account to it (same name, same namespace). */
export function namespacedGrant(scope: Construct, id: string, opts: {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly rules: readonly Rule[];
  readonly subject: ServiceAccountSubject;
}): void {
  const metadata = { name: opts.name, namespace: opts.namespace, labels: opts.labels };
  new k8s.KubeRole(scope, `${id}-role`, { metadata, rules: toPolicyRules(opts.rules) });
  new k8s.KubeRoleBinding(scope, `${id}-binding`, {
    metadata,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: opts.name },
    subjects: [subjectOf(opts.subject)],
  });
}

/** A ClusterRole (unless `existingRole` names one the operator manages) and its ClusterRoleBinding. */
export function clusterGrant(scope: Construct, id: string, opts: {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly rules?: readonly Rule[];
  readonly existingRole?: string;
  readonly subject: ServiceAccountSubject;
}): void {
  const role = opts.existingRole ?? opts.name;
  if (!opts.existingRole) {
    new k8s.KubeClusterRole(scope, `${id}-role`, { metadata: { name: opts.name, labels: opts.labels }, rules: toPolicyRules(opts.rules ?? []) });
  }
  new k8s.KubeClusterRoleBinding(scope, `${id}-binding`, {
    metadata: { name: opts.name, labels: opts.labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [subjectOf(opts.subject)],
  });
}
