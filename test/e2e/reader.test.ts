/**
 * End to end, as a reader would: the real `paperboy serve` on a temporary archive,
 * the built renderer in Debian's Chromium, real pdf.js. Screenshots are saved in
 * test-results/e2e/ to be looked at.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveImported, startServe } from '../helpers/browser.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { SCANS } from '../helpers/scans.ts';
import { tempDir } from '../helpers/temp.ts';
import { watchedPage } from './watched-page.ts';

const SHOTS = `${REPO}test-results/e2e/`;
let browser: Browser;
let url: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  const { folder } = await writeEdition(await tempDir(), 'morning-post_2025-12-20', {
    seed: 42,
    title: 'The Morning Post',
    date: '2025-12-20',
    pages: 8,
  });
  ({ url } = await serveImported([folder, SCANS.ocr, SCANS.scan]));
  browser = await launchBrowser();
});

interface Watched {
  page: Page;
  problems: string[];
}

function openPage(): Promise<Watched> {
  return watchedPage(browser);
}

/** How much of a canvas (or an image) is ink (not near-white), from 0 to 1. */
function inkOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    let c = element as HTMLCanvasElement;
    if (element instanceof HTMLImageElement) {
      c = document.createElement('canvas');
      c.width = element.naturalWidth;
      c.height = element.naturalHeight;
      c.getContext('2d')!.drawImage(element, 0, 0);
    }
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 16) if (data[i]! < 200) ink++;
    return ink / (data.length / 16);
  });
}

const VISIBLE_CANVAS = '.stage .page canvas';

test('the library shows the edition with its front page, and the reader opens it and turns pages', async () => {
  const { page, problems } = await openPage();
  await page.goto(url);
  const card = page.locator('a.card-link[data-edition="morning-post:2025-12-20"]');
  await card.waitFor();
  await page.waitForSelector(
    'a.card-link[data-edition="morning-post:2025-12-20"] img[data-rendered="true"]',
  );
  // One card per paper, the newest edition first.
  const papers = await page.locator('.paper-card .card-paper').allTextContents();
  assert.deepEqual(papers, ['Morning Post', 'Oregon City Enterprise', 'Liverpool Echo']);
  assert.ok(
    (await inkOf(page, 'a.card-link[data-edition="morning-post:2025-12-20"] img')) > 0.02,
    'thumbnail has ink',
  );
  await page.screenshot({ path: `${SHOTS}library.png` });

  await card.click();
  await page.waitForSelector('.stage[data-rendered="1"]');
  assert.equal(await page.inputValue('.page-input'), '1');
  assert.match((await page.locator('.reader-title').textContent()) ?? '', /Morning Post/);
  assert.ok((await inkOf(page, VISIBLE_CANVAS)) > 0.02, 'page 1 is drawn');
  assert.match(page.url(), /#\/read\/morning-post%3A2025-12-20\/1$/);
  await page.screenshot({ path: `${SHOTS}reader-page1.png` });

  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.stage[data-rendered="2"]');
  assert.equal(await page.inputValue('.page-input'), '2');
  assert.match(page.url(), /\/2$/);
  assert.ok((await inkOf(page, VISIBLE_CANVAS)) > 0.02, 'page 2 is drawn');
  await page.screenshot({ path: `${SHOTS}reader-page2.png` });

  await page.keyboard.press('End');
  await page.waitForSelector('.stage[data-rendered="8"]');
  assert.equal(await page.isDisabled('button[aria-label="Next page"]'), true);
  // Eight page files and the shelf's editions open, all read by one pdf.js worker.
  assert.equal(page.workers().length, 1, 'one pdf.js worker for every document');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('.stage[data-rendered="7"]');

  const narrow = await page.$eval(VISIBLE_CANVAS, (c) => c.getBoundingClientRect().width);
  await page.getByRole('combobox', { name: 'Zoom level' }).selectOption('page-width');
  await page.waitForFunction(
    (before) =>
      (document.querySelector('.stage .page canvas')?.getBoundingClientRect().width ?? 0) >
      before * 1.5,
    narrow,
  );
  assert.equal(await page.inputValue('select.zoom-level'), 'page-width');
  await page.screenshot({ path: `${SHOTS}reader-fit-width.png` });

  await page.keyboard.press('Escape');
  await page.waitForSelector('.library');
  assert.deepEqual(problems, []);
  await page.close();
});

test('real scanned pages render: OCR text over a JPEG with a non-embedded font, and a bare scan', async () => {
  const { page, problems } = await openPage();
  for (const [id, name] of [
    ['oregon-city-enterprise:1904-12-30', 'real-oregon'],
    ['liverpool-echo:1886-11-01', 'real-liverpool'],
  ] as const) {
    await page.goto(`${url}#/read/${encodeURIComponent(id)}/1`);
    await page.waitForSelector('.stage[data-rendered="1"]');
    assert.ok((await inkOf(page, VISIBLE_CANVAS)) > 0.05, `${id} is drawn`);
    await page.screenshot({ path: `${SHOTS}${name}.png` });
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('an unknown edition shows a one-line message in place, not a blank page', async () => {
  const { page } = await openPage();
  await page.goto(`${url}#/read/${encodeURIComponent('nobody:2020-01-01')}/1`);
  const notice = page.locator('.notice');
  await notice.waitFor();
  assert.equal(await notice.textContent(), 'No edition nobody:2020-01-01 in the archive.');
  await page.close();
});

test('a new archive opens on the bundled sample, which can be removed for good', async () => {
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  const fresh = await startServe(archive, env);
  const { page, problems } = await openPage();
  await page.goto(fresh.url);
  await page.waitForSelector(
    'a.card-link[data-edition="paperboy-gazette:2025-12-20"] img[data-rendered="true"]',
  );
  assert.equal(await page.locator('.badge').textContent(), 'Sample');
  await page.screenshot({ path: `${SHOTS}library-sample.png` });
  await page.getByRole('button', { name: 'Remove sample' }).click();
  await page.waitForSelector('.empty');
  assert.equal(await page.locator('.empty h1').textContent(), 'Your archive is empty');
  await page.screenshot({ path: `${SHOTS}library-empty.png` });
  await page.close();
  assert.deepEqual(problems, []);
  // Restarted, the server does not bring the sample back.
  fresh.child.kill('SIGTERM');
  await once(fresh.child, 'exit');
  const again = await startServe(archive, env);
  const response = await fetch(new URL('api/editions.list', again.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.deepEqual(await response.json(), { ok: true, result: [] });
});
