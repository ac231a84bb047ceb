import { falseOr, list, num, obj, rule, str } from '../schema';

const seconds = (min: number) => num({ min, max: 86400 });
const portCheck = rule((v: unknown) => ((typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535) || (typeof v === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) && v.length <= 15)
  ? undefined : { allowed: 'a port number (1-65535) or a container port name', fix: 'write e.g. 8080 or "http"' }));
const path = () => str({ pattern: /^\/\S*$/, allowed: 'a path starting with "/"', fix: 'write e.g. "/-/readiness"' });
const timings = (successMax: number) => ({
  initialDelaySeconds: seconds(0),
  periodSeconds: seconds(1),
  timeoutSeconds: seconds(1),
  successThreshold: num({ min: 1, max: successMax }),
  failureThreshold: num({ min: 1, max: 100 }),
});
const settings = (liveness: boolean) => obj({
  ...timings(liveness ? 1 : 100),
  enabled: rule((v: unknown) => (typeof v === 'boolean' ? undefined : { allowed: 'true or false', fix: 'write false to drop the probe' })),
  httpGet: obj({ path: path(), port: portCheck }),
});

/** A startup probe: timings and at most one check (exactly one when given; none: the readiness check). */
const startup = falseOr((value, p, issues) => {
  obj({
    initialDelaySeconds: seconds(0), periodSeconds: seconds(1), timeoutSeconds: seconds(1), failureThreshold: num({ min: 1, max: 10000 }),
    successThreshold: num({ min: 1, max: 1 }),
    httpGet: obj({ path: path(), port: portCheck, scheme: str({ oneOf: ['HTTP', 'HTTPS'] }) }),
    exec: obj({ command: list(str(), { minItems: 1 }) }),
    tcpSocket: obj({ port: portCheck }),
    grpc: obj({ port: num({ min: 1, max: 65535 }), service: str() }),
  }, { what: 'false or a startup probe { httpGet | exec | tcpSocket | grpc, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold }' })(value, p, issues);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const checks = ['httpGet', 'exec', 'tcpSocket', 'grpc'].filter((k) => k in value);
    if (checks.length > 1) {
      rule(() => ({ allowed: 'one check: httpGet, exec, tcpSocket or grpc', fix: `keep one of ${checks.join(', ')}` }))(value, p, issues);
    }
  }
});

/** Checks of `livenessProbe` / `readinessProbe` / `startupProbe` (spread into a workload's fields). */
export const probeFields = { livenessProbe: settings(true), readinessProbe: settings(false), startupProbe: startup };
