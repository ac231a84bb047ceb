import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fromHelmValues } from '../../constructs/values/helm-values';
import { DELIBERATE_OMISSIONS, extractFeatures, formatParityReport, normalizedName, scoreParity } from '../support/chart-parity';
import { productionProps } from '../support/fixtures';
import { synthPlatform } from '../support/synth';

/**
 * Compatibility with the official chart: the platform built from the equivalent of aws-production-values.yaml has
 * (almost) every workload, container, image, port, env var, mount, probe, Service port, Ingress route, HPA and PDB
 * of the chart's render of those values.
 */

const CHART_DIR = join(__dirname, '..', 'fixtures', 'chart');
const chartObjects = parseAllDocuments(readFileSync(join(CHART_DIR, 'chart-render-aws-production.yaml'), 'utf8'))
  .map((d) => d.toJS()).filter(Boolean);
/** Required share of the chart's scored features. */
const THRESHOLD = 0.95;

describe('the parity scorer', () => {
  it('finds a few hundred features in the chart render', () => {
    expect(extractFeatures(chartObjects).size).toBeGreaterThan(300);
  });

  it('gives the chart render full marks against itself', () => {
    expect(scoreParity(chartObjects, chartObjects).coverage).toBe(1);
  });

  it('names a missing env var, port and mount', () => {
    const edited = structuredClone(chartObjects);
    const web = edited.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gitlab-webservice-default');
    const c = web.spec.template.spec.containers.find((x: any) => x.name === 'webservice');
    c.env = c.env.filter((e: any) => e.name !== 'GITLAB_WEBSERVER');
    c.ports = c.ports.filter((p: any) => p.name !== 'http-webservice');
    c.volumeMounts = c.volumeMounts.filter((m: any) => m.mountPath !== '/etc/gitlab');
    const report = scoreParity(chartObjects, edited);
    expect(report.missing.filter((f) => !f.startsWith('service-port'))).toEqual([
      'env\tDeployment/webservice-default webservice GITLAB_WEBSERVER',
      'mount\tDeployment/webservice-default webservice /etc/gitlab',
      'port\tDeployment/webservice-default webservice http-webservice:8080',
    ]);
    expect(report.coverage).toBeLessThan(1);
  });

  it('matches the migrations Job whatever its hash, and PDBs with or without -v1', () => {
    const job = chartObjects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('gitlab-migrations-'));
    expect(normalizedName(job)).toBe('migrations');
    expect(normalizedName({ ...job, metadata: { name: 'gitlab-migrations-17e0ec1e13' } })).toBe('migrations');
    expect(normalizedName({ kind: 'PodDisruptionBudget', metadata: { name: 'gitlab-registry-v1' } })).toBe('registry');
  });

  it('lists as deliberate omissions only objects that exist in the chart render', () => {
    for (const omission of DELIBERATE_OMISSIONS) {
      expect(chartObjects.some((o) => o.kind === omission.kind && omission.name.test(normalizedName(o))), `${omission.kind} ${omission.name}`).toBe(true);
    }
  });
});

describe('parity with the official chart render of aws-production-values.yaml', () => {
  it(`the platform from the equivalent typed props covers at least ${THRESHOLD * 100}% of the chart's features`, () => {
    const report = scoreParity(chartObjects, synthPlatform(productionProps()));
    console.log(formatParityReport(report));
    expect(report.coverage).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it(`the platform imported from aws-production-values.yaml covers at least ${THRESHOLD * 100}% of the chart's features`, () => {
    const values = parse(readFileSync(join(CHART_DIR, 'aws-production-values.yaml'), 'utf8'));
    const report = scoreParity(chartObjects, synthPlatform(fromHelmValues(values)));
    console.log(formatParityReport(report));
    expect(report.coverage).toBeGreaterThanOrEqual(THRESHOLD);
  });
});
