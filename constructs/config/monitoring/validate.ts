import { bool, Check, list, num, obj, secretRef, str } from '../schema';
import { MONITORED_COMPONENTS, RELABEL_ACTIONS } from './types';

const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const duration = () => str({ pattern: DURATION, allowed: 'a Prometheus duration such as 30s or 1m', fix: 'write e.g. "30s"' });
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const relabel = obj({
  sourceLabels: list(str({ pattern: LABEL_NAME, allowed: 'a Prometheus label name', fix: 'use letters, digits and "_"' })),
  separator: str({ nonEmpty: false }),
  targetLabel: str(),
  regex: str(),
  modulus: num({ min: 1 }),
  replacement: str({ nonEmpty: false }),
  action: str({ oneOf: [...RELABEL_ACTIONS] }),
});

/** Shape of `monitoring` (which components may have which kind is checked at resolution). */
export function monitoringCheck(labelMap: () => Check): Check {
  const monitor = obj({
    enabled: bool(),
    kind: str({ oneOf: ['ServiceMonitor', 'PodMonitor'] }),
    additionalLabels: labelMap(),
    interval: duration(),
    scrapeTimeout: duration(),
    scheme: str({ oneOf: ['http', 'https'] }),
    tlsConfig: obj({ ca: secretRef('metrics-ca'), serverName: str(), insecureSkipVerify: bool() }),
    honorLabels: bool(),
    relabelings: list(relabel),
    metricRelabelings: list(relabel),
  });
  return obj(Object.fromEntries(MONITORED_COMPONENTS.map((c) => [c, monitor])));
}

