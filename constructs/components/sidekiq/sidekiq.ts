import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { PlatformEndpoints } from '../../lib/endpoints';

export interface SidekiqProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/** PLACEHOLDER: being written. */
export class Sidekiq extends Construct {
  constructor(scope: Construct, id: string, props: SidekiqProps) {
    super(scope, id);
    void props;
  }
}
