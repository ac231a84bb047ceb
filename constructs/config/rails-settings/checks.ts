import { all, bool, Check, list, num, rule, str } from '../schema';
import { RAILS_SETTINGS, RailsSettingName, SettingValue } from './table';

/** One line of text that ERB leaves alone (the values end up in gitlab.yml.erb); `rails/checks.ts` uses it too. */
export const erbSafe = (what: string): Check => all(
  str({ allowed: what }),
  rule((v: string) => (/<%|%>|[\r\n\0]/.test(v) ? { allowed: `${what} on one line without "<%" or "%>"`, fix: 'remove those characters' } : undefined)),
);

const url = (example: string): Check => all(erbSafe('an http(s) URL'),
  rule((v: string) => (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(v) ? undefined : { allowed: 'an http(s) URL', fix: `write e.g. "${example}"` })));

const routingRule: Check = (value, path, issues) => {
  const ok = Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && value[0] !== ''
    && (value[1] === null || (typeof value[1] === 'string' && /^[a-z0-9_:]+$/.test(value[1])));
  if (!ok) {
    issues.push({ path, value: JSON.stringify(value), allowed: 'a [query, queue] pair: a worker query and a queue name (lower case, digits, "_") or null',
      fix: 'write e.g. ["resource_boundary=cpu", "cpu_boundary"] or ["*", null]' });
    return;
  }
  erbSafe('a worker query')((value as unknown[])[0], `${path}[0]`, issues);
};

/** The check of each type. */
const CHECKS: { readonly [T in keyof SettingValue]: Check } = {
  url: url('https://cdn.example.com'),
  urls: list(url('https://gitlab.example.org'), { unique: true }),
  boolean: bool(),
  seconds: num({ min: 1, max: 86400, fix: 'give a number of seconds, e.g. 120' }),
  routingRules: list(routingRule),
};

/** The checks of `rails.<setting>` for every setting of the table, to spread into the rails object check. */
export const railsSettingsChecks: Readonly<Record<RailsSettingName, Check>> = Object.fromEntries(
  Object.entries(RAILS_SETTINGS).map(([name, s]) => [name, CHECKS[s.type]]),
) as Record<RailsSettingName, Check>;
