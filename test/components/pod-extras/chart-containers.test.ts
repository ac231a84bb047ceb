import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../cli/run';

/**
 * Which containers of a pod get a component's extras, checked against the chart's render of real users' files
 * (test/fixtures/values/corpus): extra volume mounts go to the main container and to the `configure` and
 * `dependencies` init containers and Workhorse; extra env to every container, the migrations Job's init containers too.
 */
const DIR = join(__dirname, '..', '..', 'fixtures', 'values', 'corpus');
type Obj = { kind: string; metadata: { name: string }; spec: any };
const objectsOf = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Obj).filter(Boolean);
const render = (file: string) => objectsOf(gunzipSync(new Uint8Array(readFileSync(join(DIR, `${file}.render.yaml.gz`)))).toString('utf8'));
async function synth(file: string): Promise<Obj[]> {
  const run = await runCli('synth', '-f', join(DIR, `${file}.yaml`), '--out', '-');
  expect(run.code, run.stderr).toBe(0);
  return objectsOf(run.stdout);
}
const podOf = (o: Obj) => o.spec?.template?.spec;
/** `<container>` for every container (init ones included) of the workload that mounts `path`. */
const mounting = (o: Obj, path: string) => [...(podOf(o).initContainers ?? []), ...podOf(o).containers]
  .filter((c: any) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === path)).map((c: any) => c.name).sort();
const withEnv = (o: Obj, name: string) => [...(podOf(o).initContainers ?? []), ...podOf(o).containers]
  .filter((c: any) => (c.env ?? []).some((e: any) => e.name === name)).map((c: any) => c.name).sort();
const workload = (objects: Obj[], kind: string, name: RegExp) => objects.find((o) => o.kind === kind && name.test(o.metadata.name))!;

describe('a component\'s extras reach the containers the chart gives them', () => {
  it('webservice extraVolumeMounts: webservice, Workhorse, configure and dependencies (corpus 36-melotic)', async () => {
    const ours = workload(await synth('36-melotic'), 'Deployment', /^gitlab-webservice-default$/);
    const chart = workload(render('36-melotic'), 'Deployment', /^gitlab-webservice-default$/);
    const path = '/var/run/secrets/gitlab-setup/setup.sh';
    expect(mounting(chart, path)).toEqual(['configure', 'dependencies', 'gitlab-workhorse', 'webservice']);
    expect(mounting(ours, path)).toEqual(mounting(chart, path));
  });

  it('toolbox extraVolumeMounts: toolbox and configure (corpus 44-piper)', async () => {
    const ours = workload(await synth('44-piper'), 'Deployment', /^gitlab-toolbox$/);
    const chart = workload(render('44-piper'), 'Deployment', /^gitlab-toolbox$/);
    const path = '/tmp/scripts/piper-setup.rb';
    expect(mounting(chart, path)).toEqual(['configure', 'toolbox']);
    expect(mounting(ours, path)).toEqual(mounting(chart, path));
  });

  it('global extraEnv on the migrations Job: its certificates and configure init containers too (corpus 08-clofour)', async () => {
    const chart = withEnv(workload(render('08-clofour'), 'Job', /^gitlab-migrations/), 'PGSSLMODE');
    expect(chart).toEqual(expect.arrayContaining(['certificates', 'configure', 'migrations']));
    for (const job of (await synth('08-clofour')).filter((o) => o.kind === 'Job' && /^gitlab-migrations/.test(o.metadata.name))) {
      expect(withEnv(job, 'PGSSLMODE')).toEqual(expect.arrayContaining(chart));
    }
  });
});
