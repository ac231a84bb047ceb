import { Check, all, bool, k8sName, list, num, obj, record, required, rule, str } from '../../config/schema';
import { pdbCheck, resourcesCheck } from '../../config/workloads/checks';
import { labelMap, ownLabelMap, platformCheck, tokenSecretRef, tolerationCheck } from '../common/checks';
import { SEMVER, imageCheck } from '../common/image';
import { namespaceName } from '../common/scope';
import { agentConfigFileCheck } from './config-file';
import { agentNameCheck } from './name';

/** Env the agent's contract sets itself. */
export const AGENT_RESERVED_ENV = ['GOMAXPROCS', 'GOMEMLIMIT', 'OCS_ENABLED', 'POD_NAME', 'POD_NAMESPACE', 'SERVICE_ACCOUNT_NAME'];

const rbacCheck: Check = obj({
  clusterAdmin: bool(),
  namespaces: list(namespaceName(), { unique: true, minItems: 1 }),
  reviewApps: (v, path, issues) => (typeof v === 'boolean' ? undefined : obj({
    namespacePrefix: all(str({ pattern: /^[a-z0-9][-a-z0-9]*-$/, allowed: 'a namespace prefix ending in "-" (lower-case letters, digits, "-")', fix: 'use e.g. "review-"' }),
      rule((p: string) => (p.length > 40 ? { allowed: 'at most 40 characters (namespace names add mr-<iid>)', fix: 'use a shorter prefix' } : undefined))),
    username: str({ pattern: /^[A-Za-z0-9][A-Za-z0-9:._@-]*$/, allowed: 'a Kubernetes user name (letters, digits, ":", ".", "_", "@", "-")', fix: 'use e.g. "gitlab-agent:production:review-apps"' }),
  }, { what: 'true, false or { namespacePrefix?, username? }' })(v, path, issues)),
  existingClusterRole: all(k8sName('ClusterRole name'), rule((v: string) => (v === 'cluster-admin'
    ? { allowed: 'a ClusterRole other than cluster-admin', fix: 'write rbac: { clusterAdmin: true } to grant cluster-admin explicitly, or name a narrower ClusterRole' }
    : undefined))),
  impersonation: bool(),
  flux: obj({
    namespaces: required(list(namespaceName(), { unique: true, minItems: 1 }), 'list the namespaces of the Flux GitRepositories, e.g. ["flux-system"]'),
    gitRepositories: list(k8sName('GitRepository name'), { unique: true }),
  }),
}, { what: 'an RBAC preset object such as { namespaces: ["apps"] } or { clusterAdmin: true }' });

export const agentPropsCheck: Check = obj({
  name: agentNameCheck,
  namespace: namespaceName(),
  token: required(tokenSecretRef('gitlab-agent-token', 'agent token'),
    'register the agent in GitLab (Operate > Kubernetes clusters), store its token in a Secret under key "token" and set token: { name: <Secret> }'),
  platform: platformCheck,
  kasAddress: str({
    pattern: /^(wss?|grpcs?):\/\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(\/[^\s]*)?$/,
    allowed: 'a KAS address: wss://kas.<domain>, wss://<gitlab-host>/-/kubernetes-agent/ or grpc(s)://host:port',
    fix: 'copy the address shown when registering the agent',
  }),
  version: str({ pattern: SEMVER, allowed: 'an agentk release such as "18.9.1"', fix: 'write major.minor.patch of the GitLab release' }),
  image: imageCheck,
  configProject: str({ pattern: /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/, allowed: 'a full project path such as "platform/cluster-management"', fix: 'write the path of the project holding .gitlab/agents/<name>/config.yaml' }),
  configFile: agentConfigFileCheck,
  rbac: rbacCheck,
  replicas: num({ min: 1, max: 10 }),
  podDisruptionBudget: pdbCheck,
  resources: resourcesCheck,
  nodeSelector: labelMap(),
  tolerations: list(tolerationCheck),
  extraEnv: all(
    record(str({ nonEmpty: false }), { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'an environment variable name', fix: 'use letters, digits and _' }),
    rule((env: Record<string, string>) => {
      const clash = Object.keys(env).filter((k) => AGENT_RESERVED_ENV.includes(k));
      return clash.length ? { allowed: `variables other than ${AGENT_RESERVED_ENV.join(', ')}`, fix: `remove ${clash.join(', ')}; the agent sets them itself` } : undefined;
    }),
  ),
  kasHeaders: list(str({ pattern: /^[A-Za-z0-9-]+: ?\S.*$/, allowed: 'an HTTP header "Name: value"', fix: 'write e.g. "X-Proxy-Auth: ..." (a header value that is secret belongs in a proxy, not here)' })),
  imagePullSecrets: list(k8sName('Secret name'), { unique: true }),
  labels: ownLabelMap(),
}, { what: 'GitLabAgent props' });
