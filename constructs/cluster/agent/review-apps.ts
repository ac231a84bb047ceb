import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { METADATA_CIDRS, RESTRICTED_NAMESPACE_LABELS } from '../partition/defaults';

/** The Review App identity's settings after defaults. */
export interface ResolvedReviewApps {
  /** Namespaces it may create, delete and deploy into start with this. */
  readonly namespacePrefix: string;
  /** The Kubernetes user the agent impersonates for Review App jobs (`ci_access` `access_as: impersonate`). */
  readonly username: string;
}

const ADMISSION_API = 'admissionregistration.k8s.io/v1';
const cel = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const PSS_ENFORCE = 'pod-security.kubernetes.io/enforce';

/** No egress peer of a NetworkPolicy may reach `address`, unless its `except` carves it out. */
function keepsOut(address: string): string {
  const a = cel(address);
  return `object.spec.egress.all(r, has(r.to) && size(r.to) > 0 && r.to.all(p, !has(p.ipBlock) || !cidr(p.ipBlock.cidr).containsIP(${a})`
    + ` || (has(p.ipBlock.except) && p.ipBlock.except.exists(e, cidr(e).containsIP(${a})))))`;
}

/**
 * A ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, GA since 1.30) and its binding that confine the
 * Review App identity to its prefix: every write it makes must be in a `<prefix>*` namespace (or be such a
 * namespace), a namespace it creates carries the restricted Pod Security labels, and a NetworkPolicy it writes
 * cannot open the cloud metadata endpoint. RBAC alone cannot say "namespaces starting with": the ClusterRole
 * grants the verbs, this policy the where.
 */
export function reviewAppsAdmissionPolicy(scope: Construct, name: string, labels: Record<string, string>, r: ResolvedReviewApps): void {
  const prefix = cel(r.namespacePrefix);
  const where = `request.resource.resource == 'namespaces' ? request.name.startsWith(${prefix}) : request.namespace.startsWith(${prefix})`;
  new ApiObject(scope, 'review-apps-policy', {
    apiVersion: ADMISSION_API,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] }],
      },
      matchConditions: [{ name: 'review-apps-identity', expression: `request.userInfo.username == ${cel(r.username)}` }],
      validations: [
        {
          expression: where,
          messageExpression: `'Review App jobs write only in namespaces starting with ' + ${prefix} + ', not ' + (request.namespace != '' ? request.namespace : request.name)`,
          reason: 'Forbidden',
        },
        {
          expression: `request.resource.resource != 'namespaces' || request.operation == 'DELETE' || (has(object.metadata.labels) && ${cel(PSS_ENFORCE)} in object.metadata.labels && object.metadata.labels[${cel(PSS_ENFORCE)}] == ${cel(RESTRICTED_NAMESPACE_LABELS[PSS_ENFORCE])})`,
          message: `Review App namespaces carry ${PSS_ENFORCE}=restricted`,
          reason: 'Forbidden',
        },
        {
          expression: `request.resource.resource != 'networkpolicies' || request.operation == 'DELETE' || !has(object.spec.egress) || (${keepsOut('169.254.169.254')} && ${keepsOut('fd00:ec2::254')})`,
          message: `Review App NetworkPolicies name their egress peers and keep ${METADATA_CIDRS.v4} and ${METADATA_CIDRS.v6} (the cloud metadata endpoint) out`,
          reason: 'Forbidden',
        },
      ],
    },
  });
  new ApiObject(scope, 'review-apps-policy-binding', {
    apiVersion: ADMISSION_API,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name, labels },
    spec: { policyName: name, validationActions: ['Deny'] },
  });
}
