import { describe, expect, it } from 'vitest';
import { fromHelmValues } from '../../constructs';
import { withValues } from './helpers';

const warningsOf = (values: Record<string, any>) => {
  const lines: string[] = [];
  fromHelmValues(values, { onWarning: (l) => lines.push(l) });
  return lines;
};

describe('gitlab-shell\'s Traefik route keys', () => {
  const traefikEntry = { gitlab: { 'gitlab-shell': { traefik: { entrypoint: 'gitlab-ssh' } } } };

  it('do nothing without the Traefik provider, in the chart and here: accepted without a word', () => {
    expect(warningsOf(withValues(traefikEntry)).filter((l) => l.includes('traefik'))).toEqual([]);
  });

  it('with the Traefik provider, are ignored with a warning saying how SSH reaches gitlab-shell instead', () => {
    const lines = warningsOf(withValues({ ...traefikEntry, global: { ingress: { provider: 'traefik' } } }));
    const line = lines.find((l) => l.includes('gitlab.gitlab-shell.traefik.entrypoint'));
    expect(line).toMatch(/IngressRouteTCP/);
    expect(line).toMatch(/service\.type LoadBalancer/);
  });
});
