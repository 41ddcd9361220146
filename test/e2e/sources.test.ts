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
  await page.getByText('Or the definition as JSON').click();
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

test('a source by form: checked as it is typed, previewed, added; edited, it keeps what the form does not show', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${url}#/sources`);
  await page.waitForSelector('.sources[data-sources]');
  const problem = page.locator('.add-source > .form-status');
  await page.getByLabel('Name').fill('The Form Test');
  // The id follows the name; the address is asked for next, and must have the date in it.
  assert.equal(await page.getByLabel('Id').inputValue(), 'the-form-test');
  await page.getByLabel('Address').fill(`${server.url}/evening/latest.pdf`);
  await page.getByText('The address needs the date in it').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Preview' }).isDisabled(), true);
  await page.getByLabel('Address').fill(`${server.url}/evening/{yyyy}-{mm}-{dd}/p{page}.pdf`);
  await page.getByLabel('Time zone').fill('Mars/Olympus');
  await page.getByText('"Mars/Olympus" is not a time zone').waitFor();
  await page.getByLabel('Time zone').fill('UTC');
  await page.getByLabel('Out at').fill('17:30');
  await page.getByLabel('Sun', { exact: true }).uncheck();
  await page.getByLabel('Keep days').fill('30');
  // Its scans read in a language of its own: a code, among those installed here.
  await page.getByLabel('OCR languages').fill('English');
  await page.getByText('"English" is not an OCR language code').waitFor();
  await page.getByLabel('OCR languages').fill('eng');
  await page.getByText(/installed here: .*\beng\b/).waitFor();
  assert.equal(await problem.textContent(), '');
  await page.fill('input[aria-label="Date to test"]', DATE);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForSelector('.preview-pages li');
  assert.equal(await page.locator('.preview-pages li').count(), 3);
  await page.screenshot({ path: `${SHOTS}sources-form.png` });
  await page.getByRole('button', { name: 'Add source' }).click();
  const item = page.locator('.source[data-source="the-form-test"]');
  await item.waitFor();
  assert.match((await item.textContent()) ?? '', /template · out at 17:30 UTC/);
  const saved = JSON.parse(
    await page.evaluate(async () => {
      const r = await fetch('api/sources.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return r.text();
    }),
  ).result.find((s: { id: string }) => s.id === 'the-form-test').definition;
  assert.deepEqual(saved.schedule, { at: '17:30', days: [1, 2, 3, 4, 5, 6] });
  assert.deepEqual(saved.retention, { days: 30 });
  assert.deepEqual(saved.ocrLanguages, ['eng']);

  // Edit: the form is filled, the id and kind stay, and a change is saved in place.
  await item.getByRole('button', { name: 'Edit' }).click();
  assert.equal(await page.getByLabel('Name').inputValue(), 'The Form Test');
  assert.equal(await page.getByLabel('Id').isDisabled(), true);
  assert.equal(await page.getByLabel('OCR languages').inputValue(), 'eng');
  await page.getByLabel('Out at').fill('18:00');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForSelector('.preview-pages li');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForFunction(() =>
    /out at 18:00 UTC/.test(
      document.querySelector('.source[data-source="the-form-test"]')?.textContent ?? '',
    ),
  );
  assert.equal(await page.locator('.source[data-source="the-form-test"]').count(), 1);
  await item.getByRole('button', { name: 'Remove' }).click();
  await item.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
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
