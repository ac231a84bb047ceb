import * as pulumi from '@pulumi/pulumi';
import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import type { MockWorld } from '../../stacks/mocks';
import { EXAMPLE, underMocks } from './harness';

/** The production stack under mocks, its last update's outputs as `previousOutputs` (what a StackReference to itself reads). */
async function plan(world: Partial<MockWorld>, options: { deployedVersion?: string | false } = {}) {
  return underMocks(async () => {
    pulumi.runtime.setAllConfig(EXAMPLE);
    const { GitLabAwsStack } = await import('../../stacks/gitlab-stack');
    return GitLabAwsStack.fromConfig('gitlab', { adoptRootResources: true, ...options }).outputs();
  }, world);
}

async function refusal(world: Partial<MockWorld>, options: { deployedVersion?: string | false } = {}): Promise<GitLabConfigError> {
  try {
    await plan(world, options);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('expected a GitLabConfigError');
}

describe('the Pulumi stack checks the upgrade path against its own state', () => {
  test('exports the deployed release, which the next update reads back', async () => {
    const { result } = await plan({});
    expect(result.gitlabVersion).toBe('18.9.1');
  });

  test('refuses an update that skips a required stop after the release it last deployed, before any Kubernetes object exists', async () => {
    const error = await refusal({ previousOutputs: { gitlabVersion: '18.2.3' } });
    expect(error.message).toContain('version: got "18.9.1" (running 18.2.3); allowed: at most the next required upgrade stop, 18.5.5');
  });

  test('accepts the update from the last stop, and a first update (no outputs yet)', async () => {
    const { mocks } = await plan({ previousOutputs: { gitlabVersion: '18.8.4' } });
    expect(mocks.registrations.some((r) => r.type === 'kubernetes:batch/v1:Job')).toBe(true);
  });

  test('takes the running release from deployedVersion, and no check with false', async () => {
    expect((await refusal({}, { deployedVersion: '17.11.7' })).message).toContain('18.2.8');
    await expect(plan({ previousOutputs: { gitlabVersion: '18.2.3' } }, { deployedVersion: false })).resolves.toBeDefined();
  });
});
