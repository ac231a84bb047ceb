import { describe, expect, it } from 'vitest';
import { GitLabConfigError, GitLabPlatformProps } from '../../constructs';
import { productionProps } from '../support/fixtures';
import { synthPlatform } from '../support/synth';

/**
 * Broken configurations are refused before any object is built, with one GitLabConfigError whose message names
 * the setting, shows the bad value and says how to fix it, and reads like a message, not a stack trace.
 */

const base = productionProps();
type Props = Record<string, any>;
/** The production props with one change at a dotted path (`undefined` removes the setting). */
function withSetting(path: string, value: unknown): GitLabPlatformProps {
  const props: Props = structuredClone(base);
  const keys = path.split('.');
  let node = props;
  for (const k of keys.slice(0, -1)) node = node[k] ??= {};
  if (value === undefined) delete node[keys[keys.length - 1]];
  else node[keys[keys.length - 1]] = value;
  return props as GitLabPlatformProps;
}
const merged = (extra: Props): GitLabPlatformProps => ({ ...structuredClone(base), ...extra } as GitLabPlatformProps);

interface BadInput {
  /** What is wrong, as a user would say it. */
  readonly what: string;
  readonly props: GitLabPlatformProps;
  /** The setting path the message must name. */
  readonly path: string;
  /** How the message must show the bad value. */
  readonly shows: string;
}

const CASES: readonly BadInput[] = [
  { what: 'postgres.host is missing', props: withSetting('postgres.host', undefined), path: 'postgres.host', shows: 'nothing (the setting is missing)' },
  { what: 'the PostgreSQL port is out of range', props: withSetting('postgres.port', 70000), path: 'postgres.port', shows: '70000' },
  { what: 'an unknown top-level key', props: merged({ postgress: { host: 'db' } }), path: 'postgress', shows: '{"host":"db"}' },
  { what: 'a nested key with a typo', props: withSetting('components.webservice.autoscalling', { maxReplicas: 4 }), path: 'components.webservice.autoscalling', shows: '{"maxReplicas":4}' },
  { what: 'the Redis scheme is http', props: withSetting('redis.scheme', 'http'), path: 'redis.scheme', shows: '"http"' },
  { what: 'an image uses the floating tag master', props: withSetting('images.webservice', { tag: 'master' }), path: 'images.webservice.tag', shows: '"master"' },
  { what: 'minReplicas is above maxReplicas', props: withSetting('components.sidekiq.autoscaling', { minReplicas: 5, maxReplicas: 3 }), path: 'components.sidekiq.autoscaling.minReplicas', shows: '5' },
  { what: 'fixed replicas while autoscaling is on', props: withSetting('components.webservice.replicas', 3), path: 'components.webservice.replicas', shows: '3' },
  { what: 'a Secret reference with an invalid name', props: withSetting('postgres.password', { name: 'Gitlab_Postgres', key: 'password' }), path: 'postgres.password.name', shows: '"Gitlab_Postgres"' },
  { what: 'a bucket name with upper-case letters', props: withSetting('objectStorage.buckets.artifacts', 'GL-Artifacts'), path: 'objectStorage.buckets.artifacts', shows: '"GL-Artifacts"' },
  { what: 'ingress TLS is missing', props: withSetting('ingress', {}), path: 'ingress.tls', shows: 'nothing (the setting is missing)' },
  { what: 'the registry is on without storage', props: withSetting('components.registry', { bucket: 'gl-registry' }), path: 'components.registry.storage', shows: 'nothing (the setting is missing)' },
  { what: 'an invalid namespace', props: merged({ namespace: 'GitLab_Prod' }), path: 'namespace', shows: '"GitLab_Prod"' },
  { what: 'IAM roles without service accounts', props: merged({ serviceAccounts: false, objectStorage: { ...base.objectStorage, iamRole: { roleArn: 'arn:aws:iam::123456789012:role/gitlab' } } }), path: 'serviceAccounts', shows: 'false' },
  { what: 'verify-full without a CA bundle', props: withSetting('postgres.tls', { mode: 'verify-full' }), path: 'postgres.tls.rootCertificate', shows: 'nothing (the setting is missing)' },
  { what: 'a GitLab version of another major', props: merged({ version: '99.1.0' }), path: 'version', shows: '"99.1.0"' },
  { what: 'an unknown edition', props: merged({ edition: 'premium' }), path: 'edition', shows: '"premium"' },
  { what: 'a domain written as a URL', props: withSetting('hosts.domain', 'https://example.com'), path: 'hosts.domain', shows: '"https://example.com"' },
  { what: 'a Redis database index above 15', props: withSetting('redis.database', 16), path: 'redis.database', shows: '16' },
  { what: 'a CPU request that is not a quantity', props: withSetting('components.sidekiq.resources', { requests: { cpu: 'lots' } }), path: 'components.sidekiq.resources.requests.cpu', shows: '"lots"' },
  { what: 'an HPA target with both value and utilization', props: withSetting('components.kas.autoscaling', { cpu: { averageValue: '1', averageUtilization: 50 } }), path: 'components.kas.autoscaling.cpu', shows: '{"averageValue":"1","averageUtilization":50}' },
  { what: 'a malformed IAM role ARN', props: withSetting('objectStorage.iamRole', { roleArn: 'gitlab-role' }), path: 'objectStorage.iamRole.roleArn', shows: '"gitlab-role"' },
  { what: 'an empty list of Gitaly storages', props: withSetting('components.gitaly.storageNames', []), path: 'components.gitaly.storageNames', shows: '[]' },
  { what: 'a toleration with an unknown operator', props: merged({ placement: { tolerations: [{ key: 'a', operator: 'Maybe' }] } }), path: 'placement.tolerations[0].operator', shows: '"Maybe"' },
  { what: 'a release name too long for object names', props: merged({ releaseName: 'gitlab-production-eu-west-1-primary' }), path: 'releaseName', shows: '"gitlab-production-eu-west-1-primary"' },
  { what: 'Gitaly turned off', props: withSetting('components.gitaly', { enabled: false }), path: 'components.gitaly.enabled', shows: 'false' },
  { what: 'an extra env var that overrides the image contract', props: withSetting('components.gitlabExporter.extraEnv', { CONFIG_DIRECTORY: '/tmp' }), path: 'components.gitlabExporter.extraEnv.CONFIG_DIRECTORY', shows: '"/tmp"' },
  { what: 'an SSH port of 0', props: withSetting('hosts.ssh', { port: 0 }), path: 'hosts.ssh.port', shows: '0' },
  { what: 'autoscaling on a component that cannot autoscale', props: withSetting('components.toolbox.autoscaling', { maxReplicas: 2 }), path: 'components.toolbox.autoscaling', shows: '{"maxReplicas":2}' },
  { what: 'a CE edition with an EE image override', props: merged({ edition: 'ce', images: { webservice: { repository: 'registry.example.com/gitlab-webservice-ee' } } }), path: 'images.webservice.repository', shows: '"registry.example.com/gitlab-webservice-ee"' },
  { what: 'a typo inside a node affinity (it would be dropped silently)', props: merged({ placement: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpresions: [] }] } } } } }), path: 'placement.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpresions', shows: '[]' },
  { what: 'a topology spread constraint without a topology key', props: merged({ placement: { topologySpreadConstraints: [{ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }] } }), path: 'placement.topologySpreadConstraints[0].topologyKey', shows: 'nothing (the setting is missing)' },
  { what: 'a pod label value the API server refuses', props: withSetting('components.sidekiq.podLabels', { team: 'platform team' }), path: 'components.sidekiq.podLabels.team', shows: '"platform team"' },
  { what: 'an annotation key with spaces', props: withSetting('ingress.annotations', { 'my annotation': 'x' }), path: 'ingress.annotations.my annotation (key)', shows: '"my annotation"' },
  { what: 'Puma min threads above max threads', props: withSetting('components.webservice.puma', { threadsMin: 8, threadsMax: 2 }), path: 'components.webservice.puma.threadsMin', shows: '8' },
  { what: 'a toleration with operator Exists and a value', props: merged({ placement: { tolerations: [{ key: 'a', operator: 'Exists', value: 'b' }] } }), path: 'placement.tolerations[0]', shows: '{"key":"a","operator":"Exists","value":"b"}' },
  { what: 'a disruption budget above 100%', props: withSetting('components.kas.podDisruptionBudget', { maxUnavailable: '150%' }), path: 'components.kas.podDisruptionBudget.maxUnavailable', shows: '"150%"' },
  { what: 'a boolean written as a string', props: withSetting('objectStorage.proxyDownload', 'yes'), path: 'objectStorage.proxyDownload', shows: '"yes"' },
];

