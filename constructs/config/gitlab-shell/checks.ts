import { Check, num, obj, str } from '../schema';
import { annotationMap } from '../common/checks';
import { SERVICE_TYPES } from '../service/types';
import { sshdCheck, sshExposureFields } from '../ssh/validate';
import type { WorkloadFieldChecks } from '../components/checks';
import { SSH_DAEMONS } from './names';

/** Checks of `components.gitlabShell` (shape and values); the exposure's rules across settings are in `ssh/resolve.ts`. */

export const gitlabShellCheck = ({ fields }: WorkloadFieldChecks): Check => obj({
  ...fields,
  sshDaemon: str({ oneOf: SSH_DAEMONS }),
  sshd: sshdCheck,
  serviceType: str({ oneOf: SERVICE_TYPES }),
  serviceAnnotations: annotationMap(),
  ...sshExposureFields,
  nodePort: num({ min: 30000, max: 32767 }),
});
