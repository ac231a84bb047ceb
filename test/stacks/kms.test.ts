import { describe, expect, test } from 'vitest';
import { planDataKey } from '../../stacks/aws/kms-key';
import { one, policy, underMocks } from './harness';

const ARGS = { purpose: 'postgres', alias: 'gitlab-prod-postgres', accountId: '123456789012' };

describe('DataKey', () => {
  const plan = planDataKey(ARGS);

  test('KMS.4 key rotation on', () => expect(plan.key.enableKeyRotation).toBe(true));

  test('KMS.3 a scheduled deletion waits 30 days', () => expect(plan.key.deletionWindowInDays).toBe(30));

  test('KMS.5 the key policy names the account, never "*"', () => {
    const statements = policy(plan.key.policy as string).Statement;
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' } })]);
    expect(JSON.stringify(statements)).not.toContain('"Principal":"*"');
  });

  test('a deletion window outside 7-30 days is refused', () => {
    expect(() => planDataKey({ ...ARGS, deletionWindowDays: 3 })).toThrow(/kms.deletionWindowDays: got 3/);
  });

  test('KMS.3 the key is protected and retained by default, with an alias', async () => {
    const { mocks } = await underMocks(async () => {
      const { DataKey } = await import('../../stacks/aws/kms-key');
      return new DataKey('postgres-key', ARGS);
    });
    const key = one(mocks, 'aws:kms/key:Key');
    expect([key.protect, key.retainOnDelete]).toEqual([true, true]);
    expect(one(mocks, 'aws:kms/alias:Alias').inputs.name).toBe('alias/gitlab-prod-postgres');
  });
});
