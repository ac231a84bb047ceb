import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { diffManifests } from '../../constructs/upgrades/diff/diff';
import { Manifest, objectKey } from '../../constructs/upgrades/diff/objects';
import { runCli } from '../cli/run';
import { AWS_PRODUCTION_VALUES } from '../values/helpers';

const byKey = (objects: Manifest[]) => new Map(objects.map((o) => [objectKey(o), o]));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

let work: string;
let before: string;
let production: Manifest[];
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gitlab-iac-diff-'));
  before = join(work, 'before');
  expect((await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', before)).code).toBe(0);
  production = parseAllDocuments(readFileSync(join(before, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJSON());
});
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

const edited = (edit: (objects: Manifest[]) => void) => {
  const objects = clone(production);
  edit(objects);
  return objects;
};
const named = (objects: Manifest[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

describe('gitlab-iac diff', () => {
  it('flags a changed Gitaly volume size with what to do, and exits 3', async () => {
    const bigger = join(work, 'bigger.yaml');
    writeFileSync(bigger, stringify({ gitlab: { gitaly: { persistence: { size: '100Gi' } } } }));
    const after = join(work, 'after-size');
    expect((await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--values', bigger, '--out', after)).code).toBe(0);
    const run = await runCli('diff', before, after);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('! StatefulSet gitlab/gitlab-gitaly: spec.volumeClaimTemplates cannot change in place [immutable]');
    expect(run.stdout).toContain('kubectl patch pvc repo-data-gitlab-gitaly-<ordinal>');
    expect(run.stdout).toContain('kubectl delete statefulset gitlab-gitaly --cascade=orphan');
    expect(run.stdout).toContain('~ StatefulSet gitlab/gitlab-gitaly: spec.volumeClaimTemplates[0].spec.resources.requests.storage');
  });

  it('flags a changed Deployment selector', async () => {
    const after = join(work, 'after-selector');
    const objects = edited((o) => { named(o, 'Deployment', 'gitlab-webservice-default').spec.selector.matchLabels.tier = 'web'; });
    rmSync(after, { recursive: true, force: true });
    mkdirSync(after);
    writeFileSync(join(after, 'gitlab.k8s.yaml'), objects.map((o) => stringify(o)).join('---\n'));
    const run = await runCli('diff', before, after);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('! Deployment gitlab/gitlab-webservice-default: spec.selector cannot change in place [immutable]');
  });

  it('exits 0 and says so when every change applies in place (an image bump, a new object)', async () => {
    const d = diffManifests(byKey(production), byKey(edited((o) => {
      named(o, 'Deployment', 'gitlab-webservice-default').spec.template.spec.containers[0].image += '-patched';
      o.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'gitlab' } });
    })));
    expect(d.flagged).toEqual([]);
    expect(d.added).toEqual(['ConfigMap gitlab/extra']);
    expect(d.changed.map((c) => c.label)).toEqual(['Deployment gitlab/gitlab-webservice-default']);
    const run = await runCli('diff', before, before);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Every change can be applied in place');
  });

  it('flags objects holding data that would be deleted: the Gitaly StatefulSet, a claim, the Rails secrets', () => {
    const extra: Manifest[] = [
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'backup', namespace: 'gitlab' }, spec: { resources: { requests: { storage: '10Gi' } } } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'gitlab-rails-secret', namespace: 'gitlab' } },
      { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'gitlab-postgres', namespace: 'gitlab' } },
    ];
    const d = diffManifests(byKey([...production, ...extra]), byKey(production.filter((o) => o.kind !== 'StatefulSet')));
    expect(d.flagged.map((f) => `${f.reason} ${f.label}`).sort()).toEqual([
      'data Cluster gitlab/gitlab-postgres', 'data PersistentVolumeClaim gitlab/backup', 'data Secret gitlab/gitlab-rails-secret', 'data StatefulSet gitlab/gitlab-gitaly',
    ]);
    expect(d.flagged.every((f) => f.fix.length > 20)).toBe(true);
  });

  it('knows the immutable fields: StatefulSet spec but not replicas/template, Service clusterIP, PVC shrink but not growth, Job template', () => {
    const sts = named(production, 'StatefulSet', 'gitlab-gitaly');
    const flag = (old: Manifest, next: Manifest) => diffManifests(byKey([old]), byKey([next])).flagged.map((f) => f.what);
    expect(flag(sts, { ...sts, spec: { ...sts.spec, replicas: 3, updateStrategy: { type: 'OnDelete' } } })).toEqual([]);
    expect(flag(sts, { ...sts, spec: { ...sts.spec, serviceName: 'other' } })).toEqual(['spec.serviceName cannot change in place']);
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: '10.0.0.1', ports: [{ port: 80 }] } };
    expect(flag(svc, { ...svc, spec: { clusterIP: '10.0.0.2', ports: [{ port: 81 }] } })).toEqual(['spec.clusterIP cannot change in place']);
    expect(flag(svc, { ...svc, spec: { ports: [{ port: 80 }] } })).toEqual([]);
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } };
    expect(flag(pvc, { ...pvc, spec: { ...pvc.spec, resources: { requests: { storage: '20Gi' } } } })).toEqual([]);
    expect(flag(pvc, { ...pvc, spec: { ...pvc.spec, resources: { requests: { storage: '5Gi' } } } })).toEqual([
      'spec.resources.requests.storage cannot change in place', 'replacing it would lose a volume claim: deleting it deletes the volume unless its PersistentVolume is retained',
    ]);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'x:1' }] } } } };
    expect(flag(job, { ...job, spec: { template: { spec: { containers: [{ name: 'a', image: 'x:2' }] } } } })).toEqual(['spec.template cannot change in place']);
  });
});
