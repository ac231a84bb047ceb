import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { GitLabConfigError } from '../config/errors';
import { GitLabPlatform } from '../platform';
import { GitLabRunner } from '../cluster/runner/runner';
import { importHelmValues } from '../values/helm-values';
import { checkNameFlag, CliError, CliIO } from './command';
import { installSteps, installStepsText } from './install-steps';
import { writePhaseDirectories } from '../upgrades/phase-dirs';
import { manifestsYaml } from './manifest-yaml';
import { readValuesFiles } from './values-file';

export interface SynthOptions {
  /** Values files, merged in order. */
  readonly values: readonly string[];
  /** Output directory. */
  readonly out: string;
  readonly namespace?: string;
  readonly release?: string;
  /** Put the Namespace object first in the manifests. @default false */
  readonly createNamespace?: boolean;
  /** The running GitLab release (`upgrade.fromVersion`). */
  readonly fromVersion?: string;
  /** Write one directory per upgrade phase (for Flux's `upgradePhases`) instead of one file. @default false */
  readonly phaseDirs?: boolean;
}

/** The manifests' file name (one chart, as `cdk8s synth` names it). */
export const MANIFEST_FILE = 'gitlab.k8s.yaml';

/** Synthesizes in memory (so a refused run writes nothing), then writes the file atomically. */
export function runSynth(options: SynthOptions, io: CliIO): void {
  checkNameFlag('--namespace', options.namespace);
  checkNameFlag('--release', options.release);
  const values = readValuesFiles(options.values, (line) => io.stderr(`${line}\n`));
  const { props: imported, runner } = importHelmValues(values, { releaseName: options.release, namespace: options.namespace, onWarning: (line) => io.stderr(`${line}\n`) });
  const withNamespace = options.createNamespace ? { ...imported, namespaceObject: true } : imported;
  const props = options.fromVersion === undefined ? withNamespace : { ...withNamespace, upgrade: { ...withNamespace.upgrade, fromVersion: options.fromVersion } };
  const toStdout = options.out === '-';
  const app = new App({ outdir: toStdout ? '.' : options.out });
  const chart = new Chart(app, 'gitlab', { disableResourceNameHashes: true });
  let platform: GitLabPlatform;
  try {
    platform = new GitLabPlatform(chart, 'platform', props);
  } catch (e) {
    // The running release came from the command line: name the flag the person typed.
    if (e instanceof GitLabConfigError && options.fromVersion !== undefined) {
      throw new GitLabConfigError(e.issues.map((i) => (i.path === 'upgrade.fromVersion' ? { ...i, path: '--from-version' } : i)));
    }
    throw e;
  }
  // The chart's bundled runner (gitlab-runner.install, on by default), talking to this platform.
  const bundledRunner = runner ? new GitLabRunner(chart, 'runner', { ...runner, platform }) : undefined;
  const docs = synthesize(app);
  const yaml = manifestsYaml(docs);
  const steps = (manifests: string) => installStepsText(installSteps(platform.config, { values: options.values, manifests, namespaceObject: options.createNamespace ?? false,
    ...(bundledRunner ? { runner: { namespace: bundledRunner.namespace, token: bundledRunner.settings.token } } : {}) }));

  if (toStdout) {
    io.stdout(yaml);
    io.stderr(`Wrote ${docs.length} objects to stdout\n${steps(MANIFEST_FILE)}`);
    return;
  }
  if (options.phaseDirs) {
    try {
      writePhaseDirectories(options.out, docs, MANIFEST_FILE);
    } catch (e) {
      throw new CliError(`Cannot write into ${options.out}: ${(e as Error).message}`);
    }
    io.stdout(`Wrote ${docs.length} objects to ${options.out}/{pre-deployment,deployment,post-deployment}/${MANIFEST_FILE}\n`);
    return;
  }
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
  io.stderr(steps(file));
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
