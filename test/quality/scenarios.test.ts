import { describe, expect, it } from 'vitest';
import { podTemplateOf } from '../support/pod-security';
import { SCENARIOS, scenarioConfig, scenarioObjects } from '../support/scenarios';
import { KubeObject } from '../support/synth';

/** Each scenario really exercises what it is named for (so the platform-wide gates cover those paths). */

const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!;
const byApp = (objects: KubeObject[], app: string) => objects.filter((o) => o.metadata.labels?.app === app);
const podSpecs = (objects: KubeObject[]) => objects.flatMap((o) => {
  const pod = podTemplateOf(o);
  return pod ? [{ owner: o, spec: pod.spec }] : [];
});

describe('scenario minimal-ce', () => {
  const objects = () => scenarioObjects(scenario('minimal-ce'));

  it('runs CE images only', () => {
    const images = podSpecs(objects()).flatMap(({ spec }) => [...(spec.initContainers ?? []), ...spec.containers].map((c: any) => c.image as string));
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((i) => /-ee:/.test(i))).toEqual([]);
  });

  it('names and places every object after its own release and namespace', () => {
    expect(objects().every((o) => o.metadata.name.startsWith('code-') && o.metadata.namespace === 'devtools')).toBe(true);
  });
});

describe('scenario core-only', () => {
  const objects = () => scenarioObjects(scenario('core-only'));

  it.each(['kas', 'registry', 'gitlab-exporter'])('renders no %s object', (app) => {
    expect(byApp(objects(), app).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });
});

describe('scenario iam-cert-manager', () => {
  const objects = () => scenarioObjects(scenario('iam-cert-manager'));

  it('annotates the service accounts of object-storage users with their IAM role', () => {
    const roles = scenarioConfig(scenario('iam-cert-manager')).objectStorage.iamRoles!;
    const annotated = Object.fromEntries(objects().filter((o) => o.kind === 'ServiceAccount')
      .map((o) => [o.metadata.name, o.metadata.annotations?.['eks.amazonaws.com/role-arn']]));
    expect(annotated['gitlab-registry']).toBe(roles.registry);
    expect(Object.values(annotated).filter((arn) => arn === 'arn:aws:iam::123456789012:role/gitlab-object-storage').length).toBeGreaterThan(0);
  });

  it('asks cert-manager for a certificate on every Ingress', () => {
    const ingresses = objects().filter((o) => o.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    for (const ing of ingresses) {
      expect(ing.metadata.annotations?.['cert-manager.io/cluster-issuer'], ing.metadata.name).toBe('letsencrypt-prod');
      expect(ing.spec.tls?.[0]?.secretName, ing.metadata.name).toMatch(/^gitlab-.+-tls$/);
    }
  });

  it('pulls every image with the configured pull secret', () => {
    const pods = podSpecs(objects());
    expect(pods.filter(({ spec }) => !(spec.imagePullSecrets ?? []).some((s: any) => s.name === 'registry-credentials')).map(({ owner }) => owner.metadata.name)).toEqual([]);
  });
});

describe('scenario fixed-replicas-placement', () => {
  const objects = () => scenarioObjects(scenario('fixed-replicas-placement'));

  it('renders no HorizontalPodAutoscaler and a fixed replica count on every Deployment', () => {
    expect(objects().filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.metadata.name)).toEqual([]);
    expect(objects().filter((o) => o.kind === 'Deployment' && typeof o.spec.replicas !== 'number').map((o) => o.metadata.name)).toEqual([]);
  });

  it('schedules every pod with the platform node selector and toleration', () => {
    const pods = podSpecs(objects());
    expect(pods.filter(({ spec }) => spec.nodeSelector?.['node.kubernetes.io/pool'] !== 'gitlab'
      || !(spec.tolerations ?? []).some((t: any) => t.key === 'dedicated')).map(({ owner }) => owner.metadata.name)).toEqual([]);
  });

  it('gives webservice its own affinity, priority class and a zone spread over its own pods', () => {
    const web = objects().find((o) => o.kind === 'Deployment' && o.metadata.labels?.app === 'webservice')!;
    const spec = web.spec.template.spec;
    expect(web.spec.replicas).toBe(4);
    expect(spec.priorityClassName).toBe('gitlab-high');
    expect(spec.affinity.nodeAffinity).toBeDefined();
    expect(spec.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual(web.spec.selector.matchLabels);
  });
});

describe('scenario gateway-api-optional', () => {
  const objects = () => scenarioObjects(scenario('gateway-api-optional'));

  it('routes every web host with an HTTPRoute attached to the shared Gateway, and no Ingress', () => {
    const routes = objects().filter((o) => o.kind === 'HTTPRoute');
    expect(routes.length).toBeGreaterThanOrEqual(3);
    for (const r of routes) expect(r.spec.parentRefs.map((p: any) => `${p.namespace}/${p.name}`), r.metadata.name).toContain('gateways/edge');
    expect(objects().filter((o) => o.kind === 'Ingress')).toEqual([]);
  });

  it('creates the ACME Issuer and a Certificate per host', () => {
    expect(objects().filter((o) => o.kind === 'Issuer').length).toBe(1);
    expect(objects().filter((o) => o.kind === 'Certificate').length).toBeGreaterThanOrEqual(3);
  });

  it('exposes SSH through a TCPRoute', () => {
    expect(objects().filter((o) => o.kind === 'TCPRoute').length).toBe(1);
  });

  it.each(['praefect', 'gitlab-pages', 'spamcheck', 'mailroom'])('runs %s', (app) => {
    expect(byApp(objects(), app).filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet').length).toBeGreaterThan(0);
  });

  it('schedules backups with a CronJob', () => {
    expect(objects().filter((o) => o.kind === 'CronJob').length).toBe(1);
  });
});

describe('scenario alb-nlb', () => {
  const objects = () => scenarioObjects(scenario('alb-nlb'));

  it('gives every Ingress the alb class and the ACM certificate', () => {
    const ingresses = objects().filter((o) => o.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThanOrEqual(3);
    for (const ing of ingresses) {
      expect(ing.spec.ingressClassName, ing.metadata.name).toBe('alb');
      expect(ing.metadata.annotations?.['alb.ingress.kubernetes.io/certificate-arn'], ing.metadata.name).toMatch(/^arn:aws:acm:/);
    }
  });

  it('exposes SSH through a LoadBalancer Service', () => {
    const ssh = objects().find((o) => o.kind === 'Service' && o.metadata.labels?.app === 'gitlab-shell' && o.spec.type === 'LoadBalancer');
    expect(ssh).toBeDefined();
  });
});
