import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { GitLabPlatform } from '../platform';
import { GitLabRunner } from '../cluster/runner/runner';
import { importHelmValues } from '../values/helm-values';
import { checkNameFlag, CliError, CliIO } from './command';
import { manifestsYaml } from './manifest-yaml';
import { readValuesFiles } from './values-file';

export interface SynthOptions {
  /** Values files, merged in order. */
  readonly values: readonly string[];
  /** Output directory. */
  readonly out: string;
  readonly namespace?: string;
  readonly release?: string;
}

/** The manifests' file name (one chart, as `cdk8s synth` names it). */
export const MANIFEST_FILE = 'gitlab.k8s.yaml';

/** Synthesizes in memory (so a refused run writes nothing), then writes the file atomically. */
export function runSynth(options: SynthOptions, io: CliIO): void {
  checkNameFlag('--namespace', options.namespace);
  checkNameFlag('--release', options.release);
  const values = readValuesFiles(options.values, (line) => io.stderr(`${line}\n`));
  const { props, runner } = importHelmValues(values, { releaseName: options.release, namespace: options.namespace, onWarning: (line) => io.stderr(`${line}\n`) });
  const app = new App({ outdir: options.out });
  const chart = new Chart(app, 'gitlab', { disableResourceNameHashes: true });
  const platform = new GitLabPlatform(chart, 'platform', props);
  // The chart's bundled runner (gitlab-runner.install, on by default), talking to this platform.
  if (runner) new GitLabRunner(chart, 'runner', { ...runner, platform });
  const docs = synthesize(app);
  const yaml = manifestsYaml(docs);

  const file = join(options.out, MANIFEST_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(options.out, { recursive: true });
    writeFileSync(temporary, yaml);
    renameSync(temporary, file);
  } catch (e) {
    throw new CliError(`Cannot write ${file}: ${(e as Error).message}`);
  }
  io.stdout(`Wrote ${docs.length} objects to ${file}\n`);
}

/**
 * What `App.synthYaml()` does up to its YAML step: run every construct's validation, then take each chart's
 * objects in dependency order. (One chart, so no cross-chart dependencies to resolve.)
 */
export function synthesize(app: App): Record<string, any>[] {
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  return app.charts.flatMap((chart) => chart.toJson());
}
