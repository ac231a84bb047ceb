import type { PropsBuilder } from '../../values/builder';
import { CHART_DEFAULTS } from '../../values/keys/lookup';
import { isMap } from '../../values/reader';
import { catalogImages, DEFAULT_VERSION } from './catalog';
import { IMAGE_KEYS } from './names';
import { COMPONENT_VALUES_PATHS } from '../components/names';

/**
 * The chart's image values as `images`, `imagePullSecrets` and `components.<name>.initImage` props. The keys read
 * here are listed in `values/README.md` and marked mapped in `values/keys/table.ts`.
 */

const FIELDS = ['repository', 'tag', 'pullPolicy', 'digest'] as const;

/**
 * `<component>.init.image`: the image of the component's configure init container (the chart merges it over
 * `global.gitlabBase.image`), for the components whose pods have one.
 */
export const INIT_IMAGE_KEYS = ([
  'webservice', 'sidekiq', 'toolbox', 'gitaly', 'praefect', 'gitlabShell', 'registry', 'gitlabExporter', 'gitlabPages', 'mailroom',
] as const).map((component) => ({ key: COMPONENT_VALUES_PATHS[component], component }));

/** Reads the image keys into `images.*`; two keys naming one image (toolbox and migrations) must agree. */
export function readImages(b: PropsBuilder): void {
  const v = b.values;
  const from = new Map<string, string>();
  for (const entry of IMAGE_KEYS) {
    // `global.image.registry` at the chart's flattened default (a subchart's global) asks for nothing.
    const global = v.string('global.image.registry');
    const registry = 'registry' in entry
      ? (v.string(`${entry.key}.registry`) ?? (global !== CHART_DEFAULTS.get('global.image.registry') ? global : undefined)) : undefined;
    for (const field of FIELDS) {
      if (field === 'digest' && !('registry' in entry)) continue;
      const path = `${entry.key}.${field}`;
      let value = v.string(path);
      if (value === undefined) continue;
      // The chart's own default repository names the image gitlab-iac runs anyway (its edition included).
      if (field === 'repository' && registry && registry !== 'none') value = `${registry}/${value}`;
      const to = `images.${entry.image}.${field}`;
      const earlier = from.get(to);
      if (earlier !== undefined && b.get(to) !== value) {
        v.problem(path, value, `the same ${field} as ${earlier} (both name the ${entry.image} image gitlab-iac runs for both)`, `write the same value in both keys, or remove ${path}`);
        continue;
      }
      from.set(to, path);
      b.set(to, value, path);
    }
  }
  for (const { key, component } of INIT_IMAGE_KEYS) {
    for (const field of ['repository', 'tag', 'pullPolicy'] as const) b.string(`${key}.init.image.${field}`, `components.${component}.initImage.${field}`);
  }
  // Workhorse runs beside webservice: its repository and tag have keys of their own, its pull policy is webservice's.
  b.string('gitlab.webservice.workhorse.image', 'images.workhorse.repository');
  b.string('gitlab.webservice.workhorse.tag', 'images.workhorse.tag');
  const webservicePolicy = b.get('images.webservice.pullPolicy');
  if (v.peek('gitlab.webservice.image.pullPolicy') !== undefined) b.set('images.workhorse.pullPolicy', webservicePolicy, 'gitlab.webservice.image.pullPolicy');
  // A component's pull Secrets join the platform's: every pod may pull with them (a Secret it does not need is unused).
  const names: string[] = [];
  for (const entry of IMAGE_KEYS) {
    const list = v.list(`${entry.key}.pullSecrets`);
    for (const s of list ?? []) names.push(isMap(s) && typeof s.name === 'string' ? s.name : String(s));
  }
  if (names.length) {
    const current = (b.get('imagePullSecrets') as string[] | undefined) ?? [];
    b.set('imagePullSecrets', [...new Set([...current, ...names])], current.length ? 'global.image.pullSecrets' : undefined);
  }
}

/**
 * `global.image.pullPolicy` (every image's pull policy, under a component's own) and `global.image.pullSecrets`
 * (the chart's `[{ name }]`; plain names are accepted too).
 */
export function readGlobalImage(b: PropsBuilder): void {
  const pullPolicy = b.values.string('global.image.pullPolicy');
  if (pullPolicy !== undefined) {
    for (const name of Object.keys(catalogImages(DEFAULT_VERSION, 'ee'))) b.set(`images.${name}.pullPolicy`, pullPolicy, 'global.image.pullPolicy');
  }
  b.raw('global.image.pullSecrets', 'imagePullSecrets', (list) => (Array.isArray(list)
    ? list.map((s) => (isMap(s) && Object.keys(s).length === 1 && 'name' in s ? s.name : s)) : list));
}
