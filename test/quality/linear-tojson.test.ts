import { describe, expect, it } from 'vitest';

/**
 * The fix for json2jsii's quadratic map conversion (scripts/linear-tojson.mjs), to apply to generated Kubernetes
 * types: same result as the generated code, in linear time.
 */
describe('linear map conversion for generated types', () => {
  const generated = [
    "const a = (Object.entries(obj.labels).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {}));",
    "const b = (Object.entries(obj.limits).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1]?.value }), {}));",
    "return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});",
  ].join('\n');

  it('rewrites every quadratic reduce and gives the same objects', async () => {
    const { linearMaps } = await import('../../scripts/linear-tojson.mjs' as string);
    const rewritten: string = linearMaps(generated);
    expect(rewritten).not.toContain('...r');
    const run = (code: string, obj: unknown, result: unknown) => new Function('obj', 'result', `${code.replace(/^return .*$/m, '')}\nreturn [a, b, ${code.match(/^return (.*);$/m)![1]}];`)(obj, result);
    const labels = JSON.parse('{"app":"x","__proto__":"y","skip":null}');
    labels.gone = undefined;
    const obj = { labels, limits: { cpu: { value: '1' }, memory: undefined } };
    const result = { a: 1, b: undefined, c: 'z' };
    expect(JSON.stringify(run(rewritten, obj, result))).toBe(JSON.stringify(run(generated, obj, result)));
    expect(Object.keys(run(rewritten, obj, result)[0])).toEqual(['app', '__proto__', 'skip']);
  });

  it('converts 50,000 entries in one pass', async () => {
    const { linearMaps } = await import('../../scripts/linear-tojson.mjs' as string);
    const code = linearMaps("return Object.entries(obj).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});");
    const big = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, `v${i}`]));
    expect(Object.keys(new Function('obj', code)(big))).toHaveLength(50_000);
  }, 60_000);
});
