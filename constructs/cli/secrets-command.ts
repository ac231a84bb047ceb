import { Option } from 'commander';
import { SHARED_SECRET_CONDITION_DEFAULTS, SharedSecretCondition } from '../config/secrets/catalog';
import { CliCommand, CliIO } from './command';
import { CREATE_COMMAND } from './secrets-create';

const collect = (value: string, previous: string[]) => [...previous, value];
const FEATURES = Object.keys(SHARED_SECRET_CONDITION_DEFAULTS);

/** `secrets --namespace NS`: fresh values for the Secrets the components share, as Secret YAML on stdout. */
export const secretsCommand: CliCommand = {
  name: 'secrets',
  register(program, io: CliIO) {
    program.command('secrets')
      .description('print every Secret the manifests read: fresh values for the shared ones, skeletons to fill in for external credentials')
      .option('-n, --namespace <namespace>', 'namespace of the platform (required, except with --check)')
      .option('--release <name>', 'release name: Secrets are named <release>-<suffix>', 'gitlab')
      .option('-f, --values <file>', 'values file of the platform (repeatable): generate the Secrets its features need, under its names', collect, [])
      .addOption(new Option('--with <feature...>', 'also generate the Secrets of these features').choices(FEATURES).default([]))
      .addOption(new Option('--without <feature...>', 'leave out the Secrets of these features').choices(FEATURES).default([]))
      .option('--all', 'generate every Secret of the catalogue', false)
      .option('--check <file...>', 'check a filled-in Secrets file instead: refused while a REPLACE-ME placeholder is left')
      .addHelpText('after', [
        '',
        `Features and their defaults: ${FEATURES.map((f) => `${f} (${SHARED_SECRET_CONDITION_DEFAULTS[f as SharedSecretCondition] ? 'on' : 'off'})`).join(', ')}.`,
        'Create the Secrets once, before the first install:',
        '  gitlab-iac secrets -n gitlab -f values.yaml > secrets.yaml   # then replace every REPLACE-ME value',
        '  gitlab-iac secrets --check secrets.yaml',
        `  ${CREATE_COMMAND}`,
        'Never replace existing ones (e.g. with kubectl apply): new Rails secrets make encrypted data unreadable.',
        'The Secrets carry the label gitlab-iac.io/secret (generated or external), never the platform objects\' labels,',
        'so a deploy pipeline pruning by those labels never deletes them.',
      ].join('\n'))
      .action(async (opts: { namespace?: string; release: string; values: string[]; with: SharedSecretCondition[]; without: SharedSecretCondition[]; all: boolean; check?: string[] }, cmd) => {
        if (!opts.check && !opts.namespace) cmd.error('error: required option \'-n, --namespace <namespace>\' not specified');
        const { runSecrets } = await import('./secrets');
        await runSecrets(opts, io);
      });
  },
};
