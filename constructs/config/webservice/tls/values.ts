import { PropsBuilder } from '../../../values/builder';
import { COMPONENT_VALUES_PATHS } from '../../components/names';

/**
 * The chart's internal TLS of the webservice pods as `components.webservice.tls` and `.workhorseTls`:
 * `gitlab.webservice.tls.{enabled,secretName}` with `metrics.tls.{enabled,secretName}` (Puma and its exporter),
 * `global.workhorse.tls.enabled` with `gitlab.webservice.workhorse.tls.{secretName,verify,caSecretName}` and
 * `workhorse.monitoring.exporter.tls.enabled` (Workhorse). Keys the chart reads only with a switch on are
 * warnings (no effect) while it is off, as the chart ignores them.
 */
export function readWebserviceTls(b: PropsBuilder): void {
  const v = b.values;
  const from = COMPONENT_VALUES_PATHS.webservice;
  const to = 'components.webservice';

  const puma = v.boolean(`${from}.tls.enabled`) ?? false;
  const metricsOn = v.boolean(`${from}.metrics.tls.enabled`);
  if (puma) {
    const tls: Record<string, unknown> = {};
    const secretName = v.string(`${from}.tls.secretName`);
    if (secretName !== undefined) tls.secretName = secretName;
    if (metricsOn === false) tls.metrics = false;
    const metricsSecret = v.string(`${from}.metrics.tls.secretName`);
    if (metricsSecret !== undefined && metricsOn !== false) tls.metricsSecretName = metricsSecret;
    else if (metricsSecret !== undefined) v.noEffect(`${from}.metrics.tls.secretName`, 'nothing while metrics.tls.enabled is false', 'remove the key');
    b.set(`${to}.tls`, tls, `${from}.tls`);
  } else {
    if (metricsOn === true) {
      v.problem(`${from}.metrics.tls.enabled`, true, 'TLS on the metrics exporter together with Puma\'s own TLS (gitlab.webservice.tls.enabled: true)',
        'set gitlab.webservice.tls.enabled: true as well (the exporter then uses its certificate), or remove the key');
    }
    v.noEffect(`${from}.tls`, 'nothing while gitlab.webservice.tls.enabled is false', 'remove the key, or set gitlab.webservice.tls.enabled: true', [`${from}.tls.enabled`]);
    if (metricsOn !== true) v.noEffect(`${from}.metrics.tls.secretName`, 'nothing while the metrics exporter serves no TLS', 'remove the key');
  }

  const workhorse = v.boolean('global.workhorse.tls.enabled') ?? false;
  const wh = `${from}.workhorse.tls`;
  const exporterTls = v.boolean(`${from}.workhorse.monitoring.exporter.tls.enabled`);
  if (workhorse) {
    const tls: Record<string, unknown> = {};
    const secretName = v.string(`${wh}.secretName`);
    if (secretName !== undefined) tls.secretName = secretName;
    // The chart verifies only when verify is the boolean true (its documented default true is not what it renders).
    const verify = v.boolean(`${wh}.verify`) ?? false;
    if (verify) tls.verify = true;
    const ca = v.string(`${wh}.caSecretName`);
    if (ca !== undefined && verify) tls.caSecretName = ca;
    else if (ca !== undefined) v.noEffect(`${wh}.caSecretName`, 'nothing while gitlab.webservice.workhorse.tls.verify is not true (NGINX reads the CA only to verify)', 'remove the key, or set verify: true');
    if (exporterTls === false) tls.metrics = false;
    b.set(`${to}.workhorseTls`, tls, 'global.workhorse.tls');
  } else {
    // The chart's own check fails on an exporter with TLS over a plain Workhorse listener.
    if (exporterTls === true) {
      v.problem(`${from}.workhorse.monitoring.exporter.tls.enabled`, true, 'TLS on Workhorse\'s metrics listener only while Workhorse serves TLS (global.workhorse.tls.enabled: true)',
        'set global.workhorse.tls.enabled: true, or remove the key');
    }
    v.noEffect(wh, 'nothing while global.workhorse.tls.enabled is false', 'remove the key, or set global.workhorse.tls.enabled: true');
  }
}
