import { describe, expect, it } from 'vitest';
import { fromHelmValues, GitLabConfigError, resolveConfig } from '../../constructs';
import { closest } from '../../constructs/config/schema';
import { productionProps } from '../support/fixtures';

const refusal = (run: () => unknown): GitLabConfigError => {
  try {
    run();
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('expected a GitLabConfigError');
};

describe('a misspelt setting is refused with the setting it most likely meant', () => {
  it('names the known typed setting close to the typo', () => {
    const e = refusal(() => resolveConfig({ ...productionProps(), namspace: 'gitlab' } as never));
    expect(e.issues[0].path).toBe('namspace');
    expect(e.issues[0].fix).toContain("did you mean 'namespace'?");
  });

  it('finds the typo in a nested setting', () => {
    const props = productionProps();
    const e = refusal(() => resolveConfig({ ...props, redis: { ...props.redis, schema: 'rediss' } } as never));
    expect(e.issues.map((i) => i.path)).toEqual(['redis.schema']);
    expect(e.issues[0].fix).toContain("did you mean 'scheme'?");
  });

  it('suggests nothing when no known setting is close', () => {
    const e = refusal(() => resolveConfig({ ...productionProps(), flavour: 'x' } as never));
    expect(e.issues[0].fix).not.toContain('did you mean');
  });

  it('warns of a chart values key the chart does not have, naming the one the importer reads next to it', () => {
    const values = {
      global: {
        hosts: { domain: 'example.com' },
        psql: { host: 'db.example.com', pasword: { secret: 'pg', key: 'password' } },
        redis: { host: 'redis.example.com', auth: { secret: 'rd', key: 'password' } },
        appConfig: { object_store: { enabled: true, connection: { secret: 'conn', key: 'connection' } } },
      },
    };
    // Helm ignores a key its chart does not have; gitlab-iac too, but says so, naming the key it most likely meant.
    const warnings: string[] = [];
    fromHelmValues({ ...values, registry: { enabled: false } }, { onWarning: (line) => warnings.push(line) });
    expect(warnings.find((w) => w.includes('global.psql.pasword'))).toContain('did you mean global.psql.password?');
  });

  it('matches case-insensitively and within two edits only', () => {
    expect(closest('NameSpace', ['namespace', 'edition'])).toBe('namespace');
    expect(closest('rplicas', ['replicas', 'resources'])).toBe('replicas');
    expect(closest('completely', ['replicas', 'resources'])).toBeUndefined();
    expect(closest('tg', ['tag', 'tls'])).toBe('tag');
  });
});
