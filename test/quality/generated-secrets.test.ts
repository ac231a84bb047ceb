import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSharedSecrets, SecretManifest } from '../../constructs/secrets/generate';
import { KUBERNETES_VERSIONS, validateObjects } from '../support/kube-schema';
import { podTemplateOf } from '../support/pod-security';
import { SCENARIOS, scenarioConfig, scenarioObjects, scenarioYaml } from '../support/scenarios';

/**
 * The secrets generator (`cli secrets`) and the manifests fit together: it creates every shared Secret and key
 * the pods read, and none of the values it generates ever shows up in a manifest.
 */

/** Pieces of a generated value long enough to be unmistakable: the value, its lines, and YAML leaves inside it. */
function fragments(value: string): string[] {
  const out = new Set<string>([value]);
  for (const line of value.split('\n')) if (!line.startsWith('-----') && line.trim().length >= 16) out.add(line.trim());
  try {
    const walk = (n: unknown): void => {
      if (typeof n === 'string' && n.length >= 16) out.add(n);
      else if (n && typeof n === 'object') Object.values(n).forEach(walk);
    };
    walk(parse(value));
  } catch { /* not YAML */ }
  return [...out].filter((f) => f.length >= 16);
}

describe.each(SCENARIOS.filter((s) => ['production', 'minimal-ce'].includes(s.name)))('scenario $name', (scenario) => {
  let generated: SecretManifest[];
  beforeAll(async () => {
    const config = scenarioConfig(scenario);
    generated = await generateSharedSecrets({ namespace: config.namespace, releaseName: config.release });
  });

  it('generates Secrets that are schema-valid on every Kubernetes version', () => {
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(generated, version)).toEqual([]);
  });

  it('generates every shared Secret and key a pod of the platform reads', () => {
    const shared = new Set(Object.values(scenarioConfig(scenario).secrets));
    const keysOf = new Map(generated.map((s) => [s.metadata.name, new Set(Object.keys(s.stringData))]));
    const reads = scenarioObjects(scenario).flatMap((o) => {
      const pod = podTemplateOf(o);
      if (!pod) return [];
      const sources = (pod.spec.volumes ?? []).flatMap((v: any) => [
        ...(v.secret ? [{ name: v.secret.secretName, items: v.secret.items, optional: v.secret.optional }] : []),
        ...(v.projected?.sources ?? []).filter((s: any) => s.secret).map((s: any) => s.secret),
      ]);
      return sources.filter((s: any) => shared.has(s.name) && !s.optional).map((s: any) => ({ owner: `${o.kind}/${o.metadata.name}`, ...s }));
    });
    expect(reads.length).toBeGreaterThan(0);
    const missing = reads.flatMap((s: any) => {
      const keys = keysOf.get(s.name);
      if (!keys) return [`${s.owner} reads Secret ${s.name}, which the generator does not create`];
      return (s.items ?? []).filter((i: any) => !keys.has(i.key)).map((i: any) => `${s.owner} reads ${s.name}[${i.key}], which the generator does not write`);
    });
    expect(missing).toEqual([]);
  });

  it('puts none of the generated values in any manifest', () => {
    const yaml = scenarioYaml(scenario);
    const leaked = generated.flatMap((s) => Object.entries(s.stringData).flatMap(([key, value]) =>
      fragments(value).filter((f) => yaml.includes(f)).map(() => `${s.metadata.name}[${key}]`)));
    expect(fragments(generated[0].stringData[Object.keys(generated[0].stringData)[0]]).length).toBeGreaterThan(0);
    expect([...new Set(leaked)]).toEqual([]);
  });
});
