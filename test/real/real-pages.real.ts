/**
 * The suite on real newspaper pages, which nobody on this project made
 * (../shared/fixtures/real/: the Oregon City Enterprise of 1904, a scan with an
 * invisible OCR text layer, and the Liverpool Echo of 1886, a bare scan). It
 * needs ../shared beside the repository: `npm run test:real`, which `.ci/run`
 * runs after `npm test`. The core suite uses the project's own scans instead.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Core as Services } from '../../main/core/core.ts';
import { probePdf } from '../../main/core/pdf/probe-pdf.ts';
import { OcrEngine } from '../../main/core/text/ocr-page.ts';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { onCleanup } from '../helpers/cleanup.ts';
import { runCli } from '../helpers/cli.ts';
import { REAL_PDFS, REPO } from '../helpers/paths.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const OREGON = 'oregon-city-enterprise:1904-12-30';
const LIVERPOOL = 'liverpool-echo:1886-11-01';
let s: Services;

before(async () => {
  s = await openServices(await tempDir());
  await s.start();
  await s.archive.import({ path: REAL_PDFS.ocr });
  await s.archive.import({ path: REAL_PDFS.scan });
  await s.indexer.catchUp();
});

test('the real pages are read: page count, size in points, metadata date', async () => {
  const facts = await probePdf(new Uint8Array(await readFile(REAL_PDFS.ocr)), 'oregon.pdf');
  assert.equal(facts.pages, 1);
  assert.deepEqual(
    facts.sizes.map((x) => [Math.round(x.width), Math.round(x.height)]),
    [[1102, 1686]],
  );
  assert.equal(facts.created, '2013-10-10');
  assert.deepEqual(
    s.archive
      .list()
      .map((e) => e.id)
      .sort(),
    [LIVERPOOL, OREGON, 'paperboy-gazette:2025-12-20'].sort(),
  );
});

test('the OCR page is searchable; the bare scan is marked as having no text', async () => {
  const result = await s.api.call('search.query', {
    q: 'Oregon',
    source: 'oregon-city-enterprise',
  });
  assert.ok(result.total === 1 && result.hits[0]!.boxes.length >= 1);
  const scan = await s.api.call('text.page', { edition: LIVERPOOL, page: 1 });
  assert.equal(scan.quality, 'none');
});

describe('stories on the OCR’d Oregon page', () => {
  for (const [name, file, minimum] of [
    ['a short story', 'independence-editor.txt', 0.6],
    ['a longer story', 'mammoth-exhibition-palace.txt', 0.85],
  ] as const)
    test(`${name} is found in its column`, async () => {
      const content = await readFile(`${REPO}test/fixtures/clippings/${file}`, 'utf8');
      const result = await s.api.call('clips.link', { content });
      assert.equal(result.found, true);
      assert.equal(result.edition, OREGON);
      assert.ok(result.matched >= minimum, `matched ${result.matched}`);
      // A story's column, not the page: a small part of the page's area.
      const area = result.regions.reduce((sum, r) => sum + r.w * r.h, 0);
      const page = (await s.api.call('editions.get', { id: OREGON })).pages[0]!;
      assert.ok(area < page.width * page.height * 0.08, `area ${area}`);
    });
});

test('OCR of the Liverpool scan: the words of its masthead block go into the index and are found', async () => {
  assert.equal(s.indexer.store.page(LIVERPOOL, 1)?.quality, 'none');
  const engine = new OcrEngine(['eng']);
  onCleanup(() => engine.close());
  // The top-left block (theatre bills and the masthead's date line).
  const words = await engine.read(REAL_PDFS.scan, 'liverpool', { index: 1 }, [0, 2228, 1200, 700]);
  assert.ok(words.length > 100, `${words.length} words`);
  for (const word of words) {
    assert.ok(word.x >= 0 && word.x + word.w <= 1201, `x ${word.x}`);
    assert.ok(word.y >= 2228 - word.h && word.y + word.h <= 2928 + word.h, `y ${word.y}`);
  }
  s.indexer.store.replacePage(LIVERPOOL, 1, words, 'ocr');
  const result = await s.api.call('search.query', { q: 'theatre' });
  assert.equal(result.hits[0]?.edition, LIVERPOOL);
});

describe('in Chromium', () => {
  let browser: Browser;
  let url: string;
  before(async () => {
    const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
    const archive = await tempDir('archive-');
    for (const input of [REAL_PDFS.ocr, REAL_PDFS.scan]) {
      const result = await runCli(['import', input, '--archive', archive], env);
      assert.equal(result.code, 0, result.stderr);
    }
    ({ url } = await startServe(archive, env));
    browser = await launchBrowser();
  });

  test('both real pages render: OCR text over a JPEG with a non-embedded font, and a bare scan', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    for (const id of [OREGON, LIVERPOOL]) {
      await page.goto(`${url}#/read/${encodeURIComponent(id)}/1`);
      await page.waitForSelector('.stage[data-rendered="1"]');
      const ink = await page.$eval('.stage .page canvas', (canvas) => {
        const c = canvas as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 16) if (data[i]! < 200) dark++;
        return dark / (data.length / 16);
      });
      assert.ok(ink > 0.05, `${id} is drawn (${ink})`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
