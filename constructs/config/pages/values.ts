import { show } from '../errors';
import type { PropsBuilder } from '../../values/builder';
import { Defaults, fixed, offExceptDefaults } from '../../values/off-features';
import { readWorkload } from '../workloads/optional-values';

/**
 * The chart's GitLab Pages values (`global.pages`, `global.oauth.gitlab-pages`, `gitlab.gitlab-pages`) as
 * `components.gitlabPages` and `hosts.pages` props. Keys left at the chart's default value are accepted while Pages
 * is off (values files often carry the chart's defaults); any other setting has no effect then and is reported.
 */

export function readPages(b: PropsBuilder): void {
  const v = b.values;
  const to = 'components.gitlabPages';
  const on = b.boolean('global.pages.enabled', `${to}.enabled`) ?? false;
  // Rails' pages block names the Pages host even while Pages is off.
  b.boolean('global.hosts.pages.https', 'hosts.pages.https');
  b.string('global.hosts.pages.name', 'hosts.pages.name');
  if (!on) {
    const reason = 'nothing while GitLab Pages is off';
    const fix = 'remove the key, or turn Pages on (global.pages.enabled: true)';
    if (v.get('global.pages.host') !== undefined) {
      v.noEffects.push({ path: 'global.pages.host', value: show(v.peek('global.pages.host')), allowed: 'nothing while GitLab Pages is off (Pages outside the platform is not supported)',
        fix: 'remove the key, or run Pages here (global.pages.enabled: true)' });
    }
    offExceptDefaults(v, 'global.pages', PAGES_DEFAULTS, reason, fix, ['enabled', 'objectStore', 'host']);
    v.noEffect('gitlab.gitlab-pages', reason, fix);
    v.noEffect('global.oauth.gitlab-pages', reason, fix);
    return;
  }
  const base = 'global.pages';
  b.string(`${base}.host`, 'hosts.pages.name');
  b.boolean(`${base}.https`, 'hosts.pages.https');
  b.boolean(`${base}.accessControl`, `${to}.accessControl`);
  b.boolean(`${base}.namespaceInPath`, `${to}.namespaceInPath`);
  b.boolean(`${base}.artifactsServer`, `${to}.artifactsServer`);
  const port = v.number(`${base}.port`);
  if (port !== undefined && port !== 443 && port !== 80) {
    v.problem(`${base}.port`, port, '443 (https) or 80 (http), the port of the pages host', 'remove the key; the port follows the host\'s https setting');
  }
  for (const key of ['path', 'localStore.path']) {
    if (v.get(`${base}.${key}`) !== undefined) {
      v.noEffects.push({ path: `${base}.${key}`, value: show(v.peek(`${base}.${key}`)), allowed: 'nothing: sites live in object storage', fix: 'remove the key' });
    }
  }
  fixed(v, `${base}.localStore.enabled`, false, 'sites live in the pages object-storage bucket');
  b.string(`${base}.apiSecret.secret`, 'secretNames.pages');
  fixed(v, `${base}.apiSecret.key`, 'shared_secret', 'the shared Secret\'s key');
  b.string(`${base}.authSecret.secret`, 'secretNames.pagesAuth');
  fixed(v, `${base}.authSecret.key`, 'password', 'the shared Secret\'s key');

  const oauth = 'global.oauth.gitlab-pages';
  b.string(`${oauth}.secret`, 'secretNames.pagesOAuth');
  fixed(v, `${oauth}.appIdKey`, 'appid', 'the shared Secret\'s key');
  fixed(v, `${oauth}.appSecretKey`, 'appsecret', 'the shared Secret\'s key');
  b.string(`${oauth}.redirectUri`, `${to}.authRedirectUri`);
  b.string(`${oauth}.authScope`, `${to}.authScope`);

  // Custom domains: the chart's external addresses turn on its LoadBalancer Service (one address: loadBalancerIP).
  const http = (v.list(`${base}.externalHttp`) ?? []) as unknown[];
  const https = (v.list(`${base}.externalHttps`) ?? []) as unknown[];
  const mode = v.string(`${base}.customDomainMode`);
  const chart = 'gitlab.gitlab-pages';
  if (http.length || https.length) {
    const cd = `${to}.customDomains`;
    b.set(`${cd}.http`, http.length > 0, `${base}.externalHttp`);
    b.set(`${cd}.https`, https.length > 0, `${base}.externalHttps`);
    const addresses = [...new Set([...http, ...https])];
    // The chart gives the address to the Service only when it is a LoadBalancer; otherwise the addresses only turn
    // the listeners on.
    if ((v.peek(`${chart}.service.customDomains.type`) ?? 'LoadBalancer') === 'LoadBalancer') {
      if (addresses.length === 1) b.set(`${cd}.loadBalancerIP`, addresses[0], https.length ? `${base}.externalHttps` : `${base}.externalHttp`);
      else v.problem(`${base}.externalHttps`, addresses, 'one address (the LoadBalancer\'s loadBalancerIP); external IP lists are not supported', 'list one address, or none and set the address through the Service annotations');
    }
    const derived = https.length ? 'https' : 'http';
    if (mode !== undefined && mode !== derived) v.problem(`${base}.customDomainMode`, mode, `"${derived}" (follows externalHttp/externalHttps)`, 'remove the key');
    b.string(`${chart}.service.customDomains.type`, `${cd}.serviceType`);
    b.boolean(`${chart}.useHTTPProxy`, `${cd}.httpProxy`);
    b.boolean(`${chart}.useProxyV2`, `${cd}.proxyProtocolV2`);
    b.raw(`${chart}.service.customDomains.annotations`, `${cd}.serviceAnnotations`);
    b.string(`${chart}.ingress.tls.secretName`, `${cd}.tlsSecret`);
  } else {
    for (const key of ['useHTTPProxy', 'useProxyV2']) {
      v.noEffect(`${chart}.${key}`, 'nothing without externalHttp/externalHttps (the chart reads it only for the custom-domains listeners)', 'remove the key, or list the address in global.pages.externalHttp/externalHttps');
    }
  }
  if (!(http.length || https.length) && mode !== undefined) {
    v.noEffects.push({ path: `${base}.customDomainMode`, value: show(mode), allowed: 'nothing without externalHttp/externalHttps (custom domains need Pages\' own LoadBalancer)', fix: 'remove the key, or list the address in global.pages.externalHttps' });
  }
  readWorkload(b, chart, to, { hpa: { type: 'AverageValue', averageValue: '100m' }, pdb: true });
}

/** The chart's defaults of `global.pages` (kept silently while Pages is off). */
const PAGES_DEFAULTS: Defaults = {
  accessControl: false, artifactsServer: true, externalHttp: [], externalHttps: [], 'localStore.enabled': false,
  namespaceInPath: false,
};
