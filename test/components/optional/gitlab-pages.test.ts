import { describe, expect, it } from 'vitest';
import { SHARED_SECRETS, sharedSecretConditions, sharedSecretNeeded } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { parseErbYaml } from '../../support/erb';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { configIssues, configMapData, named, projectedFiles, withComponents } from './fixtures';

const NAME = 'gitlab-gitlab-pages';
const pages = synthPlatform(withComponents({ gitlabPages: { enabled: true } }));
const withAccess = synthPlatform(withComponents({ gitlabPages: { enabled: true, accessControl: true } }));
const customDomains = synthPlatform(withComponents({ gitlabPages: { enabled: true, customDomains: {} } }));

const deploymentOf = (objects: KubeObject[]) => find(objects, 'Deployment', NAME);
const configLines = (objects: KubeObject[]) => configMapData(objects, NAME)['config.tpl'].trimEnd().split('\n');
const railsPages = (objects: KubeObject[], configMap = 'gitlab-webservice') => parseErbYaml(configMapData(objects, configMap)['gitlab.yml.erb']).doc.production.pages;
const migrationsJob = (objects: KubeObject[]) => objects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('gitlab-migrations-'))!;

describe('GitLab Pages', () => {
  it('is off by default: no Pages objects, Rails\' pages block off, no Pages secret in Rails pods', () => {
    const production = synthPlatform(productionProps());
    expect(named(production, NAME)).toEqual([]);
    expect(railsPages(production)).toMatchObject({ enabled: false, access_control: false, host: 'pages.example.com' });
    expect(projectedFiles(find(production, 'Deployment', 'gitlab-webservice-default'), 'init-webservice-secrets')['pages/secret']).toBeUndefined();
  });

  it('creates its Deployment, Services, Ingress, HPA, PDB, ConfigMap and ServiceAccount, all <release>-gitlab-pages', () => {
    expect(named(pages, NAME).sort()).toEqual([
      `ConfigMap/${NAME}`, `Deployment/${NAME}`, `HorizontalPodAutoscaler/${NAME}`, `Ingress/${NAME}`, `PodDisruptionBudget/${NAME}`,
      `Service/${NAME}`, `Service/${NAME}-metrics`, `ServiceAccount/${NAME}`,
    ]);
  });

  it('runs the pinned gitlab-pages image after the certificates and configure init containers, never overriding its command', () => {
    const d = deploymentOf(pages);
    const c = container(d, 'gitlab-pages');
    expect(c.image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-pages:v18.9.1');
    expect(c.command).toBeUndefined();
    expect(c.args).toBeUndefined();
    expect(podSpec(d).initContainers.map((i: any) => i.name)).toEqual(['certificates', 'configure']);
    expect(mountsOf(container(d, 'configure'))).toEqual({ '/config': 'pages-config', '/init-config': 'init-pages-secrets', '/init-secrets': 'pages-secrets' });
  });

  it('gives the image its template and config locations, JSON logs, the Go TLS setting and the time zone', () => {
    expect(envOf(container(deploymentOf(pages), 'gitlab-pages'))).toEqual({
      GODEBUG: 'tlsmlkem=0,tlskyber=0',
      CONFIG_TEMPLATE_DIRECTORY: '/etc/gitlab-pages/templates',
      CONFIG_DIRECTORY: '/etc/gitlab-pages',
      PAGES_CONFIG_FILE: '/etc/gitlab-pages/config',
      GITLAB_PAGES_LOG_FORMAT: 'json',
      TZ: 'UTC',
    });
  });

  it('mounts the config template and the copied secrets where the image reads them', () => {
    expect(mountsOf(container(deploymentOf(pages), 'gitlab-pages'))).toMatchObject({
      '/etc/gitlab-pages/templates': 'pages-config',
      '/etc/gitlab-secrets': 'pages-secrets',
      '/etc/ssl/certs/': 'etc-ssl-certs',
    });
    const secrets = container(deploymentOf(pages), 'gitlab-pages').volumeMounts.find((m: any) => m.mountPath === '/etc/gitlab-secrets');
    expect(secrets.readOnly).toBe(true);
  });

  it('declares the proxy, plain HTTP and metrics ports and checks readiness on the plain HTTP listener', () => {
    const c = container(deploymentOf(pages), 'gitlab-pages');
    expect(c.ports).toEqual([
      { name: 'http-proxy', containerPort: 8090 },
      { name: 'http', containerPort: 9090 },
      { name: 'http-metrics', containerPort: 9235 },
    ]);
    expect(c.readinessProbe).toEqual({
      httpGet: { path: '/-/readiness', port: 9090 },
      initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1,
    });
    expect(c.livenessProbe).toBeUndefined();
  });

  it('asks for the chart\'s requests, scales 1-10 on 100m CPU per pod and keeps all but one pod through disruptions', () => {
    expect(container(deploymentOf(pages), 'gitlab-pages').resources).toEqual({ requests: { cpu: '900m', memory: '2G' } });
    expect(deploymentOf(pages).spec.replicas).toBeUndefined();
    const hpa = find(pages, 'HorizontalPodAutoscaler', NAME);
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: NAME }, minReplicas: 1, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }],
    });
    expect(find(pages, 'PodDisruptionBudget', NAME).spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'gitlab-pages', release: 'gitlab' } } });
  });

  it('is scraped on 9235 and rolls when its configuration changes', () => {
    const annotations = deploymentOf(pages).spec.template.metadata.annotations;
    expect(annotations).toMatchObject({
      'gitlab.com/prometheus_scrape': 'true', 'gitlab.com/prometheus_port': '9235', 'gitlab.com/prometheus_path': '/metrics',
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9235', 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
    });
    expect(annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    expect(deploymentOf(withAccess).spec.template.metadata.annotations['checksum/config']).not.toBe(annotations['checksum/config']);
  });

  it('serves sites on Service port 8090 and metrics on a separate Service labelled as a metrics Service', () => {
    const svc = find(pages, 'Service', NAME);
    expect(svc.spec).toEqual({
      type: 'ClusterIP', selector: { app: 'gitlab-pages', release: 'gitlab' }, sessionAffinity: 'None',
      ports: [{ name: 'http-gitlab-pages-proxy', port: 8090, targetPort: 8090, protocol: 'TCP' }],
    });
    const metrics = find(pages, 'Service', `${NAME}-metrics`);
    expect(metrics.metadata.labels!['gitlab.com/metrics-service']).toBe('true');
    expect(metrics.spec.ports).toEqual([{ name: 'http-metrics', port: 9235, targetPort: 'http-metrics', protocol: 'TCP' }]);
    expect(metrics.spec.selector).toEqual({ app: 'gitlab-pages', release: 'gitlab' });
  });

  it('routes every site host *.pages.<domain> to the proxy port, TLS covering pages.<domain> and its wildcard', () => {
    const ing = find(pages, 'Ingress', NAME);
    expect(ing.spec.rules).toEqual([{
      host: '*.pages.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: NAME, port: { number: 8090 } } } }] },
    }]);
    expect(ing.spec.tls).toEqual([{ hosts: ['pages.example.com', '*.pages.example.com'], secretName: 'gitlab-tls' }]);
  });

  it('names the cert-manager Secret <release>-pages-tls, as the chart does', () => {
    const objects = synthPlatform(withComponents({ gitlabPages: { enabled: true } }, { ingress: { tls: { issuer: { name: 'letsencrypt-dns', kind: 'ClusterIssuer' } } } }));
    const ing = find(objects, 'Ingress', NAME);
    expect(ing.spec.tls[0].secretName).toBe('gitlab-pages-tls');
    expect(ing.metadata.annotations!['cert-manager.io/cluster-issuer']).toBe('letsencrypt-dns');
  });

  it('routes only pages.<domain> when sites live under paths (namespaceInPath)', () => {
    const objects = synthPlatform(withComponents({ gitlabPages: { enabled: true, namespaceInPath: true } }));
    const ing = find(objects, 'Ingress', NAME);
    expect(ing.spec.rules[0].host).toBe('pages.example.com');
    expect(ing.spec.tls[0].hosts).toEqual(['pages.example.com']);
    expect(configLines(objects)).toContain('namespace-in-path=true');
    expect(railsPages(objects).namespace_in_path).toBe(true);
  });

  it('configures the daemon: proxy and HTTP listeners, its domain, GitLab\'s public and in-cluster URLs, the API key and metrics', () => {
    expect(configLines(pages)).toEqual([
      'listen-proxy=:8090',
      'listen-http=:9090',
      'pages-domain=pages.example.com',
      'pages-root=/srv/gitlab-pages',
      'log-format=json',
      'log-verbose=false',
      'redirect-http=false',
      'insecure-ciphers=false',
      'artifacts-server=http://gitlab-webservice-default.gitlab.svc:8181/api/v4',
      'artifacts-server-timeout=10',
      'gitlab-server=https://gitlab.example.com',
      'internal-gitlab-server=http://gitlab-webservice-default.gitlab.svc:8181',
      'api-secret-key=/etc/gitlab-secrets/pages/secret',
      'metrics-address=:9235',
      'pages-status=/-/readiness',
    ]);
  });

  it('gets the API secret shared with Rails, and requires it before starting', () => {
    expect(projectedFiles(deploymentOf(pages), 'init-pages-secrets')).toEqual({ 'pages/secret': 'gitlab-gitlab-pages-secret/shared_secret' });
    expect(configMapData(pages, NAME).configure).toContain('for secret in pages; do');
  });

  it('turns Rails\' pages block on and gives webservice, sidekiq and toolbox the API secret (not migrations)', () => {
    for (const cm of ['gitlab-webservice', 'gitlab-sidekiq', 'gitlab-toolbox']) {
      expect(railsPages(pages, cm)).toEqual({
        enabled: true, access_control: false, artifacts_server: true, path: '/srv/gitlab/shared/pages', host: 'pages.example.com',
        port: 443, https: true, secret_file: '/etc/gitlab/pages/secret', external_http: false, external_https: false,
        local_store: { enabled: false, path: null }, namespace_in_path: false,
      });
    }
    for (const [deployment, volume] of [['gitlab-webservice-default', 'init-webservice-secrets'], ['gitlab-sidekiq-all-in-1-v2', 'init-sidekiq-secrets'], ['gitlab-toolbox', 'init-toolbox-secrets']]) {
      expect(projectedFiles(find(pages, 'Deployment', deployment), volume)['pages/secret']).toBe('gitlab-gitlab-pages-secret/shared_secret');
    }
    expect(projectedFiles(migrationsJob(pages), 'init-migrations-secrets')['pages/secret']).toBeUndefined();
  });

  it('stores sites in the pages bucket of the consolidated object storage', () => {
    const objects = synthPlatform(withComponents({ gitlabPages: { enabled: true } }, {
      objectStorage: { ...productionProps().objectStorage, buckets: { ...productionProps().objectStorage.buckets, pages: 'gl-pages' } },
    }));
    const os = parseErbYaml(configMapData(objects, 'gitlab-webservice')['gitlab.yml.erb']).doc.production.object_store;
    expect(os.objects.pages).toEqual({ bucket: 'gl-pages' });
  });
});

