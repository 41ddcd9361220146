/**
 * End to end: a page shown at once from its preview (renderer/viewer/page-preview.ts)
 * while pdf.js loads, reads the file and draws it, then replaced by pdf.js's page
 * in the same place, without a visible change. The edition's files are held back
 * from the browser until the preview has been seen, so pdf.js cannot draw first.
 * Screenshots in test-results/e2e/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveImported } from '../helpers/browser.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { SCANS } from '../helpers/scans.ts';
import { tempDir } from '../helpers/temp.ts';
import { watchedPage } from './watched-page.ts';

const SHOTS = `${REPO}test-results/e2e/`;
const BROADSHEET = 'morning-post:2025-12-20';
let browser: Browser;
let url: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  const { file } = await writeEdition(await tempDir(), 'morning-post_2025-12-20', {
    seed: 42,
    title: 'The Morning Post',
    date: '2025-12-20',
    pages: 4,
  });
  // An edition whose page 2 is of another size (the OCR scan's 1102 × 1686 pt among broadsheet pages).
  const mixed = await PDFDocument.create();
  const broadsheet = await PDFDocument.load(await fs.readFile(file));
  const scan = await PDFDocument.load(await fs.readFile(SCANS.ocr));
  for (const [from, index] of [
    [broadsheet, 0],
    [scan, 0],
    [broadsheet, 1],
  ] as const)
    mixed.addPage((await mixed.copyPages(from, [index]))[0]!);
  const mixedFile = path.join(await tempDir(), 'mixed-sizes_2025-12-21.pdf');
  await fs.writeFile(mixedFile, await mixed.save());
  ({ url } = await serveImported([file, SCANS.scan, mixedFile]));
  browser = await launchBrowser();
});

interface Held {
  page: Page;
  problems: string[];
  /** Lets the edition's files through to pdf.js. */
  release: () => void;
}

/** A tab whose requests for the edition's files wait until release(). */
async function heldTab(): Promise<Held> {
  const { page, problems } = await watchedPage(browser);
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/files/**', async (route) => {
    await released;
    await route.continue();
  });
  return { page, problems, release };
}

/** Where an element is seen: its box on the screen (the stage's scroll included). */
function boxOnScreen(page: Page, selector: string): Promise<[number, number, number, number]> {
  return page.$eval(selector, (element) => {
    const b = element.getBoundingClientRect();
    return [b.left, b.top, b.width, b.height] as [number, number, number, number];
  });
}

/** pdf.js's drawing of the page is on screen where the preview was, to a pixel each way. */
async function assertDrawnWhere(page: Page, previewBox: [number, number, number, number]) {
  const drawnBox = await boxOnScreen(page, '.stage .page canvas');
  for (let i = 0; i < 4; i++)
    assert.ok(
      Math.abs(previewBox[i]! - drawnBox[i]!) <= 1,
      `preview ${previewBox.join(', ')} against the page ${drawnBox.join(', ')}`,
    );
}

/**
 * How far the page as pdf.js drew it is from a picture of it (the preview as it
 * was shown): the mean difference of their grey levels (0–255), both brought
 * down to a 100-pixel-wide thumbnail.
 */
function differenceFromPreview(page: Page, preview: string): Promise<number> {
  return page.evaluate(async (source) => {
    const drawn = document.querySelector<HTMLCanvasElement>('.stage .page canvas')!;
    const image = new Image();
    image.src = source;
    await image.decode();
    const width = 100;
    const height = Math.round((width * drawn.height) / drawn.width);
    const grey = (from: CanvasImageSource) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      // pdf.js leaves the paper transparent (the page's box is white behind it).
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, height);
      context.drawImage(from, 0, 0, width, height);
      const { data } = context.getImageData(0, 0, width, height);
      return Array.from(
        { length: width * height },
        (_, i) => data[i * 4]! + data[i * 4 + 1]! + data[i * 4 + 2]!,
      );
    };
    // The canvas as it is shown: drawn straight onto another canvas, pdf.js's came out cropped.
    const shown = new Image();
    shown.src = drawn.toDataURL();
    await shown.decode();
    const [a, b] = [grey(image), grey(shown)];
    return a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length / 3;
  }, preview);
}

/**
 * How far (grey levels) a page drawn by pdf.js may be from its preview. A scan is
 * its image either way; a born-digital page whose fonts are not embedded (the
 * generated one) differs more: the core's pdf.js draws the standard fonts' glyphs
 * as paths, the browser's loads them as web fonts, and the lines come out a
 * little wider and bolder (10 grey levels at this size, against 26 for page 2's
 * preview).
 */
const LIKENESS = { scan: 6, 'born-digital': 14 } as const;

