import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { resolveConfig } from '../constructs/config/resolve';
import type { GitLabPlatformInput } from '../constructs/config/types';
import { withInClusterServices } from '../constructs/data-services/wiring';
import { InClusterStackSettings, parseInClusterConfig } from './in-cluster-config';
import { InClusterSecrets } from './kubernetes/in-cluster-secrets';
import { PlatformRelease } from './kubernetes/platform-release';

/** Pulumi type token of the in-cluster (evaluation) stack. */
export const IN_CLUSTER_STACK_TYPE = 'gitlab-iac:kubernetes:GitLabInClusterStack';

export interface GitLabInClusterStackArgs extends Partial<Omit<InClusterStackSettings, 'domain'>> {
  /** Hosts become gitlab.<domain>, registry.<domain>, kas.<domain>. */
  readonly domain: string;
  /** Kubernetes provider (server-side apply); absent: one from `kubeconfig`/`kubeContext` or the ambient configuration. */
  readonly kubernetesProvider?: k8s.Provider;
}

/** What the program exports: names and counts; never a secret. */
export interface InClusterStackOutputs {
  readonly url: string;
  readonly namespace: string;
  /** Secret (key `password`) holding the initial root password. */
  readonly initialRootPasswordSecret: string;
  readonly kubernetesObjects: number;
}

/** The platform's props for the in-cluster mode: the domain, the ingress, and the three in-cluster services. */
export function inClusterPlatformProps(s: InClusterStackSettings): GitLabPlatformInput {
  return {
    releaseName: s.release,
    namespace: s.namespace,
    edition: s.edition,
    ...(s.version ? { version: s.version } : {}),
    hosts: { domain: s.domain, https: s.certIssuer !== undefined },
    ingress: { className: s.ingressClass, tls: s.certIssuer ? { issuer: { name: s.certIssuer, kind: 'ClusterIssuer' } } : false },
    inClusterServices: {
      postgres: s.postgresStorageSize ? { storage: { size: s.postgresStorageSize } } : true,
      redis: true,
      objectStorage: s.objectStorageSize ? { storage: { size: s.objectStorageSize } } : true,
    },
  };
}

const settingsOf = (a: GitLabInClusterStackArgs): InClusterStackSettings => ({
  domain: a.domain, namespace: a.namespace ?? 'gitlab', release: a.release ?? 'gitlab', edition: a.edition ?? 'ee', version: a.version,
  kubeconfig: a.kubeconfig, kubeContext: a.kubeContext, ingressClass: a.ingressClass ?? 'nginx', certIssuer: a.certIssuer,
  protect: a.protect ?? false, postgresStorageSize: a.postgresStorageSize, objectStorageSize: a.objectStorageSize,
});

/**
 * GitLab for evaluation on any cluster, with nothing but a kubeconfig: PostgreSQL (CloudNativePG; the operator
 * must be installed), Valkey and Garage in the cluster, their credentials and GitLab's shared secrets as random
 * values kept as Pulumi secrets, and the platform's objects applied server-side. Every object is known before
 * anything exists, so `pulumi preview` lists them all. Not for production.
 */
export class GitLabInClusterStack extends pulumi.ComponentResource {
  readonly url: string;
  readonly namespace: string;
  readonly initialRootPasswordSecret: string;
  readonly kubernetesObjects: number;
  readonly secrets: InClusterSecrets;
  readonly release: PlatformRelease;

  constructor(name: string, args: GitLabInClusterStackArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = settingsOf(args);
    const input = inClusterPlatformProps(s);
    // Invalid settings stop the program (GitLabConfigError) before anything is registered.
    const config = resolveConfig(input);
    const props = withInClusterServices(input, []);
    super(IN_CLUSTER_STACK_TYPE, name, {}, opts);

    const provider = args.kubernetesProvider ?? new k8s.Provider(`${name}-kubernetes`, {
      ...(s.kubeconfig ? { kubeconfig: pulumi.secret(s.kubeconfig) } : {}),
      ...(s.kubeContext ? { context: s.kubeContext } : {}),
      enableServerSideApply: true,
    }, { parent: this });
    const children = { parent: this, providers: { kubernetes: provider } };
    // Deleting the namespace deletes the services' volumes: it follows the protect switch.
    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
      metadata: { name: s.namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' } },
    }, { parent: this, provider, protect: s.protect, retainOnDelete: s.protect });
    this.secrets = new InClusterSecrets(`${name}-secrets`, { config, labels: { 'app.kubernetes.io/part-of': 'gitlab', 'gitlab-iac/non-production': 'true' } },
      { ...children, dependsOn: [namespace] });
    // Every value is known up front: the layout is the props themselves.
    this.release = new PlatformRelease(`${name}-platform`, { layout: () => props, props }, { ...children, dependsOn: [namespace, this.secrets] });

    this.url = config.hosts.gitlab.url;
    this.namespace = s.namespace;
    this.initialRootPasswordSecret = config.secrets.initialRootPassword;
    this.kubernetesObjects = this.release.objectKeys.length;
    this.registerOutputs(this.outputs());
  }

  /** The stack from the Pulumi configuration (`gitlab:mode in-cluster` and the keys of `IN_CLUSTER_CONFIG_KEYS`). */
  static fromConfig(name: string, opts?: pulumi.ComponentResourceOptions): GitLabInClusterStack {
    const s = parseInClusterConfig((k) => pulumi.runtime.getConfig(k), Object.keys(pulumi.runtime.allConfig()));
    return new GitLabInClusterStack(name, s, opts);
  }

  outputs(): InClusterStackOutputs {
    return { url: this.url, namespace: this.namespace, initialRootPasswordSecret: this.initialRootPasswordSecret, kubernetesObjects: this.kubernetesObjects };
  }
}
