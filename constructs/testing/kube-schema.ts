import type Ajv from 'ajv';
import type { ErrorObject, Format, ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';

/**
 * Strict schema validation of Kubernetes objects, like `kubeconform -strict`: every object schema that lists
 * `properties` is closed (unknown fields are errors, as with `kubectl apply`'s strict field validation),
 * explicit `null` counts as absent, int-or-string and quantities are checked the way the API server parses them,
 * and listType=map keys must be unique (server-side apply refuses duplicates).
 *
 * Built-in kinds come from the vendored OpenAPI definitions (GA kinds only: an object on a beta API is reported
 * as unknown). Custom resources validate against CRD schemas: the vendored ones (`validateCustomResource`) or any
 * map passed to `validateObject`.
 */

/** Kubernetes minors the platform's output is checked on. */
export const KUBERNETES_VERSIONS = ['1.33', '1.34', '1.35', '1.36'] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** Custom resource schemas (a CRD version's `schema.openAPIV3Schema`) by `group/version/Kind`; a Map fits. */
export interface CustomResourceSchemas {
  get(groupVersionKind: string): Record<string, unknown> | undefined;
}

type Schema = Record<string, any>;
type Obj = { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown }; [k: string]: unknown };

/**
 * The vendored schemas: next to the compiled module in the package (`npm run build` copies them), or the
 * repository's test fixtures when run from the sources.
 */
const FIXTURES = [join(__dirname, 'schemas'), join(__dirname, '..', '..', 'test', 'fixtures')].find((d) => existsSync(join(d, 'kubernetes-schemas')))
  ?? join(__dirname, 'schemas');
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The API server's quantity grammar (`resource.ParseQuantity`): a signed decimal with an SI, binary or exponent suffix. */
export const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$/;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const FORMATS: Record<string, Format> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max },
  int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
  double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
  float: { type: 'number', validate: (n: number) => Number.isFinite(n) },
  byte: { type: 'string', validate: (s: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) },
  'date-time': { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) },
  date: { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) },
  duration: { type: 'string', validate: (s: string) => /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$|^0$/.test(s) },
  ipv4: { type: 'string', validate: (s: string) => /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/.test(s) },
  ipv6: { type: 'string', validate: (s: string) => /^[0-9A-Fa-f:.]+$/.test(s) && s.includes(':') },
};

const readGzip = (path: string): string => gunzipSync(readFileSync(path) as unknown as Uint8Array).toString('utf8');

// ---------------------------------------------------------------------------------------------------------------
// Loading (once per version) and compiling (once per version + kind)

interface VersionIndex {
  readonly ajv: Ajv;
  readonly id: string;
  /** `apiVersion/Kind` -> definition name. */
  readonly kinds: ReadonlyMap<string, string>;
  readonly compiled: Map<string, ValidateFunction>;
  readonly customCompiled: WeakMap<object, ValidateFunction>;
}

const versions = new Map<string, VersionIndex>();

function newAjv(): Ajv {
  // Loaded on first use: ajv is an optional peer dependency of gitlab-iac/testing, needed only by the schema check.
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  const ajv = new AjvClass({ allErrors: true, strict: false, verbose: true, inlineRefs: false, validateSchema: false });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-map-keys',
    type: 'array',
    schemaType: 'array',
    errors: true,
    validate: function listMapKeys(keys: string[], items: unknown[]) {
      const seen = new Set<string>();
      for (const item of items) {
        if (!item || typeof item !== 'object') continue;
        const id = JSON.stringify(keys.map((k) => (item as Record<string, unknown>)[k] ?? null));
        if (seen.has(id)) {
          (listMapKeys as any).errors = [{ keyword: 'x-kubernetes-list-map-keys', message: `has two entries with the same ${keys.join('+')} ${id}`, params: { keys } }];
          return false;
        }
        seen.add(id);
      }
      return true;
    },
  });
  return ajv;
}