describe('GitLab Pages access control', () => {
  it('reads the OAuth application and the cookie key from their shared Secrets', () => {
    expect(projectedFiles(deploymentOf(withAccess), 'init-pages-secrets')).toEqual({
      'pages/secret': 'gitlab-gitlab-pages-secret/shared_secret',
      'pages/gitlab_appid': 'gitlab-oauth-gitlab-pages-secret/appid',
      'pages/gitlab_appsecret': 'gitlab-oauth-gitlab-pages-secret/appsecret',
      'pages/auth_secret': 'gitlab-gitlab-pages-auth-secret/password',
    });
  });

  it('writes the auth flags, the secrets read from files when gomplate renders the config', () => {
    const lines = configLines(withAccess);
    expect(lines).toContain('auth-redirect-uri=https://projects.pages.example.com/auth');
    expect(lines).toContain('auth-client-id={% file.Read "/etc/gitlab-secrets/pages/gitlab_appid" | strings.TrimSpace %}');
    expect(lines).toContain('auth-client-secret={% file.Read "/etc/gitlab-secrets/pages/gitlab_appsecret" | strings.TrimSpace %}');
    expect(lines).toContain('auth-secret={% file.Read "/etc/gitlab-secrets/pages/auth_secret" | strings.TrimSpace %}');
    expect(lines).toContain('auth-scope=api');
    expect(railsPages(withAccess).access_control).toBe(true);
  });

  it('gives the migrations Job the OAuth application id, secret and redirect URI to register the application', () => {
    const job = migrationsJob(withAccess);
    expect(projectedFiles(job, 'init-migrations-secrets')).toMatchObject({
      'oauth-secrets/gitlab-pages/appid': 'gitlab-oauth-gitlab-pages-secret/appid',
      'oauth-secrets/gitlab-pages/appsecret': 'gitlab-oauth-gitlab-pages-secret/appsecret',
      'oauth-secrets/gitlab-pages/redirecturi': 'configmap:gitlab-migrations/pages_redirect_uri',
    });
    expect(configMapData(withAccess, 'gitlab-migrations').pages_redirect_uri).toBe('https://projects.pages.example.com/auth');
  });

  it('gives migrations nothing of Pages without access control', () => {
    expect(Object.keys(projectedFiles(migrationsJob(pages), 'init-migrations-secrets')).filter((p) => p.startsWith('oauth-secrets/'))).toEqual([]);
    expect(configMapData(pages, 'gitlab-migrations').pages_redirect_uri).toBeUndefined();
  });

  it('redirects to <pages host>/projects/auth with namespaceInPath, and to a given URI and scope', () => {
    const inPath = synthPlatform(withComponents({ gitlabPages: { enabled: true, accessControl: true, namespaceInPath: true } }));
    expect(configLines(inPath)).toContain('auth-redirect-uri=https://pages.example.com/projects/auth');
    const given = synthPlatform(withComponents({ gitlabPages: { enabled: true, accessControl: true, authRedirectUri: 'https://auth.pages.example.com/auth', authScope: 'read_api' } }));
    expect(configLines(given)).toEqual(expect.arrayContaining(['auth-redirect-uri=https://auth.pages.example.com/auth', 'auth-scope=read_api']));
  });

  it('needs the Pages secrets exactly while Pages (and its access control) is on', () => {
    const needed = (props: Parameters<typeof resolveConfig>[0]) => SHARED_SECRETS
      .filter((s) => sharedSecretNeeded(s, sharedSecretConditions(resolveConfig(props)))).map((s) => s.id);
    expect(needed(productionProps())).not.toEqual(expect.arrayContaining(['pages']));
    expect(needed(withComponents({ gitlabPages: { enabled: true } }))).toContain('pages');
    expect(needed(withComponents({ gitlabPages: { enabled: true } }))).not.toContain('pagesOAuth');
    expect(needed(withComponents({ gitlabPages: { enabled: true, accessControl: true } }))).toEqual(expect.arrayContaining(['pages', 'pagesAuth', 'pagesOAuth']));
    expect(SHARED_SECRETS.find((s) => s.id === 'pagesOAuth')!.keys.map((k) => k.key)).toEqual(['appid', 'appsecret']);
  });

  it('takes renamed shared Secrets', () => {
    const objects = synthPlatform(withComponents({ gitlabPages: { enabled: true, accessControl: true } }, { secretNames: { pagesOAuth: 'pages-oauth', pages: 'pages-api' } }));
    expect(projectedFiles(deploymentOf(objects), 'init-pages-secrets')).toMatchObject({
      'pages/secret': 'pages-api/shared_secret', 'pages/gitlab_appid': 'pages-oauth/appid',
    });
  });
});

