// Regenerates the key table in constructs/values/README.md from constructs/values/keys/table.ts.
//   npx tsx scripts/values-readme.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withKeyTable } from '../constructs/values/keys/readme';

const file = join(__dirname, '..', 'constructs', 'values', 'README.md');
writeFileSync(file, withKeyTable(readFileSync(file, 'utf8')));
console.log(`updated ${file}`);
