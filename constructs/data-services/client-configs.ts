import { stringify } from 'yaml';

/**
 * The three client configurations of an S3-compatible service, built from one key pair, exactly as the chart
 * configures them for its bundled S3 service (MinIO): path-style addressing, the in-cluster endpoint and its
 * region. Pure functions: `cli secrets` and the Pulumi stack write byte-identical formats.
 */
export interface S3ClientInputs {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `http://host:port` of the S3 API. */
  readonly endpoint: string;
  readonly region: string;
  /** The container registry's bucket. */
  readonly registryBucket: string;
}

/** Rails' fog connection (`provider: AWS` with `endpoint` and `path_style`). */
export function railsConnection(i: S3ClientInputs): string {
  return stringify({
    provider: 'AWS',
    region: i.region,
    aws_access_key_id: i.accessKeyId,
    aws_secret_access_key: i.secretAccessKey,
    endpoint: i.endpoint,
    path_style: true,
  });
}

/**
 * The registry's storage block (spliced under `storage:`): the s3 driver with `regionendpoint` and
 * `forcepathstyle`, and redirects off, since clients outside the cluster cannot reach the in-cluster endpoint.
 */
export function registryStorage(i: S3ClientInputs): string {
  return stringify({
    s3: {
      accesskey: i.accessKeyId,
      secretkey: i.secretAccessKey,
      region: i.region,
      regionendpoint: i.endpoint,
      bucket: i.registryBucket,
      forcepathstyle: true,
      secure: i.endpoint.startsWith('https://'),
      v4auth: true,
      rootdirectory: '/',
    },
    redirect: { disable: true },
  });
}

/** s3cmd's `.s3cfg` for the toolbox's backups: the endpoint by path, plain HTTP when it is `http://`, signature v4. */
export function s3cmdConfig(i: S3ClientInputs): string {
  const host = i.endpoint.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return [
    '[default]',
    `access_key = ${i.accessKeyId}`,
    `secret_key = ${i.secretAccessKey}`,
    `bucket_location = ${i.region}`,
    `host_base = ${host}`,
    `host_bucket = ${host}`,
    `use_https = ${i.endpoint.startsWith('https://') ? 'True' : 'False'}`,
    'signature_v2 = False',
    '',
  ].join('\n');
}
