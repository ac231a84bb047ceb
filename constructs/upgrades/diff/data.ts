import { Manifest } from './objects';

/**
 * Why an object holds data that deleting or replacing it would lose, or undefined. Covered: PersistentVolumeClaims,
 * StatefulSets with volume claims (Gitaly, Praefect's Gitaly), CloudNativePG clusters, the namespace, and Secrets
 * holding Rails secrets (losing them makes encrypted data unreadable).
 */
export function dataHeld(o: Manifest): string | undefined {
  switch (o.kind) {
    case 'PersistentVolumeClaim':
      return 'a volume claim: deleting it deletes the volume unless its PersistentVolume is retained';
    case 'StatefulSet':
      return o.spec?.volumeClaimTemplates?.length
        ? `its pods' volumes (${o.spec.volumeClaimTemplates.map((t: Manifest) => t.metadata?.name).join(', ')}), e.g. Gitaly's repositories`
        : undefined;
    case 'Cluster':
      return String(o.apiVersion).startsWith('postgresql.cnpg.io/') ? 'a CloudNativePG database cluster and its volumes' : undefined;
    case 'Namespace':
      return 'every object in the namespace, volume claims included';
    case 'Secret':
      return /rails-secret/.test(o.metadata?.name ?? '') || Object.keys({ ...o.data, ...o.stringData }).includes('secrets.yml')
        ? 'the Rails secrets: without the same values, encrypted data (CI variables, 2FA, tokens) is unreadable'
        : undefined;
    default:
      return undefined;
  }
}

/** What to do before such an object is deleted. */
export function beforeDeleting(o: Manifest): string {
  switch (o.kind) {
    case 'StatefulSet':
      return 'back up the repositories (backup-utility / Gitaly backups); its claims are kept (retention policy Retain) but nothing uses them any more';
    case 'PersistentVolumeClaim':
      return 'back up the volume, or set its PersistentVolume\'s reclaim policy to Retain first';
    case 'Cluster':
      return 'take a backup (CloudNativePG Backup) and check it restores before removing the cluster';
    case 'Namespace':
      return 'do not remove the namespace while GitLab\'s volumes live in it; move or back up the data first';
    case 'Secret':
      return 'keep a copy of the Secret (kubectl get secret -o yaml) outside the cluster and restore it under the same name';
    default:
      return 'back up its data first';
  }
}
