import { CliCommand, CliIO } from './command';

/** `upgrade-path --from X --to Y`: the required stops between two GitLab releases. */
export const upgradePathCommand: CliCommand = {
  name: 'upgrade-path',
  register(program, io: CliIO) {
    program.command('upgrade-path')
      .description('print the GitLab releases to upgrade through (required upgrade stops, each at its newest patch), or that the jump is direct')
      .requiredOption('--from <version>', 'the GitLab release running now, e.g. 18.2.3')
      .option('--to <version>', 'the release to upgrade to (default: the newest this library deploys)')
      .addHelpText('after', [
        '',
        'Downgrades and releases this library does not know are refused (exit 1).',
        'Stops: GitLab\'s "Plan your upgrade path" page and the official chart\'s upgrade check (constructs/upgrades/stops.ts).',
      ].join('\n'))
      .action(async (opts: { from: string; to?: string }) => {
        const [{ planUpgrade, describePlan }, { DEFAULT_VERSION }, { GitLabConfigError }] = await Promise.all([
          import('../upgrades/path'), import('../config/images/catalog'), import('../config/errors'),
        ]);
        const result = planUpgrade(opts.from, opts.to ?? DEFAULT_VERSION, { from: '--from', to: '--to' });
        if (result.issues) throw new GitLabConfigError(result.issues);
        io.stdout(describePlan(result.plan));
      });
  },
};
