/** `krb5.conf`, mounted at `/etc/krb5.conf`. Kerberos is not configured, so the file holds only a comment. */
export function krb5Conf(): string {
  return '# Kerberos is not configured by gitlab-iac.\n';
}
