import { Rule } from '../common/rbac';

const ALL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const READ = ['get', 'list', 'watch'];

/**
 * What a partition's deployers may do in its namespace: apply, server-side-apply and prune an application's
 * workloads, Services, Ingresses and ConfigMaps (the ApplySet parent included), and read pods, logs and events.
 * No Secrets (an application's Secrets come from its own secret store), no RBAC, no NetworkPolicies, quotas or
 * limit ranges: those are the partition's and stay as the platform team declared them.
 */
export const PARTITION_DEPLOY_RULES: readonly Rule[] = [
  { apiGroups: [''], resources: ['configmaps', 'persistentvolumeclaims', 'serviceaccounts', 'services'], verbs: ALL },
  { apiGroups: [''], resources: ['endpoints', 'events', 'pods', 'pods/log', 'resourcequotas', 'limitranges'], verbs: READ },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ALL },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: ALL },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ALL },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL },
];
