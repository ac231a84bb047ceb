import { Construct } from 'constructs';
import { Check, all, bool, k8sName, list, obj, required, rule, secretRef, str } from '../../config/schema';
import { goDuration, labelMap } from '../common/checks';
import { checkProps, fail, nameOf, namespaceName } from '../common/scope';
import { DNS_LABEL } from '../../config/common/rules';
import { FluxGitSource, FluxOciSource, FluxSyncProps } from './props';
import {
  CrossNamespaceSourceReference, GitRepository, Kustomization, OCIRepository, Receiver, SOURCE_API,
} from './resources';

const noCredentials = (scheme: string, example: string): Check => all(
  str({ pattern: new RegExp(`^${scheme}://[^\\s]+$`), allowed: `a ${scheme}:// URL`, fix: `write e.g. "${example}"` }),
  rule((v: string) => (/^[a-z]+:\/\/[^/@]+@/.test(v) && !v.startsWith('ssh://git@')
    ? { allowed: 'a URL without credentials', fix: 'remove the user/password from the URL and reference a Secret with secretRef instead' } : undefined)),
);

const gitSource = obj({
  url: required(all(
    str({ pattern: /^(https?|ssh):\/\/[^\s]+$/, allowed: 'an http(s):// or ssh:// Git URL', fix: 'write e.g. "https://gitlab.example.com/group/manifests.git"' }),
    noCredentials('(https?|ssh)', 'https://gitlab.example.com/group/manifests.git'),
  ), 'set the repository URL'),
  branch: str(), tag: str(), semver: str(), commit: str({ pattern: /^[0-9a-f]{7,40}$/, allowed: 'a commit SHA', fix: 'write the full SHA' }),
  secretRef: secretRef('gitlab-manifests-deploy-token'),
  interval: goDuration(), timeout: goDuration(false),
});

const ociSource = obj({
  url: required(noCredentials('oci', 'oci://registry.example.com/group/project/manifests'), 'set the artifact URL (oci://...)'),
  tag: str(), semver: str(), digest: str({ pattern: /^sha256:[0-9a-f]{64}$/, allowed: 'sha256:<64 hex digits>', fix: 'copy the digest printed by flux push artifact' }),
  secretRef: secretRef('gitlab-registry-deploy-token'),
  provider: str({ oneOf: ['generic', 'aws', 'azure', 'gcp'] }),
  interval: goDuration(), timeout: goDuration(false),
});

const fluxSyncCheck: Check = obj({
  name: all(str({ pattern: DNS_LABEL, allowed: 'a DNS label', fix: 'use e.g. "gitlab-platform"' }),
    rule((v: string) => (v.length > 53 ? { allowed: 'at most 53 characters', fix: 'use a shorter name' } : undefined))),
  namespace: namespaceName(),
  source: required(obj({ git: gitSource, oci: ociSource }, { what: 'a source: { git: { url, ... } } or { oci: { url, ... } }' }),
    'give the sync a source: source: { git: { url: "https://gitlab.example.com/group/manifests.git", secretRef: { name: <deploy token Secret> } } } or source: { oci: { url: "oci://..." } }'),
  path: str({ pattern: /^(\.\/)?(?!.*(^|\/)\.\.(\/|$))[^\s]*$/, allowed: 'a relative path inside the source, without ".."', fix: 'write e.g. "./dist"' }),
  interval: goDuration(), retryInterval: goDuration(), timeout: goDuration(),
  prune: bool(), wait: bool(), upgradePhases: bool(),
  healthChecks: list(obj({ apiVersion: str(), kind: required(str()), name: required(k8sName()), namespace: namespaceName() })),
  targetNamespace: namespaceName(),
  serviceAccountName: k8sName('ServiceAccount name'),
  dependsOn: list(k8sName('Kustomization name'), { unique: true }),
  receiver: obj({
    type: str({ oneOf: ['gitlab', 'generic'] }),
    secret: required(secretRef('gitlab-webhook-token'), 'reference the Secret holding the webhook token (key "token")'),
    events: list(str(), { unique: true }),
  }),
  labels: labelMap(),
}, { what: 'FluxSync props' });

const ref = (s: FluxGitSource) => {
  if (s.commit) return { commit: s.commit, ...(s.branch ? { branch: s.branch } : {}) };
  if (s.semver) return { semver: s.semver };
  if (s.tag) return { tag: s.tag };
  return { branch: s.branch ?? 'main' };
};

const ociRef = (s: FluxOciSource) => (s.digest ? { digest: s.digest } : s.semver ? { semver: s.semver } : { tag: s.tag ?? 'latest' });

/**
 * Pull-based deployment with Flux (GitLab's recommended GitOps tool): a `GitRepository` or `OCIRepository`
 * (source.toolkit.fluxcd.io/v1) with read-only credentials, a `Kustomization` (kustomize.toolkit.fluxcd.io/v1)
 * that applies the manifests under `path` with prune and health checks, and optionally a `Receiver`
 * (notification.toolkit.fluxcd.io/v1) for push-triggered reconciliation. Needs Flux installed in the cluster
 * (`flux bootstrap gitlab` or `flux install`).
 *
 * @see https://docs.gitlab.com/user/clusters/agent/getting_started/
 */
