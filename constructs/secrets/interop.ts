/** The CommonJS `module.exports` of a dynamically imported package, whether the loader wrapped it or not. */
export function defaultExport<T>(namespace: unknown): T {
  const ns = namespace as { default?: T };
  return (ns.default ?? namespace) as T;
}
