import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { handle } from '../../lib/handles';
import { ResolvedConfig } from '../../config/resolved';
import { acmeIssuer } from '../../lib/cert-manager';
import { componentLabels } from '../../lib/labels';

export interface CertManagerIssuerProps {
  /** The resolved platform configuration (`resolveConfig`) with `ingress.tls.acme` set. */
  readonly config: ResolvedConfig;
}

/**
 * The ACME `Issuer` `<release>-issuer` that signs the platform's certificates (`ingress.tls: { acme: { email } }`),
 * the chart's `certmanager-issuer` without its hook Job: the Issuer is a plain object, applied like the rest.
 * HTTP-01 challenges go through the platform's ingress class, or its Gateway with `gateway-api`.
 * Needs cert-manager in the cluster (with its Gateway API support turned on for `gateway-api`).
 *
 * @see https://docs.gitlab.com/charts/charts/certmanager-issuer/
 */
export class CertManagerIssuer extends Construct {
  /** The Issuer's name (the Ingresses' `cert-manager.io/issuer`). */
  readonly issuerName?: string;

  /** The ACME Issuer (cert-manager), with `ingress.tls.acme`. */
  readonly issuer?: ApiObject;

  constructor(scope: Construct, id: string, props: CertManagerIssuerProps) {
    super(scope, id);
    const { config } = props;
    acmeIssuer(this, config, componentLabels(config, 'certmanager-issuer'));
    this.issuerName = config.ingress.acmeIssuer?.name;
    // Typed handles to the objects built above (escape hatches; see the README).
    this.issuer = handle(this, 'issuer', ApiObject);
  }
}
