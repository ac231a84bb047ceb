import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { railsConnection, registryStorage, s3cmdConfig } from '../../constructs/data-services/client-configs';

/** The chart's configuration of its bundled S3 service's clients (vendored render excerpts). */
const chart = parse(readFileSync(join(__dirname, '../fixtures/chart/minio-s3-clients.yaml'), 'utf8'));
const inputs = { accessKeyId: 'GK0123456789abcdef01234567', secretAccessKey: 'f'.repeat(64), endpoint: 'http://gitlab-garage.gitlab.svc:3900', region: 'garage', registryBucket: 'registry' };

describe('Garage\'s clients are configured as the chart configures its bundled S3 service', () => {
  it('Rails: fog AWS with the in-cluster endpoint, path-style, a region (the chart\'s keys, `host` aside: fog derives it from endpoint)', () => {
    const ours = parse(railsConnection(inputs));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(chart.railsConnection).filter((k) => k !== 'host').sort());
    expect(ours).toMatchObject({ provider: chart.railsConnection.provider, path_style: chart.railsConnection.path_style, endpoint: inputs.endpoint });
  });

  it('registry: the s3 driver with regionendpoint, v4auth, rootdirectory, redirects off; forcepathstyle since Garage serves buckets by path', () => {
    const ours = parse(registryStorage(inputs));
    expect(Object.keys(ours.s3)).toEqual(expect.arrayContaining(Object.keys(chart.registryStorage.s3)));
    expect(ours.s3).toMatchObject({ v4auth: true, rootdirectory: '/', regionendpoint: inputs.endpoint, forcepathstyle: true, secure: false });
    expect(ours.redirect).toEqual(chart.registryStorage.redirect);
  });

  it('s3cmd: the chart\'s keys, on the in-cluster endpoint over HTTP and signature v4 (Garage has no v2)', () => {
    const ours = Object.fromEntries(s3cmdConfig(inputs).split('\n').filter((l) => l.includes(' = ')).map((l) => l.split(' = ')));
    expect(Object.keys(ours)).toEqual(expect.arrayContaining(Object.keys(chart.s3cmd)));
    expect(ours).toMatchObject({ host_base: 'gitlab-garage.gitlab.svc:3900', use_https: 'False', signature_v2: 'False', bucket_location: 'garage' });
  });
});
