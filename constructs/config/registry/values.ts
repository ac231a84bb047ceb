import type { PropsBuilder } from '../../values/builder';
import type { ValuesReader } from '../../values/reader';
import { readRegistryTls } from './tls-values';

/**
 * The values import of the registry: the chart's `registry.*` keys into `components.registry` (its storage Secret
 * and redirect, bucket name and tuning); its on/off switches, scaling and placement are read in `components/values.ts`.
 */

/** `registry.storage.{secret,key,redirect}` and `global.registry.bucket`. */
export function readRegistryOptions(b: PropsBuilder, path: string, to: string): void {
  b.string(`${path}.storage.secret`, `${to}.storage.name`);
  b.string(`${path}.storage.key`, `${to}.storage.key`);
  b.string('global.registry.bucket', `${to}.bucket`);
  // No driver Secret: readBundledServices gives the registry the chart's MinIO (Garage) or its filesystem storage.
  const redirect = `${path}.storage.redirect`;
  b.boolean(`${redirect}.disable`, `${to}.storageRedirect.disable`);
  b.raw(`${redirect}.exceptions`, `${to}.storageRedirect.exceptions`, (x) => (Array.isArray(x) && x.length === 0 ? undefined : x));
  readRegistryTls(b, path, to);
}

/** Refuses a key set to anything but `allowed`. */
type FixedValue = (v: ValuesReader, path: string, allowed: unknown, why: string) => void;

/**
 * `registry.{maintenance,health,log,validation}`, and `registry.gc` and `registry.middleware` where they can take
 * effect: online garbage collection needs the registry's metadata database, which gitlab-iac does not configure, so
 * only the chart's defaults are accepted; storage middleware (CloudFront) is refused with what to do. `fixedValue`
 * (from `values/common.ts`) refuses a key set to anything but the one value gitlab-iac renders.
 */
export function readRegistryTuning(b: PropsBuilder, fixedValue: FixedValue): void {
  const v = b.values;
  const from = 'registry';
  const to = 'components.registry';
  b.boolean(`${from}.maintenance.readonly.enabled`, `${to}.maintenance.readOnly`);
  b.boolean(`${from}.maintenance.uploadpurging.enabled`, `${to}.maintenance.uploadPurging.enabled`);
  b.string(`${from}.maintenance.uploadpurging.age`, `${to}.maintenance.uploadPurging.age`);
  b.string(`${from}.maintenance.uploadpurging.interval`, `${to}.maintenance.uploadPurging.interval`);
  b.boolean(`${from}.maintenance.uploadpurging.dryrun`, `${to}.maintenance.uploadPurging.dryRun`);
  b.boolean(`${from}.health.storagedriver.enabled`, `${to}.storageHealthCheck.enabled`);
  b.string(`${from}.health.storagedriver.interval`, `${to}.storageHealthCheck.interval`);
  b.number(`${from}.health.storagedriver.threshold`, `${to}.storageHealthCheck.threshold`);
  b.string(`${from}.log.level`, `${to}.log.level`);
  b.string(`${from}.log.formatter`, `${to}.log.formatter`);
  b.boolean(`${from}.log.accesslog.disabled`, `${to}.log.accessLog.disabled`);
  b.string(`${from}.log.accesslog.formatter`, `${to}.log.accessLog.formatter`);
  fixedValue(v, `${from}.log.fields.service`, 'registry', 'the registry\'s log field');
  b.boolean(`${from}.validation.disabled`, `${to}.validation.disabled`);
  const m = `${from}.validation.manifests`;
  if (v.peek(m) !== undefined) {
    b.number(`${m}.referencelimit`, `${to}.validation.manifests.referenceLimit`);
    b.number(`${m}.payloadsizelimit`, `${to}.validation.manifests.payloadSizeLimit`);
    b.raw(`${m}.urls.allow`, `${to}.validation.manifests.urls.allow`);
    b.raw(`${m}.urls.deny`, `${to}.validation.manifests.urls.deny`);
  }
  fixedValue(v, `${from}.gc.disabled`, false, 'online garbage collection runs only with the registry metadata database, which gitlab-iac does not configure');
}
