import { GITALY_PORT, GITALY_TLS_PORT } from '../config/gitaly/names';
import { ResolvedConfig } from '../config/resolved';

/** Where GitLab's repository storages are served, and the token file each storage's clients read. */
export interface GitalyEndpoints {
  /** Headless Service of the `<release>-gitaly` StatefulSet (also its `serviceName`). */
  readonly service: string;
  /** The StatefulSet name; pod N is `<statefulSet>-N`. */
  readonly statefulSet: string;
  /** gRPC port. */
  readonly port: number;
  /** gRPC-over-TLS port (served when TLS is on). */
  readonly tlsPort: number;
  /** Address of every storage GitLab knows, by storage name: a Gitaly pod, Praefect, or a server outside. */
  readonly addresses: Readonly<Record<string, string>>;
  /** Token file (under the clients' `gitaly/` secrets folder) of every storage, by storage name. */
  readonly tokenFiles: Readonly<Record<string, string>>;
}

/** The Gitaly pods behind one Praefect virtual storage. */
export interface VirtualStorageEndpoints {
  /** Headless Service and StatefulSet `<release>-gitaly-<virtual storage>`. */
  readonly service: string;
  readonly statefulSet: string;
  /** One per pod: its storage name (the pod name, as Praefect knows it) and the address Praefect dials. */
  readonly nodes: readonly { readonly storage: string; readonly address: string }[];
}

export interface PraefectEndpoints {
  /** Headless Service and StatefulSet `<release>-praefect`. */
  readonly service: string;
  readonly statefulSet: string;
  readonly port: number;
  readonly tlsPort: number;
  /** What GitLab dials for every virtual storage: `tcp://<service>.<ns>.svc:8075`, or `tls://…:8076` with TLS. */
  readonly address: string;
  /** By virtual storage name. */
  readonly virtualStorages: Readonly<Record<string, VirtualStorageEndpoints>>;
}

const address = (tls: boolean, host: string, port?: number) =>
  `${tls ? 'tls' : 'tcp'}://${host}:${port ?? (tls ? GITALY_TLS_PORT : GITALY_PORT)}`;

/** Gitaly and Praefect endpoints of a resolved configuration; `praefect` only while Praefect runs. */
export function gitalyEndpoints(config: ResolvedConfig): { gitaly: GitalyEndpoints; praefect?: PraefectEndpoints } {
  const svc = (name: string) => `${name}.${config.namespace}.svc`;
  const gitaly = `${config.release}-gitaly`;
  const gitalyTls = !!config.components.gitaly?.tls;
  const pf = config.components.praefect;
  const praefectService = `${config.release}-praefect`;
  const praefectAddress = pf ? address(!!pf.tls, svc(praefectService)) : undefined;

  let ordinal = 0;
  const addresses: Record<string, string> = {};
  const tokenFiles: Record<string, string> = {};
  for (const s of config.repositories.storages) {
    tokenFiles[s.name] = s.tokenFile;
    if (s.server === 'gitaly') addresses[s.name] = address(gitalyTls, `${gitaly}-${ordinal++}.${svc(gitaly)}`);
    else if (s.server === 'praefect') addresses[s.name] = praefectAddress!;
    else addresses[s.name] = address(s.external!.tls, s.external!.hostname, s.external!.port);
  }

  const praefect: PraefectEndpoints | undefined = pf && {
    service: praefectService,
    statefulSet: praefectService,
    port: GITALY_PORT,
    tlsPort: GITALY_TLS_PORT,
    address: praefectAddress!,
    virtualStorages: Object.fromEntries(pf.virtualStorages.map((vs) => {
      const name = `${gitaly}-${vs.name}`;
      const nodes = Array.from({ length: vs.gitalyReplicas }, (_, i) =>
        ({ storage: `${name}-${i}`, address: address(!!vs.tlsSecretName, `${name}-${i}.${svc(name)}`) }));
      return [vs.name, { service: name, statefulSet: name, nodes }];
    })),
  };
  return {
    gitaly: { service: gitaly, statefulSet: gitaly, port: GITALY_PORT, tlsPort: GITALY_TLS_PORT, addresses, tokenFiles },
    ...(praefect ? { praefect } : {}),
  };
}
