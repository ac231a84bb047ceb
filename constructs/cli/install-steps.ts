import type { ResolvedConfig } from '../config/resolved';
import { CREATE_COMMAND } from './secrets-create';

export interface InstallStepsOptions {
  /** The values files the manifests came from. */
  readonly values: readonly string[];
  /** The manifests' file. */
  readonly manifests: string;
  /** The manifests hold the Namespace (`synth --create-namespace`). */
  readonly namespaceObject: boolean;
  /**
   * The runner the manifests hold (the chart's bundled `gitlab-runner`): its token Secret, which only exists once an
   * instance runner is created in the running GitLab, so it comes last. @default no runner
   */
  readonly runner?: { readonly namespace: string; readonly token: { readonly name: string; readonly key: string } };
}

/** What the runner step asks for: the runner authentication token GitLab shows once the runner is created. */
export const RUNNER_TOKEN_PLACEHOLDER = 'glrt-REPLACE-ME';

/**
 * The ordered commands from synthesized manifests to a running GitLab: namespace, Secrets (created once, never
 * replaced), manifests, migrations, rollout, the root password, then the bundled runner's token. `cli synth` prints them; the README's "Install on a
 * cluster" section shows them for the default names (a test keeps the two the same).
 */
export function installSteps(config: Pick<ResolvedConfig, 'namespace' | 'release' | 'secrets' | 'secretKeys' | 'components'>, o: InstallStepsOptions): string[] {
  const ns = config.namespace;
  const values = o.values.map((v) => `-f ${v}`).join(' ');
  const web = config.components.webservice ? `${config.release}-webservice-${config.components.webservice.deployments[0].name}` : undefined;
  return [
    ...(o.namespaceObject
      ? [`kubectl apply --server-side --field-manager=gitlab-iac -l gitlab-iac.io/namespace -f ${o.manifests}`]
      : [`kubectl create namespace ${ns}`, `kubectl label namespace ${ns} pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/warn=restricted`]),
    `gitlab-iac secrets -n ${ns}${config.release === 'gitlab' ? '' : ` --release ${config.release}`} ${values} > secrets.yaml`,
    'gitlab-iac secrets --check secrets.yaml',
    CREATE_COMMAND,
    `kubectl apply --server-side --field-manager=gitlab-iac -f ${o.manifests}`,
    `kubectl -n ${ns} wait --for=condition=complete job -l app=migrations,release=${config.release} --timeout=30m`,
    ...(web ? [`kubectl -n ${ns} rollout status deployment/${web} --timeout=15m`] : []),
    `kubectl -n ${ns} get secret ${config.secrets.initialRootPassword} -o jsonpath='{.data.${config.secretKeys.initialRootPassword}}' | base64 -d`,
    ...(o.runner ? [`kubectl -n ${o.runner.namespace} create secret generic ${o.runner.token.name} --from-literal=${o.runner.token.key}=${RUNNER_TOKEN_PLACEHOLDER}`
      + '  # signed in as root: Admin area > CI/CD > Runners > New instance runner; its glrt- token here'] : []),
  ];
}

/** What each step does, for the people reading `synth`'s stderr. */
export function installStepsText(steps: readonly string[]): string {
  return ['', 'Next steps (README "Install on a cluster"; fill in every REPLACE-ME value of secrets.yaml before creating it):',
    ...steps.map((s, i) => `  ${i + 1}. ${s}`), ''].join('\n');
}
