import { editionCheck, imageOverrideCheck, imagesCheck } from './images/checks';
import { SIZE_NAMES } from './sizing/names';
import { optionalChecks } from './validate-optional';
import { hostsProp, ingressProp } from './exposure/checks';
import { networkPoliciesProp } from './network-policies/checks';
import { monitoringCheck } from './monitoring/validate';
import { webserviceCheck } from './webservice/checks';
import { emailProp } from './mail/checks';
import { ldapProp, omniauthProp } from './auth/checks';
import { sidekiqCheck } from './sidekiq/checks';
import { gitlabShellCheck } from './gitlab-shell/checks';
import { toolboxCheck } from './toolbox/checks';
import { registryCheck } from './registry/checks';
import { railsCheck } from './rails/checks';
import { versionProblem } from './gitlab-version';
import { upgradeCheck } from '../upgrades/validate';
import { inClusterServicesCheck } from '../data-services/checks';
import {
  bool, Check, k8sName, list, obj, rule,
  secretRef, str,
} from './schema';
import {
  annotationMap, dnsLabel, labelMap, ownLabelMap, timeZone,
} from './common/checks';
import { objectStorageProp } from './object-storage/checks';
import { customCAsCheck, secretKeysCheck, secretNamesCheck } from './secrets/checks';
import { postgresProp } from './postgres/checks';
import { redisProp } from './redis/checks';
import { repositoryChecks } from './gitaly/checks';
import { placementCheck } from './placement/checks';
import { pdbCheck, resourcesCheck, workloadChecks } from './workloads/checks';
import { gitlabExporterCheck, kasCheck, migrationsCheck } from './components/checks';

/** Checks of the typed props, shape and values; cross-setting rules live in `resolve.ts`. */

// Label and annotation maps come from `common/checks.ts` (the API server's rules, in one place).
const monitoring = monitoringCheck(labelMap);


const { fields: workloadFields, noScaling } = workloadChecks(imageOverrideCheck);
const workloads = { fields: workloadFields, noScaling };

const optional = optionalChecks({ workload: workloadFields, placement: placementCheck, resources: resourcesCheck, annotations: annotationMap });

export const propsCheck: Check = obj({
  releaseName: dnsLabel('a release name', 'gitlab', 30),
  namespace: dnsLabel('a namespace name', 'gitlab'),
  edition: editionCheck,
  version: rule((v: unknown) => versionProblem(v)),
  size: str({ oneOf: SIZE_NAMES, fix: 'pick the reference architecture closest to your peak load (users or requests per second), or remove size for the chart defaults' }),
  images: imagesCheck,
  imagePullSecrets: list(k8sName('Secret name'), { unique: true }),
  hosts: hostsProp,
  timeZone: timeZone(),
  postgres: postgresProp,
  redis: redisProp,
  objectStorage: objectStorageProp,
  ingress: ingressProp,
  networkPolicies: networkPoliciesProp,
  namespaceObject: ((v, path, issues) => (typeof v === 'boolean' ? undefined : obj({ labels: labelMap(), annotations: annotationMap() })(v, path, issues))) as Check,
  monitoring,
  placement: placementCheck,
  serviceAccounts: bool(),
  components: obj({
    webservice: webserviceCheck(workloads),
    sidekiq: sidekiqCheck(workloads),
    ...repositoryChecks(workloadFields, pdbCheck),
    gitlabShell: gitlabShellCheck(workloads),
    registry: registryCheck(workloads),
    kas: kasCheck(workloads),
    gitlabExporter: gitlabExporterCheck(workloads),
    toolbox: toolboxCheck(workloads, optional.toolboxBackups),
    ...optional.components,
    migrations: migrationsCheck(workloads),
  }),
  secretNames: secretNamesCheck,
  customCAs: customCAsCheck,
  labels: ownLabelMap(),
  secretKeys: secretKeysCheck,
  license: secretRef('gitlab-license'),
  podLabels: ownLabelMap(),
  email: emailProp,
  omniauth: omniauthProp,
  ldap: ldapProp,
  rails: railsCheck,
  upgrade: upgradeCheck,
  inClusterServices: inClusterServicesCheck({ resources: resourcesCheck, secretRef }),
}, { what: 'a GitLabPlatform configuration object' });
