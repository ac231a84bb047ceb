import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fromHelmValues, GitLabConfigError, GitLabPlatformProps, HelmValuesOptions } from '../../constructs';

export const AWS_PRODUCTION_VALUES = join(__dirname, '../fixtures/values/aws-production-values.yaml');

/** The aws-production values file, parsed (a fresh copy each call, so tests may change it). */
export function awsProductionValues(): Record<string, any> {
  return parse(readFileSync(AWS_PRODUCTION_VALUES, 'utf8'));
}

/** A copy of `base` with `patch` merged in (maps deeply; `undefined` deletes a key). */
export function withValues(patch: Record<string, any>, base: Record<string, any> = awsProductionValues()): Record<string, any> {
  const out: Record<string, any> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? withValues(v, out[k]) : v;
  }
  return out;
}

/** Converts values, expecting success. */
export function convert(values: Record<string, any>, options?: HelmValuesOptions): GitLabPlatformProps {
  return fromHelmValues(values, options);
}

/** Converts values, expecting a refusal; returns the error. */
export function refusal(values: unknown, options?: HelmValuesOptions): GitLabConfigError {
  try {
    fromHelmValues(values, options);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('expected the values to be refused, but they converted');
}

/** Converts values, expecting success; returns the warning and notice lines the import wrote. */
export function importWarnings(values: Record<string, any>, options?: HelmValuesOptions): string[] {
  const lines: string[] = [];
  fromHelmValues(values, { ...options, onWarning: (line) => lines.push(line) });
  return lines;
}

/** The keys the import ignored with a warning (a feature the same file turns off, a key outside the chart). */
export function ignoredKeys(values: Record<string, any>, options?: HelmValuesOptions): string[] {
  return importWarnings(values, options).filter((w) => w.startsWith('warning: ')).map((w) => w.slice('warning: '.length).split(': ')[0]);
}

/** `{ path: allowed }` of an error's issues, for compact assertions. */
export function issuePaths(e: GitLabConfigError): string[] {
  return e.issues.map((i) => i.path);
}
