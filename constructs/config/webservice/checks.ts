import { Check, list, num, obj, str } from '../schema';
import { dnsLabel } from '../common/checks';
import { kedaCheck } from '../keda/validate';
import { postgresOverrideCheck } from '../postgres/checks';
import { serviceExposureCheck } from '../service/validate';
import { resourcesCheck, webserviceDeploymentsCheck } from '../workloads/checks';
import { componentIngress, WorkloadFieldChecks } from '../components/checks';
import { pumaTlsCheck, workhorseTlsCheck } from './tls/checks';

/** Checks of `components.webservice` (shape and values); Puma's thread bounds across settings are in `resolve.ts`. */

export const webserviceCheck = ({ fields }: WorkloadFieldChecks): Check => obj({
  ...fields,
  keda: kedaCheck,
  workerProcesses: num({ min: 0, max: 64 }),
  puma: obj({ threadsMin: num({ min: 1, max: 64 }), threadsMax: num({ min: 1, max: 64 }), workerTimeout: num({ min: 1 }) }),
  workhorseResources: resourcesCheck,
  shutdownBlackoutSeconds: num({ min: 0, max: 600 }),
  postgres: postgresOverrideCheck,
  ingress: componentIngress(),
  service: serviceExposureCheck,
  deployments: webserviceDeploymentsCheck,
  internalDeployment: dnsLabel('the name of one of the webservice Deployments', 'default'),
  tls: pumaTlsCheck,
  workhorseTls: workhorseTlsCheck,
  monitoringWhitelist: list(str({ pattern: /^[0-9A-Fa-f:.]+(\/[0-9]{1,3})?$/, allowed: 'an IPv4 or IPv6 address or CIDR', fix: 'write e.g. "10.0.0.0/8" or "::/0"' }), { unique: true }),
});
