import { CliCommand, CliIO } from './command';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `synth --values FILE --out DIR`: the chart's values in, the platform's manifests out. */
export const synthCommand: CliCommand = {
  name: 'synth',
  register(program, io: CliIO) {
    program.command('synth')
      .description('synthesize the platform\'s Kubernetes manifests from a values file in the official GitLab chart\'s format')
      .option('-f, --values <file>', 'values file (required; repeatable: later files override earlier ones, as with helm -f)', collect, [])
      .option('-o, --out <dir>', 'directory to write the manifests into (required; gitlab.k8s.yaml there), or - for stdout')
      .option('-n, --namespace <namespace>', 'namespace of every object', undefined)
      .option('--release <name>', 'Helm release name being migrated (prefix of object and Secret names)', undefined)
      .option('--create-namespace', 'put the Namespace (restricted Pod Security labels) first in the manifests', false)
      .option('--phase-dirs', 'write pre-deployment/, deployment/ and post-deployment/ directories (each with a kustomization.yaml) for Flux\'s upgradePhases', false)
      .option('--from-version <version>', 'the GitLab release running now: a jump that skips a required upgrade stop (or goes back) is refused', undefined)
      .addHelpText('after', [
        '',
        'Only the documented subset of the chart\'s values is read; any other key is refused, all listed at once.',
        'A refused run writes nothing into --out. The next steps of an install are printed on stderr.',
      ].join('\n'))
      .action(async (opts: { values: string[]; out?: string; namespace?: string; release?: string; createNamespace: boolean; fromVersion?: string; phaseDirs: boolean }, cmd) => {
        // Checked here, not as commander's required options, so an unknown option is reported as unknown first.
        if (opts.values.length === 0) cmd.error('error: required option \'-f, --values <file>\' not specified');
        if (opts.out === undefined) cmd.error('error: required option \'-o, --out <dir>\' not specified');
        const { runSynth } = await import('./synth');
        runSynth({ ...opts, out: opts.out! }, io);
      });
  },
};
