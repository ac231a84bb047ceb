import type { ResolvedInClusterObjectStorage } from '../resolved';

export const GARAGE_PATHS = { config: '/etc/garage', metadata: '/var/lib/garage/meta', data: '/var/lib/garage/data' } as const;

/**
 * garage.toml of the single node. Secrets are not in it: Garage reads the RPC secret and the admin token from
 * `GARAGE_RPC_SECRET` and `GARAGE_ADMIN_TOKEN`, filled from the credentials Secret. Buckets are addressed by path
 * (no `root_domain`), which is how GitLab's clients are configured (`path_style`, `forcepathstyle`).
 */
export function garageToml(g: ResolvedInClusterObjectStorage): string {
  return [
    `metadata_dir = "${GARAGE_PATHS.metadata}"`,
    `data_dir = "${GARAGE_PATHS.data}"`,
    'db_engine = "lmdb"',
    // One node: every object is stored once. Evaluation only; production uses three zones.
    'replication_factor = 1',
    `rpc_bind_addr = "[::]:${g.rpcPort}"`,
    '',
    '[s3_api]',
    `s3_region = "${g.region}"`,
    `api_bind_addr = "[::]:${g.s3Port}"`,
    '',
    '[admin]',
    `api_bind_addr = "[::]:${g.adminPort}"`,
    '',
  ].join('\n');
}

/** Bytes of a Kubernetes quantity (`10Gi`, `500M`, `1T`): the layout's capacity of the node. */
export function quantityBytes(q: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)([KMGTPE]i?|k|m)?$/.exec(q);
  if (!m) throw new Error(`not a storage quantity: ${q}`);
  const unit = m[2] ?? '';
  const powers: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
  const factor = unit.endsWith('i') ? 1024 ** ('KMGTPE'.indexOf(unit[0]) + 1) : powers[unit];
  return Math.floor(Number(m[1]) * factor);
}