export class FluxSync extends Construct {
  readonly name: string;
  readonly namespace: string;
  /** The source object the Kustomization reads. */
  readonly sourceRef: CrossNamespaceSourceReference;
  /** Name of the Receiver, when one was asked for; Flux writes its webhook path to `status.webhookPath`. */
  readonly receiverName?: string;

  constructor(scope: Construct, id: string, props: FluxSyncProps) {
    super(scope, id);
    const name = nameOf(props, id);
    const what = `FluxSync(${id})`;
    checkProps(what, { ...props, name }, fluxSyncCheck);
    const { git, oci } = props.source;
    if (!git === !oci) {
      fail(`${what}.source`, git ? 'both git and oci' : 'neither git nor oci', 'exactly one of source.git or source.oci',
        git ? 'keep one source per FluxSync (create a second FluxSync for the other)' : 'add source.git: { url } or source.oci: { url }');
    }
    if (props.wait === true && props.healthChecks?.length) {
      fail(`${what}.wait`, 'true', 'wait or healthChecks, not both (Flux ignores healthChecks when wait is on)', 'remove wait, or remove healthChecks');
    }
    this.name = name;
    this.namespace = props.namespace ?? 'flux-system';
    const metadata = { name, namespace: this.namespace, labels: { 'app.kubernetes.io/managed-by': 'gitlab-iac', 'app.kubernetes.io/name': 'flux-sync', ...props.labels } };

    if (git) {
      new GitRepository(this, 'source', {
        metadata,
        spec: {
          url: git.url,
          interval: git.interval ?? '1m',
          ...(git.timeout ? { timeout: git.timeout } : {}),
          ref: ref(git),
          ...(git.secretRef ? { secretRef: { name: git.secretRef.name } } : {}),
        },
      });
      this.sourceRef = { apiVersion: SOURCE_API, kind: 'GitRepository', name };
    } else {
      new OCIRepository(this, 'source', {
        metadata,
        spec: {
          url: oci!.url,
          interval: oci!.interval ?? '1m',
          ...(oci!.timeout ? { timeout: oci!.timeout } : {}),
          ref: ociRef(oci!),
          ...(oci!.secretRef ? { secretRef: { name: oci!.secretRef.name } } : {}),
          ...(oci!.provider ? { provider: oci!.provider } : {}),
        },
      });
      this.sourceRef = { apiVersion: SOURCE_API, kind: 'OCIRepository', name };
    }

    const healthChecks = props.healthChecks ?? [];
    const path = props.path ?? './';
    // With upgrade phases, the pre-deployment Kustomization goes first (after the user's dependencies), the
    // platform after it, the post-deployment one after the platform; each waits for its objects to be ready.
    const phased = props.upgradePhases === true;
    const under = (dir: string) => `${path.replace(/\/+$/, '')}/${dir}`;
    const phaseSpec = (dir: string, dependsOn: readonly string[]) => ({
      sourceRef: { kind: this.sourceRef.kind, name },
      path: under(dir),
      interval: props.interval ?? '10m',
      ...(props.retryInterval ? { retryInterval: props.retryInterval } : {}),
      timeout: props.timeout ?? '60m',
      prune: props.prune ?? true,
      wait: true,
      ...(props.targetNamespace ? { targetNamespace: props.targetNamespace } : {}),
      ...(props.serviceAccountName ? { serviceAccountName: props.serviceAccountName } : {}),
      ...(dependsOn.length ? { dependsOn: dependsOn.map((n) => ({ name: n })) } : {}),
    });
    if (phased) {
      new Kustomization(this, 'kustomization-pre-deployment', { metadata: { ...metadata, name: `${name}-pre-deployment` }, spec: phaseSpec('pre-deployment', props.dependsOn ?? []) });
    }
    new Kustomization(this, 'kustomization', {
      metadata,
      spec: {
        sourceRef: { kind: this.sourceRef.kind, name },
        path: phased ? under('deployment') : path,
        interval: props.interval ?? '10m',
        ...(props.retryInterval ? { retryInterval: props.retryInterval } : {}),
        timeout: props.timeout ?? '5m',
        prune: props.prune ?? true,
        ...(healthChecks.length ? { healthChecks: healthChecks.map((h) => ({ ...h })) } : { wait: props.wait ?? true }),
        ...(props.targetNamespace ? { targetNamespace: props.targetNamespace } : {}),
        ...(props.serviceAccountName ? { serviceAccountName: props.serviceAccountName } : {}),
        ...(phased ? { dependsOn: [{ name: `${name}-pre-deployment` }] } : props.dependsOn?.length ? { dependsOn: props.dependsOn.map((n) => ({ name: n })) } : {}),
      },
    });
    if (phased) {
      new Kustomization(this, 'kustomization-post-deployment', { metadata: { ...metadata, name: `${name}-post-deployment` }, spec: phaseSpec('post-deployment', [name]) });
    }

    if (props.receiver) {
      const type = props.receiver.type ?? 'gitlab';
      this.receiverName = `${name}-webhook`;
      const events = props.receiver.events ?? (type === 'gitlab' ? ['Push Hook', 'Tag Push Hook'] : []);
      new Receiver(this, 'receiver', {
        metadata: { ...metadata, name: this.receiverName },
        spec: {
          type,
          ...(events.length ? { events: [...events] } : {}),
          resources: [{ apiVersion: SOURCE_API, kind: this.sourceRef.kind, name }],
          secretRef: { name: props.receiver.secret.name },
        },
      });
    }
  }
}
