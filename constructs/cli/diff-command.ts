import { CliCommand, CliError, CliExit, CliIO, EXIT } from './command';

/** `diff OLD_DIR NEW_DIR`: what applying a new synthesis over an old one changes, and what Kubernetes would refuse. */
export const diffCommand: CliCommand = {
  name: 'diff',
  register(program, io: CliIO) {
    program.command('diff')
      .description('compare two syntheses: objects added, removed and changed; changes Kubernetes cannot apply in place; objects holding data that would be deleted or replaced')
      .argument('<old-dir>', 'the synthesis deployed now (e.g. the previous --out)')
      .argument('<new-dir>', 'the synthesis about to be applied')
      .addHelpText('after', [
        '',
        `Exit status: ${EXIT.ok} when every change can be applied in place and no data is at risk, ${EXIT.flagged} when a change`,
        'needs attention (each is listed with what to do), 1 when a directory cannot be read.',
      ].join('\n'))
      .action(async (oldDir: string, newDir: string) => {
        const [{ readManifests }, { diffManifests, describeDiff }] = await Promise.all([import('../upgrades/diff/objects'), import('../upgrades/diff/diff')]);
        const read = (dir: string) => {
          try {
            return readManifests(dir);
          } catch (e) {
            throw new CliError(`Cannot read the manifests in ${dir}: ${(e as Error).message}`);
          }
        };
        const d = diffManifests(read(oldDir), read(newDir));
        io.stdout(describeDiff(d));
        if (d.flagged.length) throw new CliExit(EXIT.flagged);
      });
  },
};
