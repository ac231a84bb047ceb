import { annotationMap, cidr } from '../common/checks';
import { list, num, obj, str } from '../schema';
import { EXTERNAL_TRAFFIC_POLICIES, SERVICE_TYPES } from './types';

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/;

/** Shape checks of `components.<name>.service` (`ServiceExposure`). */
export const serviceExposureCheck = obj({
  type: str({ oneOf: SERVICE_TYPES }),
  annotations: annotationMap(),
  loadBalancerIP: str({ pattern: IP, allowed: 'an IPv4 or IPv6 address', fix: 'write e.g. 203.0.113.10' }),
  loadBalancerSourceRanges: list(cidr(), { unique: true }),
  externalTrafficPolicy: str({ oneOf: EXTERNAL_TRAFFIC_POLICIES }),
  nodePort: num({ min: 30000, max: 32767 }),
});
