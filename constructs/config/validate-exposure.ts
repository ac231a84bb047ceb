import { ConfigIssue, show } from './errors';
import { dnsLabel } from './common/checks';
import { bool, Check, k8sName, list, num, obj, required, rule, str } from './schema';

/**
 * Shape checks of the exposure settings (`ingress`, `components.gitlabShell.expose`) and of `networkPolicies`.
 * Rules across settings (provider vs TLS, gateway needed...) live in `resolve-exposure.ts`.
 */

/** The label/annotation map checks of `validate.ts`, passed in so that this module does not import it back. */
export interface MapChecks {
  readonly annotationMap: () => Check;
  readonly labelMap: () => Check;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const IPV4_CIDR = /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\/(3[0-2]|[12]?[0-9])$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
export const cidr = (): Check => rule((v: unknown) => (typeof v === 'string' && (IPV4_CIDR.test(v) || (IPV6_CIDR.test(v) && v.split('::').length <= 2))
  ? undefined : { allowed: 'an IPv4 or IPv6 CIDR such as 10.0.0.0/16 or 0.0.0.0/0', fix: 'write the address range with its prefix length' }));
const port = () => num({ min: 1, max: 65535 });
const namespace = () => dnsLabel('a namespace name', 'monitoring');
/** Gateway API `SectionName`. */
const sectionName = () => dnsLabel('a Gateway listener name', 'https');

const gatewayRef = obj({
  name: required(k8sName('Gateway name'), 'name your Gateway: gateway: { name, namespace }'),
  namespace: namespace(),
}, { what: 'a Gateway reference { name, namespace }' });

const ACM_ARN = /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:[0-9]{12}:certificate\/[A-Za-z0-9-]+|iam::[0-9]{12}:server-certificate\/[\w+=,.@/-]+)$/;
const certificateArn = str({ pattern: ACM_ARN, allowed: 'an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)', fix: 'copy the ARN from AWS Certificate Manager' });

