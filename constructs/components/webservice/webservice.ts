import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { PlatformEndpoints } from '../../lib/endpoints';

export interface WebserviceProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/** PLACEHOLDER: being written. */
export class Webservice extends Construct {
  constructor(scope: Construct, id: string, props: WebserviceProps) {
    super(scope, id);
    void props;
  }
}
