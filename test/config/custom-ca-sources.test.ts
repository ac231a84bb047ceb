import { describe, expect, it } from 'vitest';
import { productionProps } from '../support/fixtures';
import { configIssues } from '../components/optional/fixtures';

describe('customCAs sources', () => {
  it('take exactly one of secret and configMap', () => {
    expect(configIssues(productionProps({ customCAs: [{ secret: 'a', configMap: 'b' }, {}] })).map((i) => i.path)).toEqual(['customCAs[0]', 'customCAs[1]']);
  });
});
