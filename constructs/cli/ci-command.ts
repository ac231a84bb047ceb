import { CliCommand, CliError, CliIO } from './command';

const collect = (value: string, previous: string[]) => [...previous, value];

interface PipelineFlags {
  agent: string;
  environment: string[];
  reviewApps: boolean;
  reviewPrefix?: string;
  autoStopIn?: string;
  applyset?: string;
  synthScript: string[];
  manifestsDir?: string;
  jobPrefix?: string;
  workflow: boolean;
  out?: string;
}

interface AgentConfigFlags {
  name: string;
  project: string[];
  group: string[];
  accessAs?: string;
  ciEnvironment: string[];
  userAccessProject: string[];
  userAccessGroup: string[];
  userAccessAs?: string;
  flux?: string | boolean;
  outDir?: string;
}

/**
 * `ci pipeline`: the `.gitlab-ci.yml` fragment for push-based deployment through the GitLab agent;
 * `ci agent-config`: the agent's `.gitlab/agents/<name>/config.yaml`. Both print to stdout unless told where to write.
 */
export const ciCommand: CliCommand = {
  name: 'ci',
  register(program, io: CliIO) {
    const ci = program.command('ci')
      .description('GitLab CI/CD and agent files for deploying through the GitLab agent for Kubernetes');

    ci.command('pipeline')
      .description('print a .gitlab-ci.yml fragment that synthesizes and applies the manifests through the agent (environments, manual production gate, Review Apps)')
      .option('-a, --agent <context>', 'agent context "<agent project path>:<agent name>" (required)')
      .option('-e, --environment <name=namespace[:manual]>', 'an environment in promotion order (repeatable); default staging=app-staging, production=app-production:manual', collect, [])
      .option('--no-review-apps', 'no Review Apps for merge requests')
      .option('--review-prefix <prefix>', 'Review App namespaces are <prefix>mr-<iid> (default review-)')
      .option('--auto-stop-in <duration>', 'stop idle Review Apps after this time (default "1 week")')
      .option('--applyset <parent>', 'the kubectl ApplySet parent that tracks and prunes the applied objects (default configmaps/gitlab-iac)')
      .option('--synth-script <command>', 'command that writes the manifests (repeatable; default "npm ci", "npm run synth")', collect, [])
      .option('--manifests-dir <dir>', 'directory the synth writes (default dist)')
      .option('--job-prefix <prefix>', 'prefix of the job names (default gitlab-iac)')
      .option('--no-workflow', 'leave workflow: rules to the including pipeline')
      .option('-o, --out <file>', 'write the fragment to this file instead of stdout')
      .addHelpText('after', [
        '',
        'Include the result from .gitlab-ci.yml (include: local: <file>). The agent\'s config.yaml must grant the',
        'project ci_access (see: gitlab-iac ci agent-config). Synth commands receive DEPLOY_NAMESPACE.',
      ].join('\n'))
      .action(async (flags: PipelineFlags, cmd) => {
        // Checked here, not as commander's required options, so an unknown option is reported as unknown first.
        if (flags.agent === undefined) cmd.error('error: required option \'-a, --agent <context>\' not specified');
        const { pushDeployPipeline } = await import('../cluster/deploy/push-pipeline');
        const text = pushDeployPipeline({
          agent: flags.agent,
          ...(flags.environment.length ? { environments: flags.environment.map(parseEnvironment) } : {}),
          reviewApps: flags.reviewApps ? {
            ...(flags.reviewPrefix !== undefined ? { namespacePrefix: flags.reviewPrefix } : {}),
            ...(flags.autoStopIn !== undefined ? { autoStopIn: flags.autoStopIn } : {}),
          } : false,
          ...(flags.applyset !== undefined ? { prune: { applyset: flags.applyset } } : {}),
          ...(flags.synthScript.length ? { synthScript: flags.synthScript } : {}),
          ...(flags.manifestsDir !== undefined ? { manifestsDir: flags.manifestsDir } : {}),
          ...(flags.jobPrefix !== undefined ? { jobPrefix: flags.jobPrefix } : {}),
          workflow: flags.workflow,
        });
        await emit(text, flags.out, io);
      });

    ci.command('agent-config')
      .description('print the agent\'s .gitlab/agents/<name>/config.yaml (ci_access, user_access, flux)')
      .option('--name <agent>', 'the agent\'s name in GitLab (required)')
      .option('--project <path>', 'a project whose CI jobs may use the agent (repeatable)', collect, [])
      .option('--group <path>', 'a group whose projects\' CI jobs may use the agent (repeatable)', collect, [])
      .option('--access-as <mode>', 'identity of CI jobs: agent or ci_job (default agent)')
      .option('--ci-environment <pattern>', 'only jobs of these environments, e.g. "review/*" (repeatable)', collect, [])
      .option('--user-access-project <path>', 'members of this project get dashboard/kubectl access (repeatable)', collect, [])
      .option('--user-access-group <path>', 'members of this group get dashboard/kubectl access (repeatable)', collect, [])
      .option('--user-access-as <mode>', 'identity of users: agent or user (default agent)')
      .option('--flux [receiverUrl]', 'turn on immediate Flux reconciliation (optionally with the webhook receiver URL)')
      .option('--out-dir <repository>', 'write .gitlab/agents/<name>/config.yaml under this repository root instead of stdout')
      .action(async (flags: AgentConfigFlags, cmd) => {
        if (flags.name === undefined) cmd.error('error: required option \'--name <agent>\' not specified');
        const { agentConfigFile, agentConfigFilePath } = await import('../cluster/agent/config-file');
        const accessAs = flags.accessAs === undefined ? undefined : mode(flags.accessAs, ['agent', 'ci_job'], '--access-as') as 'agent' | 'ci_job';
        const entry = (id: string) => ({
          id,
          ...(accessAs ? { accessAs } : {}),
          ...(flags.ciEnvironment.length ? { environments: flags.ciEnvironment } : {}),
        });
        const userAccess = flags.userAccessProject.length || flags.userAccessGroup.length || flags.userAccessAs ? {
          ...(flags.userAccessAs ? { accessAs: mode(flags.userAccessAs, ['agent', 'user'], '--user-access-as') as 'agent' | 'user' } : {}),
          ...(flags.userAccessProject.length ? { projects: flags.userAccessProject } : {}),
          ...(flags.userAccessGroup.length ? { groups: flags.userAccessGroup } : {}),
        } : undefined;
        const text = agentConfigFile({
          ...(flags.project.length || flags.group.length ? {
            ciAccess: {
              ...(flags.project.length ? { projects: flags.project.map(entry) } : {}),
              ...(flags.group.length ? { groups: flags.group.map(entry) } : {}),
            },
          } : {}),
          ...(userAccess ? { userAccess } : {}),
          ...(flags.flux === true ? { flux: true as const } : typeof flags.flux === 'string' ? { flux: { webhookReceiverUrl: flags.flux } } : {}),
        }, flags.name);
        const { join } = await import('node:path');
        await emit(text, flags.outDir === undefined ? undefined : join(flags.outDir, agentConfigFilePath(flags.name)), io);
      });
  },
};

/** `name=namespace[:manual]` */
function parseEnvironment(spec: string): { name: string; namespace: string; manual?: boolean } {
  const m = /^([^=]+)=([^:]+)(?::(manual|auto))?$/.exec(spec);
  if (!m) throw new CliError(`Invalid --environment ${JSON.stringify(spec)}: write name=namespace, optionally with :manual or :auto (e.g. production=gitlab:manual)`);
  return { name: m[1], namespace: m[2], ...(m[3] ? { manual: m[3] === 'manual' } : {}) };
}

function mode(value: string, allowed: readonly string[], flag: string): string {
  if (!allowed.includes(value)) throw new CliError(`Invalid ${flag} ${JSON.stringify(value)}: use one of ${allowed.join(', ')}`);
  return value;
}

async function emit(text: string, file: string | undefined, io: CliIO): Promise<void> {
  if (file === undefined) {
    io.stdout(text);
    return;
  }
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  io.stderr(`wrote ${file}\n`);
}
