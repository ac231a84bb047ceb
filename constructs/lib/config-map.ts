import * as k8s from './k8s';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../config/resolved';
import { checksum } from './checksum';
import { meta } from './workload';

/** A component's ConfigMap of templates and scripts, with the checksum its pods carry as `checksum/config`. */
export interface ConfigFiles {
  readonly name: string;
  readonly checksum: string;
  readonly keys: readonly string[];
}

export function configFiles(scope: Construct, id: string, config: Pick<ResolvedConfig, 'namespace'>, name: string, labels: Record<string, string>,
  data: Record<string, string>): ConfigFiles {
  const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  new k8s.KubeConfigMap(scope, id, { metadata: meta(config, name, labels), data: sorted });
  return { name, checksum: checksum(sorted), keys: Object.keys(sorted) };
}
