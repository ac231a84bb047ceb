import { describe, expect, it } from 'vitest';
import { podTemplateOf } from '../support/pod-security';
import { clusterIntegrationObjects, SCENARIOS, scenarioObjects } from '../support/scenarios';
import { KubeObject } from '../support/synth';

/**
 * No secret value in any manifest: the platform takes Secret references and the images read the values from
 * files at start. These checks look for what a leak would look like.
 */

/** Formats of real credentials, wherever they appear. */
const CREDENTIAL_FORMATS: [string, RegExp][] = [
  ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['an OpenSSH private key', /-----BEGIN OPENSSH PRIVATE KEY-----/],
  ['an AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a GitLab token', /\bgl(pat|dt|rt|ptt|ft|imt|agent|oas|cbt|soat)-[0-9A-Za-z_-]{20,}/],
  ['a JWT', /\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\./],
  ['a password in a URL', /[a-z][a-z0-9+.-]*:\/\/[^/\s@:]*:(?![^@\s]*(<%|\{%|\{\{|\$\{))[^@\s/]+@/i],
];
/** Setting names that carry a credential. `_file`/`_path` names hold a file path and are fine. */
const CREDENTIAL_NAME = /(password|passwd|secret|token|api_?key|access_?key|private_?key|credential)(?!.*(_file|_path|_dir|_directory|file|path)$)/i;
/** Values that are not credentials: empty, a template expression, a file path, a number, a boolean or null. */
const HARMLESS_VALUE = /^(|""|''|null|nil|~|true|false|no|yes|[0-9]+|\/\S*|.*(<%|\{%|\{\{|\$\{|\$\().*)$/i;

function strings(node: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof node === 'string') out.push([path, node]);
  else if (Array.isArray(node)) node.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Lines of a config file that assign a literal to a credential-named key (`password: hunter2`, `token = "abc"`). */
function literalCredentialLines(text: string): string[] {
  return text.split('\n').filter((line) => {
    const m = /^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/.exec(line);
    if (!m || !CREDENTIAL_NAME.test(m[1])) return false;
    const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
    return !HARMLESS_VALUE.test(value);
  });
}

const containersOf = (o: KubeObject) => {
  const pod = podTemplateOf(o);
  return pod ? [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])] : [];
};

describe('the leak detectors', () => {
  it('catch literal credentials in config files and leave templates and file paths alone', () => {
    const config = [
      'password: hunter2', 'token = "abc123"', 'aws_secret_access_key: wJalrXUtnFEMI', '  "secret": "s3cr3t",', 'export API_TOKEN=abc',
      'export CI_SERVER_TOKEN="$(cat /secrets/runner-token)"',
      'password: <%= File.read("/etc/gitlab/postgres/psql-password").strip.to_json %>',
      'token = {% file.Read "/etc/gitaly/token" %}', 'secret_file: /etc/gitlab/shell/.gitlab_shell_secret',
      'password_file: /etc/kas/redis/redis-password', 'openid_id_token_expire_in_seconds: 120', 'token:', 'password: ""',
    ].join('\n');
    expect(literalCredentialLines(config)).toEqual(['password: hunter2', 'token = "abc123"', 'aws_secret_access_key: wJalrXUtnFEMI', '  "secret": "s3cr3t",', 'export API_TOKEN=abc']);
  });

  it('recognise credential formats and URL passwords, but not templated ones', () => {
    const hit = (s: string) => CREDENTIAL_FORMATS.filter(([, re]) => re.test(s)).map(([what]) => what);
    expect(hit('-----BEGIN RSA PRIVATE KEY-----')).toEqual(['a PEM private key']);
    expect(hit('AKIAIOSFODNN7EXAMPLE')).toEqual(['an AWS access key id']);
    expect(hit('redis://:hunter2@redis:6379')).toEqual(['a password in a URL']);
    expect(hit('rediss://:<%= ERB::Util.url_encode(File.read("/etc/gitlab/redis/redis-password").strip) %>@redis:6379/0')).toEqual([]);
    expect(hit('http://gitlab-webservice-default.gitlab.svc:8181')).toEqual([]);
  });
});

const RENDERS = [
  ...SCENARIOS.map((s) => ({ name: `scenario ${s.name}`, objects: () => scenarioObjects(s) })),
  { name: 'cluster integrations of the default app', objects: clusterIntegrationObjects },
];

describe.each(RENDERS)('$name', ({ objects }) => {

  it('renders no Secret with data (values come from Secrets created outside the manifests)', () => {
    const secrets = objects().filter((o) => o.kind === 'Secret' && (o.data || o.stringData));
    expect(secrets.map((o) => o.metadata.name)).toEqual([]);
  });

  it('puts no private key, access key, token or URL password anywhere', () => {
    const leaks = objects().flatMap((o) => strings(o, '').flatMap(([path, value]) => CREDENTIAL_FORMATS
      .filter(([, re]) => re.test(value)).map(([what]) => `${o.kind}/${o.metadata.name} ${path}: ${what}`)));
    expect(leaks).toEqual([]);
  });

  it('gives no container a literal value in a credential-named env var', () => {
    const bad = objects().flatMap((o) => containersOf(o).flatMap((c: any) => (c.env ?? [])
      .filter((e: any) => e.value !== undefined && CREDENTIAL_NAME.test(e.name) && !HARMLESS_VALUE.test(e.value))
      .map((e: any) => `${o.kind}/${o.metadata.name} ${c.name} ${e.name}`)));
    expect(bad).toEqual([]);
  });

  it('has no ConfigMap assigning a literal password, token, secret or access key', () => {
    const bad = objects().filter((o) => o.kind === 'ConfigMap').flatMap((o) => Object.entries(o.data ?? {})
      .flatMap(([key, text]) => literalCredentialLines(String(text)).map((line) => `${o.metadata.name} ${key}: ${line.trim()}`)));
    expect(bad).toEqual([]);
  });
});
