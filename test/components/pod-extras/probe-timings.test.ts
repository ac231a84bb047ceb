import { describe, expect, it } from 'vitest';
import { ComponentsConfig, GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { container, find, synthPlatform } from '../../support/synth';
import { configIssues } from '../optional/fixtures';

const withComponents = (components: ComponentsConfig): GitLabPlatformProps => {
  const base = productionProps();
  return productionProps({ components: { ...base.components, ...components } });
};

describe('livenessProbe / readinessProbe timings', () => {
  const tuned = synthPlatform(withComponents({
    webservice: { livenessProbe: { timeoutSeconds: 60, failureThreshold: 5 }, readinessProbe: { periodSeconds: 10, successThreshold: 2 } },
    gitaly: { livenessProbe: { initialDelaySeconds: 60 } },
    sidekiq: { readinessProbe: { failureThreshold: 4 } },
  }));
  const plain = synthPlatform(productionProps());

  it('override the timings of the main container\'s probes and keep their checks', () => {
    const web = container(find(tuned, 'Deployment', 'gitlab-webservice-default'), 'webservice');
    const before = container(find(plain, 'Deployment', 'gitlab-webservice-default'), 'webservice');
    expect(web.livenessProbe).toEqual({ ...before.livenessProbe, timeoutSeconds: 60, failureThreshold: 5 });
    expect(web.readinessProbe).toEqual({ ...before.readinessProbe, periodSeconds: 10, successThreshold: 2 });
    const gitaly = container(find(tuned, 'StatefulSet', 'gitlab-gitaly'), 'gitaly');
    expect(gitaly.livenessProbe.initialDelaySeconds).toBe(60);
    const sidekiq = container(find(tuned, 'Deployment', 'gitlab-sidekiq-all-in-1-v2'), 'sidekiq');
    expect(sidekiq.readinessProbe.failureThreshold).toBe(4);
  });

  it('leave the other containers\' probes (Workhorse) alone', () => {
    const wh = (o: typeof tuned) => container(find(o, 'Deployment', 'gitlab-webservice-default'), 'gitlab-workhorse').livenessProbe;
    expect(wh(tuned)).toEqual(wh(plain));
  });

  it('refuse a liveness successThreshold other than 1 and non-positive periods', () => {
    expect(configIssues(withComponents({ webservice: { livenessProbe: { successThreshold: 2 }, readinessProbe: { periodSeconds: 0 } } })).map((i) => i.path))
      .toEqual(['components.webservice.livenessProbe.successThreshold', 'components.webservice.readinessProbe.periodSeconds']);
  });
});