for (const [label, id, kind] of [
  ['a born-digital page', BROADSHEET, 'born-digital'],
  ['a scanned page', 'liverpool-echo:1886-11-01', 'scan'],
] as const) {
  test(`${label} is shown at once from its preview, then drawn by pdf.js in the same place`, async () => {
    const { page, problems, release } = await heldTab();
    const previews: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/previews/')) previews.push(request.url());
    });
    await page.goto(`${url}#/read/${encodeURIComponent(id)}/1`);
    await page.waitForSelector('.stage .page-preview canvas');
    // Shown while pdf.js has not had a byte of the file.
    assert.equal(await page.getAttribute('.stage', 'data-rendered'), null);
    assert.deepEqual(previews, [`${url}previews/${encodeURIComponent(id)}/1.jpg`]);
    // The toolbar says where the reader is while pdf.js has nothing yet.
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.page-input')?.value === '1',
    );
    assert.equal(await page.inputValue('.zoom-level'), 'page-fit');
    assert.equal(await page.textContent('.page-count'), kind === 'scan' ? 'of 1' : 'of 4');
    const previewBox = await boxOnScreen(page, '.stage .page-preview');
    const shown = await page.$eval('.stage .page-preview canvas', (c) =>
      (c as HTMLCanvasElement).toDataURL(),
    );
    await page.screenshot({ path: `${SHOTS}page-preview-${id.split(':')[0]}.png` });

    release();
    await page.waitForSelector('.stage[data-rendered="1"]');
    // The preview goes once pdf.js's page is on screen, where the preview was.
    await page.waitForSelector('.stage .page-preview', { state: 'detached' });
    await assertDrawnWhere(page, previewBox);
    const difference = await differenceFromPreview(page, shown);
    assert.ok(
      difference < LIKENESS[kind],
      `the drawn page differs from its preview by ${difference.toFixed(1)} grey levels`,
    );
    if (kind === 'born-digital') {
      // The measure tells pages apart: page 2's preview is further from page 1 as drawn.
      const other = await differenceFromPreview(
        page,
        `${url}previews/${encodeURIComponent(id)}/2.jpg`,
      );
      assert.ok(other > LIKENESS[kind], `page 2's preview differs by only ${other.toFixed(1)}`);
    }
    await page.screenshot({ path: `${SHOTS}page-drawn-${id.split(':')[0]}.png` });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a story opened zoomed to its region has no preview (it would not stand for the page as drawn)', async () => {
  const { page, problems, release } = await heldTab();
  await page.goto(`${url}#/read/${encodeURIComponent(BROADSHEET)}/1?rect=40,400,300,200`);
  // The title is set once the preview would have been shown.
  await page.waitForFunction(() => document.querySelector('.reader-title')?.textContent?.length);
  assert.equal(await page.locator('.page-preview').count(), 0);
  release();
  await page.waitForSelector('.stage[data-rendered="1"]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a library card under the pointer has its first page fetched ahead: the reader it opens shows it without asking again', async () => {
  const { page, problems, release } = await heldTab();
  const previews: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/previews/')) previews.push(request.url());
  });
  await page.goto(url);
  const card = page.locator(`.card-link[data-edition="${BROADSHEET}"]`);
  await card.waitFor();
  assert.deepEqual(previews, [], 'nothing is fetched for covers only shown');
  const ahead = page.waitForResponse((answer) => answer.url().includes('/previews/'));
  await card.hover();
  assert.equal((await ahead).url(), `${url}previews/${encodeURIComponent(BROADSHEET)}/1.jpg`);
  await card.click();
  await page.waitForSelector('.stage .page-preview canvas');
  assert.equal(await page.getAttribute('.stage', 'data-rendered'), null, 'before pdf.js drew');
  assert.equal(previews.length, 1, `previews asked for: ${previews.join(', ')}`);
  release();
  await page.waitForSelector('.stage[data-rendered="1"]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('opened straight onto a page of another size than page 1, its preview stands, unmoved, until the page is drawn where it was', async () => {
  const { page, problems, release } = await heldTab();
  await page.goto(`${url}#/read/${encodeURIComponent('mixed-sizes:2025-12-21')}/2`);
  await page.waitForSelector('.stage .page-preview canvas');
  const previewBox = await boxOnScreen(page, '.stage .page-preview');
  // Watched every frame from here: the preview is never moved, resized or taken away before the page is drawn.
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    const look = () => {
      const preview = document.querySelector('.stage .page-preview');
      const drawn = document.querySelector('.stage[data-rendered="2"]');
      if (drawn) return;
      const b = preview?.getBoundingClientRect();
      w.seen.push(b ? [b.left, b.top, b.width, b.height].map(Math.round).join(',') : 'none');
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  release();
  await page.waitForSelector('.stage[data-rendered="2"]');
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  assert.deepEqual([...new Set(seen)], [previewBox.map(Math.round).join(',')]);
  await assertDrawnWhere(page, previewBox);
  assert.deepEqual(problems, []);
  await page.close();
});