/**
 * Rewrites a schema the way the API server reads it: objects with `properties` are closed unless they preserve
 * unknown fields, int-or-string fields accept both, unknown formats are ignored (the server ignores them too).
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!node || typeof node !== 'object') return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'properties' || k === 'definitions' || k === 'patternProperties') {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([name, s]) => [name, normalize(s)]));
    } else if (k === 'x-kubernetes-list-map-keys') {
      out[k] = v;
    } else if (k.startsWith('x-kubernetes-') || k === 'description' || k === 'nullable' || k === 'default' || k === 'example') {
      // annotations, or behaviour handled below
    } else if (k === 'format' && typeof v === 'string' && !(v in FORMATS)) {
      // unknown formats are not validated by the API server
    } else {
      out[k] = normalize(v);
    }
  }
  if (out.properties && out.additionalProperties === undefined && !src['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  if (src['x-kubernetes-int-or-string'] && !out.type && !out.anyOf && !out.oneOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  return out;
}

function versionIndex(version: KubernetesVersion): VersionIndex {
  const cached = versions.get(version);
  if (cached) return cached;
  if (!(KUBERNETES_VERSIONS as readonly string[]).includes(version)) {
    throw new Error(`no vendored Kubernetes schema for ${version}; known: ${KUBERNETES_VERSIONS.join(', ')}`);
  }
  const raw = JSON.parse(readGzip(join(FIXTURES, 'kubernetes-schemas', `v${version}.0.json.gz`))) as { definitions: Record<string, Schema> };
  const kinds = new Map<string, string>();
  for (const [name, def] of Object.entries(raw.definitions)) {
    for (const gvk of (def['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[]) {
      kinds.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
    }
  }
  const definitions = normalize(raw.definitions) as Record<string, Schema>;
  // Quantities are strings the API server parses (or JSON numbers); a string it cannot parse is refused.
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { anyOf: [{ type: 'string', pattern: QUANTITY.source }, { type: 'number' }] };
  // IntOrString: an integer or any string (percentages, named ports); JSON numbers with a fraction are refused.
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
  const id = `k8s-${version}`;
  const ajv = newAjv();
  ajv.addSchema({ $id: id, definitions });
  const index: VersionIndex = { ajv, id, kinds, compiled: new Map(), customCompiled: new WeakMap() };
  versions.set(version, index);
  return index;
}

function builtInValidator(index: VersionIndex, definition: string): ValidateFunction {
  let fn = index.compiled.get(definition);
  if (!fn) {
    fn = index.ajv.getSchema(`${index.id}#/definitions/${definition}`);
    if (!fn) throw new Error(`definition ${definition} missing from the ${index.id} schema`);
    index.compiled.set(definition, fn);
  }
  return fn;
}

function customValidator(index: VersionIndex, schema: Record<string, unknown>): ValidateFunction {
  let fn = index.customCompiled.get(schema);
  if (!fn) {
    const normalized = normalize(schema) as Schema;
    // The API server always accepts apiVersion/kind, and applies ObjectMeta where a CRD says only `metadata: {type: object}`.
    normalized.properties = {
      ...normalized.properties,
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { $ref: `${index.id}#/definitions/${OBJECT_META}` },
    };
    fn = index.ajv.compile(normalized);
    index.customCompiled.set(schema, fn);
  }
  return fn;
}

// ---------------------------------------------------------------------------------------------------------------
// CRDs

/** Reads CRD YAML documents into a `group/version/Kind` -> schema map (served versions only). */
export function crdSchemasFromYaml(...texts: string[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const text of texts) {
    for (const doc of parseAllDocuments(text)) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions ?? []) {
        const gvk = `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
        if (v.served && v.schema?.openAPIV3Schema && !out.has(gvk)) out.set(gvk, v.schema.openAPIV3Schema);
      }
    }
  }
  return out;
}

let crdIndex: Record<string, string> | undefined;
const crdFiles = new Map<string, Map<string, Record<string, unknown>>>();

/** The schema of a vendored CRD (test/fixtures/crd-schemas), loading only the file that defines it. */
function vendoredCrdSchema(gvk: string): Record<string, unknown> | undefined {
  crdIndex ??= JSON.parse(readFileSync(join(FIXTURES, 'crd-schemas', 'index.json'), 'utf8')) as Record<string, string>;
  const file = crdIndex[gvk];
  if (!file) return undefined;
  let schemas = crdFiles.get(file);
  if (!schemas) {
    schemas = crdSchemasFromYaml(readGzip(join(FIXTURES, 'crd-schemas', file)));
    crdFiles.set(file, schemas);
  }
  return schemas.get(gvk);
}

/** Every vendored custom resource schema (cert-manager, External Secrets, Gateway API, Flux, KEDA), loaded lazily. */
export const VENDORED_CRDS: CustomResourceSchemas = { get: vendoredCrdSchema };

// ---------------------------------------------------------------------------------------------------------------
// Validation

/**
 * Validates one object against the Kubernetes API of a version (built-in kinds) or the given custom resource
 * schemas. Returns one line per problem, `Kind/name: path: problem`; an empty list means valid.
 */
export function validateObject(obj: unknown, version: KubernetesVersion, customResources: CustomResourceSchemas = new Map()): string[] {
  const o = obj as Obj;
  const label = describe(o);
  if (!o || typeof o !== 'object' || Array.isArray(o)) return [`${label}: not an object`];
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return [`${label}: apiVersion and kind are required strings`];
  const index = versionIndex(version);
  const definition = index.kinds.get(`${o.apiVersion}/${o.kind}`);
  const custom = definition ? undefined : customResources.get(customKey(o.apiVersion, o.kind));
  if (!definition && !custom) {
    return [`${label}: unknown apiVersion/kind ${o.apiVersion} ${o.kind} on Kubernetes ${version} (GA built-in kinds only; pass CRD schemas for custom resources)`];
  }
  const validate = definition ? builtInValidator(index, definition) : customValidator(index, custom!);
  const data = withoutNulls(o);
  if (validate(data)) return [];
  return formatErrors(validate.errors ?? []).map((line) => `${label}: ${line}`);
}

/** Validates a custom resource against the vendored CRDs (its metadata against the Kubernetes version's ObjectMeta). */
export function validateCustomResource(obj: unknown, version: KubernetesVersion = '1.36', crds: CustomResourceSchemas = VENDORED_CRDS): string[] {
  const o = obj as Obj;
  if (o && typeof o.apiVersion === 'string' && typeof o.kind === 'string' && !crds.get(customKey(o.apiVersion, o.kind))) {
    return [`${describe(o)}: no CRD schema for ${o.apiVersion} ${o.kind}`];
  }
  return validateObject(obj, version, crds);
}

/** Validates many objects; custom resources are looked up in `customResources`. */
export function validateObjects(objects: readonly unknown[], version: KubernetesVersion, customResources: CustomResourceSchemas = new Map()): string[] {
  return objects.flatMap((o) => validateObject(o, version, customResources));
}

const customKey = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

function describe(o: Obj | undefined): string {
  const kind = typeof o?.kind === 'string' ? o.kind : '(no kind)';
  const name = typeof o?.metadata?.name === 'string' ? o.metadata.name : '(no name)';
  return `${kind}/${name}`;
}

/** The API server decodes an explicit `null` field as absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}

/** JSON pointer to a readable path: `/spec/template/spec/containers/0/name` -> `spec.template.spec.containers[0].name`. */
export function jsonPath(pointer: string): string {
  if (!pointer) return '(root)';
  return pointer.split('/').slice(1).map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((path, seg) => {
    if (/^[0-9]+$/.test(seg)) return `${path}[${seg}]`;
    if (/^[A-Za-z_$][\w$-]*$/.test(seg)) return path ? `${path}.${seg}` : seg;
    return `${path}[${JSON.stringify(seg)}]`;
  }, '');
}

const shown = (v: unknown) => {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

function message(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as Schema | undefined)?.properties ?? {});
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      const guess = closest(field, known);
      return `unknown field "${field}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
    }
    case 'required': return `missing required field "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'type': return `must be ${(e.params as { type: string }).type}, got ${shown(e.data)}`;
    case 'enum': return `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map(shown).join(', ')}, got ${shown(e.data)}`;
    case 'pattern': return `${shown(e.data)} is not ${patternText((e.params as { pattern: string }).pattern)}`;
    case 'format': return `${shown(e.data)} is not a valid ${(e.params as { format: string }).format}`;
    default: return `${e.message ?? e.keyword}${e.data !== undefined && typeof e.data !== 'object' ? ` (got ${shown(e.data)})` : ''}`;
  }
}

const patternText = (pattern: string) => (pattern === QUANTITY.source ? 'a quantity such as "500m" or "2Gi"' : `a string matching ${pattern}`);

/** One line per problem; the branches of a failed anyOf/oneOf are folded into one "expected A or B" line. */
function formatErrors(errors: readonly ErrorObject[]): string[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const unionBranches = (u: ErrorObject) => errors.filter((e) => e !== u && e.instancePath === u.instancePath && e.schemaPath.startsWith(u.schemaPath.replace(/\/(anyOf|oneOf)$/, '/$1/')));
  const folded = new Set<ErrorObject>();
  const lines: string[] = [];
  for (const u of unions) {
    const branches = unionBranches(u);
    branches.forEach((b) => folded.add(b));
    const expected = [...new Set(branches.map((b) => (b.keyword === 'type' ? (b.params as { type: string }).type : b.keyword === 'pattern' ? patternText((b.params as { pattern: string }).pattern) : message(b))))];
    lines.push(`${jsonPath(u.instancePath)}: expected ${expected.join(' or ') || 'one of the allowed forms'}, got ${shown(u.data)}`);
  }
  for (const e of errors) {
    if (folded.has(e) || unions.includes(e) || e.keyword === 'if') continue;
    lines.push(`${jsonPath(e.instancePath)}: ${message(e)}`);
  }
  return [...new Set(lines)];
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
