import { CliCommand, CliIO } from './command';

/** `secrets --namespace NS`: fresh values for the Secrets the components share, as Secret YAML on stdout. */
export const secretsCommand: CliCommand = {
  name: 'secrets',
  register(program, io: CliIO) {
    program.command('secrets')
      .description('print Secret manifests with freshly generated values for the Secrets GitLab\'s components share')
      .requiredOption('-n, --namespace <namespace>', 'namespace of the platform')
      .option('--release <name>', 'release name: Secrets are named <release>-<suffix>', 'gitlab')
      .addHelpText('after', [
        '',
        'Create them once, before the first install:  gitlab-iac secrets -n gitlab | kubectl create -f -',
        'Never replace existing ones (e.g. with kubectl apply): new Rails secrets make encrypted data unreadable.',
      ].join('\n'))
      .action(async (opts: { namespace: string; release: string }) => {
        const { runSecrets } = await import('./secrets');
        await runSecrets(opts, io);
      });
  },
};
