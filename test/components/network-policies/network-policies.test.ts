import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { allows, Endpoint, networkPolicies, podsOf, selects } from '../../support/network-policy';
import { find, KubeObject, synthPlatform } from '../../support/synth';
import { INCOMING, withComponents } from '../optional/fixtures';
import { praefectProps } from '../praefect/props';

const base = productionProps();
const objects = synthPlatform(base);
const policies = networkPolicies(objects);

/** One pod of each platform component, as its workload labels it. */
function podsByApp(objs: KubeObject[]): Map<string, Endpoint> {
  const pods = new Map<string, Endpoint>();
  for (const pod of podsOf(objs)) if (!pods.has(pod.labels.app)) pods.set(pod.labels.app, { namespace: pod.namespace, labels: pod.labels });
  return pods;
}
const pods = podsByApp(objects);
const pod = (app: string, pds = pods) => {
  const p = pds.get(app);
  if (!p) throw new Error(`no ${app} pod`);
  return p;
};
const tcp = (from: Endpoint, to: Endpoint, port: number, pols = policies) => allows(pols, { from, to, port });

const INGRESS_CONTROLLER: Endpoint = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
const PROMETHEUS: Endpoint = { namespace: 'monitoring', labels: { app: 'prometheus' } };
const KUBE_DNS: Endpoint = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
const STRANGER: Endpoint = { namespace: 'default', labels: { app: 'curl' } };
const INTERNET: Endpoint = { ip: '203.0.113.7' };
const DATABASE: Endpoint = { ip: '10.0.5.10' };

/** The platform's flows between its own pods (contract §4): client, server, pod port. */
const INTERNAL_FLOWS: readonly [string, string, number][] = [
  ...['webservice', 'sidekiq', 'toolbox', 'migrations', 'gitlab-shell', 'kas'].map((c) => [c, 'gitaly', 8075] as [string, string, number]),
  ['gitaly', 'webservice', 8181], ['gitlab-shell', 'webservice', 8181], ['kas', 'webservice', 8181],
  ['webservice', 'kas', 8153], ['sidekiq', 'kas', 8153], ['toolbox', 'kas', 8153],
  ['kas', 'kas', 8155],
  ['webservice', 'registry', 5000], ['sidekiq', 'registry', 5000], ['toolbox', 'registry', 5000],
];

/** Every port any platform pod declares or any policy names. */
function candidatePorts(objs: KubeObject[]): number[] {
  const ports = new Set<number>();
  for (const o of objs) {
    const spec = o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec?.template?.spec;
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) for (const p of c.ports ?? []) ports.add(p.containerPort);
    if (o.kind === 'NetworkPolicy') for (const r of [...(o.spec.ingress ?? []), ...(o.spec.egress ?? [])]) for (const p of r.ports ?? []) ports.add(p.port);
  }
  return [...ports].sort((a, b) => a - b);
}

describe('deny by default', () => {
  const deny = find(objects, 'NetworkPolicy', 'gitlab-default-deny');

  it('one policy selects every platform pod and allows nothing in either direction', () => {
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
    const unselected = podsOf(objects).filter((p) => !selects(deny.spec.podSelector, p.labels)).map((p) => p.workload);
    expect(unselected).toEqual([]);
  });

  it('every platform pod also has exactly one policy of its own, for ingress and egress', () => {
    for (const p of podsOf(objects)) {
      const own = policies.filter((np) => np !== deny && selects(np.spec.podSelector, p.labels));
      expect(own.map((np) => np.metadata.name), p.workload).toEqual([`gitlab-${p.labels.app}`]);
      expect(own[0].spec.policyTypes).toEqual(['Ingress', 'Egress']);
    }
  });

  it('selects pods by the selector labels (app + release), never by the version label', () => {
    for (const np of policies) {
      expect(Object.keys(np.spec.podSelector.matchLabels ?? {}).sort()).toEqual(np === deny ? ['release'] : ['app', 'release']);
    }
  });

  it('no rule lists an empty set of peers (which would allow everyone)', () => {
    for (const np of policies) {
      for (const r of np.spec.ingress ?? []) expect(r.from?.length, np.metadata.name).toBeGreaterThan(0);
      for (const r of np.spec.egress ?? []) expect(r.to?.length, np.metadata.name).toBeGreaterThan(0);
    }
  });
});

