import { readFileSync } from 'node:fs';
import { HelmValues, isMap } from '../values/reader';
import { CliError } from './command';
import { HelmYamlError, parseHelmYaml } from './helm-yaml';

/**
 * Reads values files and merges them as Helm does for `-f a -f b`: maps deeply, anything else replaced, later wins
 * (a `null` in a later file clears the key). Each file is read as Helm reads YAML (`helm-yaml.ts`); warnings (duplicate
 * keys, extra documents) go to `warn`, one line each.
 */
export function readValuesFiles(paths: readonly string[], warn: (line: string) => void = () => undefined): HelmValues {
  let merged: HelmValues = Object.create(null);
  for (const path of paths) merged = mergeValues(merged, readValuesFile(path, warn));
  return merged;
}

function readValuesFile(path: string, warn: (line: string) => void): HelmValues {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError(`Cannot read values file ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message}`);
  }
  let doc: unknown;
  try {
    const parsed = parseHelmYaml(text, path);
    for (const w of parsed.warnings) warn(`warning: ${w}`);
    doc = parsed.value;
  } catch (e) {
    if (e instanceof HelmYamlError) throw new CliError(`Values file ${path} is not valid YAML: ${e.message}`);
    throw e;
  }
  if (doc === null || doc === undefined) return Object.create(null);
  if (!isMap(doc)) {
    throw new CliError(`Values file ${path} must hold a mapping of chart values (global:, gitlab:, ...), not ${Array.isArray(doc) ? 'a list' : `a ${typeof doc}`}`);
  }
  return doc;
}

/** Helm's merge of values files: maps merge deeply, a later file's scalar, list or `null` replaces. Null-prototype maps. */
export function mergeValues(base: HelmValues, override: HelmValues): HelmValues {
  const out: HelmValues = Object.assign(Object.create(null), base);
  for (const [key, value] of Object.entries(override)) {
    out[key] = isMap(value) && isMap(out[key]) ? mergeValues(out[key] as HelmValues, value) : value;
  }
  return out;
}
