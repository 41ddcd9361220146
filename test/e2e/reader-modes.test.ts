/**
 * The reader as a reader uses it, in Chromium against the real `paperboy serve`:
 * each layout, zoom steps and gestures, the keys, thumbnails, night and sepia
 * pages, remembered positions, previous/next edition and the date picker, text
 * selection (text laid out only for the pages in view), keyboard reach and
 * 200 % zoom, and sharp text at 400 %.
 * Screenshots go to test-results/e2e/ to be looked at.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { before, test } from 'node:test';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import type { PageLayout } from '../fixtures/newspaper/compose.ts';
import { launchBrowser, serveImported } from '../helpers/browser.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { SCANS } from '../helpers/scans.ts';
import { tempDir } from '../helpers/temp.ts';

const SHOTS = `${REPO}test-results/e2e/`;
const WHOLE = 'morning-post:2025-12-19';
const PAGES = 'morning-post:2025-12-20';
const LATEST = 'morning-post:2025-12-22';
const OREGON = 'oregon-city-enterprise:1904-12-30';
let browser: Browser;
let url: string;
let front: PageLayout;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  const work = await tempDir();
  const spec = { title: 'The Morning Post', pages: 8 };
  const whole = await writeEdition(work, 'morning-post_2025-12-19', {
    ...spec,
    seed: 41,
    date: '2025-12-19',
  });
  front = whole.generated.layout[0]!;
  // The whole-edition PDF carries page labels, two sections of four: A1–A4, B1–B4.
  const doc = await PDFDocument.load(await fs.readFile(whole.file));
  const labels = (prefix: string) => doc.context.obj({ S: 'D', P: PDFString.of(prefix) });
  doc.catalog.set(
    PDFName.of('PageLabels'),
    doc.context.obj({ Nums: [0, labels('A'), 4, labels('B')] }),
  );
  await fs.writeFile(whole.file, await doc.save());
  // The next day as one PDF a page, as e-paper sites serve it.
  const pages = await writeEdition(work, 'morning-post_2025-12-20', {
    ...spec,
    seed: 42,
    date: '2025-12-20',
  });
  const latest = await writeEdition(work, 'morning-post_2025-12-22', {
    ...spec,
    seed: 43,
    date: '2025-12-22',
  });
  // A PDF whose labels only say "Page 1", "Page 2"…
  const plain = await writeEdition(work, 'plain-labels_2025-12-20', {
    ...spec,
    seed: 44,
    pages: 4,
    date: '2025-12-20',
  });
  const plainDoc = await PDFDocument.load(await fs.readFile(plain.file));
  plainDoc.catalog.set(
    PDFName.of('PageLabels'),
    plainDoc.context.obj({ Nums: [0, plainDoc.context.obj({ S: 'D', P: PDFString.of('Page ') })] }),
  );
  await fs.writeFile(plain.file, await plainDoc.save());
  // An edition with a page of another size: the OCR scan's 1102 × 1686 pt among broadsheet pages.
  const mixed = await PDFDocument.create();
  const scan = await PDFDocument.load(await fs.readFile(SCANS.ocr));
  for (const [from, index] of [
    [plainDoc, 0],
    [plainDoc, 1],
    [scan, 0],
    [plainDoc, 2],
  ] as const)
    mixed.addPage((await mixed.copyPages(from, [index]))[0]!);
  const mixedFile = `${work}/mixed-sizes_2025-12-21.pdf`;
  await fs.writeFile(mixedFile, await mixed.save());
  // A paper with a longer name: the toolbar shortens it rather than wrap.
  ({ url } = await serveImported([
    whole.file,
    pages.folder,
    latest.file,
    SCANS.ocr,
    plain.file,
    mixedFile,
  ]));
  browser = await launchBrowser();
});

interface Reader {
  page: Page;
  problems: string[];
}

async function openReader(
  hash: string,
  layout: 'single' | 'spread' | 'continuous' = 'single',
  viewport = { width: 1280, height: 860 },
  deviceScaleFactor = 1,
): Promise<Reader> {
  await call('settings.set', { reader: { layout, pages: 'day', thumbnails: true } });
  const page = await browser.newPage({
    viewport,
    deviceScaleFactor,
    locale: 'en-US',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${url}#/read/${hash}`);
  return { page, problems };
}

async function call(method: string, args: unknown): Promise<unknown> {
  const response = await fetch(new URL(`api/${method}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { ok: boolean; result: unknown };
  assert.ok(body.ok, JSON.stringify(body));
  return body.result;
}

const id = (edition: string) => encodeURIComponent(edition);
const rendered = (page: Page, n: number) => page.waitForSelector(`.stage[data-rendered="${n}"]`);
const zoomOf = async (page: Page) => Number(await page.getAttribute('.stage', 'data-zoom'));

/** Mean colour of a screen rectangle, from a screenshot. */
async function meanColour(
  page: Page,
  clip: { x: number; y: number; width: number; height: number },
): Promise<[number, number, number]> {
  const image = await loadImage(await page.screenshot({ clip }));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
  const n = data.length / 4;
  return sum.map((v) => v / n) as [number, number, number];
}

