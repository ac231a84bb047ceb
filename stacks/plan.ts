/**
 * `npm run plan -- --stack NAME [--known-endpoints]`: runs the Pulumi program under unit-test mocks with the
 * configuration of `Pulumi.NAME.yaml` and prints every resource it would create (type, name, parent) and a count
 * per type. No Pulumi CLI, no cloud account. By default outputs AWS computes stay unknown, as in the first
 * `pulumi preview` of a new stack.
 */
import { resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { GitLabConfigError } from '../constructs/config/errors';
import { StackMocks } from './mocks';
import { stackConfig } from './stack-file';

interface PlanOptions {
  readonly stack: string;
  readonly knownEndpoints: boolean;
}

function options(argv: readonly string[]): PlanOptions {
  const i = argv.indexOf('--stack');
  const stack = i >= 0 ? argv[i + 1] : undefined;
  if (!stack) throw new Error('usage: npm run plan -- --stack NAME [--known-endpoints]  (reads Pulumi.NAME.yaml)');
  return { stack, knownEndpoints: argv.includes('--known-endpoints') };
}

function shortUrn(urn: string): string {
  if (!urn) return '(stack)';
  const parts = urn.split('::');
  return `${parts[2].split('$').pop()}::${parts[3]}`;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const file = resolve(process.cwd(), `Pulumi.${opts.stack}.yaml`);
  const { config, secretKeys } = stackConfig(file);
  pulumi.runtime.setAllConfig(config, secretKeys);
  const mocks = new StackMocks({
    accountId: '123456789012',
    region: config['aws:region'] ?? 'us-east-1',
    vpcId: config['gitlab:vpcId'] ?? 'vpc-00000000',
    knownOutputs: opts.knownEndpoints,
  });
  await mocks.install('gitlab-iac', opts.stack, !opts.knownEndpoints);
  // Imported after the mocks, as Pulumi's testing guide asks.
  const { GitLabAwsStack } = await import('./gitlab-stack');
  const outputs = await GitLabAwsStack.fromConfig('gitlab', { adoptRootResources: true }).outputs();
  await StackMocks.settle();

  const rows = mocks.registrations.map((r) => [r.type, r.name, shortUrn(r.parent), r.protect ? 'protect' : '']);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), 6));
  const line = (r: string[]) => r.map((v, i) => (i < 3 ? v.padEnd(widths[i]) : v)).join('  ').trimEnd();
  console.log(`Plan of stack "${opts.stack}" (${file}), ${opts.knownEndpoints ? 'endpoints known' : 'first preview: endpoints unknown'}\n`);
  console.log(line(['TYPE', 'NAME', 'PARENT', '']));
  for (const r of rows) console.log(line(r));
  const counts = new Map<string, number>();
  for (const r of mocks.registrations) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  console.log('\nCOUNT  TYPE');
  for (const [type, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`${String(n).padStart(5)}  ${type}`);
  console.log(`${String(mocks.registrations.length).padStart(5)}  resources in all; ${outputs.kubernetesObjects} Kubernetes objects of the platform`);
}

main().catch((e: unknown) => {
  if (e instanceof GitLabConfigError) console.error(e.message);
  else console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
