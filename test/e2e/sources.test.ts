/**
 * The Sources screen in Chromium against the real `paperboy serve`: a newcomer adds
 * the NYT preset (offline here, so the preview says why in one line), then adds a
 * source from a pasted definition, previews it, fetches it and is told the edition
 * arrived.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateEdition } from '../fixtures/newspaper/draw.ts';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { type EditionServer, startEditionServer } from '../helpers/edition-server.ts';
import { REPO } from '../helpers/paths.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const SHOTS = `${REPO}test-results/e2e/`;
const DATE = '2025-12-20';
let browser: Browser;
let url: string;
let server: EditionServer;
let pages: Buffer[];

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  server = await startEditionServer();
  pages = (
    await (
      await generateEdition({ seed: 12, title: 'The Evening Test', date: DATE, pages: 3 })
    ).pagePdfs()
  ).map((b) => Buffer.from(b));
  for (const [i, body] of pages.entries())
    server.routes.set(`/evening/${DATE}/p${i + 1}.pdf`, { body });
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  ({ url } = await startServe(await tempDir('archive-'), env));
  browser = await launchBrowser();
});

test('a newcomer adds the NYT front page preset; offline, the preview says why', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.getByRole('link', { name: 'Sources' }).click();
  await page.waitForSelector('.sources[data-sources="0"]');
  await page.selectOption('select.preset', 'nyt-front-page');
  await page.fill('input[type="date"]', DATE);
  await page.getByRole('button', { name: 'Preview' }).click();
  const failure = page.locator('.preview .failure');
  await failure.waitFor();
  assert.match((await failure.textContent()) ?? '', /^Cannot reach static01\.nyt\.com: .+\.$/);
  await page.screenshot({ path: `${SHOTS}sources-preset-offline.png` });
  await page.getByRole('button', { name: 'Add source' }).click();
  await page.waitForSelector('.source[data-source="nyt-front-page"]');
  assert.match(
    (await page.locator('.source[data-source="nyt-front-page"]').textContent()) ?? '',
    /Nothing delivered yet/,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pasted definition is previewed, added, fetched now, and its edition announced', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
  await page.goto(`${url}#/sources`);
  await page.waitForSelector('.sources[data-sources]');
  const definition = {
    id: 'evening',
    name: 'The Evening Test',
    kind: 'template',
    url: `${server.url}/evening/{yyyy}-{mm}-{dd}/p{page}.pdf`,
    timezone: 'UTC',
    schedule: { at: '17:00' },
  };
  await page.fill('textarea.custom', JSON.stringify(definition));
  await page.fill('input[type="date"]', DATE);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForSelector('.preview-pages li');
  assert.equal(await page.locator('.preview-pages li').count(), 3);
  await page.screenshot({ path: `${SHOTS}sources-preview.png` });
  await page.getByRole('button', { name: 'Add source' }).click();
  const item = page.locator('.source[data-source="evening"]');
  await item.waitFor();

  // Fetch now delivers today's edition; the test server has only 20 Dec, so fetch that date through the API first.
  await page.evaluate(async () => {
    await fetch('api/delivery.fetch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'evening', date: '2025-12-20' }),
    });
  });
  const toast = page.locator('.toast');
  await toast.waitFor();
  assert.equal(
    await toast.locator('span').textContent(),
    'New: The Evening Test, Sat, Dec 20, 2025',
  );
  await item.getByRole('button', { name: 'Fetch now' }).click();
  await page.waitForFunction(() =>
    /Last delivered/.test(
      document.querySelector('.source[data-source="evening"]')?.textContent ?? '',
    ),
  );
  assert.match((await item.textContent()) ?? '', /1 edition, \d+(\.\d)? KB/);
  await page.screenshot({ path: `${SHOTS}sources-delivered.png` });
  await toast.getByRole('link', { name: 'Open' }).click();
  await page.waitForSelector('.stage[data-rendered="1"]');
  await page.close();
});

test('the Sources screen says how many editions past retention are kept because they were clipped', async () => {
  const archive = await tempDir('archive-');
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
  const s = await openServices(archive);
  const file = `${await tempDir()}/kept.pdf`;
  await fs.writeFile(file, pages[0]!);
  for (const back of [20, 10, 0])
    await s.archive.import({ path: file, source: 'kept', date: day(back) });
  await s.sources.put({
    id: 'kept',
    name: 'The Kept Times',
    kind: 'template',
    url: 'http://127.0.0.1:9/kept/{yyyy}-{mm}-{dd}.pdf',
    timezone: 'UTC',
    schedule: { at: '23:59' },
    retention: { days: 2 },
  });
  await s.api.call('clips.create', {
    edition: `kept:${day(20)}`,
    page: 1,
    rects: [[40, 400, 200, 120]],
  });
  await s.close();
  const served = await startServe(archive, env);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
  await page.goto(`${served.url}#/sources`);
  const item = page.locator('.source[data-source="kept"]');
  await item.waitFor();
  const text = (await item.textContent()) ?? '';
  assert.match(text, /3 editions, /);
  assert.match(
    text,
    /1 older edition \([\d.]+ KB\) kept past the retention rule because you clipped it/,
  );
  await page.screenshot({ path: `${SHOTS}sources-held-by-clips.png` });
  await page.close();
});
