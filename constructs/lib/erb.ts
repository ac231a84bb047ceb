import { stringify } from 'yaml';
import { plainYaml } from './plain-yaml';

/**
 * Config templates for CNG images: YAML documents with Ruby ERB (or gomplate) expressions that the image
 * evaluates at start, so secret values are read from files inside the pod and never enter a manifest.
 *
 * Build the document as a plain object; wherever a value must be computed in the pod, put `raw('<%= ... %>')`.
 * `templateYaml` serialises the object and splices the raw expressions in unquoted.
 */
export class Raw {
  constructor(readonly text: string) {}
}

export const raw = (text: string) => new Raw(text);

/** ERB expression that reads a secret file and emits it as a JSON (thus YAML) string. */
export const erbSecretJson = (file: string) => raw(`<%= File.read(${JSON.stringify(file)}).strip.to_json %>`);

/** ERB expression that reads a secret file and emits it URL-encoded (for a password inside a URL). */
export const erbSecretUrlEncoded = (file: string) => raw(`<%= ERB::Util.url_encode(File.read(${JSON.stringify(file)}).strip) %>`);

export function templateYaml(doc: unknown): string {
  const raws: string[] = [];
  const replace = (value: unknown): unknown => {
    if (value instanceof Raw) {
      raws.push(value.text);
      return `__RAW_${raws.length - 1}__`;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, replace(v)]));
    }
    return value;
  };
  const data = replace(doc);
  // Most templates are plain data that the fast writer renders exactly as `yaml` does (see plain-yaml.ts).
  const text = plainYaml(data) ?? stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });
  return text.replace(/__RAW_(\d+)__/g, (_, i) => raws[Number(i)]);
}