describe('GitLab Pages custom domains', () => {
  it('replace the Ingress and the proxy Service with a LoadBalancer Service on 80 and 443', () => {
    expect(named(customDomains, NAME).filter((n) => n.startsWith('Ingress/') || n.startsWith('Service/')).sort()).toEqual([
      `Service/${NAME}-custom-domains`, `Service/${NAME}-metrics`,
    ]);
    expect(find(customDomains, 'Service', `${NAME}-custom-domains`).spec).toEqual({
      type: 'LoadBalancer', selector: { app: 'gitlab-pages', release: 'gitlab' },
      ports: [
        { name: 'http-gitlab-pages', port: 80, targetPort: 8090, protocol: 'TCP' },
        { name: 'https-gitlab-pages', port: 443, targetPort: 8091, protocol: 'TCP' },
      ],
    });
  });

  it('terminate TLS in Pages with the pages certificate (the ingress TLS Secret by default)', () => {
    const lines = configLines(customDomains);
    expect(lines.slice(0, 4)).toEqual([
      'listen-http=:8090', 'listen-https=:8091',
      'root-cert=/etc/gitlab-secrets/pages/pages.example.com.crt', 'root-key=/etc/gitlab-secrets/pages/pages.example.com.key',
    ]);
    expect(projectedFiles(deploymentOf(customDomains), 'init-pages-secrets')).toMatchObject({
      'pages/pages.example.com.crt': 'gitlab-tls/tls.crt', 'pages/pages.example.com.key': 'gitlab-tls/tls.key',
    });
    expect(container(deploymentOf(customDomains), 'gitlab-pages').readinessProbe.httpGet.port).toBe(8090);
  });

  it('tell Rails which protocols custom domains use', () => {
    expect(railsPages(customDomains)).toMatchObject({ external_http: true, external_https: true, custom_domain_mode: 'https' });
    const httpOnly = synthPlatform(withComponents({ gitlabPages: { enabled: true, customDomains: { https: false } } }));
    expect(railsPages(httpOnly)).toMatchObject({ external_http: true, external_https: false, custom_domain_mode: 'http' });
    expect(find(httpOnly, 'Service', `${NAME}-custom-domains`).spec.ports.map((p: any) => p.port)).toEqual([80]);
  });

  it('take their own TLS Secret, Service type, annotations and address', () => {
    const objects = synthPlatform(withComponents({ gitlabPages: { enabled: true, customDomains: {
      tlsSecret: 'pages-wildcard', serviceAnnotations: { 'example.com/lb': 'pages' }, loadBalancerIP: '203.0.113.10',
    } } }));
    const svc = find(objects, 'Service', `${NAME}-custom-domains`);
    expect(svc.spec.loadBalancerIP).toBe('203.0.113.10');
    expect(svc.metadata.annotations).toEqual({ 'example.com/lb': 'pages' });
    const nodePort = synthPlatform(withComponents({ gitlabPages: { enabled: true, customDomains: { serviceType: 'NodePort' } } }));
    expect(find(nodePort, 'Service', `${NAME}-custom-domains`).spec.type).toBe('NodePort');
    expect(projectedFiles(deploymentOf(objects), 'init-pages-secrets')['pages/pages.example.com.crt']).toBe('pages-wildcard/tls.crt');
  });
});

