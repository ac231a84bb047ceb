import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in for Garage's admin API v2 (the endpoints the bootstrap Job calls), answering pretty-printed JSON as
 * Garage does, checking the bearer token and the layout version, and recording every call. Enough to run the
 * Job's script for real (sh + curl) and see what it changes.
 */
export interface FakeGarageState {
  layoutVersion: number;
  roles: { id: string; zone: string; capacity: number }[];
  staged: { id: string; zone: string; capacity: number }[];
  keys: Record<string, string>;
  buckets: Record<string, { id: string; grants: Record<string, { read: boolean; write: boolean; owner: boolean }> }>;
}

export interface FakeGarage {
  readonly url: string;
  readonly state: FakeGarageState;
  readonly calls: string[];
  close(): Promise<void>;
}

const NODE_ID = 'a'.repeat(64);
const hexId = (n: number) => n.toString(16).padStart(64, '0');

export async function startFakeGarage(token: string): Promise<FakeGarage> {
  const state: FakeGarageState = { layoutVersion: 0, roles: [], staged: [], keys: {}, buckets: {} };
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const endpoint = url.pathname.replace(/^\/v2\//, '');
      calls.push(`${req.method} ${endpoint}`);
      const reply = (code: number, json: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json, null, 2));
      };
      if (req.headers.authorization !== `Bearer ${token}`) return reply(403, { code: 'Forbidden' });
      const input = body ? JSON.parse(body) : {};
      switch (`${req.method} ${endpoint}`) {
        case 'GET GetClusterStatus':
          return reply(200, { layoutVersion: state.layoutVersion, nodes: [{ id: NODE_ID, isUp: true, role: state.roles[0] ?? null }] });
        case 'GET GetClusterLayout':
          return reply(200, { version: state.layoutVersion, roles: state.roles, stagedRoleChanges: state.staged });
        case 'POST UpdateClusterLayout':
          state.staged = input.roles;
          return reply(200, {});
        case 'POST ApplyClusterLayout':
          if (input.version !== state.layoutVersion + 1) return reply(400, { code: 'InvalidRequest', message: 'wrong version' });
          state.layoutVersion = input.version;
          state.roles = state.staged;
          state.staged = [];
          return reply(200, {});
        case 'GET GetKeyInfo': {
          const id = url.searchParams.get('id') ?? '';
          return state.keys[id] !== undefined ? reply(200, { accessKeyId: id }) : reply(404, { code: 'NoSuchAccessKey' });
        }
        case 'POST ImportKey':
          if (!/^GK[0-9a-f]{24}$/.test(input.accessKeyId) || !/^[0-9a-f]{64}$/.test(input.secretAccessKey)) return reply(400, { code: 'InvalidRequest' });
          if (state.keys[input.accessKeyId] !== undefined) return reply(409, { code: 'KeyAlreadyExists' });
          state.keys[input.accessKeyId] = input.secretAccessKey;
          return reply(200, { accessKeyId: input.accessKeyId });
        case 'GET GetBucketInfo': {
          const bucket = state.buckets[url.searchParams.get('globalAlias') ?? ''];
          return bucket ? reply(200, { id: bucket.id, globalAliases: [url.searchParams.get('globalAlias')], keys: Object.keys(bucket.grants).map((k) => ({ accessKeyId: k })) })
            : reply(404, { code: 'NoSuchBucket' });
        }
        case 'POST CreateBucket':
          if (state.buckets[input.globalAlias]) return reply(409, { code: 'BucketAlreadyExists' });
          state.buckets[input.globalAlias] = { id: hexId(Object.keys(state.buckets).length + 1), grants: {} };
          return reply(200, { id: state.buckets[input.globalAlias].id });
        case 'POST AllowBucketKey': {
          const bucket = Object.values(state.buckets).find((b) => b.id === input.bucketId);
          if (!bucket || state.keys[input.accessKeyId] === undefined) return reply(404, { code: 'NoSuchBucket' });
          const had = bucket.grants[input.accessKeyId] ?? { read: false, write: false, owner: false };
          bucket.grants[input.accessKeyId] = { read: had.read || input.permissions.read, write: had.write || input.permissions.write, owner: had.owner || input.permissions.owner };
          return reply(200, { id: bucket.id });
        }
        default:
          return reply(400, { code: 'InvalidRequest', message: `unknown endpoint ${endpoint}` });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, state, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
