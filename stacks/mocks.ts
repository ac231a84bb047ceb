import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';

/**
 * Pulumi unit-test mocks for the stack, shared by `npm run plan` and the tests: they answer the invokes the
 * program makes and fill in the outputs AWS would compute, and they record every registration with its parent,
 * protect/retainOnDelete options and which inputs travel as secrets. No cloud account is touched.
 */

/** What the mocked AWS account looks like. */
export interface MockWorld {
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  /** Subnet facts by id; any other id is a private subnet of `vpcId`. */
  readonly subnets?: Readonly<Record<string, { vpcId?: string; availabilityZone?: string; mapPublicIpOnLaunch?: boolean }>>;
  /** Outputs of this stack's last update, as a StackReference to itself reads them. @default none (a first update) */
  readonly previousOutputs?: Readonly<Record<string, unknown>>;
  /** The VPC's IPv4 CIDRs (first one primary) and IPv6 block. @default 10.0.0.0/16, no IPv6 */
  readonly vpcCidrs?: { readonly ipv4: readonly string[]; readonly ipv6?: string };
  /**
   * Outputs AWS computes (endpoints, ARNs, generated passwords) are filled in. Off: they stay unknown, as in the
   * first `pulumi preview` of a new stack (set the mocks' preview flag too).
   */
  readonly knownOutputs: boolean;
}

/** One registered resource. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** URN of the parent, '' for the stack root. */
  readonly parent: string;
  readonly custom: boolean;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly dependencies: readonly string[];
  /** Inputs as plain values (secrets unwrapped). */
  readonly inputs: Record<string, any>;
  /** Top-level input names whose value (or part of it) travels as a Pulumi secret. */
  readonly secretInputs: readonly string[];
}

const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
const SIG_KEY = '4dabf18193072939515e22adb298388d';

function containsSecret(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  if ((v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) return true;
  return Object.values(v as Record<string, unknown>).some(containsSecret);
}

/** The plain value of a deserialized input: secrets unwrapped. */
function unwrap(v: unknown): any {
  if (Array.isArray(v)) return v.map(unwrap);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (o[SIG_KEY] === SECRET_SIG) return unwrap(o.value);
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrap(x)]));
}

function regionCode(region: string): string {
  const [geo, dir, n] = region.split('-');
  return `${geo}${dir[0]}${n}`;
}

/** A value unique to a resource name, of the given length (mock generated secrets must be told apart). */
function distinct(name: string, length: number): string {
  let text = '';
  while (text.length < length) text += createHash('sha256').update(`${name}:${text.length}`).digest('hex');
  return text.slice(0, length);
}

