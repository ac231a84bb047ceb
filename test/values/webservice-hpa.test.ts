import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { convert, importWarnings, withValues } from './helpers';

/**
 * The webservice's replica bounds: the chart's data model writes each Deployment's HPA from
 * `gitlab.webservice.{minReplicas,maxReplicas}` and then the whole `gitlab.webservice.hpa` map, so
 * `hpa.minReplicas` / `hpa.maxReplicas` win there (and only there: the other components read their own keys).
 */
describe('gitlab.webservice.hpa.{minReplicas,maxReplicas}', () => {
  it('override gitlab.webservice.{minReplicas,maxReplicas}, with no "not a key of the chart" warning', () => {
    const values = withValues({ gitlab: { webservice: { minReplicas: 3, maxReplicas: 12, hpa: { minReplicas: 1, maxReplicas: 4 } } } });
    const a = convert(values).components?.webservice?.autoscaling;
    expect(a && [a.minReplicas, a.maxReplicas]).toEqual([1, 4]);
    expect(importWarnings(values).filter((w) => w.includes('webservice.hpa'))).toEqual([]);
  });

  it('leave the component keys in charge when unset', () => {
    const a = convert(withValues({ gitlab: { webservice: { minReplicas: 3, maxReplicas: 12 } } })).components?.webservice?.autoscaling;
    expect(a && [a.minReplicas, a.maxReplicas]).toEqual([3, 12]);
  });

  it('give the bounds of the chart\'s render of a real file that sets them (corpus 37-mjdsys)', async () => {
    const dir = join(__dirname, '..', 'fixtures', 'values', 'corpus');
    const { runCli } = await import('../cli/run');
    const run = await runCli('synth', '-f', join(dir, '37-mjdsys.yaml'), '--out', '-');
    expect(run.code).toBe(0);
    const bounds = (text: string) => Object.fromEntries(parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o?.kind === 'HorizontalPodAutoscaler')
      .map((o) => [o.metadata.name, [o.spec.minReplicas, o.spec.maxReplicas]]));
    const chart = bounds(gunzipSync(new Uint8Array(readFileSync(join(dir, '37-mjdsys.render.yaml.gz')))).toString('utf8'));
    expect(chart['gitlab-webservice-default']).toEqual([1, 10]);
    expect(bounds(run.stdout)).toEqual(chart);
  });
});
