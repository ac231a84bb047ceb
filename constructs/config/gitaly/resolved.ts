import type { ResolvedSecretRef, ResolvedWorkload } from '../resolved';
import type { RepositoryServer } from './names';

export type { RepositoryServer } from './names';

/**
 * The resolved repository storage (re-exported by `resolved.ts`): the in-cluster Gitaly StatefulSet, Praefect and
 * the Gitaly pods behind it, and every storage GitLab knows with the token its clients present.
 */

export interface ResolvedGitalyPersistence {
  readonly size: string;
  readonly storageClass?: string;
  readonly accessMode: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** The `<release>-gitaly` StatefulSet: one pod per storage name. */
export interface ResolvedGitaly extends ResolvedWorkload {
  readonly storageNames: readonly string[];
  readonly persistence: ResolvedGitalyPersistence;
  /** Serve TLS on 8076 with this kubernetes.io/tls Secret; clients connect with `tls://`. */
  readonly tls?: { readonly secretName: string };
  /** Go Cloud URL of the bucket Gitaly serves Git bundles from (`[bundle_uri]`). */
  readonly bundleUri?: string;
  /** `GOMEMLIMIT` from the container's memory limit (when it has one). */
  readonly gomemlimit: boolean;
}

export interface ResolvedVirtualStorage {
  readonly name: string;
  /** Gitaly pods behind it (StatefulSet `<release>-gitaly-<name>`). */
  readonly gitalyReplicas: number;
  readonly defaultReplicationFactor?: number;
  readonly pdb?: { readonly maxUnavailable: number | string };
  readonly persistence: ResolvedGitalyPersistence;
  /** TLS Secret of its Gitaly pods; set exactly when in-cluster Gitaly serves TLS. */
  readonly tlsSecretName?: string;
}

export interface ResolvedPraefectDatabase {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly username: string;
  readonly password: ResolvedSecretRef;
  readonly sslMode: string;
  readonly sslRootCert?: ResolvedSecretRef;
}

/** Praefect (Gitaly Cluster) and the Gitaly pods behind its virtual storages. */
export interface ResolvedPraefect extends ResolvedWorkload {
  readonly virtualStorages: readonly ResolvedVirtualStorage[];
  readonly database: ResolvedPraefectDatabase;
  readonly autoMigrate: boolean;
  readonly ntpHost: string;
  /** Serve TLS on 8076 with this kubernetes.io/tls Secret; GitLab connects with `tls://`. */
  readonly tls?: { readonly secretName: string };
  /** Settings of the Gitaly pods behind Praefect (components.gitaly's). */
  readonly gitaly: ResolvedWorkload & { readonly persistence: ResolvedGitalyPersistence; readonly bundleUri?: string; readonly gomemlimit: boolean };
}

export interface ResolvedRepositoryStorage {
  readonly name: string;
  /** `gitaly`: the `<release>-gitaly` StatefulSet; `praefect`: a Praefect virtual storage; `external`: a server outside. */
  readonly server: RepositoryServer;
  /** File under the clients' `gitaly/` secrets folder holding the token for this storage (a key of `tokens`). */
  readonly tokenFile: string;
  /** Where a server outside the platform listens. */
  readonly external?: { readonly hostname: string; readonly port: number; readonly tls: boolean };
}

/** Every repository storage GitLab knows, and the tokens its clients present. */
export interface ResolvedRepositories {
  /** In-cluster Gitaly (ordinal order), then Praefect's virtual storages, then external storages. */
  readonly storages: readonly ResolvedRepositoryStorage[];
  /** The Secret behind each token file clients read; `gitaly_token` (the default token) comes first. */
  readonly tokens: Readonly<Record<string, ResolvedSecretRef>>;
}
