import { readGlobalImage } from '../config/images/values';
import { PropsBuilder } from './builder';

/** Hosts, edition, version, images, time zone, labels and platform-wide placement (`global.*`). */
export function readGeneral(b: PropsBuilder): void {
  const v = b.values;
  // The chart's default domain, as Helm renders it when the values name none.
  if (b.string('global.hosts.domain', 'hosts.domain') === undefined) {
    b.set('hosts.domain', 'example.com', 'global.hosts.domain');
    v.warnings.push('global.hosts.domain is not set: the chart\'s default example.com is used, as Helm does (hosts gitlab.example.com, ...); set it to your domain');
  }
  b.boolean('global.hosts.https', 'hosts.https');
  for (const host of ['gitlab', 'registry', 'kas'] as const) {
    b.string(`global.hosts.${host}.name`, `hosts.${host}.name`);
    b.boolean(`global.hosts.${host}.https`, `hosts.${host}.https`);
  }
  // The chart's `global.hosts.ssh` is the SSH host name; its port is `global.shell.port`.
  b.string('global.hosts.ssh', 'hosts.ssh.name');
  b.number('global.shell.port', 'hosts.ssh.port');

  b.string('global.edition', 'edition');
  // The chart takes the version with or without the leading "v" (image tags have it, the catalog does not).
  const version = v.string('global.gitlabVersion');
  b.set('version', version?.replace(/^v/, ''), 'global.gitlabVersion');
  b.string('global.time_zone', 'timeZone');

  readGlobalImage(b);

  b.raw('global.common.labels', 'labels');
  b.raw('global.nodeSelector', 'placement.nodeSelector');
  b.string('global.priorityClassName', 'placement.priorityClassName');
}

/**
 * `global.serviceAccount`: the chart's switch for per-component ServiceAccounts. Its annotations go on every
 * account; an IRSA role annotation becomes `objectStorage.iamRole` (it then reaches only the components that use
 * object storage, which is what the role is for).
 */
export function readServiceAccounts(b: PropsBuilder, componentsWithAccounts: readonly string[]): void {
  const v = b.values;
  const base = 'global.serviceAccount';
  const enabled = b.boolean(`${base}.enabled`, 'serviceAccounts');
  if (enabled === false) {
    v.noEffect(base, 'nothing while global.serviceAccount.enabled is false (no ServiceAccounts are used)',
      'remove the key, or set global.serviceAccount.enabled: true', ['global.serviceAccount.enabled']);
    return;
  }
  // name, create and automountServiceAccountToken apply to each component (components.<name>.serviceAccount), where
  // the component's own keys do not say otherwise (common.ts reads both, as the chart coalesces them).
  const create = v.boolean(`${base}.create`);
  const name = v.string(`${base}.name`);
  v.boolean(`${base}.automountServiceAccountToken`);
  if (name !== undefined && create !== false) {
    v.problem(`${base}.name`, name, 'a shared account name only with global.serviceAccount.create: false (one account made outside the platform); '
      + 'with create on, every component would create the same ServiceAccount', 'set global.serviceAccount.create: false, or name each component\'s account (<component>.serviceAccount.name)');
  }
  const annotations = v.map(`${base}.annotations`);
  if (!annotations) return;
  const { 'eks.amazonaws.com/role-arn': roleArn, ...rest } = annotations;
  if (roleArn !== undefined) b.set('objectStorage.iamRole.roleArn', roleArn, `${base}.annotations.eks.amazonaws.com/role-arn`);
  if (Object.keys(rest).length) {
    for (const c of componentsWithAccounts) b.set(`components.${c}.serviceAccountAnnotations`, rest, `${base}.annotations`);
  }
}
