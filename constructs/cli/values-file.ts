import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { HelmValues, isMap } from '../values/reader';
import { CliError } from './command';

/** Reads values files and merges them as Helm does for `-f a -f b`: maps deeply, anything else replaced, later wins. */
export function readValuesFiles(paths: readonly string[]): HelmValues {
  let merged: HelmValues = {};
  for (const path of paths) merged = mergeValues(merged, readValuesFile(path));
  return merged;
}

function readValuesFile(path: string): HelmValues {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError(`Cannot read values file ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text, { prettyErrors: true });
  } catch (e) {
    throw new CliError(`Values file ${path} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isMap(doc)) {
    throw new CliError(`Values file ${path} must hold a mapping of chart values (global:, gitlab:, ...), not ${Array.isArray(doc) ? 'a list' : `a ${typeof doc}`}`);
  }
  return doc;
}

export function mergeValues(base: HelmValues, override: HelmValues): HelmValues {
  const out: HelmValues = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = isMap(value) && isMap(out[key]) ? mergeValues(out[key] as HelmValues, value) : value;
  }
  return out;
}