/** Outputs AWS (and the random/tls providers) would compute for a resource type. */
function computedOutputs(type: string, name: string, inputs: Record<string, any>, w: MockWorld): Record<string, unknown> {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${w.region}:${w.accountId}:${resource}`;
  switch (type) {
    case 'aws:kms/key:Key': return { arn: arn('kms', `key/${name}-0000`), keyId: `${name}-0000` };
    case 'aws:rds/instance:Instance': return {
      address: `${inputs.identifier}.c0ffee00c0de.${w.region}.rds.amazonaws.com`,
      endpoint: `${inputs.identifier}.c0ffee00c0de.${w.region}.rds.amazonaws.com:${inputs.port}`,
      arn: arn('rds', `db:${inputs.identifier}`),
    };
    case 'aws:elasticache/replicationGroup:ReplicationGroup': return {
      primaryEndpointAddress: `master.${inputs.replicationGroupId}.abc123.${regionCode(w.region)}.cache.amazonaws.com`,
      arn: arn('elasticache', `replicationgroup:${inputs.replicationGroupId}`),
    };
    case 'aws:iam/role:Role': return { arn: `arn:aws:iam::${w.accountId}:role/${inputs.name ?? name}`, name: inputs.name ?? name };
    case 'aws:s3/bucket:Bucket': return { arn: `arn:aws:s3:::${inputs.bucket}` };
    case 'random:index/randomPassword:RandomPassword':
    case 'random:index/randomString:RandomString': return { result: distinct(name, Number(inputs.length ?? 16)) };
    case 'random:index/randomId:RandomId': return { hex: distinct(name, 2 * Number(inputs.byteLength ?? 8)) };
    case 'random:index/randomBytes:RandomBytes': return { base64: Buffer.alloc(Number(inputs.length ?? 8), 1).toString('base64') };
    case 'tls:index/privateKey:PrivateKey': return {
      privateKeyPem: `-----BEGIN PRIVATE KEY-----\nmock ${name}\n-----END PRIVATE KEY-----\n`,
      privateKeyOpenssh: `-----BEGIN OPENSSH PRIVATE KEY-----\nmock ${name}\n-----END OPENSSH PRIVATE KEY-----\n`,
      publicKeyOpenssh: `ssh-mock AAAA${name}\n`,
    };
    case 'tls:index/selfSignedCert:SelfSignedCert': return { certPem: `-----BEGIN CERTIFICATE-----\nmock ${name}\n-----END CERTIFICATE-----\n` };
    // Auto-named AWS resources get their logical name (Pulumi would add a random suffix).
    default: return type.startsWith('aws:') ? { arn: arn(type.split(':')[1].split('/')[0], name), name: inputs.name ?? name } : {};
  }
}

/** Mocks plus the record of what the program registered. */
export class StackMocks implements pulumi.runtime.Mocks {
  readonly registrations: Registration[] = [];

  constructor(readonly world: MockWorld) {}

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    if (args.type === 'pulumi:pulumi:StackReference') {
      return { id: String(args.inputs.name ?? args.name), state: { name: args.inputs.name, outputs: { ...this.world.previousOutputs }, secretOutputNames: [] } };
    }
    const computed = this.world.knownOutputs ? computedOutputs(args.type, args.name, args.inputs, this.world) : {};
    return { id: this.world.knownOutputs || !args.custom ? `${args.name}-id` : undefined, state: { ...args.inputs, ...computed } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    const w = this.world;
    switch (args.token) {
      case 'aws:index/getCallerIdentity:getCallerIdentity':
        return { accountId: w.accountId, arn: `arn:aws:iam::${w.accountId}:user/mock`, userId: 'MOCK', id: w.accountId };
      case 'aws:index/getPartition:getPartition':
        return { partition: 'aws', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws', id: 'aws' };
      case 'aws:index/getRegion:getRegion':
        return { name: w.region, region: w.region, id: w.region, endpoint: `ec2.${w.region}.amazonaws.com`, description: w.region };
      case 'aws:ec2/getSubnet:getSubnet': {
        const id = String(args.inputs.id);
        const known = w.subnets?.[id] ?? {};
        const zones = ['a', 'b', 'c'];
        const zone = zones[[...id].reduce((n, c) => n + c.charCodeAt(0), 0) % zones.length];
        return {
          id, vpcId: known.vpcId ?? w.vpcId, availabilityZone: known.availabilityZone ?? `${w.region}${zone}`,
          mapPublicIpOnLaunch: known.mapPublicIpOnLaunch ?? false, cidrBlock: '10.0.0.0/24',
        };
      }
      case 'aws:ec2/getVpc:getVpc': {
        const cidrs = w.vpcCidrs ?? { ipv4: ['10.0.0.0/16'] };
        return {
          id: String(args.inputs.id ?? w.vpcId), cidrBlock: cidrs.ipv4[0], ipv6CidrBlock: cidrs.ipv6 ?? '',
          cidrBlockAssociations: cidrs.ipv4.map((cidrBlock, i) => ({ associationId: `vpc-cidr-assoc-${i}`, cidrBlock, state: 'associated' })),
        };
      }
      default:
        throw new Error(`no mock for invoke ${args.token}`);
    }
  }

  /**
   * Installs the mocks and starts recording registrations (parent, options, secret inputs), which the mock
   * API does not pass to `newResource`.
   */
  async install(project: string, stack: string, preview: boolean): Promise<void> {
    await pulumi.runtime.setMocks(this, project, stack, preview, 'organization');
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: any, cb: (err: any, res: any) => void): Promise<void> };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = async (req: any, cb: (err: any, res: any) => void) => original(req, (err: any, res: any) => {
      if (!err) {
        const raw = req.getObject()?.toJavaScript() ?? {};
        this.registrations.push({
          type: req.getType(), name: req.getName(), urn: res.getUrn(), parent: req.getParent() ?? '', custom: req.getCustom(),
          protect: req.getProtect() === true, retainOnDelete: req.getRetainondelete() === true,
          dependencies: req.getDependenciesList?.() ?? [],
          inputs: unwrap(pulumi.runtime.deserializeProperties(req.getObject())),
          secretInputs: Object.keys(raw).filter((k) => containsSecret(raw[k])),
        });
      }
      cb(err, res);
    });
  }

  /** Waits until every registration the program started has reached the mocks. */
  static async settle(): Promise<void> {
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  }

  /** Registrations of one resource type. */
  ofType(type: string): Registration[] {
    return this.registrations.filter((r) => r.type === type);
  }
}
