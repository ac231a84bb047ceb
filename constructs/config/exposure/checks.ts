import { ConfigIssue, show } from '../errors';
import { annotationMap, dnsLabel, hostName, isPlainObject, portNumber } from '../common/checks';
import { bool, Check, k8sName, list, num, obj, required, rule, str } from '../schema';
import { INGRESS_PROVIDERS, ISSUER_KINDS, LOAD_BALANCER_SCHEMES, WEB_HOSTS } from './names';

/**
 * Shape checks of `hosts`, `ingress` and a component's own `ingress`. Rules across settings (provider vs TLS, a
 * Gateway needed...) live in `resolve.ts`.
 */

type Fields = Record<string, Check>;

const hostOverride = (example: string) => obj({ name: hostName(example), https: bool() });

/** `hosts`: required, with at least the domain. */
export const hostsProp: ReturnType<typeof required> = required(obj({
  domain: required(hostName('example.com'), 'set hosts.domain, e.g. example.com'),
  https: bool(),
  ...Object.fromEntries(WEB_HOSTS.map((h) => [h, hostOverride(`${h}.example.com`)])),
  ssh: obj({ name: hostName('gitlab.example.com'), port: portNumber() }),
}), 'set hosts.domain, e.g. hosts: { domain: "example.com" }');

/** A namespace name (a Gateway's, a NetworkPolicy peer's). */
export const namespaceName = () => dnsLabel('a namespace name', 'monitoring');
/** Gateway API `SectionName`. */
export const sectionName = () => dnsLabel('a Gateway listener name', 'https');

/** A Gateway (Gateway API) that routes attach to. */
export const gatewayRef = obj({
  name: required(k8sName('Gateway name'), 'name your Gateway: gateway: { name, namespace }'),
  namespace: namespaceName(),
}, { what: 'a Gateway reference { name, namespace }' });

const ACM_ARN = /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:[0-9]{12}:certificate\/[A-Za-z0-9-]+|iam::[0-9]{12}:server-certificate\/[\w+=,.@/-]+)$/;
const certificateArn = str({ pattern: ACM_ARN, allowed: 'an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)', fix: 'copy the ARN from AWS Certificate Manager' });

/** One check per TLS variant; exactly one key picks it. */
const TLS_VARIANTS: Readonly<Record<string, Check>> = {
  secretName: obj({ secretName: k8sName('Secret name') }),
  issuer: obj({
    issuer: obj({
      name: required(k8sName('issuer name'), 'name the cert-manager issuer'),
      kind: str({ oneOf: ISSUER_KINDS }),
    }, { what: 'a cert-manager issuer { name, kind: Issuer|ClusterIssuer }' }),
    secretName: k8sName('Secret name'),
  }),
  acme: obj({
    acme: obj({
      email: required(str({ pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, allowed: 'an e-mail address', fix: 'write the ACME account contact, e.g. "admin@example.com"' }), 'set acme.email, the ACME account contact'),
      server: str({ pattern: /^https:\/\/[^\s]+$/, allowed: 'an https:// ACME directory URL', fix: 'use e.g. "https://acme-staging-v02.api.letsencrypt.org/directory"' }),
    }, { what: 'ACME settings { email, server }' }),
    secretName: k8sName('Secret name'),
  }),
  selfSigned: obj({
    selfSigned: rule((v) => (v === true ? undefined : { allowed: 'true', fix: 'write selfSigned: true, or pick another TLS variant' })),
    secretName: k8sName('Secret name'),
  }),
  certificateArn: obj({
    certificateArn: (v, path, issues) => (Array.isArray(v) ? list(certificateArn, { minItems: 1, unique: true })(v, path, issues) : certificateArn(v, path, issues)),
  }),
};

const tlsCheck: Check = (value, path, issues: ConfigIssue[]) => {
  if (value === false) return;
  // An issuer (or ACME, or a self-signed certificate) may name the one Secret it writes: `secretName` then sits
  // beside the picking key.
  const keys = isPlainObject(value) ? Object.keys(value).filter((k, _, all) => !(k === 'secretName' && all.some((x) => x === 'issuer' || x === 'acme' || x === 'selfSigned'))) : [];
  const variant = keys.length === 1 ? TLS_VARIANTS[keys[0]] : undefined;
  if (!variant) {
    issues.push({
      path, value: show(value),
      allowed: '{ secretName: <tls Secret> } or { issuer: { name, kind: Issuer|ClusterIssuer } } or { acme: { email } } or { selfSigned: true } or { certificateArn } (ALB) or false',
      fix: 'name an existing kubernetes.io/tls Secret, a cert-manager issuer, an ACME e-mail for the platform\'s own Issuer, selfSigned for a trial, or ACM certificates for an ALB',
    });
    return;
  }
  variant(value, path, issues);
};

/** `ingress`. */
export const ingressProp: Check = obj({
  enabled: bool(),
  provider: str({ oneOf: INGRESS_PROVIDERS, fix: 'use "nginx" (any Ingress controller), "alb" (AWS Load Balancer Controller) or "gateway-api"' }),
  className: k8sName('IngressClass name'),
  defaultClass: bool(),
  tls: tlsCheck,
  annotations: annotationMap(),
  nginxAnnotations: bool(),
  alb: obj({
    scheme: str({ oneOf: LOAD_BALANCER_SCHEMES }),
    groupName: str({ pattern: /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/, allowed: 'an IngressGroup name: at most 63 lower-case letters, digits, "-" or "."', fix: 'use e.g. "gitlab"' }),
    idleTimeoutSeconds: num({ min: 1, max: 4000 }),
    sslPolicy: str({ pattern: /^[A-Za-z0-9-]+$/, allowed: 'an ELB security policy name', fix: 'use e.g. "ELBSecurityPolicy-TLS13-1-2-2021-06"' }),
  }),
  gatewayApi: obj({
    gateway: required(gatewayRef, 'name your Gateway: gatewayApi: { gateway: { name, namespace } }'),
    listeners: obj(Object.fromEntries(WEB_HOSTS.map((h) => [h, sectionName()]))),
  }),
});

/** `components.<name>.ingress`. */
export function componentIngressFields(annotationMapCheck: () => Check): Fields {
  return {
    enabled: bool(),
    annotations: annotationMapCheck(),
    tlsSecretName: k8sName('Secret name'),
    tls: bool(),
    proxyBodySize: str({ pattern: /^[0-9]+[kKmMgG]?$/, allowed: 'an NGINX size such as "512m" or "0" (no limit)', fix: 'write a number with an optional k, m or g' }),
    proxyReadTimeout: num({ min: 1 }),
    proxyConnectTimeout: num({ min: 1, max: 75 }),
  };
}
