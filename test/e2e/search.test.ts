/**
 * Search in Chromium against the real `paperboy serve`: Ctrl+K from anywhere,
 * results with marked snippets, and the page opened with its hits outlined.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveImported, startServe } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const SHOTS = `${REPO}test-results/e2e/`;
let browser: Browser;
let url: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  const { file } = await writeEdition(await tempDir(), 'tribune_2025-12-20', {
    seed: 64,
    title: 'The Tribune',
    date: '2025-12-20',
    pages: 6,
  });
  ({ url } = await serveImported([file]));
  browser = await launchBrowser();
});

test('Ctrl+K opens search; a result opens its page with every hit outlined', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('.library');
  await page.keyboard.press('Control+k');
  await page.waitForSelector('.search-input:focus');
  await page.keyboard.type('Pyongyang');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.search[data-total="1"]');
  assert.match(
    (await page.locator('.result .snippet mark').first().textContent()) ?? '',
    /^Pyongyang\W?$/,
  );
  // Each result shows its page small, with the hits marked.
  await page.waitForSelector('.result-thumb[data-drawn="true"]');
  await page.screenshot({ path: `${SHOTS}search-results.png` });
  await page.locator('a.result').first().click();
  await page.waitForSelector('.stage[data-rendered="5"]');
  await page.waitForSelector('.stage .page .hits .hit');
  const marks = await page.locator('.stage .page .hits .hit').count();
  assert.equal(marks, 2, 'both Pyongyangs on the page');
  // Each mark sits over the page, inside its bounds.
  const inside = await page.$$eval('.stage .page .hit', (els) =>
    els.every((el) => {
      const mark = el.getBoundingClientRect();
      const pageBox = el.closest('.page')!.getBoundingClientRect();
      return (
        mark.width > 10 &&
        mark.height > 5 &&
        mark.left >= pageBox.left &&
        mark.right <= pageBox.right
      );
    }),
  );
  assert.ok(inside);
  await page.screenshot({ path: `${SHOTS}search-hit-page.png` });
  await page.keyboard.press('Control+Shift+F');
  await page.waitForSelector('.search-input:focus');
  await page.fill('.search-input', '"not closed');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.search[data-total="error"]');
  assert.equal(
    await page.locator('.results .failure').textContent(),
    'The search has a quote (") that is not closed.',
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('Ctrl+F finds in the edition: every hit marked, Enter steps through them across pages', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}#/read/tribune%3A2025-12-20/1`);
  await page.waitForSelector('.stage[data-rendered="1"]');
  await page.keyboard.press('Control+f');
  await page.waitForSelector('.find-input:focus');
  await page.keyboard.type('Pyongyang');
  await page.keyboard.press('Enter');
  // Both on page 5: the reader goes there, marks both, the first as current.
  await page.waitForSelector('.find-bar[data-total="2"][data-current="1"]');
  await page.waitForSelector('.reader[data-page="5"] .stage[data-rendered="5"]');
  await page.waitForSelector('.stage .page .hits[data-count="2"]');
  await page.waitForSelector('.stage .page .current .hit.current');
  assert.equal(await page.locator('.find-count').textContent(), '1 of 2');
  await page.screenshot({ path: `${SHOTS}find-in-edition.png` });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.find-bar[data-current="2"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.find-bar[data-current="1"]');

  // A word on many pages: stepping backwards from the first hit wraps to the last page that has it.
  await page.fill('.find-input', 'council');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.find-bar[data-current="1"]');
  const total = Number(await page.locator('.find-bar').getAttribute('data-total'));
  assert.ok(total > 3, `${total} hits`);
  const first = Number(await page.locator('.reader').getAttribute('data-page'));
  await page.keyboard.press('Shift+Enter');
  await page.waitForSelector(`.find-bar[data-current="${total}"]`);
  const last = Number(await page.locator('.reader').getAttribute('data-page'));
  assert.ok(last > first, `from page ${first} back to page ${last}`);
  await page.waitForSelector(`.stage[data-rendered="${last}"]`);
  await page.waitForSelector('.stage .page .current .hit.current');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.find-bar[hidden]', { state: 'attached' });
  assert.equal(await page.locator('.hits').count(), 0, 'closing find clears the marks');
  assert.deepEqual(errors, []);
  await page.close();
});

test('search narrows to a paper and dates, and every result is reachable with Show more', async () => {
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  const work = await tempDir();
  const tribune = await writeEdition(work, 'tribune_2025-12-20', {
    seed: 64,
    title: 'The Tribune',
    date: '2025-12-20',
    pages: 6,
  });
  const almanac = await writeEdition(work, 'almanac_2025-12-21', {
    seed: 65,
    title: 'The Almanac',
    date: '2025-12-21',
    pages: 52,
  });
  for (const file of [tribune.file, almanac.file])
    assert.equal((await runCli(['import', file, '--archive', archive], env)).code, 0);
  const served = await startServe(archive, env);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${served.url}#/search?q=the`);
  await page.waitForSelector('.search[data-total="58"][data-shown="50"]');
  assert.equal(await page.locator('a.result').count(), 50);
  assert.equal(await page.locator('.more-results').textContent(), 'Show 8 more of 8');
  await page.screenshot({ path: `${SHOTS}search-filters.png` });
  await page.click('.more-results');
  await page.waitForSelector('.search[data-shown="58"]');
  assert.equal(await page.locator('a.result').count(), 58);
  assert.ok(await page.locator('.more-results').isHidden());

  // One paper: its name in the list, the address follows.
  assert.deepEqual(await page.locator('.paper-filter option').allTextContents(), [
    'All papers',
    'Almanac',
    'Tribune',
  ]);
  await page.selectOption('.paper-filter', 'tribune');
  await page.waitForSelector('.search[data-total="6"][data-shown="6"]');
  assert.match(page.url(), /#\/search\?q=the&source=tribune$/);
  assert.ok(await page.locator('.more-results').isHidden());
  // Dates: the tribune's day has no almanac pages.
  await page.selectOption('.paper-filter', '');
  await page.fill('.from-filter', '2025-12-21');
  await page.dispatchEvent('.from-filter', 'change');
  await page.waitForSelector('.search[data-total="52"]');
  // The address opens the same search again.
  await page.goto(`${served.url}#/search?q=the&source=almanac&to=2025-12-20`);
  await page.reload();
  await page.waitForSelector('.search[data-total]');
  assert.equal(await page.locator('.search').getAttribute('data-total'), '0');
  assert.equal(await page.inputValue('.paper-filter'), 'almanac');
  assert.deepEqual(errors, []);
  await page.close();
});
