import { describe, expect, it } from 'vitest';
import { importHelmValues } from '../../constructs';
import { refusal, withValues } from './helpers';

/**
 * Gitaly cgroups stay refused: the chart's init container runs as root and the Gitaly pod mounts the node's
 * /sys/fs/cgroup (hostPath), which no restricted (nor baseline) pod may do.
 */
describe('gitlab.gitaly.cgroups', () => {
  it('enabled is refused, saying what it would need and what to do instead', () => {
    const e = refusal(withValues({ gitlab: { gitaly: { cgroups: { enabled: true, memoryBytes: 1073741824 } } } }));
    const issue = e.issues.find((i) => i.path === 'gitlab.gitaly.cgroups.enabled');
    expect(issue?.fix).toMatch(/root.*hostPath.*Pod Security Standard.*components\.gitaly\.resources/);
  });

  it('off (the chart\'s default) is accepted', () => {
    expect(() => importHelmValues(withValues({ gitlab: { gitaly: { cgroups: { enabled: false } } } }))).not.toThrow();
  });
});