describe('flows between the platform\'s pods', () => {
  it.each(INTERNAL_FLOWS)('%s reaches %s on %i', (from, to, port) => {
    expect(tcp(pod(from), pod(to), port)).toBe(true);
  });

  it('allows nothing else between platform pods, on any port they declare', () => {
    const expected = new Set(INTERNAL_FLOWS.map(([f, t, p]) => `${f}->${t}:${p}`));
    const allowed: string[] = [];
    for (const [fromApp, from] of pods) {
      for (const [toApp, to] of pods) {
        for (const port of candidatePorts(objects)) if (tcp(from, to, port)) allowed.push(`${fromApp}->${toApp}:${port}`);
      }
    }
    expect(allowed.filter((f) => !expected.has(f))).toEqual([]);
    expect(allowed.length).toBe(expected.size);
  });

  it('Workhorse, not Puma, is the only webservice port other pods reach', () => {
    expect(tcp(pod('gitaly'), pod('webservice'), 8080)).toBe(false);
    expect(tcp(pod('gitaly'), pod('webservice'), 8181)).toBe(true);
  });
});

describe('traffic from outside the platform', () => {
  it('the ingress controller reaches the web backends: Workhorse 8181, registry 5000, kas 8150 and 8154', () => {
    expect(tcp(INGRESS_CONTROLLER, pod('webservice'), 8181)).toBe(true);
    expect(tcp(INGRESS_CONTROLLER, pod('registry'), 5000)).toBe(true);
    expect(tcp(INGRESS_CONTROLLER, pod('kas'), 8150)).toBe(true);
    expect(tcp(INGRESS_CONTROLLER, pod('kas'), 8154)).toBe(true);
  });

  it('the ingress controller reaches nothing else (not Gitaly, not Puma, not the kas internal API)', () => {
    expect(tcp(INGRESS_CONTROLLER, pod('gitaly'), 8075)).toBe(false);
    expect(tcp(INGRESS_CONTROLLER, pod('webservice'), 8080)).toBe(false);
    expect(tcp(INGRESS_CONTROLLER, pod('kas'), 8153)).toBe(false);
  });

  it('SSH on a ClusterIP Service is reachable from the NGINX controller (its TCP proxy), on the daemon port 2222', () => {
    expect(tcp(INGRESS_CONTROLLER, pod('gitlab-shell'), 2222)).toBe(true);
    expect(tcp(INTERNET, pod('gitlab-shell'), 2222)).toBe(false);
  });

  it('other namespaces and the internet reach nothing', () => {
    for (const [, p] of pods) {
      for (const port of candidatePorts(objects)) {
        expect(tcp(STRANGER, p, port)).toBe(false);
        expect(tcp(INTERNET, p, port)).toBe(false);
      }
    }
  });

  it('Prometheus in namespace monitoring scrapes each metrics port, and only those', () => {
    const metrics: [string, number][] = [['webservice', 8083], ['sidekiq', 3807], ['gitaly', 9236], ['kas', 8151], ['gitlab-exporter', 9168]];
    for (const [app, port] of metrics) expect(tcp(PROMETHEUS, pod(app), port), `${app}:${port}`).toBe(true);
    expect(tcp(PROMETHEUS, pod('gitaly'), 8075)).toBe(false);
    expect(tcp(PROMETHEUS, pod('webservice'), 8181)).toBe(false);
  });

  it('the monitoring peers are configurable, and [] allows no scrape', () => {
    const custom = networkPolicies(synthPlatform(productionProps({ networkPolicies: { metricsFrom: [{ namespace: 'observability', podLabels: { app: 'prometheus' } }] } })));
    expect(tcp({ namespace: 'observability', labels: { app: 'prometheus' } }, pod('gitlab-exporter'), 9168, custom)).toBe(true);
    expect(tcp({ namespace: 'observability', labels: { app: 'grafana' } }, pod('gitlab-exporter'), 9168, custom)).toBe(false);
    expect(tcp(PROMETHEUS, pod('gitlab-exporter'), 9168, custom)).toBe(false);
    const none = networkPolicies(synthPlatform(productionProps({ networkPolicies: { metricsFrom: [] } })));
    expect(tcp(PROMETHEUS, pod('gitlab-exporter'), 9168, none)).toBe(false);
    expect(find(none, 'NetworkPolicy', 'gitlab-gitlab-exporter').spec.ingress).toBeUndefined();
  });
});

