import { ResolvedConfig } from '../config/resolved';

/**
 * The server certificates of in-cluster Gitaly and Praefect TLS, which every pod's trust store takes in (as the
 * chart does), and Workhorse's certificate and CA (the chart leaves those to `customCAs`): the Secret, the file name
 * under `/usr/local/share/ca-certificates`, and the key when it is not `tls.crt`.
 */
export function internalTlsCertificates(config: Pick<ResolvedConfig, 'components'>): { secret: string; path: string; key?: string }[] {
  const { gitaly, praefect } = config.components;
  const out: { secret: string; path: string; key?: string }[] = [];
  if (gitaly?.tls) out.push({ secret: gitaly.tls.secretName, path: 'gitaly-internal-tls.crt' });
  for (const vs of praefect?.virtualStorages ?? []) {
    if (vs.tlsSecretName) out.push({ secret: vs.tlsSecretName, path: `gitaly-${vs.name}-tls.crt` });
  }
  if (praefect?.tls) out.push({ secret: praefect.tls.secretName, path: 'praefect-internal-tls.crt' });
  // Workhorse's TLS: its clients (gitlab-shell, Gitaly hooks, KAS, Pages, Mailroom) trust its certificate and CA.
  const workhorse = config.components.webservice?.workhorseTls;
  if (workhorse) out.push({ secret: workhorse.secretName, path: 'workhorse-internal-tls.crt' });
  if (workhorse?.caSecretName) out.push({ secret: workhorse.caSecretName, path: 'workhorse-internal-ca.crt', key: 'ca.crt' });
  return out;
}
