import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The `config:` map of a stack file as the flat string map Pulumi hands a program; encrypted values stay opaque. */
export function stackConfig(file: string): { config: Record<string, string>; secretKeys: string[] } {
  const doc = parse(readFileSync(file, 'utf8')) ?? {};
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    if (value && typeof value === 'object' && 'secure' in value) {
      config[key] = '[encrypted value: not readable without the Pulumi CLI]';
      secretKeys.push(key);
    } else {
      config[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return { config, secretKeys };
}
