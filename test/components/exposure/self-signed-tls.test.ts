import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GitLabConfigError, GitLabPlatformProps } from '../../../constructs';
import { placeholdersLeft } from '../../../constructs/secrets/external';
import { secretReferences } from '../../../constructs/secrets/references';
import { runCli } from '../../cli/run';
import { productionProps } from '../../support/fixtures';
import { KubeObject, synthPlatform } from '../../support/synth';

/**
 * `ingress.tls: { selfSigned: true }`: the chart's fallback without cert-manager (its shared-secrets Job makes a
 * self-signed wildcard certificate). The Ingresses serve it, every pod trusts its CA, `gitlab-iac secrets`
 * generates it, and a values file that leaves cert-manager off without naming a Secret gets the same.
 */

const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-self-signed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const podSpecs = (objects: KubeObject[]) => objects.flatMap((o) => {
  const spec = o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
  return spec ? [{ name: `${o.kind}/${o.metadata.name}`, spec }] : [];
});
/** Workloads whose `certificates` init container reads the projected CA volume holding `secret`. */
const trusting = (objects: KubeObject[], secret: string) => podSpecs(objects)
  .filter(({ spec }) => (spec.volumes ?? []).some((v: any) => v.name === 'custom-ca-certificates' && v.projected.sources.some((s: any) => s.secret?.name === secret))
    && (spec.initContainers ?? []).some((c: any) => c.name === 'certificates' && c.volumeMounts.some((m: any) => m.mountPath === '/usr/local/share/ca-certificates')))
  .map(({ name }) => name).sort();

