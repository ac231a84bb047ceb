/**
 * The deploy jobs' namespace guard: before a job contacts the cluster, it lists every object it is about to apply
 * (offline, with `kubectl label --local`, which reads the files and never calls the API server) and stops when one
 * names another namespace or is of a cluster-scoped kind. Objects without a namespace are applied into
 * `$DEPLOY_NAMESPACE` by `--namespace`, so they pass.
 */

/**
 * Cluster-scoped kinds an application's manifests may carry by mistake (a kind missing here still meets the
 * agent's RBAC, which grants nothing cluster-wide to deploy jobs).
 */
export const CLUSTER_SCOPED_KINDS = [
  'APIService', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding', 'CSIDriver', 'CustomResourceDefinition', 'IngressClass',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume',
  'PriorityClass', 'RuntimeClass', 'StorageClass', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'VolumeAttachment',
] as const;

/** A label `kubectl label --local` sets on its in-memory copy only (needed: the command wants one). */
const PROBE_LABEL = 'gitlab-iac.io/namespace-check=listed';

/**
 * One script entry (POSIX sh, no tools beyond kubectl): fails with the offending objects listed, one per line,
 * when any object of `dir` is outside `$DEPLOY_NAMESPACE`.
 */
export function namespaceGuardScript(dir: string): string {
  const template = '{{.kind}} {{if .metadata.namespace}}{{.metadata.namespace}}{{else}}-{{end}} {{.metadata.name}}{{"\\n"}}';
  return [
    `objects="$(kubectl label --local --recursive -f ${dir}/ ${PROBE_LABEL} -o go-template='${template}')"`,
    'offenders="$(printf \'%s\\n\' "$objects" | while read -r kind namespace name; do',
    '  case "$kind" in',
    `    ${CLUSTER_SCOPED_KINDS.join('|')}) echo "  $kind $name (cluster-scoped)" ;;`,
    '    "") ;;',
    '    *) if [ "$namespace" != "-" ] && [ "$namespace" != "$DEPLOY_NAMESPACE" ]; then echo "  $kind $namespace/$name"; fi ;;',
    '  esac',
    'done)"',
    'if [ -n "$offenders" ]; then',
    `  echo "Refusing to deploy: these objects of ${dir}/ are not in namespace $DEPLOY_NAMESPACE (DEPLOY_NAMESPACE):" >&2`,
    '  echo "$offenders" >&2',
    '  echo "Synthesize them for DEPLOY_NAMESPACE (the synth job passes it), or deploy them from their own pipeline." >&2',
    '  exit 1',
    'fi',
    `echo "All $(printf '%s\\n' "$objects" | grep -c .) objects of ${dir}/ are in namespace $DEPLOY_NAMESPACE."`,
  ].join('\n');
}

/** The stop job's check: the namespace it is about to delete carries the Review App prefix. */
export function reviewPrefixGuardScript(prefix: string): string {
  return [
    'case "$DEPLOY_NAMESPACE" in',
    `  ${prefix}*) ;;`,
    `  *) echo "Refusing to delete namespace $DEPLOY_NAMESPACE: Review App namespaces start with ${prefix}" >&2; exit 1 ;;`,
    'esac',
  ].join('\n');
}
