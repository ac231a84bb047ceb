import * as pulumi from '@pulumi/pulumi';
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
