import { Construct } from 'constructs';
import { endCollecting, startCollecting } from './config/common/collect';
import { ConfigIssue, GitLabConfigError } from './config/errors';
import { checkAndResolve } from './config/resolve';
import { ResolvedConfig } from './config/resolved';
import { GitLabPlatformInput } from './config/types';
import { CertManagerIssuer } from './components/cert-manager-issuer/cert-manager-issuer';
import { sharedCertificate } from './lib/shared-certificate';
import { warnVersion } from './config/gitlab-version';
import { Gitaly } from './components/gitaly/gitaly';
import { GitLabExporter } from './components/gitlab-exporter/gitlab-exporter';
import { GitLabPages } from './components/gitlab-pages/gitlab-pages';
import { GitLabShell } from './components/gitlab-shell/gitlab-shell';
import { Kas } from './components/kas/kas';
import { Mailroom } from './components/mailroom/mailroom';
import { Migrations } from './components/migrations/migrations';
import { PlatformNamespace } from './components/namespace/namespace';
import { PlatformMonitors } from './components/monitoring/monitors';
import { PlatformNetworkPolicies } from './components/network-policies/network-policies';
import { Praefect } from './components/praefect/praefect';
import { Registry } from './components/registry/registry';
import { Sidekiq } from './components/sidekiq/sidekiq';
import { Spamcheck } from './components/spamcheck/spamcheck';
import { Toolbox } from './components/toolbox/toolbox';
import { Webservice } from './components/webservice/webservice';
import { PlatformEndpoints, platformEndpoints } from './lib/endpoints';
import { InClusterDataServices } from './data-services/data-services';

/**
 * The cloud-native GitLab platform on external PostgreSQL, Redis and object storage: one typed configuration in,
 * every component of the official chart's default install wired together.
 *
 * The configuration is validated once, here; an invalid one throws `GitLabConfigError` before any object exists.
 *
 * @example
 * new GitLabPlatform(chart, 'gitlab', {
 *   hosts: { domain: 'example.com' },
 *   postgres: { host: 'db.internal', password: { name: 'gitlab-postgres-password' } },
 *   redis: { host: 'redis.internal', scheme: 'rediss', password: { name: 'gitlab-redis-password' } },
 *   objectStorage: { connection: { name: 'gitlab-rails-storage' } },
 *   ingress: { tls: { secretName: 'gitlab-tls' } },
 *   components: { registry: { storage: { name: 'registry-storage' } } },
 * });
 */
export class GitLabPlatform extends Construct {
  /** The validated, defaulted configuration every component reads. */
  readonly config: ResolvedConfig;
  /** Service names and in-cluster URLs. */
  readonly endpoints: PlatformEndpoints;
  readonly webservice?: Webservice;
  readonly sidekiq?: Sidekiq;
  readonly gitaly?: Gitaly;
  /** Praefect (Gitaly Cluster) and the Gitaly pods behind it, when `components.praefect` is on. */
  readonly praefect?: Praefect;
  readonly gitlabShell?: GitLabShell;
  readonly registry?: Registry;
  readonly kas?: Kas;
  readonly gitlabExporter?: GitLabExporter;
  readonly toolbox?: Toolbox;
  readonly migrations?: Migrations;
  readonly gitlabPages?: GitLabPages;
  readonly mailroom?: Mailroom;
  readonly spamcheck?: Spamcheck;
  /** The ACME Issuer, with `ingress.tls.acme`. */
  readonly certManagerIssuer?: CertManagerIssuer;
  /** Deny-by-default NetworkPolicies, unless `networkPolicies: false`. */
  readonly networkPolicies?: PlatformNetworkPolicies;
  /** The Namespace object, with `namespaceObject`. */
  readonly namespace?: PlatformNamespace;
  /** PostgreSQL, Valkey and Garage in the cluster, with `inClusterServices`. */
  readonly dataServices?: InClusterDataServices;
  /** Prometheus Operator ServiceMonitors / PodMonitors, with `monitoring`. */
  readonly monitors?: PlatformMonitors;

  constructor(scope: Construct, id: string, props: GitLabPlatformInput) {
    super(scope, id);
    const { config, issues } = checkAndResolve(props);
    if (!config) throw new GitLabConfigError(issues);
    this.config = config;
    warnVersion(config.version);
    this.endpoints = issues.length ? safely(() => platformEndpoints(config), issues) : platformEndpoints(config);
    // Components report their own problems (extraEnv clashes) into this collection, so that one error lists
    // them with the props' problems. With props problems, a component may also fail on the half-valid model:
    // that failure is left out, since the error about the props explains it.
    const collected = startCollecting();
    try {
      const c = this.config.components;
      const p = { config: this.config, endpoints: this.endpoints };
      // First, so `kubectl apply -f` creates the namespace before the objects in it.
      if (props.namespaceObject) this.namespace = new PlatformNamespace(this, 'namespace', { config: this.config, options: props.namespaceObject });
      if (c.migrations) this.migrations = new Migrations(this, 'migrations', p);
      if (c.gitaly) this.gitaly = new Gitaly(this, 'gitaly', p);
      if (c.praefect) this.praefect = new Praefect(this, 'praefect', p);
      if (c.webservice) this.webservice = new Webservice(this, 'webservice', p);
      if (c.sidekiq) this.sidekiq = new Sidekiq(this, 'sidekiq', p);
      if (c.gitlabShell) this.gitlabShell = new GitLabShell(this, 'gitlab-shell', p);
      if (c.registry) this.registry = new Registry(this, 'registry', p);
      if (c.kas) this.kas = new Kas(this, 'kas', p);
      if (c.toolbox) this.toolbox = new Toolbox(this, 'toolbox', p);
      if (c.gitlabExporter) this.gitlabExporter = new GitLabExporter(this, 'gitlab-exporter', p);
      if (c.gitlabPages) this.gitlabPages = new GitLabPages(this, 'gitlab-pages', p);
      if (c.mailroom) this.mailroom = new Mailroom(this, 'mailroom', p);
      if (c.spamcheck) this.spamcheck = new Spamcheck(this, 'spamcheck', p);
      if (this.config.ingress.acmeIssuer) this.certManagerIssuer = new CertManagerIssuer(this, 'certmanager-issuer', p);
      sharedCertificate(this, this.config);
      if (this.config.inClusterServices) this.dataServices = new InClusterDataServices(this, 'data-services', { config: this.config });
      if (this.config.networkPolicies) this.networkPolicies = new PlatformNetworkPolicies(this, 'network-policies', p);
      if (Object.keys(this.config.monitoring).length) this.monitors = new PlatformMonitors(this, 'monitors', this.config);
    } catch (e) {
      if (!issues.length && !collected.length) throw e;
    } finally {
      endCollecting(collected);
    }
    if (issues.length || collected.length) throw new GitLabConfigError([...issues, ...collected]);
  }
}

/** `fn()`, or the props' problems thrown when the half-valid model makes it fail. */
function safely<T>(fn: () => T, issues: readonly ConfigIssue[]): T {
  try {
    return fn();
  } catch {
    throw new GitLabConfigError(issues);
  }
}
