import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importHelmValues } from '../../constructs';
import { GitLabConfigError } from '../../constructs/config/errors';
import { resolveConfig } from '../../constructs/config/resolve';
import { productionProps } from '../support/fixtures';
import { KubeObject, synthPlatform } from '../support/synth';
import { issuePaths, refusal, withValues } from './helpers';

/**
 * The chart's image keys (per-component `image.*`, workhorse's, the base and certificates images, `global.image.registry`
 * and a digest for Spamcheck, a component's pull Secret) give the images the chart's render gives (images.render.yaml).
 */
const DIR = join(__dirname, '..', 'fixtures', 'values', 'images');
const values = parse(readFileSync(join(DIR, 'images.yaml'), 'utf8'));
const chart = parse(readFileSync(join(DIR, 'images.render.yaml'), 'utf8')) as Record<string, any>;

function containers(objects: KubeObject[]): Record<string, any> {
  const out: Record<string, any> = {};
  for (const o of objects.filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet')) {
    const spec = o.spec.template.spec;
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) out[`${o.kind}/${o.metadata.name}/${c.name}`] = c;
    out[`${o.kind}/${o.metadata.name}/imagePullSecrets`] = spec.imagePullSecrets ?? [];
  }
  return out;
}

describe('image keys of the chart', () => {
  const ours = containers(synthPlatform(importHelmValues(values).props));

  it.each(Object.keys(chart).filter((k) => !k.endsWith('/imagePullSecrets')))('%s runs the chart\'s image', (key) => {
    expect(ours[key], `${key} exists`).toBeDefined();
    expect(ours[key].image).toBe(chart[key].image);
    // The chart leaves the pull policy to Kubernetes (IfNotPresent for a pinned tag) unless the values set one.
    expect(ours[key].imagePullPolicy).toBe(chart[key].imagePullPolicy ?? 'IfNotPresent');
  });

  it('a component\'s pull Secret reaches its pods (gitlab-iac gives it to every pod of the platform)', () => {
    for (const [key, secrets] of Object.entries(chart).filter(([k]) => k.endsWith('/imagePullSecrets'))) {
      expect(ours[key]).toEqual(expect.arrayContaining(secrets));
    }
  });

  it('a digest pins the image in the typed API too', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const objects = synthPlatform(productionProps({ images: { gitaly: { tag: 'v18.9.1', digest } } }));
    expect(containers(objects)['StatefulSet/gitlab-gitaly/gitaly'].image).toBe(`registry.gitlab.com/gitlab-org/build/cng/gitaly:v18.9.1@${digest}`);
  });

  it('refuses a digest that is not one, and a moving tag, naming the setting', () => {
    try {
      resolveConfig(productionProps({ images: { gitaly: { digest: 'latest' }, kas: { tag: 'master' } } }));
      expect.unreachable();
    } catch (e) {
      expect((e as GitLabConfigError).issues.map((i) => i.path).sort()).toEqual(['images.gitaly.digest', 'images.kas.tag']);
    }
  });

  it('refuses two keys naming one image with different values (toolbox and migrations)', () => {
    const e = refusal(withValues({ gitlab: { toolbox: { image: { tag: 'v18.9.1-a' } }, migrations: { image: { tag: 'v18.9.1-b' } } } }));
    expect(issuePaths(e)).toEqual(['gitlab.migrations.image.tag']);
  });

  it('a component\'s init image replaces the base image in its configure container only (typed: components.<name>.initImage)', () => {
    const { props } = importHelmValues(withValues({ gitlab: { toolbox: { init: { image: { tag: 'v18.9.1-x' } } } } }));
    const all = containers(synthPlatform(props));
    expect(all['Deployment/gitlab-toolbox/configure'].image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-base:v18.9.1-x');
    expect(all['Deployment/gitlab-gitlab-shell/configure'].image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-base:v18.9.1');
  });

  it('refuses the migrations Job\'s own init image, naming the base image key instead', () => {
    const e = refusal(withValues({ gitlab: { migrations: { init: { image: { tag: 'v18.9.1-x' } } } } }));
    expect(e.issues.find((i) => i.path === 'gitlab.migrations.init.image.tag')?.fix).toContain('global.gitlabBase.image');
  });
});
