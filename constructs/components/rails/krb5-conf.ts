/** `krb5.conf`, mounted at `/etc/krb5.conf` in the Rails and gitlab-shell pods. Kerberos is not configured, so the file is empty (as in the chart). */
export function krb5Conf(): string {
  return '';
}
