import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_CATALOG } from '../../constructs/config/images/catalog';
import { ConfigIssue } from '../../constructs/config/errors';
import { planUpgrade } from '../../constructs/upgrades/path';
import { resolveUpgrade } from '../../constructs/upgrades/resolve';
import { CHART_MINIMUM_FROM, REQUIRED_STOPS } from '../../constructs/upgrades/stops';
import { LATEST_PATCHES } from '../../constructs/upgrades/versions';
import { runCli } from '../cli/run';
import { AWS_PRODUCTION_VALUES } from '../values/helpers';

const stopsOf = (from: string, to: string) => planUpgrade(from, to).plan!.stops.map((s) => s.version);

describe('the upgrade path', () => {
  it('passes through every required stop between two releases, each at its newest patch', () => {
    expect(stopsOf('18.2.3', '18.9.1')).toEqual(['18.5.5', '18.8.5']);
    expect(stopsOf('17.0.1', '18.9.1')).toEqual(['17.1.8', '17.3.7', '17.5.5', '17.8.7', '17.11.7', '18.2.8', '18.5.5', '18.8.5']);
  });

  it('is direct within a minor, from a stop\'s minor to the next stop, and from the last stop', () => {
    expect(stopsOf('18.9.0', '18.9.1')).toEqual([]);
    expect(stopsOf('18.5.1', '18.8.5')).toEqual([]);
    expect(stopsOf('18.8.4', '18.9.1')).toEqual([]);
  });

  it('refuses downgrades and malformed or unknown releases, naming the flag', () => {
    expect(planUpgrade('18.9.1', '18.8.5').issues![0]).toMatchObject({ path: 'to', allowed: expect.stringContaining('cannot be downgraded') });
    for (const bad of ['18.9', '18.x.1', 'latest', '14.10.5', '19.0.0', '18.8.99']) {
      expect(planUpgrade(bad, '18.9.1').issues?.[0], bad).toMatchObject({ path: 'from' });
    }
  });

  it('agrees with the official chart\'s own check: every catalogued release needs at least the chart\'s minimum', () => {
    for (const version of Object.keys(IMAGE_CATALOG)) {
      const minor = version.split('.').slice(0, 2).join('.');
      const minimum = CHART_MINIMUM_FROM[minor];
      expect(minimum, `chart minimum for ${minor}`).toBeDefined();
      // The release just below the chart's minimum must be refused (a stop lies between), the minimum itself accepted.
      const [major, min] = minimum.split('.').map(Number);
      const below = `${major}.${min - 1}.0`;
      expect(stopsOf(below, version).length, `${below} -> ${version}`).toBeGreaterThan(0);
      expect(stopsOf(`${minimum}.0`, version)).toEqual([]);
    }
  });

  it('knows the newest patch of every stop and of every catalogued release', () => {
    for (const stop of REQUIRED_STOPS) expect(LATEST_PATCHES, stop.minor).toHaveProperty([stop.minor]);
    for (const version of Object.keys(IMAGE_CATALOG)) expect(planUpgrade(version, version).plan).toBeDefined();
  });
});

describe('gitlab-iac upgrade-path', () => {
  it('names the stops to pass through', async () => {
    const run = await runCli('upgrade-path', '--from', '18.2.3', '--to', '18.9.1');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/1\. 18\.5\.5\n\s+2\. 18\.8\.5\n\s+3\. 18\.9\.1/);
  });

  it('says when the jump is direct', async () => {
    const run = await runCli('upgrade-path', '--from', '18.8.4', '--to', '18.9.1');
    expect(run).toMatchObject({ code: 0, stdout: '18.8.4 -> 18.9.1: direct (no required stop in between).\n' });
  });

  it('refuses a downgrade and an unknown release with exit 1 and the reason', async () => {
    const down = await runCli('upgrade-path', '--from', '18.9.1', '--to', '18.8.5');
    expect(down).toMatchObject({ code: 1, stdout: '' });
    expect(down.stderr).toContain('--to: got "18.8.5"; allowed: 18.9.1 or newer (GitLab cannot be downgraded');
    const unknown = await runCli('upgrade-path', '--from', '18.2', '--to', '18.9.1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--from: got "18.2"');
  });
});

describe('gitlab-iac synth --from-version', () => {
  let work: string;
  beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'gitlab-iac-upgrade-')); });
  afterAll(() => { rmSync(work, { recursive: true, force: true }); });

  it('refuses a synthesis that skips a required stop, naming the next stop, and leaves --out untouched', async () => {
    const out = join(work, 'refused');
    const run = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', out, '--from-version', '18.2.3');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('version: got "18.9.1" (running 18.2.3); allowed: at most the next required upgrade stop, 18.5.5');
    expect(() => readdirSync(out)).toThrow();
    const existing = join(work, 'existing');
    const again = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', existing, '--from-version', '18.9.2');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--from-version: got "18.9.2"');
    expect(() => readdirSync(existing)).toThrow();
  });

  it('accepts re-synthesizing the running release, and refuses going backwards', async () => {
    const run = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', join(work, 'same'), '--from-version', '18.9.1');
    expect(run.code).toBe(0);
    // Only 18.9.1 is catalogued, so a downgrade is checked on the resolution itself.
    const issues: ConfigIssue[] = [];
    resolveUpgrade({ fromVersion: '18.9.1' }, '18.8.5', issues);
    expect(issues).toEqual([expect.objectContaining({ path: 'version', allowed: expect.stringContaining('cannot be downgraded') })]);
  });

  it('synthesizes from the last stop before the release', async () => {
    const out = join(work, 'ok');
    const run = await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', out, '--from-version', '18.8.4');
    expect(run.code).toBe(0);
    expect(readdirSync(out)).toEqual(['gitlab.k8s.yaml']);
  });
});