/** A box given in PDF points on page n, in client pixels. */
async function onScreen(
  page: Page,
  n: number,
  box: { x: number; y: number; width: number; height: number },
  pageSize = { width: 792, height: 1224 },
) {
  const frame = (await page
    .locator(`.stage .page[data-page-number="${n}"] .canvasWrapper`)
    .boundingBox())!;
  const sx = frame.width / pageSize.width;
  const sy = frame.height / pageSize.height;
  return {
    x: frame.x + box.x * sx,
    y: frame.y + (pageSize.height - box.y - box.height) * sy,
    width: box.width * sx,
    height: box.height * sy,
  };
}

test('at fit-page, Page Down and Space turn the page in one press; labels that only say "Page N" show the number', async () => {
  const { page, problems } = await openReader(`${id('plain-labels:2025-12-20')}/1`);
  await rendered(page, 1);
  assert.equal(await page.inputValue('select.zoom-level'), 'page-fit', 'the default zoom');
  assert.equal(await page.inputValue('.page-input'), '1');
  await page.keyboard.press('PageDown');
  await rendered(page, 2);
  assert.equal(await page.inputValue('.page-input'), '2');
  await page.keyboard.press(' ');
  await rendered(page, 3);
  await page.keyboard.press('PageUp');
  await rendered(page, 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('at fit-page, a page of another size is fitted in turn, and drawn at the size it is shown', async () => {
  const { page, problems } = await openReader(`${id('mixed-sizes:2025-12-21')}/1`);
  /** Page n's box and its canvas's pixels, against the stage's room. */
  const fit = async (n: number) => {
    await rendered(page, n);
    return page.evaluate((n) => {
      const stage = document.querySelector<HTMLElement>('.stage')!;
      const div = stage.querySelector<HTMLElement>(`.page[data-page-number="${n}"]`)!;
      const canvas = div.querySelector('canvas')!;
      return {
        width: div.clientWidth,
        height: div.clientHeight,
        top: div.getBoundingClientRect().top - stage.getBoundingClientRect().top,
        room: [stage.clientWidth, stage.clientHeight],
        canvas: [canvas.width, canvas.height],
      };
    }, n);
  };
  const zooms: number[] = [];
  const tops: number[] = [];
  for (let n = 1; n <= 4; n++) {
    if (n > 1) await page.keyboard.press('PageDown');
    const shown = await fit(n);
    zooms.push(await zoomOf(page));
    tops.push(shown.top);
    const [roomWidth, roomHeight] = shown.room;
    assert.ok(shown.height <= roomHeight! && shown.width <= roomWidth!, `page ${n} fits`);
    // Fitted: as tall as the room but pdf.js's margins.
    assert.ok(shown.height >= roomHeight! - 60, `page ${n} is ${shown.height} px high`);
    // Drawn at the size it is shown, not stretched from another page's size.
    assert.ok(Math.abs(shown.canvas[0]! - shown.width) <= 2, `page ${n}: ${shown.canvas}`);
  }
  // The scan, 1686 pt high against 1224, is shown at a zoom that much smaller.
  const ratio = zooms[2]! / zooms[1]!;
  assert.ok(Math.abs(ratio - 1224 / 1686) < 0.02, `zooms ${zooms}`);
  assert.equal(zooms[3], zooms[1], 'page 4 is back at the broadsheet fit');
  // Each page shown is named for screen readers (page-names.ts).
  assert.equal(
    await page.getAttribute('.stage .page[data-page-number="4"]', 'aria-label'),
    'Page 4',
  );
  // Every page stands at the same place under the toolbar; opened straight onto the scan too.
  assert.ok(
    tops.every((top) => Math.abs(top - tops[0]!) <= 1),
    `tops ${tops}`,
  );
  await page.goto(`${url}#/read/${id('mixed-sizes:2025-12-21')}/3`);
  await page.reload();
  const straight = await fit(3);
  assert.ok(straight.height <= straight.room[1]!, 'opened at the scan, it fits');
  assert.ok(
    Math.abs(straight.top - tops[0]!) <= 1,
    `opened at the scan, its top at ${straight.top}`,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('single page, two-page spread and continuous scroll, moved through by keys, buttons, labels and thumbnails', async () => {
  const { page, problems } = await openReader(id(WHOLE));
  await rendered(page, 1);
  // The PDF's own labels name the pages, in the page box and the strip.
  assert.equal(await page.inputValue('.page-input'), 'A1');
  await page.waitForSelector('.strip-page[data-page="1"] canvas[data-rendered="true"]');
  // The thumbnail holds the page's picture (drawn on a canvas of its own and copied in).
  const inked = await page.$eval('.strip-page[data-page="1"] canvas', (element) => {
    const canvas = element as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    let paper = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      if (data[i]! < 128) dark++;
      else if (data[i]! > 200) paper++;
    }
    return { dark: dark / (data.length / 4), paper: paper / (data.length / 4) };
  });
  assert.ok(
    inked.dark > 0.02 && inked.paper > 0.3,
    `the first thumbnail is not a page: ${JSON.stringify(inked)}`,
  );
  assert.deepEqual(await page.locator('.strip-label').allTextContents(), [
    'A1',
    'A2',
    'A3',
    'A4',
    'B1',
    'B2',
    'B3',
    'B4',
  ]);
  assert.equal(await page.getAttribute('.strip-page[data-page="1"]', 'aria-current'), 'page');
  assert.equal(await page.locator('.stage .page').count(), 1, 'single: one page in view');
  await page.screenshot({ path: `${SHOTS}reader-single.png` });

  await page.keyboard.press('ArrowRight');
  await rendered(page, 2);
  assert.equal(await page.inputValue('.page-input'), 'A2');
  assert.match(page.url(), /\/2$/);

  // Spread: broadsheet pairs 2–3, 4–5…, the front page alone.
  await page.keyboard.press('2');
  await page.waitForSelector('.reader[data-layout="spread"]');
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('.stage .spread .page')]
        .map((el) => (el as HTMLElement).dataset.pageNumber)
        .join() === '2,3',
  );
  await page.waitForSelector('.stage .page[data-page-number="3"] canvas');
  await page.screenshot({ path: `${SHOTS}reader-spread.png` });
  await page.keyboard.press('ArrowRight');
  await rendered(page, 4);
  assert.deepEqual(
    await page.$$eval('.stage .spread .page', (els) =>
      els.map((el) => (el as HTMLElement).dataset.pageNumber),
    ),
    ['4', '5'],
  );
  await page.keyboard.press('Home');
  await rendered(page, 1);
  assert.equal(await page.locator('.stage .spread .page').count(), 1, 'the front page alone');

  // Continuous: every page laid out in one scroll; End scrolls to the last.
  await page.getByRole('button', { name: 'Continuous scroll' }).click();
  await page.waitForSelector('.reader[data-layout="continuous"]');
  assert.equal(await page.locator('.stage .page').count(), 8);
  await page.keyboard.press('End');
  await rendered(page, 8);
  await page.screenshot({ path: `${SHOTS}reader-continuous.png` });
  assert.equal(await page.isDisabled('button[aria-label="Next page"]'), true);

  // A thumbnail opens its page; g goes to a label typed in the page box.
  await page.getByRole('button', { name: 'Page A3' }).click();
  await rendered(page, 3);
  assert.equal(await page.getAttribute('.strip-page[data-page="3"]', 'aria-current'), 'page');
  await page.keyboard.press('g');
  await page.waitForSelector('.page-input:focus');
  await page.keyboard.type('B2');
  await page.keyboard.press('Enter');
  await rendered(page, 6);
  assert.equal(await page.inputValue('.page-input'), 'B2');

  // The thumbnails can be hidden (s), and that is remembered with the layout.
  await page.keyboard.press('s');
  await page.waitForSelector('.strip', { state: 'hidden' });
  const settings = await waitFor(
    () => call('settings.get', {}) as Promise<{ reader: { layout: string; thumbnails: boolean } }>,
    (s) => !s.reader.thumbnails,
  );
  assert.equal(settings.reader.layout, 'continuous');
  assert.deepEqual(problems, []);
  await page.close();
});

test('zoom: steps, the zoom list, fit width and page, Ctrl+wheel about the pointer, 0 resets; dragging pans', async () => {
  const { page, problems } = await openReader(`${id(PAGES)}/1`);
  await rendered(page, 1);
  const fit = await zoomOf(page);
  assert.equal(await page.inputValue('select.zoom-level'), 'page-fit');
  await page.keyboard.press('+');
  await page.waitForFunction(
    (before) => Number(document.querySelector<HTMLElement>('.stage')!.dataset.zoom) > before,
    fit,
  );
  const larger = await zoomOf(page);
  await page.keyboard.press('-');
  await page.waitForFunction(
    (before) => Number(document.querySelector<HTMLElement>('.stage')!.dataset.zoom) < before,
    larger,
  );
  await page.keyboard.press('w');
  await page.waitForFunction(
    () => document.querySelector<HTMLSelectElement>('select.zoom-level')!.value === 'page-width',
  );
  const width = (await page.locator('.stage .page[data-page-number="1"]').boundingBox())!.width;
  const pane = (await page.locator('.stage').boundingBox())!.width;
  assert.ok(width > pane * 0.9 && width <= pane, `fit width: ${width} of ${pane}`);
  await page.keyboard.press('0');
  await page.waitForFunction(
    (z) => document.querySelector<HTMLElement>('.stage')!.dataset.zoom === String(z),
    fit,
  );

  // The zoom list: 200 %.
  await page.selectOption('.zoom-level', '2');
  await page.waitForSelector('.stage[data-zoom="200"]');
  await rendered(page, 1);

  // Dragging pans the zoomed page by as much as the pointer moved.
  const stage = (await page.locator('.stage').boundingBox())!;
  const start = await page.$eval('.stage', (el) => [el.scrollLeft, el.scrollTop]);
  await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
  await page.mouse.down();
  await page.mouse.move(stage.x + stage.width / 2 - 200, stage.y + stage.height / 2 - 150, {
    steps: 6,
  });
  await page.mouse.up();
  const moved = await page.$eval('.stage', (el) => [el.scrollLeft, el.scrollTop]);
  assert.ok(Math.abs(moved[0]! - start[0]! - 200) <= 2, `panned x ${start} → ${moved}`);
  assert.ok(Math.abs(moved[1]! - start[1]! - 150) <= 2, `panned y ${start} → ${moved}`);
  await page.screenshot({ path: `${SHOTS}reader-zoom-200.png` });

  // Ctrl+wheel zooms in about the pointer: the point under it stays under it.
  const at = { x: stage.x + stage.width * 0.3, y: stage.y + stage.height * 0.4 };
  const pagePoint = () =>
    page.$eval(
      '.stage .page[data-page-number="1"] .canvasWrapper',
      (el, p) => {
        const box = el.getBoundingClientRect();
        return [(p.x - box.left) / box.width, (p.y - box.top) / box.height];
      },
      at,
    );
  const under = await pagePoint();
  await page.mouse.move(at.x, at.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -120);
  await page.keyboard.up('Control');
  await page.waitForFunction(
    () => Number(document.querySelector<HTMLElement>('.stage')!.dataset.zoom) > 200,
  );
  const after = await pagePoint();
  assert.ok(Math.abs(after[0]! - under[0]!) < 0.01, `x under the pointer ${under} → ${after}`);
  assert.ok(Math.abs(after[1]! - under[1]!) < 0.01, `y under the pointer ${under} → ${after}`);
  assert.deepEqual(problems, []);
  await page.close();
});

/**
 * How many pixels text edges take to go from paper to ink, on average, across
 * rows of a screenshot: about 1 when drawn at screen resolution, several when a
 * low-resolution canvas is stretched.
 */
async function edgeWidth(png: Buffer, upscale = 1): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width * upscale, image.height * upscale);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let total = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (const dir of [1, -1]) {
      let light = -1;
      for (let i = 0; i < width; i++) {
        const x = dir > 0 ? i : width - 1 - i;
        const o = (y * width + x) * 4;
        const v = 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
        if (v >= 200) light = i;
        else if (v <= 70 && light >= 0) {
          total += i - light - 1;
          count++;
          light = -1;
        }
      }
    }
  }
  assert.ok(count > 50, `edges found: ${count}`);
  return total / count;
}

