import { mkdtempSync, readFileSync } from 'node:fs';
import { assembleClipping, textBlocks } from './main/core/clips/assemble-clipping.ts';
import { linkClipping } from './main/core/clips/link-clipping.ts';
import { openServices } from './test/helpers/services.ts';

const s = await openServices(mkdtempSync('/tmp/pb-'));
await s.start();
await s.indexer.idle();
const c = assembleClipping(
  textBlocks(readFileSync('/work/shared/fixtures/clippings/seoul-security-ministers.txt', 'utf8')),
);
const t = performance.now();
const r = linkClipping(s.indexer.store, c);
console.log(performance.now() - t, JSON.stringify(r, null, 1));
await s.close();
process.exit(0);