describe('GitLab Pages objects', () => {
  const variants = [pages, withAccess, customDomains];
  it.each(KUBERNETES_VERSIONS)('are schema-valid on Kubernetes %s', (version) => {
    for (const objects of variants) expect(validateObjects(objects.filter((o) => o.metadata.name.startsWith(NAME)), version)).toEqual([]);
  });

  it('meet the restricted Pod Security Standard', () => {
    for (const objects of variants) expect(restrictedViolations(objects)).toEqual([]);
  });
});

describe('GitLab Pages settings refused', () => {
  const paths = (props: Parameters<typeof configIssues>[0]) => configIssues(props).map((i) => i.path);

  it('access control, custom domains or an OAuth redirect while Pages is off', () => {
    expect(paths(withComponents({ gitlabPages: { accessControl: true } }))).toEqual(['components.gitlabPages.accessControl']);
    expect(paths(withComponents({ gitlabPages: { enabled: false, customDomains: {} } }))).toEqual(['components.gitlabPages.customDomains']);
  });

  it('an OAuth redirect URI or scope without access control', () => {
    expect(paths(withComponents({ gitlabPages: { enabled: true, authRedirectUri: 'https://projects.pages.example.com/auth' } })))
      .toEqual(['components.gitlabPages.authRedirectUri']);
    expect(paths(withComponents({ gitlabPages: { enabled: true, authScope: 'read_api' } }))).toEqual(['components.gitlabPages.authScope']);
  });

  it('a redirect URI that is not an http(s) URL', () => {
    const issue = configIssues(withComponents({ gitlabPages: { enabled: true, accessControl: true, authRedirectUri: 'projects.pages.example.com/auth' } }))[0];
    expect(issue).toMatchObject({ path: 'components.gitlabPages.authRedirectUri', allowed: 'an http(s) URL' });
  });

  it('Pages with its object-storage bucket turned off', () => {
    const props = withComponents({ gitlabPages: { enabled: true } }, { objectStorage: { ...productionProps().objectStorage, disabled: ['pages'] } });
    expect(configIssues(props)).toEqual([expect.objectContaining({ path: 'objectStorage.disabled', fix: expect.stringContaining('remove "pages"') })]);
  });

  it('HTTPS custom domains without a certificate when the ingress TLS is not a Secret', () => {
    const props = withComponents({ gitlabPages: { enabled: true, customDomains: {} } }, { ingress: { tls: { issuer: { name: 'letsencrypt' } } } });
    expect(paths(props)).toEqual(['components.gitlabPages.customDomains.tlsSecret']);
  });

  it('a load balancer address on a NodePort Service', () => {
    expect(paths(withComponents({ gitlabPages: { enabled: true, customDomains: { serviceType: 'NodePort', loadBalancerIP: '203.0.113.10' } } })))
      .toEqual(['components.gitlabPages.customDomains.loadBalancerIP']);
  });

  it('custom domains with neither HTTP nor HTTPS, or a certificate without HTTPS', () => {
    expect(paths(withComponents({ gitlabPages: { enabled: true, customDomains: { http: false, https: false } } }))).toEqual(['components.gitlabPages.customDomains']);
    expect(paths(withComponents({ gitlabPages: { enabled: true, customDomains: { https: false, tlsSecret: 'x' } } })))
      .toEqual(['components.gitlabPages.customDomains.tlsSecret']);
  });

  it('unknown settings and wrong types', () => {
    expect(paths(withComponents({ gitlabPages: { enabled: true, accessControll: true } as any }))).toEqual(['components.gitlabPages.accessControll']);
    expect(paths(withComponents({ gitlabPages: { enabled: true, customDomains: true } as any }))).toEqual(['components.gitlabPages.customDomains']);
  });
});
