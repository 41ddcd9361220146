/**
 * The core decides when its index must be fresh: reading a page's text or
 * clipping a page just delivered reads the edition first, and an edition
 * already read is never read again on the way — so asking for a page it does
 * not have (a typo) costs nothing and keeps the OCR done on its other pages.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { ApiError } from '../../../main/common/errors.ts';
import { runCli } from '../../helpers/cli.ts';
import { type EditionOnDisk, writeEdition } from '../../helpers/editions.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

const ID = 'freshness:2025-12-20';
let gazette: EditionOnDisk;

before(async () => {
  gazette = await writeEdition(await tempDir(), 'freshness_2025-12-20', {
    seed: 12,
    title: 'Freshness',
    date: '2025-12-20',
    pages: 2,
  });
});

const OCR_WORDS = [
  { text: 'Read', x: 40, y: 700, w: 30, h: 10 },
  { text: 'by', x: 74, y: 700, w: 12, h: 10 },
  { text: 'tesseract', x: 90, y: 700, w: 50, h: 10 },
];

test('a clip made on an edition not indexed yet keeps the text of its region', async () => {
  const s = await openServices(await tempDir());
  // Straight into the archive, as a delivery lands just before the clip is made.
  await s.archive.import({ path: gazette.file });
  assert.equal(s.indexer.store.indexed(ID), false);
  const clip = await s.api.call('clips.create', {
    edition: ID,
    page: 1,
    rects: [[0, 0, 792, 1224]],
  });
  assert.ok(
    clip.text.split(/\s+/).length > 200,
    `the clip has the page's words: ${clip.text.length}`,
  );
});

test('a page that does not exist is refused in one line, and the OCR of the other pages is kept', async () => {
  const archive = await tempDir();
  const s = await openServices(archive);
  await s.archive.import({ path: gazette.file });
  await s.indexer.ensureIndexed(ID);
  s.indexer.store.replacePage(ID, 1, OCR_WORDS, 'ocr');

  await assert.rejects(
    s.api.call('text.page', { edition: ID, page: 99 }),
    (error: ApiError) => error.code === 'not-found',
  );
  await assert.rejects(
    s.api.call('clips.create', { edition: ID, page: 99, rects: [[0, 0, 100, 100]] }),
    (error: ApiError) => error.code === 'not-found',
  );
  assert.equal(s.indexer.store.page(ID, 1)?.quality, 'ocr');
  await s.close();

  // And through the command line, as the typo is made there.
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const typo = await runCli(['text', ID, '99', '--archive', archive], env);
  assert.equal(typo.code, 2, typo.stderr);
  assert.match(typo.stderr, /^paperboy: .*page 99.*\n$/);
  const clip = await runCli(
    ['clip', '--edition', ID, '--page', '99', '--rect', '0,0,100,100', '--archive', archive],
    env,
  );
  assert.notEqual(clip.code, 0);
  const page = await runCli(['text', ID, '1', '--archive', archive, '--json'], env);
  assert.equal(JSON.parse(page.stdout).quality, 'ocr');
  assert.equal(JSON.parse(page.stdout).text, 'Read by tesseract');
});
