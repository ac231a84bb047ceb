import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import { SIZE_NAMES } from '../../constructs/config/sizing/names';
import { connectionBudget, maxConnections, SIZE_PRESETS, sizePreset } from '../../constructs/config/sizing/presets';

describe('size presets', () => {
  test('cover the reference architectures from 2k to 50k users', () => {
    expect(Object.keys(SIZE_PRESETS)).toEqual(['2k', '3k', '5k', '10k', '25k', '50k']);
    expect(SIZE_NAMES.map((n) => SIZE_PRESETS[n].users)).toEqual([2000, 3000, 5000, 10000, 25000, 50000]);
  });

  test('webservice replicas and pod shape follow the chart\'s examples/ref files', () => {
    const ref = { '2k': [2, 3], '3k': [3, 4], '5k': [7, 9], '10k': [15, 20], '25k': [26, 35], '50k': [58, 77] };
    for (const n of SIZE_NAMES) {
      const w = SIZE_PRESETS[n].webservice;
      expect([w.minReplicas, w.maxReplicas]).toEqual(ref[n]);
      expect(w.workerProcesses).toBe(4);
      expect(w.resources).toEqual({ requests: { cpu: '4', memory: '5G' }, limits: { memory: '7G' } });
      expect(w.hpaCpuAverageValue).toBe('1600m');
    }
  });

  test('sidekiq replicas and pod shape follow the chart\'s examples/ref files', () => {
    const ref = { '2k': [3, 4], '3k': [6, 8], '5k': [6, 8], '10k': [10, 14], '25k': [10, 14], '50k': [10, 14] };
    for (const n of SIZE_NAMES) {
      const s = SIZE_PRESETS[n].sidekiq;
      expect([s.minReplicas, s.maxReplicas]).toEqual(ref[n]);
      expect(s.resources).toEqual({ requests: { cpu: '900m', memory: '2G' }, limits: { memory: '4G' } });
    }
  });

  test('PostgreSQL classes map the reference nodes to RDS (db.m5.large ... db.m5.8xlarge)', () => {
    expect(SIZE_NAMES.map((n) => SIZE_PRESETS[n].postgres.instanceClass))
      .toEqual(['db.m5.large', 'db.m5.large', 'db.m5.xlarge', 'db.m5.2xlarge', 'db.m5.4xlarge', 'db.m5.8xlarge']);
  });

  test('Redis is split into cache and persistent groups from 10k, as the reference does', () => {
    expect(SIZE_NAMES.filter((n) => SIZE_PRESETS[n].redis.cache)).toEqual(['10k', '25k', '50k']);
  });

  test('every Redis group has at least two nodes, so automatic failover works', () => {
    for (const n of SIZE_NAMES) {
      const r = SIZE_PRESETS[n].redis;
      expect(r.persistent.nodes).toBeGreaterThanOrEqual(2);
      if (r.cache) expect(r.cache.nodes).toBeGreaterThanOrEqual(2);
    }
  });

  test('storage autoscaling leaves room above the initial allocation', () => {
    for (const n of SIZE_NAMES) expect(SIZE_PRESETS[n].postgres.maxAllocatedStorageGb).toBeGreaterThan(SIZE_PRESETS[n].postgres.allocatedStorageGb);
  });

  test('read replicas are recommended from 10k', () => {
    expect(SIZE_NAMES.filter((n) => SIZE_PRESETS[n].postgres.recommendedReadReplicas > 0)).toEqual(['10k', '25k', '50k']);
  });
});

describe('connection budget', () => {
  test('counts Puma and Sidekiq pools (threads + headroom) twice, for the main and ci connections', () => {
    // 10k: 20 pods x 4 workers x (4 + 10) + 14 x (20 + 1 + 10) = 1554, x2, + 50 others
    expect(connectionBudget(SIZE_PRESETS['10k'])).toBe(3158);
  });

  test('max_connections is the budget rounded up, at least 400 and at most 5000', () => {
    expect(maxConnections(SIZE_PRESETS['2k'])).toBe(700);
    expect(maxConnections(SIZE_PRESETS['10k'])).toBe(3200);
    expect(maxConnections(SIZE_PRESETS['50k'])).toBe(5000);
    for (const n of SIZE_NAMES) expect(maxConnections(SIZE_PRESETS[n])).toBeGreaterThanOrEqual(400);
  });
});

describe('sizePreset', () => {
  test('returns the preset of a known size', () => {
    expect(sizePreset('5k')).toBe(SIZE_PRESETS['5k']);
  });

  test('refuses an unknown size with GitLabConfigError naming the setting and the sizes', () => {
    expect(() => sizePreset('4k', 'gitlab:size')).toThrow(GitLabConfigError);
    expect(() => sizePreset('4k', 'gitlab:size')).toThrow(/gitlab:size: got "4k"; allowed: 2k, 3k, 5k, 10k, 25k, 50k/);
  });
});
