import { describe, expect, test } from 'vitest';
import { applyPhase, KubeObject, PHASE_DEPENDENCIES, synthesizePlatform } from '../../stacks/kubernetes/manifests';
import { assignObjects, objectSlots } from '../../stacks/kubernetes/platform-release';
import { productionProps } from '../support/fixtures';

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: kind === 'Job' ? 'batch/v1' : 'v1', kind, metadata: { name, namespace: 'gitlab' }, ...extra });

describe('object slots', () => {
  test('objects whose names do not depend on endpoints keep their names', () => {
    const a = [obj('ConfigMap', 'gitlab-webservice', { data: {} })];
    expect(objectSlots(a, a)).toEqual([expect.objectContaining({ key: 'v1/ConfigMap/gitlab/gitlab-webservice', name: 'gitlab-webservice', resourceName: 'configmap-gitlab-webservice', fields: ['data'] })]);
  });

  test('a content-hashed name becomes a prefix slot with a stable resource name', () => {
    const [slot] = objectSlots([obj('Job', 'gitlab-migrations-1a2b3c4')], [obj('Job', 'gitlab-migrations-9f8e7d6')]);
    expect(slot).toMatchObject({ namePrefix: 'gitlab-migrations-', resourceName: 'job-gitlab-migrations' });
    expect(slot.name).toBeUndefined();
  });

  test('an object set that changes with the endpoints is refused', () => {
    expect(() => objectSlots([obj('ConfigMap', 'a')], [obj('ConfigMap', 'a'), obj('Secret', 'b')])).toThrow(/depends on a value unknown before apply/);
  });

  test('the real objects fill the slots, the hashed Job by its prefix', () => {
    const slots = objectSlots([obj('ConfigMap', 'c'), obj('Job', 'gitlab-migrations-aaaa')], [obj('ConfigMap', 'c'), obj('Job', 'gitlab-migrations-bbbb')]);
    const bodies = assignObjects(slots, [obj('ConfigMap', 'c'), obj('Job', 'gitlab-migrations-cccc')]);
    expect(bodies.get('batch/v1/Job/gitlab/gitlab-migrations-*')!.metadata.name).toBe('gitlab-migrations-cccc');
  });

  test('an object without a slot, or a slot without an object, is an error', () => {
    const slots = objectSlots([obj('ConfigMap', 'c')], [obj('ConfigMap', 'c')]);
    expect(() => assignObjects(slots, [obj('ConfigMap', 'c'), obj('Secret', 'x')])).toThrow(/appeared only once the endpoints were known/);
    expect(() => assignObjects(slots, [])).toThrow(/objects missing/);
  });

  test('the real platform: the same objects whatever the endpoints, only the migrations Job name moves', () => {
    const at = (host: string) => synthesizePlatform(productionProps({ postgres: { host, password: { name: 'pg' } }, redis: { host, scheme: 'rediss', password: { name: 'redis' } } }));
    const slots = objectSlots(at('a.invalid'), at('b.invalid'));
    expect(slots.filter((s) => s.name === undefined).map((s) => [s.kind, s.namePrefix, s.phase])).toEqual([
      ['Job', 'gitlab-migrations-pre-', 'job'], ['Job', 'gitlab-migrations-post-', 'post'],
    ]);
  });
});

describe('apply phases', () => {
  test('Jobs wait for configuration; Deployments wait for configuration and Jobs; Gitaly does not wait for migrations', () => {
    expect([applyPhase('ConfigMap'), applyPhase('Job'), applyPhase('Deployment'), applyPhase('StatefulSet')]).toEqual(['config', 'job', 'workload', 'storage']);
    expect(PHASE_DEPENDENCIES.job).toEqual(['config']);
    expect(PHASE_DEPENDENCIES.workload).toEqual(['config', 'job']);
    expect(PHASE_DEPENDENCIES.storage).not.toContain('job');
  });

  test('the post-deployment migrations Job waits for every other phase', () => {
    expect(applyPhase('Job', { 'gitlab-iac.io/phase': 'post-deployment' })).toBe('post');
    expect(applyPhase('Job', { 'gitlab-iac.io/phase': 'pre-deployment' })).toBe('job');
    expect(PHASE_DEPENDENCIES.post).toEqual(['config', 'job', 'storage', 'policy', 'workload']);
  });
});
