import {
  bool, Check, falseOr, k8sName, obj, str,
} from '../schema';
import { serviceExposureCheck } from '../service/validate';
import { SERVICE_TYPES } from '../service/types';
import { componentIngressFields } from '../exposure/checks';
import { httpUrl } from '../common/checks';
import { PAGES_AUTH_SCOPES } from './names';

/**
 * Shape checks of `components.gitlabPages` (`types.ts`); rules across settings (Pages off, access control, custom
 * domains and TLS) are in `resolve.ts`. The workload fields and the annotation check are passed in by
 * `../validate-optional.ts`, so this module does not import `../validate.ts`.
 */
export function pagesCheck(workload: Readonly<Record<string, Check>>, annotations: () => Check): Check {
  return obj({
    ...workload,
    ingress: obj(componentIngressFields(annotations)),
    service: serviceExposureCheck,
    accessControl: bool(),
    authRedirectUri: httpUrl('https://projects.pages.example.com/auth'),
    authScope: str({ oneOf: PAGES_AUTH_SCOPES }),
    namespaceInPath: bool(),
    artifactsServer: bool(),
    customDomains: falseOr(obj({
      http: bool(),
      https: bool(),
      tlsSecret: k8sName('Secret name'),
      serviceType: str({ oneOf: SERVICE_TYPES }),
      httpProxy: bool(),
      proxyProtocolV2: bool(),
      serviceAnnotations: annotations(),
      loadBalancerIP: str({ pattern: /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:]*)$/, allowed: 'an IPv4 or IPv6 address', fix: 'write e.g. "203.0.113.10"' }),
    })),
  });
}
