import { PartitionLimits, PartitionPurpose, PartitionQuota } from './props';

/** Sizes per purpose: CI jobs run `concurrent` builds of the runner defaults; a Review App is a small copy. */
export const QUOTA_DEFAULTS: Readonly<Record<PartitionPurpose, Required<PartitionQuota>>> = {
  'ci-jobs': {
    cpuRequests: '8', memoryRequests: '16Gi', cpuLimits: '32', memoryLimits: '64Gi', pods: 40,
    // The executor creates a Service per job for the interactive web terminal and job services with aliases.
    services: 40, persistentVolumeClaims: 0, storage: '0', loadBalancers: 0, nodePorts: 0,
  },
  'review-app': {
    cpuRequests: '2', memoryRequests: '4Gi', cpuLimits: '4', memoryLimits: '8Gi', pods: 20,
    services: 10, persistentVolumeClaims: 5, storage: '20Gi', loadBalancers: 0, nodePorts: 0,
  },
  application: {
    cpuRequests: '8', memoryRequests: '16Gi', cpuLimits: '16', memoryLimits: '32Gi', pods: 100,
    services: 20, persistentVolumeClaims: 20, storage: '500Gi', loadBalancers: 0, nodePorts: 0,
  },
};

export const LIMIT_DEFAULTS: Readonly<Record<PartitionPurpose, Required<PartitionLimits>>> = {
  'ci-jobs': { defaultRequest: { cpu: '500m', memory: '1Gi' }, defaultLimit: { cpu: '2', memory: '4Gi' }, max: { cpu: '8', memory: '16Gi' } },
  'review-app': { defaultRequest: { cpu: '50m', memory: '64Mi' }, defaultLimit: { cpu: '500m', memory: '512Mi' }, max: { cpu: '2', memory: '4Gi' } },
  application: { defaultRequest: { cpu: '100m', memory: '128Mi' }, defaultLimit: { cpu: '1', memory: '1Gi' }, max: { cpu: '8', memory: '16Gi' } },
};

/** The cloud metadata endpoint (AWS IMDS, also GCP/Azure on IPv4): node credentials. Never reachable from a partition. */
export const METADATA_CIDRS = { v4: '169.254.169.254/32', v6: 'fd00:ec2::254/128' } as const;

export const DEFAULT_INGRESS_NAMESPACE = 'ingress-nginx';
export const DEFAULT_DNS = [{ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }] as const;

/** Pod Security Standard labels of a partition's namespace: restricted, enforced, audited and warned. */
export const RESTRICTED_NAMESPACE_LABELS = {
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
} as const;

/**
 * Labels of a namespace whose pods may run privileged (a runner's job namespace with `jobs.privileged`): the
 * privileged level enforced and warned (no warning per job pod), but still audited against restricted, so the
 * cluster's audit log records every privileged pod.
 */
export const PRIVILEGED_NAMESPACE_LABELS = {
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/enforce': 'privileged',
  'pod-security.kubernetes.io/warn': 'privileged',
} as const;