describe('traffic to outside the platform', () => {
  it('every pod resolves names through kube-dns, over UDP and TCP 53', () => {
    for (const [app, p] of pods) {
      expect(allows(policies, { from: p, to: KUBE_DNS, port: 53, protocol: 'UDP' }), app).toBe(true);
      expect(allows(policies, { from: p, to: KUBE_DNS, port: 53, protocol: 'TCP' }), app).toBe(true);
      expect(allows(policies, { from: p, to: { namespace: 'kube-system', labels: { app: 'other' } }, port: 53, protocol: 'UDP' }), app).toBe(false);
    }
  });

  it('the Rails pods and gitlab-exporter reach PostgreSQL on its port; nobody else does', () => {
    const clients = ['webservice', 'sidekiq', 'toolbox', 'migrations', 'gitlab-exporter'];
    for (const [app, p] of pods) expect(tcp(p, DATABASE, 5432), app).toBe(clients.includes(app));
  });

  it('the Rails pods, gitlab-exporter and kas reach Redis on its port', () => {
    const clients = ['webservice', 'sidekiq', 'toolbox', 'migrations', 'gitlab-exporter', 'kas'];
    for (const [app, p] of pods) expect(tcp(p, DATABASE, 6379), app).toBe(clients.includes(app));
  });

  it('the Rails pods and the registry reach object storage on 443', () => {
    const clients = ['webservice', 'sidekiq', 'toolbox', 'migrations', 'registry'];
    for (const [app, p] of pods) expect(tcp(p, { ip: '52.216.0.1' }, 443), app).toBe(clients.includes(app));
  });

  it('no pod reaches any other outside port (no SSH, HTTP or SMTP out)', () => {
    for (const [app, p] of pods) {
      for (const port of [22, 25, 80, 587, 8080]) expect(tcp(p, INTERNET, port), `${app}:${port}`).toBe(false);
    }
  });

  it('the ports follow the PostgreSQL and Redis settings', () => {
    const custom = networkPolicies(synthPlatform(productionProps({ postgres: { ...base.postgres, port: 6432 }, redis: { ...base.redis, port: 6380 } })));
    expect(tcp(pod('webservice'), DATABASE, 6432, custom)).toBe(true);
    expect(tcp(pod('webservice'), DATABASE, 5432, custom)).toBe(false);
    expect(tcp(pod('kas'), DATABASE, 6380, custom)).toBe(true);
  });

  it('PostgreSQL, Redis and object storage can be narrowed to their address ranges', () => {
    const narrowed = networkPolicies(synthPlatform(productionProps({
      networkPolicies: { postgres: { cidrs: ['10.0.5.0/24'] }, redis: { cidrs: ['10.0.6.0/24'] }, objectStorage: { cidrs: ['10.0.7.0/24'], ports: [443, 9000] } },
    })));
    expect(tcp(pod('webservice'), { ip: '10.0.5.10' }, 5432, narrowed)).toBe(true);
    expect(tcp(pod('webservice'), { ip: '10.0.6.10' }, 5432, narrowed)).toBe(false);
    expect(tcp(pod('webservice'), { ip: '10.0.6.10' }, 6379, narrowed)).toBe(true);
    expect(tcp(pod('registry'), { ip: '10.0.7.10' }, 9000, narrowed)).toBe(true);
    expect(tcp(pod('registry'), INTERNET, 443, narrowed)).toBe(false);
  });

  it('extra egress goes to the listed components only', () => {
    const extra = networkPolicies(synthPlatform(productionProps({
      networkPolicies: { extraEgress: [{ components: ['sidekiq', 'gitaly'], to: [{ cidr: '0.0.0.0/0' }], ports: [22, 587] }] },
    })));
    expect(tcp(pod('sidekiq'), INTERNET, 587, extra)).toBe(true);
    expect(tcp(pod('gitaly'), INTERNET, 22, extra)).toBe(true);
    expect(tcp(pod('webservice'), INTERNET, 587, extra)).toBe(false);
  });
});

