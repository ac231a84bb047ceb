import { describe, expect, it } from 'vitest';
import { GitLabConfigError, GitLabPlatformProps } from '../../constructs';
import { productionProps } from '../support/fixtures';
import { synthPlatform } from '../support/synth';

/**
 * A user fixes a configuration in one round: every problem, whether found by the shape checks, the cross-setting
 * rules or a component while it is built, is listed in the same error.
 */

function refusal(props: unknown): GitLabConfigError {
  try {
    synthPlatform(props as GitLabPlatformProps);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw new Error(`expected a GitLabConfigError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.stack}`);
  }
  throw new Error('the configuration was accepted');
}

describe('one pass', () => {
  it('lists a missing setting, a bad value, a cross-setting conflict and a component problem together', () => {
    const props: any = productionProps();
    delete props.postgres.host;
    props.redis.database = 16;
    props.serviceAccounts = false;
    props.objectStorage.iamRole = { roleArn: 'arn:aws:iam::123456789012:role/gitlab' };
    props.components.gitlabExporter = { extraEnv: { CONFIG_DIRECTORY: '/tmp' } };
    const error = refusal(props);
    expect(error.issues.map((i) => i.path).sort(), error.message).toEqual([
      'components.gitlabExporter.extraEnv.CONFIG_DIRECTORY', 'postgres.host', 'redis.database', 'serviceAccounts',
    ]);
  });

  it('lists the problems of several components at once', () => {
    const props: any = productionProps();
    props.components.gitlabExporter = { extraEnv: { CONFIG_DIRECTORY: '/tmp' } };
    props.components.toolbox = { ...props.components.toolbox, extraEnv: { CONFIG_DIRECTORY: '/tmp' } };
    props.timeZone = 'Nowhere/Place';
    const paths = refusal(props).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['components.gitlabExporter.extraEnv.CONFIG_DIRECTORY', 'components.toolbox.extraEnv.CONFIG_DIRECTORY', 'timeZone']));
  });

  it('reports each problem once, even when a shape problem also trips a cross-setting rule', () => {
    const props: any = productionProps({ namespace: 'Bad_NS' } as any);
    props.components.sidekiq = { autoscaling: { minReplicas: 5, maxReplicas: 'x' } };
    const error = refusal(props);
    const keys = error.issues.map((i) => `${i.path} ${i.allowed}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['namespace', 'components.sidekiq.autoscaling.maxReplicas']));
  });

  it.each([null, 42, 'gitlab', [], {}])('refuses %j as a whole with a message, not a crash', (props) => {
    const error = refusal(props);
    expect(error.message).toMatch(/^Invalid GitLab configuration/);
  });
});
