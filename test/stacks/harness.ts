import * as pulumi from '@pulumi/pulumi';
import { parseStackConfig } from '../../stacks/config';
import { MockWorld, Registration, StackMocks } from '../../stacks/mocks';

/** The mocked account every stack test runs against. */
export const WORLD: MockWorld = { accountId: '123456789012', region: 'eu-central-1', vpcId: 'vpc-0a1b2c3d4e5f60718', knownOutputs: true };

/**
 * Installs fresh mocks, runs `build` (which imports and creates what it tests, after the mocks exist), waits for
 * every registration, and returns the record.
 */
export async function underMocks<T>(build: () => T | Promise<T>, world: Partial<MockWorld> = {}, preview = false): Promise<{ mocks: StackMocks; result: T }> {
  const mocks = new StackMocks({ ...WORLD, ...world });
  await mocks.install('gitlab-iac', 'test', preview);
  const result = await build();
  await StackMocks.settle();
  return { mocks, result };
}

/** The value of an Output (undefined when unknown). */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => { o.apply((v) => { resolve(v); return v; }); });
}

/** The one registration of a type (and name, when given); fails with what is there. */
export function one(mocks: StackMocks, type: string, name?: string): Registration {
  const found = mocks.ofType(type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` named ${name}` : ''}, found ${found.map((r) => r.name).join(', ') || 'none'}`);
  return found[0];
}

/** A policy document input as an object. */
export function policy(json: string): { Statement: any[] } {
  return JSON.parse(json);
}

/** The example stack's configuration as the flat strings Pulumi hands the program. */
export const EXAMPLE: Record<string, string> = {
  'aws:region': 'eu-central-1',
  'gitlab:domain': 'gitlab.example.com',
  'gitlab:vpcId': 'vpc-0a1b2c3d4e5f60718',
  'gitlab:privateSubnetIds': JSON.stringify(['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002']),
  'gitlab:clusterSecurityGroupId': 'sg-0a1b2c3d4e5f60719',
  'gitlab:oidcProviderArn': 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLE',
  'gitlab:oidcIssuerUrl': 'https://oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLE',
  'gitlab:tlsSecretName': 'gitlab-tls',
};

/** Settings of the example stack, with overrides. */
export function exampleSettings(overrides: Record<string, string | undefined> = {}) {
  const values = { ...EXAMPLE, ...overrides };
  return parseStackConfig((k) => values[k], Object.keys(values));
}
