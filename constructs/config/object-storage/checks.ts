import { bool, list, obj, required, secretRef, str } from '../schema';
import { bucketName } from '../common/checks';
import { APP_CONFIG_OBJECT_TYPES, IRSA_COMPONENTS, OBJECT_TYPES, SERVER_SIDE_ENCRYPTIONS } from './names';

/** Checks of the `objectStorage` props (shape and values); rules across settings are in `resolve.ts`. */

const roleArn = () => str({ pattern: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, allowed: 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)', fix: 'copy the role ARN from IAM or the Pulumi stack output' });

/** `objectStorage`: required unless the in-cluster Garage fills it in. */
export const objectStorageProp: ReturnType<typeof required> = required(obj({
  connection: secretRef('gitlab-rails-storage'),
  connections: obj(Object.fromEntries(OBJECT_TYPES.map((t) => [t, secretRef(`gitlab-${t.toLowerCase()}-storage`)]))),
  proxyDownload: bool(),
  proxyDownloads: obj(Object.fromEntries(APP_CONFIG_OBJECT_TYPES.map((t) => [t, bool()]))),
  storageOptions: obj({
    serverSideEncryption: required(str({ oneOf: SERVER_SIDE_ENCRYPTIONS }), 'set serverSideEncryption: AES256 or aws:kms'),
    kmsKeyId: str({ pattern: /^[\w:/+=,.@-]{1,2048}$/, allowed: 'a KMS key ID, alias or ARN', fix: 'copy the key ARN from KMS' }),
  }),
  buckets: obj(Object.fromEntries(OBJECT_TYPES.map((t) => [t, bucketName()]))),
  disabled: list(str({ oneOf: OBJECT_TYPES }), { unique: true }),
  backupBucket: bucketName(),
  backupTmpBucket: bucketName(),
  iamRole: obj({
    roleArn: required(roleArn()),
    perComponent: obj(Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, roleArn()]))),
  }),
}), 'configure object storage: objectStorage: { connection: { name, key } } (GitLab needs S3 in production), or run Garage in the cluster: inClusterServices: { objectStorage: true }');
