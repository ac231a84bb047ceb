import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedConfig, ResolvedGatewayRef } from '../config/resolved';
import type { IngressPath } from './ingress';
import { ComponentLabels } from './labels';
import { meta } from './workload';

/** Gateway API group; routes and grants use its GA (`v1`) kinds. */
const GROUP = 'gateway.networking.k8s.io';
const API_VERSION = `${GROUP}/v1`;

/** A route's `parentRefs` entry: the Gateway, and optionally one of its listeners. */
export function parentRef(gateway: ResolvedGatewayRef, sectionName?: string): Record<string, string> {
  return { group: GROUP, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace, ...(sectionName ? { sectionName } : {}) };
}

/** Gateway API matches path elements, so `/k8s-proxy/` and `/k8s-proxy` are one prefix; write it without the slash. */
const prefix = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * An HTTPRoute for one host of a component on the platform's Gateway: one rule per path prefix, each to a port of
 * the component's Service. The Gateway picks the longest matching prefix, as an Ingress does.
 */
export function httpRoute(scope: Construct, config: ResolvedConfig, name: string, labels: ComponentLabels, host: string,
  paths: readonly IngressPath[], gateway: ResolvedGatewayRef, sectionName?: string, requestTimeout?: string,
  annotations: Readonly<Record<string, string>> = {}): ApiObject {
  return new ApiObject(scope, 'http-route', {
    apiVersion: API_VERSION,
    kind: 'HTTPRoute',
    metadata: meta(config, name, labels.common, { ...config.ingress.annotations, ...annotations }),
    spec: {
      parentRefs: [parentRef(gateway, sectionName)],
      hostnames: [host],
      rules: paths.map((p) => ({
        matches: [{ path: { type: 'PathPrefix', value: prefix(p.path) } }],
        backendRefs: [{ kind: 'Service', name: p.service, port: p.port }],
        ...(requestTimeout ? { timeouts: { request: requestTimeout, backendRequest: requestTimeout } } : {}),
      })),
    },
  });
}

/** A TCPRoute sending every connection of a Gateway's TCP listener to one Service port. */
export function tcpRoute(scope: Construct, config: Pick<ResolvedConfig, 'namespace'>, name: string, labels: ComponentLabels,
  service: string, port: number, gateway: ResolvedGatewayRef, sectionName?: string): ApiObject {
  return new ApiObject(scope, 'tcp-route', {
    apiVersion: API_VERSION,
    kind: 'TCPRoute',
    metadata: meta(config, name, labels.common),
    spec: {
      parentRefs: [parentRef(gateway, sectionName)],
      rules: [{ backendRefs: [{ kind: 'Service', name: service, port }] }],
    },
  });
}

/**
 * A ReferenceGrant letting Gateways of another namespace read the named TLS Secrets of the platform's namespace
 * (their HTTPS listeners reference them across namespaces).
 */
export function secretReferenceGrant(scope: Construct, config: Pick<ResolvedConfig, 'namespace'>, name: string, labels: ComponentLabels,
  gatewayNamespace: string, secretNames: readonly string[]): ApiObject {
  return new ApiObject(scope, 'reference-grant', {
    apiVersion: API_VERSION,
    kind: 'ReferenceGrant',
    metadata: meta(config, name, labels.common),
    spec: {
      from: [{ group: GROUP, kind: 'Gateway', namespace: gatewayNamespace }],
      to: secretNames.map((secret) => ({ group: '', kind: 'Secret', name: secret })),
    },
  });
}
