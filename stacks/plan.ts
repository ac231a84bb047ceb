/**
 * `npm run plan -- --stack NAME [--known-endpoints]`: runs the Pulumi program under unit-test mocks with the
 * configuration of `Pulumi.NAME.yaml` and prints every resource it would create (type, name, parent) and a count
 * per type. No Pulumi CLI, no cloud account. By default outputs AWS computes stay unknown, as in the first
 * `pulumi preview` of a new stack.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { GitLabConfigError } from '../constructs/config/errors';
import { StackMocks } from './mocks';
import { stackConfig } from './stack-file';

interface PlanOptions {
  readonly stack: string;
  readonly knownEndpoints: boolean;
}

/** A mistake in how the command was called: printed as a message with the usage, never as a stack trace. */
class UsageError extends Error {}

const USAGE = 'usage: npm run plan -- --stack NAME [--known-endpoints]  (reads Pulumi.NAME.yaml)';

function options(argv: readonly string[]): PlanOptions {
  const i = argv.indexOf('--stack');
  const stack = i >= 0 ? argv[i + 1] : undefined;
  if (!stack || stack.startsWith('--')) throw new UsageError(`${i >= 0 ? 'no stack name after --stack' : 'no --stack given'}\n${USAGE}`);
  const unknown = argv.filter((a, j) => a.startsWith('-') && a !== '--stack' && a !== '--known-endpoints' && j !== i + 1);
  if (unknown.length) throw new UsageError(`unknown option ${unknown.join(', ')}\n${USAGE}`);
  return { stack, knownEndpoints: argv.includes('--known-endpoints') };
}

/** The stack file, or a usage error naming the stacks that exist here. */
function stackFile(stack: string): string {
  const file = resolve(process.cwd(), `Pulumi.${stack}.yaml`);
  if (existsSync(file)) return file;
  const stacks = readdirSync(process.cwd()).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
  throw new UsageError(`no stack "${stack}": ${file} does not exist. ${stacks.length ? `Stacks here: ${stacks.join(', ')}` : 'Create it from Pulumi.example.yaml'}\n${USAGE}`);
}

function shortUrn(urn: string): string {
  if (!urn) return '(stack)';
  const parts = urn.split('::');
  return `${parts[2].split('$').pop()}::${parts[3]}`;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const file = stackFile(opts.stack);
  let parsed: ReturnType<typeof stackConfig>;
  try {
    parsed = stackConfig(file);
  } catch (e) {
    throw new UsageError(`${file} is not a readable stack file: ${(e as Error).message.split('\n')[0]}`);
  }
  const { config, secretKeys } = parsed;
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
  const { GitLabInClusterStack } = await import('./in-cluster-stack');
  const { isInClusterMode } = await import('./in-cluster-config');
  // `gitlab:mode in-cluster`: the evaluation stack (no AWS).
  const outputs = isInClusterMode((k) => config[k])
    ? GitLabInClusterStack.fromConfig('gitlab').outputs()
    : await GitLabAwsStack.fromConfig('gitlab', { adoptRootResources: true }).outputs();
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
  if (e instanceof GitLabConfigError || e instanceof UsageError) console.error(e.message);
  else console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
