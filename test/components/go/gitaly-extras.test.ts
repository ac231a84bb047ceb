import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parse } from 'yaml';
import { fromHelmValues, GitalyOptions, GitLabConfigError } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { container, find, synthPlatform } from '../../support/synth';
import { praefectProps } from '../praefect/props';
import { convert, importWarnings, withValues } from '../../values/helpers';

/**
 * Gitaly's bundle URIs (`components.gitaly.bundleUri`, the chart's `gitlab.gitaly.bundleUri.goCloudUrl`), and the
 * keys the chart gives only to its bundled NGINX controller (`global.shell.tcp.proxyProtocol`,
 * `global.hosts.externalIP`): accepted with a line saying what to set on your own controller.
 */
const base = productionProps();
/** The `[bundle_uri]` table of Gitaly's config template (the rest holds gomplate logic), parsed as TOML. */
const gitalyToml = (objs: ReturnType<typeof synthPlatform>, name = 'gitlab-gitaly') =>
  parseToml(/\[bundle_uri\][^[]*/.exec(find(objs, 'ConfigMap', name).data['config.toml.tpl'])?.[0] ?? '');

describe('components.gitaly.bundleUri', () => {
  it('writes [bundle_uri] go_cloud_url into Gitaly\'s config, as the chart does', () => {
    const objs = synthPlatform(productionProps({ components: { ...base.components, gitaly: { bundleUri: { goCloudUrl: 's3://spack-gitlab-gitaly-bundle-uri?region=us-east-1' } } } }));
    const chart = parseToml(readFileSync(join(__dirname, '../../fixtures/values/gitaly/bundle-uri.render.toml'), 'utf8'));
    expect(gitalyToml(objs).bundle_uri).toEqual(chart.bundle_uri);
    expect(gitalyToml(synthPlatform(base)).bundle_uri).toBeUndefined();
  });

  it('reads gitlab.gitaly.bundleUri.goCloudUrl from values (real file 01-spack)', () => {
    const values = parse(readFileSync(join(__dirname, '../../fixtures/values/real/01-spack.yaml'), 'utf8'));
    expect(fromHelmValues(values).components?.gitaly?.bundleUri).toEqual({ goCloudUrl: 's3://spack-gitlab-gitaly-bundle-uri?region=us-east-1' });
  });

  it('refuses a value that is not a Go Cloud URL', () => {
    let error: GitLabConfigError | undefined;
    try {
      resolveConfig(productionProps({ components: { ...base.components, gitaly: { bundleUri: { goCloudUrl: 'my-bucket' } } } }));
    } catch (e) {
      error = e as GitLabConfigError;
    }
    expect(error?.issues[0]).toMatchObject({ path: 'components.gitaly.bundleUri.goCloudUrl' });
    expect(error?.issues[0].fix).toContain('s3://');
  });
});

describe('components.gitaly.gomemlimit', () => {
  const limited = { resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } } };
  const GOMEMLIMIT = { name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { containerName: 'gitaly', resource: 'limits.memory' } } };
  const envOfGitaly = (objs: ReturnType<typeof synthPlatform>, name = 'gitlab-gitaly') => container(find(objs, 'StatefulSet', name), 'gitaly').env;
  const withGitaly = (gitaly: GitalyOptions) => productionProps({ components: { ...base.components, gitaly } });

  it('sets GOMEMLIMIT from the container\'s memory limit, as the chart does by default', () => {
    expect(envOfGitaly(synthPlatform(withGitaly(limited)))).toContainEqual(GOMEMLIMIT);
    // The kubelet resolves it against this container's limit: the pod must still be schema-valid.
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(synthPlatform(withGitaly(limited)).filter((o) => o.kind === 'StatefulSet'), version)).toEqual([]);
  });

  it('leaves it out without a memory limit, when turned off, and when extraEnv sets it', () => {
    expect(envOfGitaly(synthPlatform(withGitaly({ resources: { limits: { cpu: '1' } } }))).map((e: { name: string }) => e.name)).not.toContain('GOMEMLIMIT');
    expect(envOfGitaly(synthPlatform(withGitaly({ ...limited, gomemlimit: false }))).map((e: { name: string }) => e.name)).not.toContain('GOMEMLIMIT');
    const own = envOfGitaly(synthPlatform(withGitaly({ ...limited, extraEnv: { GOMEMLIMIT: '800MiB' } }))).filter((e: { name: string }) => e.name === 'GOMEMLIMIT');
    expect(own).toEqual([{ name: 'GOMEMLIMIT', value: '800MiB' }]);
  });

  it('applies to the Gitaly pods behind Praefect too', () => {
    expect(envOfGitaly(synthPlatform(praefectProps({}, limited)), 'gitlab-gitaly-default')).toContainEqual(GOMEMLIMIT);
  });

  it('reads gitlab.gitaly.gomemlimit.enabled from values', () => {
    const values = withValues({ gitlab: { gitaly: { ...limited, gomemlimit: { enabled: false } } } });
    expect(fromHelmValues(values).components?.gitaly).toMatchObject({ gomemlimit: false });
    expect(fromHelmValues(withValues({ gitlab: { gitaly: limited } })).components?.gitaly?.gomemlimit).toBeUndefined();
  });
});

describe('keys of the chart\'s bundled NGINX controller', () => {
  it('global.shell.tcp.proxyProtocol is accepted with a line on what to set on your controller', () => {
    const lines = importWarnings(withValues({ global: { shell: { tcp: { proxyProtocol: true } } } }));
    expect(lines.join('\n')).toMatch(/global\.shell\.tcp\.proxyProtocol: ignored: .*:PROXY.*append :PROXY/);
  });

  it('global.hosts.externalIP is accepted with a line on where to give the address', () => {
    const values = withValues({ global: { hosts: { externalIP: '203.0.113.10' } } });
    const lines = importWarnings(values);
    expect(lines.join('\n')).toMatch(/global\.hosts\.externalIP: ignored: .*LoadBalancer Service/);
    expect(convert(values)).toEqual(convert(withValues({})));
  });
});