/** One check per TLS variant; exactly one key picks it. */
const TLS_VARIANTS: Readonly<Record<string, Check>> = {
  secretName: obj({ secretName: k8sName('Secret name') }),
  issuer: obj({
    issuer: obj({
      name: required(k8sName('issuer name'), 'name the cert-manager issuer'),
      kind: str({ oneOf: ['Issuer', 'ClusterIssuer'] }),
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
  certificateArn: obj({
    certificateArn: (v, path, issues) => (Array.isArray(v) ? list(certificateArn, { minItems: 1, unique: true })(v, path, issues) : certificateArn(v, path, issues)),
  }),
};

const tlsCheck: Check = (value, path, issues: ConfigIssue[]) => {
  if (value === false) return;
  // An issuer (or ACME) may name the one Secret it issues into: `secretName` then sits beside the picking key.
  const keys = isPlainObject(value) ? Object.keys(value).filter((k, _, all) => !(k === 'secretName' && all.some((x) => x === 'issuer' || x === 'acme'))) : [];
  const variant = keys.length === 1 ? TLS_VARIANTS[keys[0]] : undefined;
  if (!variant) {
    issues.push({
      path, value: show(value),
      allowed: '{ secretName: <tls Secret> } or { issuer: { name, kind: Issuer|ClusterIssuer } } or { acme: { email } } or { certificateArn } (ALB) or false',
      fix: 'name an existing kubernetes.io/tls Secret, a cert-manager issuer, an ACME e-mail for the platform\'s own Issuer, or ACM certificates for an ALB',
    });
    return;
  }
  variant(value, path, issues);
};

/** A NetworkPolicy peer: exactly one of `namespace` or `cidr`. */
function networkPeer(maps: MapChecks): Check {
  const byNamespace = obj({ namespace: required(namespace()), podLabels: maps.labelMap() });
  const byCidr = obj({ cidr: required(cidr()), except: list(cidr(), { unique: true }) });
  return (value, path, issues) => {
    if (isPlainObject(value) && ('namespace' in value) !== ('cidr' in value)) {
      ('namespace' in value ? byNamespace : byCidr)(value, path, issues);
      return;
    }
    issues.push({
      path, value: show(value), allowed: '{ namespace, podLabels? } or { cidr, except? }',
      fix: 'name pods by namespace (and labels), or addresses by CIDR; one peer per list item',
    });
  };
}

const COMPONENT_NAMES = ['webservice', 'sidekiq', 'gitaly', 'praefect', 'gitlabShell', 'registry', 'kas', 'gitlabExporter', 'toolbox', 'migrations',
  'gitlabPages', 'mailroom', 'spamcheck'];

/** The checks, built once with the map checks of `validate.ts`. */
export function exposureChecks(maps: MapChecks) {
  const ingress = obj({
    enabled: bool(),
    provider: str({ oneOf: ['nginx', 'alb', 'gateway-api'], fix: 'use "nginx" (any Ingress controller), "alb" (AWS Load Balancer Controller) or "gateway-api"' }),
    className: k8sName('IngressClass name'),
    defaultClass: bool(),
    tls: tlsCheck,
    annotations: maps.annotationMap(),
    nginxAnnotations: bool(),
    alb: obj({
      scheme: str({ oneOf: ['internet-facing', 'internal'] }),
      groupName: str({ pattern: /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/, allowed: 'an IngressGroup name: at most 63 lower-case letters, digits, "-" or "."', fix: 'use e.g. "gitlab"' }),
      idleTimeoutSeconds: num({ min: 1, max: 4000 }),
      sslPolicy: str({ pattern: /^[A-Za-z0-9-]+$/, allowed: 'an ELB security policy name', fix: 'use e.g. "ELBSecurityPolicy-TLS13-1-2-2021-06"' }),
    }),
    gatewayApi: obj({
      gateway: required(gatewayRef, 'name your Gateway: gatewayApi: { gateway: { name, namespace } }'),
      listeners: obj({ gitlab: sectionName(), registry: sectionName(), kas: sectionName(), pages: sectionName() }),
    }),
  });

  const sshExpose: Check = (value, path, issues) => {
    const via = isPlainObject(value) ? value.via : undefined;
    if (via === 'aws-nlb') obj({ via: str(), scheme: str({ oneOf: ['internet-facing', 'internal'] }) })(value, path, issues);
    else if (via === 'tcp-route') obj({ via: str(), gateway: gatewayRef, listener: sectionName() })(value, path, issues);
    else {
      issues.push({
        path, value: show(value), allowed: '{ via: "aws-nlb", scheme? } or { via: "tcp-route", gateway?, listener? }',
        fix: 'expose SSH through an AWS NLB or a Gateway API TCPRoute, or remove the setting (the Service follows serviceType)',
      });
    }
  };

  const peers = () => list(networkPeer(maps));
  const outboundPreset: Check = (value, path, issues) => (value === true ? undefined
    : obj({ ports: list(port(), { minItems: 1, unique: true }), cidrs: list(cidr(), { minItems: 1, unique: true }) }, { what: 'true or { ports?, cidrs? }' })(value, path, issues));
  const cidrs = () => list(cidr(), { minItems: 1, unique: true });
  const networkPolicies = (value: unknown, path: string, issues: ConfigIssue[]) => {
    if (value === false) return;
    obj({
      ingressFrom: peers(),
      sshFrom: peers(),
      metricsFrom: peers(),
      dns: list(networkPeer(maps), { minItems: 1 }),
      postgres: obj({ cidrs: cidrs() }),
      redis: obj({ cidrs: cidrs() }),
      objectStorage: obj({ cidrs: cidrs(), ports: list(port(), { minItems: 1, unique: true }) }),
      extraEgress: list(obj({
        components: required(list(str({ oneOf: COMPONENT_NAMES }), { minItems: 1, unique: true })),
        to: required(list(networkPeer(maps), { minItems: 1 })),
        ports: required(list(port(), { minItems: 1, unique: true })),
      })),
      vpcCidrs: cidrs(),
      ingressNamespace: namespace(),
      outbound: obj({ repositoryMirroring: outboundPreset, webhooks: outboundPreset }),
    }, { what: 'false or NetworkPolicy settings { ingressFrom, metricsFrom, dns, postgres, redis, objectStorage, vpcCidrs, outbound, ... }' })(value, path, issues);
  };

  return {
    ingress,
    networkPolicies,
    /** Fields added to `components.gitlabShell`. */
    gitlabShell: {
      expose: sshExpose, loadBalancerSourceRanges: list(cidr(), { unique: true }),
      loadBalancerIP: str({ pattern: /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/, allowed: 'an IPv4 or IPv6 address', fix: 'write e.g. 203.0.113.10' }),
      externalTrafficPolicy: str({ oneOf: ['Cluster', 'Local'] }),
    },
  };
}
