import type { PropsBuilder } from '../../values/builder';
import { fixedValue } from '../../values/common';
import { isMap } from '../../values/reader';
import type { SharedSecretName, SingleKeySecretName } from './names';

/**
 * The chart's Secret values as props: the shared Secrets' names and keys (`secretNames`, `secretKeys`), the license
 * and the custom CAs. The keys read here are listed in `values/README.md` and marked mapped in `values/keys/table.ts`.
 */

/** Secret names (and keys) of the chart's global Secret references; `fixedKey` when the image reads one key only. */
const SECRET_REFS: readonly { path: string; name: SharedSecretName; keyOf?: SingleKeySecretName; fixedKey?: string }[] = [
  { path: 'global.shell.authToken', name: 'gitlabShell', keyOf: 'gitlabShell' },
  { path: 'global.shell.hostKeys', name: 'gitlabShellHostKeys' },
  { path: 'global.railsSecrets', name: 'rails' },
  { path: 'global.workhorse', name: 'workhorse', keyOf: 'workhorse' },
  { path: 'global.registry.certificate', name: 'registryAuth' },
  { path: 'global.registry.httpSecret', name: 'registryHttp', keyOf: 'registryHttp' },
  { path: 'global.registry.notificationSecret', name: 'registryNotification', fixedKey: 'secret' },
  { path: 'global.initialRootPassword', name: 'initialRootPassword', keyOf: 'initialRootPassword' },
];

/**
 * The chart's references to the shared Secrets (`global.shell.authToken`, `global.railsSecrets`, ...): their names
 * (and keys, where the image reads one value), so that the Secrets of a Helm install are used as they are.
 */
export function readGlobalSecrets(b: PropsBuilder): void {
  const v = b.values;
  for (const ref of SECRET_REFS) {
    b.string(`${ref.path}.secret`, `secretNames.${ref.name}`);
    if (ref.keyOf) b.string(`${ref.path}.key`, `secretKeys.${ref.keyOf}`);
    else if (ref.fixedKey) fixedValue(v, `${ref.path}.key`, ref.fixedKey, 'the key the image reads');
  }
  // The Gitaly token: read with the Gitaly settings for external-only storages; otherwise the in-cluster token's Secret.
  if (b.get('components.gitaly.external.token') === undefined) {
    b.string('global.gitaly.authToken.secret', 'secretNames.gitaly');
    b.string('global.gitaly.authToken.key', 'secretKeys.gitaly');
  }
  if (b.get('components.praefect.enabled') === true) {
    b.string('global.praefect.authToken.secret', 'secretNames.praefect');
    b.string('global.praefect.authToken.key', 'secretKeys.praefect');
  }
  // The chart's default: the PostgreSQL password comes from a Secret (the only way gitlab-iac reads it).
  fixedValue(v, 'global.psql.password.useSecret', true, 'the password is read from the Secret in global.psql.password.secret/key');
  b.string('global.gitlab.license.secret', 'license.name');
  if (b.get('license') !== undefined) b.string('global.gitlab.license.key', 'license.key');
  else v.noEffect('global.gitlab.license', 'nothing without global.gitlab.license.secret', 'name the license Secret in global.gitlab.license.secret, or remove the key');
}

/** `global.certificates.customCAs`: each a Secret or a ConfigMap reference, optionally limited to `keys`. */
export function readCustomCAs(b: PropsBuilder): void {
  const v = b.values;
  const cas = v.list('global.certificates.customCAs');
  if (cas?.length) {
    const refs: unknown[] = [];
    cas.forEach((ca, i) => {
      const at = `global.certificates.customCAs[${i}]`;
      const source = isMap(ca) ? (typeof ca.secret === 'string' ? 'secret' : typeof ca.configMap === 'string' ? 'configMap' : undefined) : undefined;
      if (isMap(ca) && source && Object.keys(ca).every((k) => k === source || k === 'keys')) {
        refs.push(ca.keys === undefined ? { [source]: ca[source] } : { [source]: ca[source], keys: ca.keys });
      } else {
        v.problem(at, ca, 'a Secret or ConfigMap reference { secret, keys } / { configMap, keys }', 'list the CA bundle as { secret: <name> } or { configMap: <name> }');
      }
    });
    b.set('customCAs', refs, 'global.certificates.customCAs');
  }
}
