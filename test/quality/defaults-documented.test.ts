import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_BUCKET_DEFAULT, BACKUP_TMP_BUCKET_DEFAULT, BUCKET_DEFAULTS } from '../../constructs/config/object-storage/names';
import { optionalProps } from '../support/defaults-coverage';

/**
 * Users read a setting's default in their editor: every optional property of every input type the package
 * exports says what happens when it is left out (`@default`), and the documented defaults are the ones the code uses.
 */

const root = join(__dirname, '../..');

describe('documented defaults', () => {
  it('every optional property of every exported input type documents @default', () => {
    const props = optionalProps(root);
    expect(props.length).toBeGreaterThan(500);
    const missing = props.filter((p) => !p.documented).map((p) => `${p.file}:${p.line} ${p.type}.${p.prop}`);
    expect(missing).toEqual([]);
  }, 120_000);

  it('the object storage defaults in the docs are the ones the code uses', () => {
    const doc = readFileSync(join(root, 'constructs/config/object-storage/types.ts'), 'utf8');
    const docOf = (prop: string) => {
      const at = doc.indexOf(`readonly ${prop}?:`);
      return doc.slice(doc.lastIndexOf('/**', at), at);
    };
    expect(docOf('backupBucket')).toContain(`@default \`${BACKUP_BUCKET_DEFAULT}\``);
    expect(docOf('backupTmpBucket')).toContain(`@default \`${BACKUP_TMP_BUCKET_DEFAULT}\``);
    for (const name of Object.values(BUCKET_DEFAULTS)) expect(docOf('buckets')).toContain(`\`${name}\``);
  });
});
