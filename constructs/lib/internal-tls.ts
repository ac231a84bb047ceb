import { ResolvedConfig } from '../config/resolved';

/**
 * The server certificates of in-cluster Gitaly and Praefect TLS, which every pod's trust store takes in (as the
 * chart does): the Secret and the file name under `/usr/local/share/ca-certificates`.
 */
export function internalTlsCertificates(config: Pick<ResolvedConfig, 'components'>): { secret: string; path: string }[] {
  const { gitaly, praefect } = config.components;
  const out: { secret: string; path: string }[] = [];
  if (gitaly?.tls) out.push({ secret: gitaly.tls.secretName, path: 'gitaly-internal-tls.crt' });
  for (const vs of praefect?.virtualStorages ?? []) {
    if (vs.tlsSecretName) out.push({ secret: vs.tlsSecretName, path: `gitaly-${vs.name}-tls.crt` });
  }
  if (praefect?.tls) out.push({ secret: praefect.tls.secretName, path: 'praefect-internal-tls.crt' });
  return out;
}
