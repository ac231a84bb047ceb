import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// The package as a user gets it: `npm pack`, then installed from the tarball into throwaway projects (packages from
// the npm registry, `--prefer-offline`). Needs `npm run build` (build/, which `npm ci` runs through `prepare`).
const root = resolve(__dirname, '../..');
const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-package-'));
let tarball = '';
let files: string[] = [];

function run(cmd: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${x.stdout ?? ''}${x.stderr ?? x.message}`);
  }
}

/** A throwaway project with the tarball and these packages installed (no install scripts). */
function project(name: string, packages: Record<string, string>, sources: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, file), text);
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball,
    ...Object.entries(packages).map(([n, v]) => `${n}@${v}`)], dir);
  return dir;
}

// The cdk8s project checks the package's declarations too; the Pulumi one skips them, as Pulumi's own templates do
// (@pulumi/pulumi's declarations need a matching @types/node).
const tsconfig = (moduleResolution: string) => JSON.stringify({
  compilerOptions: { target: 'ES2022', module: moduleResolution === 'node16' ? 'node16' : 'commonjs', moduleResolution, strict: true, types: [], lib: ['ES2022'], outDir: 'out', skipLibCheck: moduleResolution !== 'node16' },
  include: ['*.ts'],
});

beforeAll(() => {
  const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  const info = JSON.parse(out)[0];
  tarball = join(work, info.filename);
  files = info.files.map((f: { path: string }) => f.path);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

describe('the npm package', () => {
  test('the tarball holds what runs: the compiled library, the Pulumi components, the test helpers and the CLI, no tests', () => {
    for (const f of ['package.json', 'README.md', 'build/cli.js', 'build/cli-bundle.js', 'build/constructs/index.js', 'build/constructs/index.d.ts',
      'build/stacks/library.js', 'build/stacks/library.d.ts', 'build/constructs/testing/index.js', 'build/constructs/testing/index.d.ts',
      'build/constructs/testing/schemas/kubernetes-schemas/v1.33.0.json.gz', 'build/constructs/testing/schemas/crd-schemas/index.json']) {
      expect(files, f).toContain(f);
    }
    const stray = files.filter((f) => /(^|\/)(test|tests|fixtures|__snapshots__|examples)\/|\.test\.|\.snap$|\.ts$(?<!\.d\.ts)|tsbuildinfo|\.cache$/.test(f));
    expect(stray).toEqual([]);
    // Every export resolves to a file in the tarball.
    for (const entry of Object.values(own.exports as Record<string, string | Record<string, string>>)) {
      for (const target of typeof entry === 'string' ? [entry] : Object.values(entry)) expect(files, target).toContain(target.replace(/^\.\//, ''));
    }
  });

  test('the constructs never load Pulumi', () => {
    const pulumiImports = files.filter((f) => f.startsWith('build/constructs/') && f.endsWith('.js'))
      .filter((f) => /require\("@pulumi\//.test(readFileSync(join(root, f), 'utf8')));
    expect(pulumiImports).toEqual([]);
  });

  test('peers: cdk8s, constructs and cdk8s-plus-27 with ranges the pinned versions satisfy; the Pulumi packages optional', () => {
    for (const name of ['cdk8s', 'constructs', 'cdk8s-plus-27']) {
      expect(own.peerDependencies[name]).toMatch(/^\^/);
      expect(own.dependencies?.[name]).toBeUndefined();
      expect(own.peerDependencies[name].slice(1).split('.')[0]).toBe(own.devDependencies[name].split('.')[0]);
    }
    for (const name of Object.keys(own.devDependencies).filter((n) => n.startsWith('@pulumi/'))) {
      expect(own.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(own.dependencies?.[name]).toBeUndefined();
    }
  });

  test('a cdk8s-only project installs it without any Pulumi package, type-checks and synthesizes a GitLabPlatform', () => {
    // ajv: the optional peer of the one-call schema and Pod Security check.
    const dir = project('cdk8s-user', { cdk8s: own.devDependencies.cdk8s, constructs: own.devDependencies.constructs, 'cdk8s-plus-27': own.devDependencies['cdk8s-plus-27'], ajv: own.devDependencies.ajv }, {
      'tsconfig.json': tsconfig('node16'),
      'main.ts': `declare const console: { log(text: string): void };
import { App, Chart } from 'cdk8s';
import { GitLabPlatform } from 'gitlab-iac';
import { assertValidSynth, findObject, stableYaml, synthObjects } from 'gitlab-iac/testing';

const app = new App({ outdir: 'dist' });
const chart = new Chart(app, 'gitlab', { disableResourceNameHashes: true });
new GitLabPlatform(chart, 'platform', {
  hosts: { domain: 'example.com' },
  postgres: { host: 'db.example.com', password: { name: 'gitlab-postgres-password' } },
  redis: { host: 'redis.example.com', scheme: 'rediss', password: { name: 'gitlab-redis-password' } },
  objectStorage: { connection: { name: 'gitlab-rails-storage' } },
  ingress: { tls: { secretName: 'gitlab-tls' } },
  components: { registry: { storage: { name: 'registry-storage' } } },
});
const objects = synthObjects(chart);
const web: string = findObject(objects, 'Deployment', 'gitlab-webservice-default').metadata.name;
assertValidSynth(objects, { versions: ['1.33', '1.36'] });
const snapshot = stableYaml(objects);
app.synth();
console.log(JSON.stringify({ objects: objects.length, web, snapshot: snapshot.includes('gitlab-migrations-pre-<hash>') }));
`,
    });
    expect(existsSync(join(dir, 'node_modules', '@pulumi'))).toBe(false);
    expect(readdirSync(join(dir, 'node_modules')).filter((n) => n.startsWith('@pulumi'))).toEqual([]);
    run(process.execPath, [tsc, '-p', '.'], dir);
    const result = JSON.parse(run(process.execPath, ['out/main.js'], dir));
    expect(result.web).toBe('gitlab-webservice-default');
    expect(result.snapshot).toBe(true);
    expect(result.objects).toBeGreaterThan(40);
    expect(readFileSync(join(dir, 'dist', 'gitlab.k8s.yaml'), 'utf8')).toContain('kind: Deployment');
    // The bin runs from the installed package.
    expect(run(join(dir, 'node_modules', '.bin', 'gitlab-iac'), ['--help'], dir)).toContain('synth');
  }, 240_000);

  test('a Pulumi project gets the compiled components from gitlab-iac/pulumi and plans GitLabAwsStack under mocks', () => {
    const dev = own.devDependencies;
    const dir = project('pulumi-user', { cdk8s: dev.cdk8s, constructs: dev.constructs, 'cdk8s-plus-27': dev['cdk8s-plus-27'] }, {
      'tsconfig.json': tsconfig('node'),
      'index.ts': `import { GitLabAwsStack } from 'gitlab-iac/pulumi';

export const gitlab = new GitLabAwsStack('gitlab', {
  region: 'eu-central-1',
  domain: 'example.com',
  size: '3k',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  privateSubnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
  clusterSecurityGroupId: 'sg-0a1b2c3d4e5f60719',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLE',
  oidcIssuerUrl: 'https://oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLE',
  tlsSecretName: 'gitlab-tls',
});
export const url = gitlab.url;
`,
      'plan.ts': `declare const console: { log(text: string): void; error(e: unknown): void };
declare const process: { exit(code: number): never };
import { StackMocks } from 'gitlab-iac/pulumi';

async function main(): Promise<void> {
  const mocks = new StackMocks({ accountId: '123456789012', region: 'eu-central-1', vpcId: 'vpc-0a1b2c3d4e5f60718', knownOutputs: true });
  await mocks.install('my-project', 'dev', false);
  const { gitlab } = await import('./index');
  const parts = await gitlab.ready;
  await StackMocks.settle();
  const url = await new Promise((done) => gitlab.url.apply((u) => { done(u); return u; }));
  console.log(JSON.stringify({ url, resources: mocks.registrations.length, objects: parts.outputs.kubernetesObjects, types: [...new Set(mocks.registrations.map((r) => r.type))] }));
}
main().catch((e) => { console.error(e); process.exit(1); });
`,
    });
    // The Pulumi packages (the optional peers) at the versions this repository pins, linked from its own install:
    // installing @pulumi/aws alone takes minutes on a small machine.
    for (const name of Object.keys(dev).filter((n) => n.startsWith('@pulumi/'))) {
      mkdirSync(join(dir, 'node_modules', '@pulumi'), { recursive: true });
      symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    }
    const lib = JSON.parse(run(process.execPath, ['-e', `const l = require('gitlab-iac/pulumi'); console.log(JSON.stringify({ file: require.resolve('gitlab-iac/pulumi'), stack: typeof l.GitLabAwsStack, db: typeof l.PostgresDatabase, mocks: typeof l.StackMocks }))`], dir));
    expect(lib).toEqual({ file: join(dir, 'node_modules', 'gitlab-iac', 'build', 'stacks', 'library.js'), stack: 'function', db: 'function', mocks: 'function' });
    run(process.execPath, [tsc, '-p', '.'], dir);
    const plan = JSON.parse(run(process.execPath, ['out/plan.js'], dir));
    expect(plan.url).toBe('https://gitlab.example.com');
    expect(plan.objects).toBeGreaterThan(40);
    expect(plan.types).toEqual(expect.arrayContaining(['gitlab-iac:aws:GitLabStack', 'aws:rds/instance:Instance', 'kubernetes:apps/v1:Deployment']));
  }, 240_000);
});
