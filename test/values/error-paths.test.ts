import { describe, expect, it } from 'vitest';
import { GitLabConfigError } from '../../constructs';
import { refusal, withValues } from './helpers';

const paths = (e: GitLabConfigError) => e.issues.map((i) => i.path);

describe('a problem names the values key it came from, once', () => {
  it('a setting built from one scalar key (an ALB annotation holding the ARN) is that key, not a path inside it', () => {
    const e = refusal(withValues({ global: { ingress: { class: 'alb', annotations: { 'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:eu-west-1:ACCOUNT:certificate/ID' } } } }));
    expect(paths(e)).toContain('global.ingress.annotations.alb.ingress.kubernetes.io/certificate-arn');
    expect(paths(e).some((p) => p.includes('certificateArn'))).toBe(false);
  });

  it('one Secret name given to GitLab and to the in-cluster Valkey is one problem, at the key the file wrote', () => {
    const e = refusal({ global: { hosts: { domain: 'example.com' } }, 'certmanager-issuer': { email: 'a@example.com' }, redis: { auth: { existingSecret: 'Not_A_Name' } } });
    expect(paths(e).filter((p) => p.includes('Secret') || p.includes('password'))).toEqual(['redis.auth.existingSecret']);
  });
});

describe('a value of the wrong shape gets a fix that fits it', () => {
  const fixOf = (e: GitLabConfigError, path: string) => e.issues.find((i) => i.path === path)?.fix;

  it('a map where the chart takes a string says to write one string, not to quote "[object Object]"', () => {
    const e = refusal(withValues({ gitlab: { webservice: { workhorse: { image: { repository: 'gitlab/gitlab-workhorse-ce', tag: 'v18.9.1' } } } } }));
    const fix = fixOf(e, 'gitlab.webservice.workhorse.image');
    expect(fix).toBe('write one string in image (not a map), as the chart\'s values.yaml has it');
    expect(e.message).not.toContain('[object Object]');
  });

  it('an unquoted number where the chart takes a string says to quote it', () => {
    const e = refusal(withValues({ global: { hosts: { domain: 'example.com', gitlab: { name: 12 } } } }));
    expect(fixOf(e, 'global.hosts.gitlab.name')).toBe('quote the value: name: "12"');
  });
});
