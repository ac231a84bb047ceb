import { ComponentsConfig, GitalyOptions, GitLabPlatformProps, PraefectOptions } from '../../../constructs';
import { productionProps } from '../../support/fixtures';

/** Praefect's own database on RDS, as a production user configures it. */
export const PRAEFECT_DATABASE = {
  host: 'praefect-db.abc123.us-east-1.rds.amazonaws.com',
  password: { name: 'praefect-db-password', key: 'password' },
} as const;

/** The production fixture with the Gitaly topology replaced (the other components as in the fixture). */
export function withGitalyTopology(topology: Pick<ComponentsConfig, 'gitaly' | 'praefect'>, rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps {
  const base = productionProps();
  return productionProps({ ...rest, components: { ...base.components, ...topology } });
}

/** The production fixture with Praefect on (its database set), plus extra Praefect and Gitaly settings. */
export function praefectProps(praefect: Partial<PraefectOptions> = {}, gitaly?: GitalyOptions, rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps {
  return withGitalyTopology({ praefect: { database: PRAEFECT_DATABASE, ...praefect }, ...(gitaly ? { gitaly } : {}) }, rest);
}