describe('flows follow the configuration', () => {
  it('turning kas off removes its policy and every flow to it', () => {
    const objs = synthPlatform(productionProps({ components: { ...base.components, kas: { enabled: false } } }));
    const pols = networkPolicies(objs);
    expect(pols.map((p) => p.metadata.name)).not.toContain('gitlab-kas');
    expect(find(objs, 'NetworkPolicy', 'gitlab-default-deny').spec.podSelector.matchExpressions[0].values).not.toContain('kas');
    const kasPod: Endpoint = { namespace: 'gitlab', labels: { app: 'kas', release: 'gitlab' } };
    expect(tcp(pod('webservice', podsByApp(objs)), kasPod, 8153, pols)).toBe(false);
  });

  it('gitlab-sshd opens its metrics port 9122 to Prometheus', () => {
    const objs = synthPlatform(productionProps({ components: { ...base.components, gitlabShell: { sshDaemon: 'gitlab-sshd' } } }));
    expect(tcp(PROMETHEUS, pod('gitlab-shell', podsByApp(objs)), 9122, networkPolicies(objs))).toBe(true);
    expect(tcp(PROMETHEUS, pod('gitlab-shell'), 9122)).toBe(false);
  });

  it('with Praefect, Gitaly clients reach Praefect, Praefect its Gitaly pods and its database', () => {
    const objs = synthPlatform(praefectProps());
    const pols = networkPolicies(objs);
    const ps = podsByApp(objs);
    expect(tcp(pod('webservice', ps), pod('praefect', ps), 8075, pols)).toBe(true);
    expect(tcp(pod('gitlab-shell', ps), pod('praefect', ps), 8075, pols)).toBe(true);
    expect(tcp(pod('praefect', ps), pod('gitaly', ps), 8075, pols)).toBe(true);
    expect(tcp(pod('gitaly', ps), pod('gitaly', ps), 8075, pols)).toBe(true);
    expect(tcp(pod('webservice', ps), pod('gitaly', ps), 8075, pols)).toBe(false);
    expect(tcp(pod('praefect', ps), DATABASE, 5432, pols)).toBe(true);
    expect(allows(pols, { from: pod('praefect', ps), to: INTERNET, port: 123, protocol: 'UDP' })).toBe(true);
    expect(tcp(PROMETHEUS, pod('praefect', ps), 9236, pols)).toBe(true);
    expect(podsOf(objs).filter((p) => !selects(find(objs, 'NetworkPolicy', 'gitlab-default-deny').spec.podSelector, p.labels))).toEqual([]);
  });

  it('networkPolicies: false creates none', () => {
    expect(networkPolicies(synthPlatform(productionProps({ networkPolicies: false })))).toEqual([]);
  });
});

describe('optional components and the servers the settings name', () => {
  const objs = synthPlatform(withComponents({ gitlabPages: { enabled: true }, spamcheck: { enabled: true } }, {
    email: { smtp: { address: 'email-smtp.us-east-1.amazonaws.com', port: 2587 }, incoming: INCOMING },
    ldap: { servers: { main: { host: 'ldap.example.com', port: 636, base: 'dc=example,dc=com', encryption: 'simple_tls' } } },
  }));
  const pols = networkPolicies(objs);
  const ps = podsByApp(objs);

  it('every pod, optional ones included, is confined', () => {
    const deny = find(objs, 'NetworkPolicy', 'gitlab-default-deny');
    expect(podsOf(objs).filter((p) => !selects(deny.spec.podSelector, p.labels)).map((p) => p.workload)).toEqual([]);
    expect([...ps.keys()]).toEqual(expect.arrayContaining(['gitlab-pages', 'mailroom', 'spamcheck']));
  });

  it('Pages: sites through the ingress, the internal API through Workhorse, deployments from object storage', () => {
    expect(tcp(INGRESS_CONTROLLER, pod('gitlab-pages', ps), 8090, pols)).toBe(true);
    expect(tcp(pod('gitlab-pages', ps), pod('webservice', ps), 8181, pols)).toBe(true);
    expect(tcp(pod('gitlab-pages', ps), { ip: '52.216.0.1' }, 443, pols)).toBe(true);
    expect(tcp(PROMETHEUS, pod('gitlab-pages', ps), 9235, pols)).toBe(true);
    expect(tcp(pod('gitlab-pages', ps), pod('gitaly', ps), 8075, pols)).toBe(false);
  });

  it('Pages with custom domains is reached from any address through its own load balancer', () => {
    const custom = synthPlatform(withComponents({ gitlabPages: { enabled: true, customDomains: {} } }));
    expect(tcp(INTERNET, pod('gitlab-pages', podsByApp(custom)), 8090, networkPolicies(custom))).toBe(true);
  });

  it('spamcheck answers Rails on 8001 and nobody else', () => {
    expect(tcp(pod('webservice', ps), pod('spamcheck', ps), 8001, pols)).toBe(true);
    expect(tcp(pod('sidekiq', ps), pod('spamcheck', ps), 8001, pols)).toBe(true);
    expect(tcp(pod('gitaly', ps), pod('spamcheck', ps), 8001, pols)).toBe(false);
  });

  it('mailroom reads its IMAP mailbox, arbitrates through Redis and delivers to Workhorse', () => {
    expect(tcp(pod('mailroom', ps), INTERNET, 993, pols)).toBe(true);
    expect(tcp(pod('mailroom', ps), DATABASE, 6379, pols)).toBe(true);
    expect(tcp(pod('mailroom', ps), pod('webservice', ps), 8181, pols)).toBe(true);
    expect(tcp(pod('mailroom', ps), DATABASE, 5432, pols)).toBe(false);
  });

  it('Rails reaches the SMTP and LDAP servers on their ports', () => {
    expect(tcp(pod('sidekiq', ps), INTERNET, 2587, pols)).toBe(true);
    expect(tcp(pod('webservice', ps), INTERNET, 636, pols)).toBe(true);
    expect(tcp(pod('gitaly', ps), INTERNET, 2587, pols)).toBe(false);
  });
});

