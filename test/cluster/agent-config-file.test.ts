import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { AgentConfigFileOptions, GitLabConfigError, agentConfigFile, agentConfigFilePath } from '../../constructs';

const render = (o: AgentConfigFileOptions) => parse(agentConfigFile(o, 'production'));
const error = (fn: () => unknown): GitLabConfigError => {
  try { fn(); } catch (e) { if (e instanceof GitLabConfigError) return e; throw e; }
  throw new Error('expected a GitLabConfigError');
};

describe('.gitlab/agents/<name>/config.yaml', () => {
  test('lives where GitLab looks for it', () => {
    expect(agentConfigFilePath('production')).toBe('.gitlab/agents/production/config.yaml');
    expect(agentConfigFile({}, 'production')).toContain('commit as .gitlab/agents/production/config.yaml');
  });

  test('ci_access for projects and groups, with environments, default namespace and protected branches', () => {
    expect(render({
      ciAccess: {
        projects: [{ id: 'group/app', defaultNamespace: 'apps', environments: ['staging', 'review/*'], protectedBranchesOnly: true }],
        groups: [{ id: 'group/subgroup' }],
      },
    })).toEqual({
      ci_access: {
        projects: [{ id: 'group/app', default_namespace: 'apps', environments: ['staging', 'review/*'], protected_branches_only: true }],
        groups: [{ id: 'group/subgroup' }],
      },
    });
  });

  test('access_as: agent, ci_job or a fixed impersonation', () => {
    const doc = render({
      ciAccess: {
        projects: [
          { id: 'g/a', accessAs: 'agent' },
          { id: 'g/b', accessAs: 'ci_job' },
          { id: 'g/c', accessAs: { impersonate: { username: 'deployer', uid: '1', groups: ['deployers'], extra: [{ key: 'team', val: ['x', 'y'] }] } } },
        ],
      },
    });
    expect(doc.ci_access.projects.map((p: any) => p.access_as)).toEqual([
      { agent: {} },
      { ci_job: {} },
      { impersonate: { username: 'deployer', uid: '1', groups: ['deployers'], extra: [{ key: 'team', val: ['x', 'y'] }] } },
    ]);
  });

  test('user_access with projects and groups as { id } entries', () => {
    expect(render({ userAccess: { accessAs: 'user', projects: ['g/app'], groups: ['g'] } })).toEqual({
      user_access: { access_as: { user: {} }, projects: [{ id: 'g/app' }], groups: [{ id: 'g' }] },
    });
    expect(render({ userAccess: { groups: ['g'] } }).user_access.access_as).toEqual({ agent: {} });
  });

  test('flux: the Flux webhook receiver (default Service, or a custom URL)', () => {
    expect(render({ flux: true })).toEqual({ flux: { webhook_receiver_url: 'http://webhook-receiver.flux-system.svc.cluster.local' } });
    expect(render({ flux: { webhookReceiverUrl: 'http://notification-controller.flux.svc:9292' } }).flux)
      .toEqual({ webhook_receiver_url: 'http://notification-controller.flux.svc:9292' });
  });

  test('observability log levels', () => {
    expect(render({ observability: { logLevel: 'debug', grpcLogLevel: 'warn' } })).toEqual({ observability: { logging: { level: 'debug', grpc_level: 'warn' } } });
  });

  test('no options: an empty mapping GitLab accepts', () => {
    expect(render({})).toEqual({});
  });
});

describe('refused options', () => {
  test('a project path without its group', () => {
    expect(error(() => agentConfigFile({ ciAccess: { projects: [{ id: 'app' }] } })).issues[0].path).toBe('agentConfigFile(agent).ciAccess.projects[0].id');
  });

  test('more than 500 projects', () => {
    const projects = Array.from({ length: 501 }, (_, i) => ({ id: `g/p${i}` }));
    expect(error(() => agentConfigFile({ ciAccess: { projects } })).issues[0].allowed).toContain('at most 500');
  });

  test('an unknown access mode and the legacy gitops section', () => {
    const e = error(() => agentConfigFile({ ciAccess: { projects: [{ id: 'g/p', accessAs: 'admin' as never }] }, gitops: {} } as never));
    expect(e.issues.map((i) => i.path).sort()).toEqual(['agentConfigFile(agent).ciAccess.projects[0].accessAs', 'agentConfigFile(agent).gitops']);
  });
});

describe('one agent-name rule for GitLabAgent, agentConfigFile and ci agent-config', () => {
  test.each(['Production', 'prod_cluster', 'a'.repeat(51), '-agent'])('%s is refused by both', async (name) => {
    const { Testing } = await import('cdk8s');
    const { GitLabAgent } = await import('../../constructs');
    expect(() => agentConfigFile({}, name)).toThrow(/agent name registered in GitLab|at most 50 characters/);
    expect(() => new GitLabAgent(Testing.chart(), 'agent', { name, token: { name: 'agent-token' }, kasAddress: 'wss://kas.example.com' } as never))
      .toThrow(/agent name registered in GitLab|at most 50 characters/);
  });
});
