import type { PropsBuilder } from '../../values/builder';

/** Drops the chart's empty-list default (`clientCAs: []`): the chart writes a list only when it has entries. */
const nonEmptyList = (x: unknown) => (Array.isArray(x) && x.length === 0 ? undefined : x);

/**
 * The values import of the registry's own TLS: `registry.tls.*` into `components.registry.tls`, with
 * `global.registry.tls.secretName` as the Secret's fallback (the chart's coalesce), and the chart's consistency rule
 * that Rails' scheme for the registry API (`global.hosts.registry.protocol`) matches: `https` with TLS (the chart's
 * check refuses the render otherwise), and nothing but `http` without (Rails would speak HTTPS to a plain port).
 * `global.registry.tls.enabled` is read by no template of chart 9.9.1: ignored with a warning saying what serves TLS.
 */
export function readRegistryTls(b: PropsBuilder, path: string, to: string): void {
  const v = b.values;
  const from = `${path}.tls`;
  const protocolKey = 'global.hosts.registry.protocol';
  v.noEffect('global.registry.tls.enabled', 'nothing: no template of chart 9.9.1 reads it (the registry serves TLS only with registry.tls.enabled)',
    `set ${from}.enabled: true and ${protocolKey}: https for the registry to serve TLS, and remove the key`);
  const protocol = v.string(protocolKey);
  if (!v.boolean(`${from}.enabled`)) {
    const reason = `nothing while ${from}.enabled is false`;
    const fix = `remove the key, or serve TLS from the registry: ${from}.enabled: true (with ${protocolKey}: https)`;
    v.noEffect(from, reason, fix, [`${from}.enabled`]);
    v.noEffect('global.registry.tls.secretName', reason, fix);
    if (protocol !== undefined && protocol !== 'http') {
      v.problem(protocolKey, protocol, `"http" while ${from}.enabled is false (Rails would call the registry's plain-HTTP port with this scheme)`,
        `remove the key, or serve TLS from the registry: ${from}.enabled: true`);
    }
    return;
  }
  if (protocol !== 'https') {
    v.problem(protocolKey, protocol, `"https" while ${from}.enabled is true (the chart refuses the render otherwise: Rails calls the registry API with this scheme)`,
      `set ${protocolKey}: https`);
  }
  b.set(`${to}.tls`, {}, `${from}.enabled`);
  const t = `${to}.tls`;
  // The chart's coalesce: the registry's own name, then the global one, then `<release>-registry-tls`.
  if (b.string(`${from}.secretName`, `${t}.secretName`) === undefined) b.string('global.registry.tls.secretName', `${t}.secretName`);
  else v.noEffect('global.registry.tls.secretName', `nothing while ${from}.secretName is set (the chart reads that one first)`, 'remove one of the two keys');
  const verify = v.boolean(`${from}.verify`);
  if (verify === false) {
    b.set(`${t}.verify`, false, `${from}.verify`);
    v.noEffect(`${from}.caSecretName`, `nothing while ${from}.verify is false (NGINX reads the CA only to verify)`, `remove the key, or set ${from}.verify: true`);
  } else if (b.string(`${from}.caSecretName`, `${t}.caSecretName`) === undefined) {
    // The chart writes proxy-ssl-verify (its default) without a CA Secret; ingress-nginx then verifies nothing.
    v.warnings.push(`${from}: NGINX will not verify the registry's certificate: ingress-nginx verifies a backend only against a CA Secret`
      + ` (it ignores proxy-ssl-verify without proxy-ssl-secret). To verify: ${from}.caSecretName (a Secret with ca.crt)`);
  }
  b.raw(`${from}.clientCAs`, `${t}.clientCAs`, nonEmptyList);
  b.string(`${from}.minimumTLS`, `${t}.minimumTLS`);
  b.raw(`${from}.cipherSuites`, `${t}.cipherSuites`, nonEmptyList);
}