describe('who reaches the web backends depends on the exposure', () => {
  it('with an ALB: its addresses (any, unless the VPC is known) reach the traffic ports, never a debug or metrics port', () => {
    const objs = synthPlatform(productionProps({ ingress: { provider: 'alb', tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' } } }));
    const pols = networkPolicies(objs);
    const alb: Endpoint = { ip: '10.0.1.25' };
    expect(tcp(alb, pod('webservice'), 8181, pols)).toBe(true);
    expect(tcp(alb, pod('registry'), 5000, pols)).toBe(true);
    expect(tcp(alb, pod('kas'), 8150, pols)).toBe(true);
    expect(tcp(alb, pod('registry'), 5001, pols)).toBe(false);
    expect(tcp(alb, pod('kas'), 8151, pols)).toBe(false);
    expect(tcp(alb, pod('webservice'), 8083, pols)).toBe(false);
    expect(tcp(alb, pod('gitaly'), 8075, pols)).toBe(false);
  });

  it('with an ALB and known VPC ranges (vpcCidrs): the VPC replaces any address as the ALB\'s sources and the data services\' destinations', () => {
    const objs = synthPlatform(productionProps({
      ingress: { provider: 'alb', tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' } },
      networkPolicies: { vpcCidrs: ['10.0.0.0/16'] },
    }));
    const pols = networkPolicies(objs);
    expect(tcp({ ip: '10.0.1.25' }, pod('webservice'), 8181, pols)).toBe(true);
    expect(tcp(INTERNET, pod('webservice'), 8181, pols)).toBe(false);
    expect(pols.flatMap((p) => (p.spec.ingress ?? []).flatMap((r: any) => r.from ?? [])).filter((peer: any) => peer.ipBlock?.cidr === '0.0.0.0/0')).toEqual([]);
    expect(tcp(pod('webservice'), { ip: '10.0.3.4' }, 5432, pols)).toBe(true);
    expect(tcp(pod('webservice'), INTERNET, 5432, pols)).toBe(false);
  });

  it('outbound presets: repository mirroring from Gitaly (and Sidekiq for LFS), webhooks from Sidekiq, never the metadata endpoint', () => {
    const closed = networkPolicies(synthPlatform(productionProps()));
    expect(tcp(pod('gitaly'), INTERNET, 443, closed)).toBe(false);
    expect(tcp(pod('sidekiq'), INTERNET, 8443, closed)).toBe(false);
    const objs = synthPlatform(productionProps({ networkPolicies: { outbound: { repositoryMirroring: true, webhooks: { ports: [8443], cidrs: ['198.51.100.0/24'] } } } }));
    const pols = networkPolicies(objs);
    expect(tcp(pod('gitaly'), INTERNET, 443, pols)).toBe(true);
    expect(tcp(pod('gitaly'), INTERNET, 22, pols)).toBe(true);
    expect(tcp(pod('gitaly'), { ip: '169.254.169.254' }, 443, pols)).toBe(false);
    expect(tcp(pod('sidekiq'), { ip: '198.51.100.7' }, 8443, pols)).toBe(true);
    expect(tcp(pod('sidekiq'), { ip: '203.0.113.9' }, 8443, pols)).toBe(false);
    expect(tcp(pod('webservice'), { ip: '198.51.100.7' }, 8443, pols)).toBe(true);
  });

  it('with an ALB narrowed to the VPC CIDR, other addresses are refused', () => {
    const objs = synthPlatform(productionProps({
      ingress: { provider: 'alb', tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' } },
      networkPolicies: { ingressFrom: [{ cidr: '10.0.0.0/16' }] },
    }));
    expect(tcp({ ip: '10.0.1.25' }, pod('webservice'), 8181, networkPolicies(objs))).toBe(true);
    expect(tcp(INTERNET, pod('webservice'), 8181, networkPolicies(objs))).toBe(false);
  });

  it('with the Gateway API: pods of the Gateway\'s namespace', () => {
    const objs = synthPlatform(productionProps({ ingress: { provider: 'gateway-api', gatewayApi: { gateway: { name: 'edge', namespace: 'gateways' } } } }));
    const pols = networkPolicies(objs);
    expect(tcp({ namespace: 'gateways', labels: {} }, pod('webservice'), 8181, pols)).toBe(true);
    expect(tcp(INGRESS_CONTROLLER, pod('webservice'), 8181, pols)).toBe(false);
  });

  it('SSH through an NLB is open to any address; through a TCPRoute to the Gateway\'s namespace', () => {
    const nlb = networkPolicies(synthPlatform(productionProps({ components: { ...base.components, gitlabShell: { expose: { via: 'aws-nlb' } } } })));
    expect(tcp(INTERNET, pod('gitlab-shell'), 2222, nlb)).toBe(true);
    expect(tcp(INTERNET, pod('gitlab-shell'), 22, nlb)).toBe(false);
    const route = networkPolicies(synthPlatform(productionProps({
      ingress: { provider: 'gateway-api', gatewayApi: { gateway: { name: 'edge', namespace: 'gateways' } } },
      components: { ...base.components, gitlabShell: { expose: { via: 'tcp-route' } } },
    })));
    expect(tcp({ namespace: 'gateways', labels: {} }, pod('gitlab-shell'), 2222, route)).toBe(true);
    expect(tcp(INTERNET, pod('gitlab-shell'), 2222, route)).toBe(false);
  });

  it('with ingress turned off, nobody reaches the web backends unless ingressFrom says who', () => {
    const off = networkPolicies(synthPlatform(productionProps({ ingress: { enabled: false } })));
    expect(tcp(INGRESS_CONTROLLER, pod('webservice'), 8181, off)).toBe(false);
    const own = networkPolicies(synthPlatform(productionProps({ ingress: { enabled: false }, networkPolicies: { ingressFrom: [{ namespace: 'proxy' }] } })));
    expect(tcp({ namespace: 'proxy', labels: {} }, pod('webservice'), 8181, own)).toBe(true);
  });
});

describe('NetworkPolicy objects', () => {
  it.each(KUBERNETES_VERSIONS)('are schema-valid on Kubernetes %s', (version) => {
    expect(validateObjects(policies, version)).toEqual([]);
  });

  it('read like the flow table: webservice\'s ingress rules', () => {
    expect(find(objects, 'NetworkPolicy', 'gitlab-webservice').spec.ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
          ...['gitaly', 'gitlab-shell', 'kas'].map((app) => ({ podSelector: { matchLabels: { app, release: 'gitlab' } } })),
        ],
        ports: [{ port: 8181, protocol: 'TCP' }],
      },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 8083, protocol: 'TCP' }] },
    ]);
  });
});

