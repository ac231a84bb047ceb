import { describe, expect, it } from 'vitest';
import { fromHelmValues } from '../../constructs';
import { withValues } from './helpers';

describe('keys the chart still reads under older names', () => {
  it('global.redis.password, when set, names the Redis password instead of global.redis.auth (as the chart merges them)', () => {
    const props = fromHelmValues(withValues({ global: { redis: { auth: undefined, password: { enabled: true, secret: 'old-redis', key: 'pw' } } } }));
    expect(props.redis?.password).toEqual({ name: 'old-redis', key: 'pw' });
  });

  it('global.redis.password.enabled: false turns AUTH off, as auth.enabled: false does', () => {
    const props = fromHelmValues(withValues({ global: { redis: { auth: undefined, password: { enabled: false } } } }));
    expect(props.redis?.password).toBeUndefined();
  });

  it('webservice ingress.requireBasePath does nothing in chart 9.9.1 (its check reads requireBaseBath): accepted', () => {
    const lines: string[] = [];
    fromHelmValues(withValues({ gitlab: { webservice: { ingress: { requireBasePath: false } } } }), { onWarning: (l) => lines.push(l) });
    expect(lines.filter((l) => l.includes('requireBasePath'))).toEqual([]);
  });
});