describe('ingress.tls: { selfSigned: true }', () => {
  const props = (tls: unknown): GitLabPlatformProps => productionProps({ ingress: { tls: tls as never } });

  it('serves <release>-wildcard-tls on every Ingress and puts its CA in the trust store of every pod that has one', () => {
    const objects = synthPlatform(props({ selfSigned: true }));
    const ingresses = objects.filter((o) => o.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    for (const i of ingresses) expect(i.spec.tls.map((t: any) => t.secretName)).toEqual(['gitlab-wildcard-tls']);
    const withTrustStore = podSpecs(objects).filter(({ spec }) => (spec.initContainers ?? []).some((c: any) => c.name === 'certificates')).map(({ name }) => name).sort();
    expect(withTrustStore.length).toBeGreaterThan(5);
    expect(trusting(objects, 'gitlab-wildcard-tls-ca')).toEqual(withTrustStore);
  });

  it('names the Secrets after secretName when given', () => {
    const objects = synthPlatform(props({ selfSigned: true, secretName: 'trial-tls' }));
    expect(objects.filter((o) => o.kind === 'Ingress').flatMap((i) => i.spec.tls.map((t: any) => t.secretName))).toContain('trial-tls');
    expect(trusting(objects, 'trial-tls-ca').length).toBeGreaterThan(5);
  });

  it('is refused with anything but true, and with an ALB (which cannot serve a Kubernetes Secret)', () => {
    const issues = (p: GitLabPlatformProps) => {
      try {
        synthPlatform(p);
      } catch (e) {
        if (e instanceof GitLabConfigError) return e.issues.map((i) => `${i.path}: ${i.allowed}`);
        throw e;
      }
      return [];
    };
    expect(issues(props({ selfSigned: 'yes' }))).toEqual(['ingress.tls.selfSigned: true']);
    expect(issues(props({ selfSigned: true, secretName: 'Not_A_Name' }))[0]).toMatch(/^ingress\.tls\.secretName: /);
    expect(issues(productionProps({ ingress: { provider: 'alb', tls: { selfSigned: true } } }))[0]).toMatch(/^ingress\.tls: \{ certificateArn \} or false with provider alb/);
  });
});

describe('a values file with cert-manager off and no TLS Secret', () => {
  const values = join(work, 'values.yaml');
  writeFileSync(values, 'global:\n  hosts:\n    domain: example.org\n  ingress:\n    configureCertmanager: false\n');

  it('synthesizes the chart\'s self-signed fallback and says so', async () => {
    const out = join(work, 'synth');
    const run = await runCli('synth', '--values', values, '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('global.ingress.configureCertmanager: false without global.ingress.tls.secretName: the Ingresses serve a self-signed certificate (gitlab-wildcard-tls');
    const objects = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS()) as KubeObject[];
    expect(trusting(objects, 'gitlab-wildcard-tls-ca').length).toBeGreaterThan(5);
  });

  it('trusts the CA in the same workloads as the chart\'s render of a real file doing this (corpus 04-atlaminit)', async () => {
    const dir = join(__dirname, '..', '..', 'fixtures', 'values', 'corpus');
    const render = parseAllDocuments(gunzipSync(new Uint8Array(readFileSync(join(dir, '04-atlaminit.render.yaml.gz')))).toString('utf8')).map((d) => d.toJS()).filter(Boolean) as KubeObject[];
    const out = join(work, 'corpus');
    const run = await runCli('synth', '--values', join(dir, '04-atlaminit.yaml'), '--out', out);
    expect(run.code).toBe(0);
    const ours = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS()) as KubeObject[];
    // Same release, same names; migration Jobs without their content hash (ours are one per phase).
    const normalized = (names: string[]) => [...new Set(names.map((n) => n.replace(/^Job\/gitlab-migrations-.*$/, 'Job/gitlab-migrations')))];
    const chartTrusting = normalized(trusting(render, 'gitlab-wildcard-tls-ca'));
    expect(chartTrusting.length).toBeGreaterThan(5);
    expect(normalized(trusting(ours, 'gitlab-wildcard-tls-ca'))).toEqual(chartTrusting);
  });

  it('gets from `gitlab-iac secrets` the certificate, its CA and the chain, with no placeholder left', async () => {
    const run = await runCli('secrets', '--namespace', 'gitlab', '--values', values);
    expect(run.code).toBe(0);
    const docs = parseAllDocuments(run.stdout).map((d) => d.toJS()).filter(Boolean) as { metadata: { name: string; labels: Record<string, string> }; type: string; stringData: Record<string, string> }[];
    const byName = new Map(docs.map((d) => [d.metadata.name, d]));
    const tls = byName.get('gitlab-wildcard-tls')!;
    const ca = byName.get('gitlab-wildcard-tls-ca')!;
    const chain = byName.get('gitlab-wildcard-tls-chain')!;
    expect(tls.type).toBe('kubernetes.io/tls');
    for (const d of [tls, ca, chain]) expect(d.metadata.labels['gitlab-iac.io/secret']).toBe('generated');
    const caCert = new X509Certificate(ca.stringData.cfssl_ca);
    const leaf = new X509Certificate(tls.stringData['tls.crt']);
    expect(caCert.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(caCert.publicKey)).toBe(true);
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.checkPrivateKey(createPrivateKey(tls.stringData['tls.key']))).toBe(true);
    for (const host of ['example.org', 'gitlab.example.org', 'registry.example.org', 'kas.example.org', 'anything.example.org']) expect(leaf.checkHost(host)).toBeDefined();
    expect(leaf.checkHost('gitlab.example.com')).toBeUndefined();
    expect(chain.stringData['gitlab.example.org.crt']).toBe(ca.stringData.cfssl_ca + tls.stringData['tls.crt']);
    expect(placeholdersLeft(docs)).toEqual([]);
  });

  it('prints every Secret of the certificate the manifests read as generated, never as a skeleton to fill in', async () => {
    const out = join(work, 'refs');
    expect((await runCli('synth', '--values', values, '--out', out)).code).toBe(0);
    const objects = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS()) as KubeObject[];
    const secrets = await runCli('secrets', '--namespace', 'gitlab', '--values', values);
    const generated = new Set(parseAllDocuments(secrets.stdout).map((d) => d.toJS() as { metadata?: { name: string; labels: Record<string, string> } } | null)
      .filter((d) => d?.metadata?.labels['gitlab-iac.io/secret'] === 'generated').map((d) => d!.metadata!.name));
    const referenced = secretReferences(objects).map((r) => r.name).filter((n) => n.includes('wildcard'));
    expect(referenced.sort()).toEqual(['gitlab-wildcard-tls', 'gitlab-wildcard-tls-ca']);
    for (const name of referenced) expect(generated).toContain(name);
  });
});

describe('a values file with Ingresses off and cert-manager off', () => {
  it('still trusts the self-signed CA in every pod, as the chart does (its Job makes the certificate whatever global.ingress.enabled says)', async () => {
    const values = join(work, 'off.yaml');
    writeFileSync(values, 'global:\n  hosts:\n    domain: example.org\n  ingress:\n    enabled: false\n    configureCertmanager: false\n    tls: {}\n');
    const out = join(work, 'off');
    const run = await runCli('synth', '--values', values, '--out', out);
    expect(run.code).toBe(0);
    const objects = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS()) as KubeObject[];
    expect(objects.filter((o) => o.kind === 'Ingress')).toEqual([]);
    expect(trusting(objects, 'gitlab-wildcard-tls-ca').length).toBeGreaterThan(5);
  });

  it('trusts nothing extra when cert-manager stays on', async () => {
    const values = join(work, 'off-cm.yaml');
    writeFileSync(values, 'global:\n  hosts:\n    domain: example.org\n  ingress:\n    enabled: false\n');
    const out = join(work, 'off-cm');
    expect((await runCli('synth', '--values', values, '--out', out)).code).toBe(0);
    const objects = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS()) as KubeObject[];
    expect(trusting(objects, 'gitlab-wildcard-tls-ca')).toEqual([]);
  });
});
