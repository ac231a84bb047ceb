import type { PropsBuilder } from '../../values/builder';
import { readBackupStorage } from '../object-storage/values';

/**
 * The chart's toolbox values (`gitlab.toolbox`) as `components.toolbox` props, beyond the on/off switch, resources
 * and placement (`components/values.ts`): its replicas and where `backup-utility` uploads.
 */

/** `gitlab.toolbox.replicas` and `gitlab.toolbox.backups.objectStorage`. */
export function readToolboxOptions(b: PropsBuilder, path: string, to: string): void {
  b.number(`${path}.replicas`, `${to}.replicas`);
  readBackupStorage(b, path, to);
}
