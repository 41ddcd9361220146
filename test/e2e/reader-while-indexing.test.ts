/**
 * Extraction never blocks the reader: with long editions still being read by
 * the indexer (pdf.js in worker threads), pages keep turning in Chromium.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { memorySettings } from '../../main/common/settings.ts';
import { fixedClock } from '../../main/core/clock.ts';
import { openCore } from '../../main/core/core.ts';
import { generateEdition } from '../fixtures/newspaper/draw.ts';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { REPO } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const PAGES = 120;
const DAYS = ['2025-12-30', '2025-12-31'];
let browser: Browser;
let url: string;

before(async () => {
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  const generated = await generateEdition({
    seed: 1231,
    title: 'The Almanac',
    date: DAYS[0]!,
    pages: PAGES,
  });
  const file = path.join(await tempDir(), 'almanac.pdf');
  await fs.writeFile(file, await generated.editionPdf());
  // Imported in-process and closed at once, before the indexer has read them (the CLI's
  // import waits for it): serve finds their text missing and reads it in the background.
  const services = await openCore({
    archiveDir: archive,
    settings: memorySettings(),
    clock: fixedClock('2026-01-01T08:00:00Z'),
    fetch: globalThis.fetch,
    resourcesDir: `${REPO}resources`,
    version: 'test',
  });
  for (const date of DAYS) await services.archive.import({ path: file, source: 'almanac', date });
  await services.close();
  ({ url } = await startServe(archive, env));
  browser = await launchBrowser();
});

test('pages keep turning while the edition is being indexed', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const indexed = () =>
    page.evaluate(async () => {
      // The archive says how many editions are still being read (a search would wait for them).
      const response = await fetch('api/archive.info', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return ((await response.json()) as { result: { indexing: number } }).result.indexing === 0;
    });
  // Reading the newest edition while the older ones are still being read.
  await page.goto(`${url}#/read/almanac%3A2025-12-31/1`);
  await page.waitForSelector('.stage[data-rendered="1"]');
  assert.equal(await indexed(), false, 'the edition is still being indexed');
  for (let n = 2; n <= 8; n++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`.stage[data-rendered="${n}"]`);
  }
  // Every flip above happened while the indexer was still reading the edition.
  assert.equal(await indexed(), false, 'indexing was still under way after the flips');
  // A page's text waits for its edition to be read.
  const text = await page.evaluate(async () => {
    const response = await fetch('api/text.page', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ edition: 'almanac:2025-12-30', page: 1 }),
    });
    return response.status;
  });
  assert.equal(text, 200);
  // A search makes sure the whole archive is indexed before it answers.
  const found = await page.evaluate(async () => {
    const response = await fetch('api/search.query', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'the', edition: 'almanac:2025-12-31' }),
    });
    return ((await response.json()) as { result: { total: number } }).result.total;
  });
  assert.ok(found > 0, 'the search found the newest edition');
  assert.equal(await indexed(), true, 'after the search, nothing is left to read');
  assert.deepEqual(errors, []);
  await page.close();
});