describe('bad network policy settings', () => {
  const bad = (networkPolicies: unknown) => () => synthPlatform(productionProps({ networkPolicies: networkPolicies as GitLabPlatformProps['networkPolicies'] }));

  it('refuses a peer that names both a namespace and a CIDR', () => {
    expect(bad({ ingressFrom: [{ namespace: 'ingress-nginx', cidr: '10.0.0.0/8' }] })).toThrow(/networkPolicies\.ingressFrom\[0\].*\{ namespace, podLabels\? \} or \{ cidr, except\? \}/);
  });

  it('refuses an address range without a prefix length', () => {
    expect(bad({ postgres: { cidrs: ['10.0.5.10'] } })).toThrow(/networkPolicies\.postgres\.cidrs\[0\].*CIDR/);
  });

  it('refuses extra egress for a component that does not exist', () => {
    expect(bad({ extraEgress: [{ components: ['webhooks'], to: [{ cidr: '0.0.0.0/0' }], ports: [443] }] })).toThrow(/networkPolicies\.extraEgress\[0\]\.components\[0\]/);
  });

  it('refuses true (policies are on by default; false turns them off)', () => {
    expect(bad(true)).toThrow(/networkPolicies.*false or NetworkPolicy settings/);
  });

  it('refuses unknown settings', () => {
    expect(bad({ denyAll: false })).toThrow(/networkPolicies\.denyAll/);
  });
});
