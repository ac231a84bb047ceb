import { ValuesReader } from './reader';

/**
 * The chart's install switches are read elsewhere: PostgreSQL, Redis and MinIO by `bundled-services.ts` (the
 * in-cluster services), the runner by `runner.ts`; cluster add-ons (ingress controllers, cert-manager, Prometheus),
 * shared-secrets and the rest are judged by the key table (`keys/table.ts`). Left here: the ACME e-mail.
 */
export function readInstalls(v: ValuesReader): void {
  // Read for the ACME Issuer by the exposure settings; read here too so that it is never reported as unsupported.
  v.string('certmanager-issuer.email');
}
