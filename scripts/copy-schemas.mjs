// Copies the vendored schemas the testing helpers (gitlab-iac/testing, `validateSynth`) need into the package:
// the Kubernetes OpenAPI definitions (gzipped, pruned) and the CRDs of the kinds the constructs emit. The CRDs only
// the tests use (External Secrets, CloudNativePG) stay out: they are large and the constructs never emit them.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const from = 'test/fixtures';
const to = 'build/constructs/testing/schemas';
const SHIPPED_CRD_GROUPS = ['cert-manager.io', 'gateway.networking.k8s.io', 'monitoring.coreos.com', 'keda.sh', 'source.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io', 'notification.toolkit.fluxcd.io'];

rmSync(to, { recursive: true, force: true });
mkdirSync(join(to, 'kubernetes-schemas'), { recursive: true });
for (const f of readdirSync(join(from, 'kubernetes-schemas')).filter((f) => f.endsWith('.json.gz'))) {
  copyFileSync(join(from, 'kubernetes-schemas', f), join(to, 'kubernetes-schemas', f));
}
mkdirSync(join(to, 'crd-schemas'), { recursive: true });
const index = JSON.parse(readFileSync(join(from, 'crd-schemas', 'index.json'), 'utf8'));
const shipped = Object.fromEntries(Object.entries(index).filter(([gvk]) => SHIPPED_CRD_GROUPS.includes(gvk.split('/')[0])));
for (const file of new Set(Object.values(shipped))) {
  mkdirSync(dirname(join(to, 'crd-schemas', file)), { recursive: true });
  copyFileSync(join(from, 'crd-schemas', file), join(to, 'crd-schemas', file));
}
writeFileSync(join(to, 'crd-schemas', 'index.json'), `${JSON.stringify(shipped, null, 2)}\n`);