test('at 400 % a broadsheet page is as sharp as at 100 %: the detail view draws the visible area', async () => {
  const { page, problems } = await openReader(`${id(WHOLE)}/1`);
  await rendered(page, 1);
  const masthead = front.lines.reduce((a, b) => (b.size > a.size ? b : a));
  const shoot = async (zoom: string, detail: boolean) => {
    await page.selectOption('.zoom-level', zoom);
    await page.waitForSelector(`.stage[data-zoom="${Number(zoom) * 100}"]`);
    // The masthead's first letters at the top left of the view.
    const box = await onScreen(page, 1, {
      x: masthead.x,
      y: masthead.y,
      width: masthead.width,
      height: masthead.size,
    });
    await page.$eval(
      '.stage',
      (el, b) => {
        const pane = el.getBoundingClientRect();
        const [left, top] = [el.scrollLeft, el.scrollTop];
        el.scrollLeft += b.x - pane.left - 20;
        el.scrollTop += b.y - pane.top - 20;
        // The stage says again whether the detail covers the area scrolled to.
        if (el.scrollLeft !== left || el.scrollTop !== top)
          delete (el as HTMLElement).dataset.detail;
      },
      box,
    );
    // At 400 % the page is past the canvas cap: wait for the detail view of the visible area.
    await (detail ? page.waitForSelector('.stage[data-detail="1"]') : rendered(page, 1));
    const pane = (await page.locator('.stage').boundingBox())!;
    const height = Math.min(pane.height - 40, (masthead.size * box.height) / masthead.size + 20);
    const clip = {
      x: pane.x + 10,
      y: pane.y + 10,
      width: Math.min(pane.width - 20, box.width + 20),
      height,
    };
    return page.screenshot({ clip });
  };
  const at100 = await shoot('1', false);
  const at400 = await shoot('4', true);
  await fs.writeFile(`${SHOTS}reader-sharp-100.png`, at100);
  await fs.writeFile(`${SHOTS}reader-sharp-400.png`, at400);
  const sharp100 = await edgeWidth(at100);
  const sharp400 = await edgeWidth(at400);
  // The control: the 100 % picture stretched four times, as a capped canvas would be.
  const stretched = await edgeWidth(at100, 4);
  assert.ok(stretched > 2, `a stretched picture measures blurred: ${stretched}`);
  assert.ok(
    sharp400 <= sharp100 + 0.5,
    `edges at 400 %: ${sharp400.toFixed(2)} px, at 100 %: ${sharp100.toFixed(2)} px`,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('night and sepia pages keep the photograph as printed', async () => {
  const { page, problems } = await openReader(`${id(WHOLE)}/1`);
  await rendered(page, 1);
  const photo = front.photos[0]!;
  // The sky at the top of the photo, and the paper in the left margin.
  const sky = await onScreen(page, 1, {
    x: photo.x + photo.width * 0.3,
    y: photo.y + photo.height * 0.93,
    width: photo.width * 0.3,
    height: photo.height * 0.05,
  });
  const paper = await onScreen(page, 1, { x: 6, y: 500, width: 20, height: 200 });
  const day = { sky: await meanColour(page, sky), paper: await meanColour(page, paper) };
  assert.ok(
    day.paper.every((c) => c > 235),
    `day paper ${day.paper}`,
  );
  assert.ok(day.sky[2] - day.sky[0] > 60, `day sky is blue ${day.sky}`);
  // The first thumbnail's top margin (paper), and the toolbar beside the buttons.
  await page.waitForSelector('.strip-page[data-page="1"] .strip-canvas[data-rendered]');
  const thumb = (await page.locator('.strip-page[data-page="1"] .strip-canvas').boundingBox())!;
  const thumbPaper = { x: thumb.x + 10, y: thumb.y + 1, width: thumb.width - 20, height: 2 };
  const bar = (await page.locator('.reader-bar, .reader header').first().boundingBox())!;
  const barClear = { x: bar.x + bar.width - 6, y: bar.y + bar.height - 6, width: 4, height: 4 };
  const dayThumb = await meanColour(page, thumbPaper);
  assert.ok(
    dayThumb.every((c) => c > 235),
    `day thumbnail paper ${dayThumb}`,
  );

  await page.keyboard.press('i');
  await page.waitForSelector(
    '.stage .page[data-page-number="1"] .page-theme.night[data-photos="1"]',
  );
  const night = { sky: await meanColour(page, sky), paper: await meanColour(page, paper) };
  await page.screenshot({ path: `${SHOTS}reader-night.png` });
  assert.ok(
    night.paper.every((c) => c < 60),
    `night paper is dark ${night.paper}`,
  );
  // The thumbnails match the pages, and the reader around them is dark too.
  const nightThumb = await meanColour(page, thumbPaper);
  assert.ok(
    nightThumb.every((c) => c < 60),
    `night thumbnail paper ${nightThumb}`,
  );
  const nightBar = await meanColour(page, barClear);
  assert.ok(
    nightBar.every((c) => c < 60),
    `night reader bar ${nightBar}`,
  );
  for (let c = 0; c < 3; c++)
    assert.ok(
      Math.abs(night.sky[c]! - day.sky[c]!) < 6,
      `night sky as printed ${night.sky} vs ${day.sky}`,
    );

  await page.keyboard.press('i');
  await page.waitForSelector('.stage .page[data-page-number="1"] .page-theme.sepia');
  const sepia = { sky: await meanColour(page, sky), paper: await meanColour(page, paper) };
  await page.screenshot({ path: `${SHOTS}reader-sepia.png` });
  assert.ok(
    sepia.paper[0] - sepia.paper[2] > 20 && sepia.paper[1] > 200,
    `sepia paper ${sepia.paper}`,
  );
  const sepiaThumb = await meanColour(page, thumbPaper);
  for (let c = 0; c < 3; c++)
    assert.ok(
      Math.abs(sepiaThumb[c]! - sepia.paper[c]!) < 8,
      `sepia thumbnail paper ${sepiaThumb} vs page ${sepia.paper}`,
    );
  for (let c = 0; c < 3; c++)
    assert.ok(Math.abs(sepia.sky[c]! - day.sky[c]!) < 6, `sepia sky as printed ${sepia.sky}`);

  // The next page comes in the same colours; the choice is remembered.
  await page.keyboard.press('ArrowRight');
  await rendered(page, 2);
  await page.waitForSelector('.stage .page[data-page-number="2"] .page-theme.sepia');
  const settings = (await call('settings.get', {})) as { reader: { pages: string } };
  assert.equal(settings.reader.pages, 'sepia');
  await page.keyboard.press('i');
  await page.waitForFunction(() => !document.querySelector('.page-theme'));
  assert.deepEqual(problems, []);
  await page.close();
});

async function waitFor<T>(get: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('an edition reopens where it was left; Alt+arrows and the date picker move between editions', async () => {
  const { page, problems } = await openReader(id(PAGES));
  await rendered(page, 1);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await rendered(page, 7);
  await page.selectOption('.zoom-level', '1.5');
  await page.waitForSelector('.stage[data-zoom="150"]');
  await page.waitForSelector('.reader[data-remembered="7@1.5"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.library');
  // Not the paper's latest edition: it is found on the paper's calendar.
  await page
    .locator('.paper-card[data-source="morning-post"]')
    .getByRole('link', { name: '3 editions' })
    .click();
  await page.locator(`.calendar a.card-link[data-edition="${PAGES}"]`).click();
  await page.waitForSelector('.reader[data-restored="7"]');
  await rendered(page, 7);
  assert.equal(await zoomOf(page), 150);
  assert.match(page.url(), /\/7$/);
  await page.screenshot({ path: `${SHOTS}reader-restored.png` });

  // Alt+← is the day before, Alt+→ the day after.
  await page.keyboard.press('Alt+ArrowLeft');
  await page.waitForFunction((e) => location.hash.includes(e), id(WHOLE));
  // The new edition's reader, drawn: the address changes a moment before the old
  // reader (drawn too) is replaced.
  await page.waitForSelector(`.reader[data-edition="${WHOLE}"] .stage[data-rendered]`);
  assert.equal(await page.inputValue('.date-input'), '2025-12-19');
  assert.equal(await page.isDisabled('button[aria-label="Previous edition"]'), true);
  await page.keyboard.press('Alt+ArrowRight');
  await page.waitForFunction((e) => location.hash.includes(e), id(PAGES));
  await page.waitForSelector('.reader[data-restored="7"]');

  // A day without an edition opens the one before it, and says so. (The box is a date
  // field once the page is drawn, as a reader sees it: a text box has no change on fill.)
  await page.waitForSelector('.date-input[type="date"]');
  await page.fill('.date-input', '2025-12-22');
  await page.waitForFunction((e) => location.hash.includes(e), id(LATEST));
  await page.waitForSelector('.stage[data-rendered="1"]');
  await page.fill('.date-input', '2025-12-21');
  await page.waitForFunction((e) => location.hash.includes(e), id(PAGES));
  assert.match(
    (await page.locator('.notice').textContent()) ?? '',
    /^No edition of Morning Post on Sunday, December 21, 2025; showing Saturday, December 20, 2025\.$/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('text can be selected and copied; every control is reached by Tab with a visible focus and a name', async () => {
  const { page, problems } = await openReader(`${id(WHOLE)}/1`);
  await rendered(page, 1);
  await page.waitForSelector('.stage .page[data-page-number="1"] .textLayer span');
  await page.keyboard.press('t');
  await page.waitForSelector('.stage[data-tool="text"]');
  const masthead = front.lines.reduce((a, b) => (b.size > a.size ? b : a));
  const box = await onScreen(page, 1, {
    x: masthead.x,
    y: masthead.y,
    width: masthead.width,
    height: masthead.size * 0.8,
  });
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  // Past the title's end: the text layer's span for a display face reaches a little
  // beyond its glyphs, now that the page is drawn at its own pixels.
  await page.mouse.move(box.x + box.width + 20, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
  const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
  assert.match(selected, /^The Morning Pos/);
  await page.keyboard.press('Control+c');
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^The Morning Pos/);

  // Tab from the page through the toolbar: every control once, each named, focus drawn.
  // Focus drawn for the keyboard: reach the first control with the keyboard too.
  await page.focus('.back');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('back')));
  const seen: { name: string; outline: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const name =
        el.getAttribute('aria-label') ||
        el.textContent?.trim() ||
        (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ||
        '';
      const style = getComputedStyle(el);
      return {
        name,
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        inBar: !!el.closest('.reader-bar'),
      };
    });
    if (!info.inBar) break;
    seen.push(info);
    await page.keyboard.press('Tab');
  }
  const names = seen.map((s) => s.name);
  for (const name of [
    'Back to the library',
    'Edition date',
    'Page',
    'Single page',
    'Two-page spread',
    'Continuous scroll',
    'Zoom out',
    'Zoom level',
    'Zoom in',
    'Pan: drag to move the page',
    'Select text',
    'Clip',
    'Page colours',
    'Thumbnails',
    'Full screen',
  ])
    assert.ok(names.includes(name), `${name} is reached by Tab: ${names.join(' | ')}`);
  // Each control draws its focus (the date field takes several stops: day, month, year, picker).
  const unfocused = [...new Set(names)].filter(
    (name) => !name || !seen.some((s) => s.name === name && !s.outline.startsWith('none')),
  );
  assert.deepEqual(unfocused, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('text is laid out for the pages in view, not for every page passed on the way', async () => {
  const { page, problems } = await openReader(`${id(WHOLE)}/1`, 'continuous');
  await rendered(page, 1);
  await page.waitForSelector('.stage .page[data-page-number="1"] .textLayer span');
  await page.keyboard.press('End');
  await rendered(page, 8);
  await page.waitForSelector('.stage .page[data-page-number="8"] .textLayer span');
  const withText = await page.$$eval('.stage .page', (pages) =>
    pages
      .filter((p) => p.querySelector('.textLayer'))
      .map((p) => Number((p as HTMLElement).dataset.pageNumber)),
  );
  // Only the end of the edition is in view: page 8 and perhaps the foot of page 7.
  assert.ok(withText.includes(8) && withText.every((n) => n >= 7), `text layers on ${withText}`);
  // Every page of the scroll is named for screen readers.
  assert.deepEqual(
    await page.$$eval('.stage .page', (pages) => pages.map((p) => p.getAttribute('aria-label'))),
    Array.from({ length: 8 }, (_, i) => `Page ${i + 1}`),
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('at 1280 px the toolbar is one row of controls, none over another; a long name is shortened', async () => {
  for (const edition of [WHOLE, OREGON]) {
    const { page, problems } = await openReader(`${id(edition)}/1`);
    await rendered(page, 1);
    const boxes = await page.$$eval(
      '.reader-bar button, .reader-bar input, .reader-bar select, .reader-title',
      (els) =>
        els
          .map((el) => ({
            name: el.getAttribute('aria-label') ?? el.textContent,
            box: el.getBoundingClientRect(),
          }))
          .filter(({ box }) => box.width > 0)
          .map(({ name, box }) => ({
            name,
            left: box.left,
            right: box.right,
            top: box.top,
            bottom: box.bottom,
          })),
    );
    const bar = (await page.locator('.reader-bar').boundingBox())!;
    assert.ok(
      bar.height < 60,
      `${edition} in one row: the toolbar is ${bar.height}px high: ${boxes.map((b) => `${b.name} ${Math.round(b.left)}–${Math.round(b.right)}@${Math.round(b.top)}`).join(', ')}`,
    );
    const overlaps = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b) =>
            a.left < b.right - 1 &&
            b.left < a.right - 1 &&
            a.top < b.bottom - 1 &&
            b.top < a.bottom - 1,
        )
        .map((b) => `${a.name} / ${b.name}`),
    );
    assert.deepEqual(overlaps, []);
    const title = await page.$eval('.reader-title', (el) => ({
      text: el.textContent,
      hover: (el as HTMLElement).title,
      cut: el.scrollWidth > el.clientWidth,
      width: el.clientWidth,
    }));
    // The whole name is a hover away; a cut one is still a readable start of it.
    assert.equal(title.hover, title.text);
    assert.equal(title.cut, edition === OREGON, JSON.stringify(title));
    assert.ok(title.width >= 60, JSON.stringify(title));
    if (edition === OREGON) await page.screenshot({ path: `${SHOTS}reader-long-name-1280.png` });
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('at 200 % system zoom the toolbar wraps, nothing is cut off and the page still shows', async () => {
  const { page, problems } = await openReader(
    `${id(WHOLE)}/1`,
    'single',
    { width: 640, height: 430 },
    2,
  );
  await rendered(page, 1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scroll: ${overflow}px`);
  const outside = await page.$$eval(
    '.reader-bar button, .reader-bar input, .reader-bar select',
    (els) =>
      els
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && (box.left < 0 || box.right > innerWidth);
        })
        .map((el) => el.getAttribute('aria-label') ?? el.textContent),
  );
  assert.deepEqual(outside, []);
  const stage = (await page.locator('.stage').boundingBox())!;
  assert.ok(stage.height > 120, `the page has room: ${stage.height}px`);
  await page.screenshot({ path: `${SHOTS}reader-zoom-200-percent-ui.png` });
  // Full screen gives the pages the whole screen.
  await page.keyboard.press('Shift+F');
  await page.waitForSelector('button[aria-label="Full screen"][aria-pressed="true"]');
  assert.equal(await page.evaluate(() => document.fullscreenElement?.className), 'reader');
  assert.deepEqual(problems, []);
  await page.close();
});