function refusal(props: GitLabPlatformProps): GitLabConfigError {
  try {
    synthPlatform(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw new Error(`expected a GitLabConfigError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
  }
  throw new Error('the configuration was accepted');
}

describe('bad inputs', () => {
  it('the production fixture itself is accepted (so each case fails for its one change)', () => {
    expect(synthPlatform(base).length).toBeGreaterThan(0);
  });

  it.each(CASES)('refuses $what with a message naming $path', ({ props, path, shows }) => {
    const error = refusal(props);
    const line = error.message.split('\n').find((l) => l.includes(`${path}:`));
    expect(line, error.message).toBeDefined();
    expect(line).toContain(`got ${shows}`);
    expect(line).toContain('Fix:');
    expect(error.issues.some((i) => i.path === path)).toBe(true);
  });

  it.each(CASES)('reads like a message, not a stack trace, when refusing $what', ({ props }) => {
    const { message } = refusal(props);
    expect(message).toMatch(/^Invalid GitLab configuration/);
    expect(message).not.toMatch(/^\s+at\s/m);
    expect(message).not.toMatch(/\.(ts|js):\d+/);
    expect(message).not.toMatch(/\b(TypeError|ReferenceError|undefined is not|Cannot read propert)/);
  });

  it('reports every problem of a configuration at once', () => {
    const error = refusal(merged({ namespace: 'Bad_NS', edition: 'premium', postgres: { ...base.postgres, port: 0 } }));
    expect(error.issues.map((i) => i.path).sort()).toEqual(['edition', 'namespace', 'postgres.port']);
  });
});
