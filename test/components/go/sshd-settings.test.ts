import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps, GitLabShellOptions } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { find, synthPlatform } from '../../support/synth';
import { configIssues } from '../optional/fixtures';
import { convert, withValues } from '../../values/helpers';

const withShell = (gitlabShell: GitLabShellOptions): GitLabPlatformProps => {
  const base = productionProps();
  return productionProps({ components: { ...base.components, gitlabShell } });
};

describe('components.gitlabShell.sshd (the chart\'s gitlab-shell config.*)', () => {
  it('tunes OpenSSH\'s MaxStartups, LoginGraceTime and ClientAliveInterval', () => {
    const objects = synthPlatform(withShell({ sshd: { loginGraceTime: 30, clientAliveInterval: 15, maxStartups: { start: 20, rate: 50, full: 200 } } }));
    const conf = find(objects, 'ConfigMap', 'gitlab-gitlab-shell-sshd').data.sshd_config;
    expect(conf).toContain('\nMaxStartups 20:50:200\nLoginGraceTime 30\nClientAliveInterval 15\n');
    const plain = find(synthPlatform(productionProps()), 'ConfigMap', 'gitlab-gitlab-shell-sshd').data.sshd_config;
    expect(plain).toContain('\nMaxStartups 10:30:100\nLoginGraceTime 60\nClientAliveInterval 0\n');
  });

  it('writes MaxStartups with full alone when start or rate is 0, as the chart', () => {
    const conf = find(synthPlatform(withShell({ sshd: { maxStartups: { start: 0, full: 50 } } })), 'ConfigMap', 'gitlab-gitlab-shell-sshd').data.sshd_config;
    expect(conf).toContain('\nMaxStartups 50\n');
  });

  it('gives gitlab-sshd its algorithms, grace time and sessions limit', () => {
    const objects = synthPlatform(withShell({ sshDaemon: 'gitlab-sshd', sshd: { ciphers: ['aes256-gcm@openssh.com'], kexAlgorithms: ['curve25519-sha256'], macs: ['hmac-sha2-256-etm@openssh.com'], loginGraceTime: 20, maxStartups: { full: 300 } } }));
    const tpl = find(objects, 'ConfigMap', 'gitlab-gitlab-shell').data['config.yml.tpl'];
    expect(tpl).toContain('concurrent_sessions_limit: 300');
    expect(tpl).toContain('ciphers:\n    - aes256-gcm@openssh.com');
    expect(tpl).toContain('kex_algorithms:\n    - curve25519-sha256');
    expect(tpl).toContain('login_grace_time: 20');
  });

  it('refuses algorithm lists with OpenSSH (the chart writes them only for gitlab-sshd)', () => {
    expect(configIssues(withShell({ sshd: { ciphers: ['aes128-ctr'] } })).map((i) => i.path)).toEqual(['components.gitlabShell.sshd.ciphers']);
  });

  it('is read from gitlab.gitlab-shell.config', () => {
    const props = convert(withValues({ gitlab: { 'gitlab-shell': { sshDaemon: 'gitlab-sshd', config: { ciphers: ['aes256-gcm@openssh.com'], loginGraceTime: 30, maxStartups: { full: 150 } } } } }));
    expect(props.components?.gitlabShell?.sshd).toEqual({ ciphers: ['aes256-gcm@openssh.com'], loginGraceTime: 30, maxStartups: { full: 150 } });
  });
});
