// Node 20 lacks the ES2025 Set methods that gitlab-ci-local 4.75 (built for Node 22) calls at load time.
// Loaded with `node --import` only for that tool; defines nothing that already exists.
const proto = Set.prototype;
const define = (name, fn) => {
  if (!proto[name]) Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
};
define('union', function union(other) { const out = new Set(this); for (const v of other.keys()) out.add(v); return out; });
define('intersection', function intersection(other) { const out = new Set(); for (const v of this) if (other.has(v)) out.add(v); return out; });
define('difference', function difference(other) { const out = new Set(); for (const v of this) if (!other.has(v)) out.add(v); return out; });
define('symmetricDifference', function symmetricDifference(other) {
  const out = new Set(this);
  for (const v of other.keys()) { if (this.has(v)) out.delete(v); else out.add(v); }
  return out;
});
define('isSubsetOf', function isSubsetOf(other) { for (const v of this) if (!other.has(v)) return false; return true; });
define('isSupersetOf', function isSupersetOf(other) { for (const v of other.keys()) if (!this.has(v)) return false; return true; });
define('isDisjointFrom', function isDisjointFrom(other) { for (const v of this) if (other.has(v)) return false; return true; });
