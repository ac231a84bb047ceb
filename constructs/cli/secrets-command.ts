import { Option } from 'commander';
import { SHARED_SECRET_CONDITION_DEFAULTS, SharedSecretCondition } from '../config/shared-secrets';
import { CliCommand, CliIO } from './command';

const collect = (value: string, previous: string[]) => [...previous, value];
const FEATURES = Object.keys(SHARED_SECRET_CONDITION_DEFAULTS);

/** `secrets --namespace NS`: fresh values for the Secrets the components share, as Secret YAML on stdout. */
export const secretsCommand: CliCommand = {
  name: 'secrets',
  register(program, io: CliIO) {
    program.command('secrets')
      .description('print Secret manifests with freshly generated values for the Secrets GitLab\'s components share')
      .requiredOption('-n, --namespace <namespace>', 'namespace of the platform')
      .option('--release <name>', 'release name: Secrets are named <release>-<suffix>', 'gitlab')
      .option('-f, --values <file>', 'values file of the platform (repeatable): generate the Secrets its features need, under its names', collect, [])
      .addOption(new Option('--with <feature...>', 'also generate the Secrets of these features').choices(FEATURES).default([]))
      .addOption(new Option('--without <feature...>', 'leave out the Secrets of these features').choices(FEATURES).default([]))
      .option('--all', 'generate every Secret of the catalogue', false)
      .addHelpText('after', [
        '',
        `Features and their defaults: ${FEATURES.map((f) => `${f} (${SHARED_SECRET_CONDITION_DEFAULTS[f as SharedSecretCondition] ? 'on' : 'off'})`).join(', ')}.`,
        'Create the Secrets once, before the first install:  gitlab-iac secrets -n gitlab | kubectl create -f -',
        'Never replace existing ones (e.g. with kubectl apply): new Rails secrets make encrypted data unreadable.',
      ].join('\n'))
      .action(async (opts: { namespace: string; release: string; values: string[]; with: SharedSecretCondition[]; without: SharedSecretCondition[]; all: boolean }) => {
        const { runSecrets } = await import('./secrets');
        await runSecrets(opts, io);
      });
  },
};
