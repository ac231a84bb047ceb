// json2jsii (the generator behind `cdk8s import`) converts every map field with
//   Object.entries(x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: X }), {})
// which copies the accumulated object once per entry: quadratic in the number of labels, annotations or ConfigMap
// keys (2,000 pod labels took 9 s to synthesize; 50,000 would take over an hour). `linearMaps` rewrites each such
// reduce into one that adds the entry in place, with the same result (own enumerable properties, `__proto__`
// included, in the same order). Apply it to the generated module (scripts/generate-k8s.mjs) before writing it.

const QUADRATIC = /\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: (.+?) \}\), \{\}\)/g;

/** The generated source with every quadratic map conversion made linear. */
export function linearMaps(source) {
  return source.replace(QUADRATIC, (_, value) => `.reduce((r, i) => (i[1] === undefined) ? r : Object.defineProperty(r, i[0], { value: ${value}, enumerable: true, writable: true, configurable: true }), {})`);
}
