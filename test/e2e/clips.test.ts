/**
 * Clippings in Chromium against the real `paperboy serve` on a first-run
 * archive (the bundled sample): paste the seed clipping anywhere → the card
 * names page 5 of the sample → Open shows the page with the story outlined.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { CLIPPING, REPO } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const SHOTS = `${REPO}test-results/e2e/`;
let browser: Browser;
let url: string;
let seed: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  seed = await fs.readFile(CLIPPING, 'utf8');
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  ({ url } = await startServe(await tempDir('archive-'), env));
  browser = await launchBrowser();
});

async function paste(page: Page, text: string) {
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/plain', content);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
}

test('pasting the seed clipping names page 5 of the sample; Open outlines the story', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('.library[data-editions="1"]');
  await paste(page, seed);
  await page.waitForSelector('.link-panel[data-state="found"]');
  assert.equal(await page.locator('.link-card h3').textContent(), 'Printed on page 5, columns 4–5');
  assert.match(
    (await page.locator('.link-edition').textContent()) ?? '',
    /The Paperboy Gazette · Saturday, December 20, 2025/,
  );
  assert.match(
    (await page.locator('.link-headline').textContent()) ?? '',
    /Lee calls security ministers together over North Korea policy/,
  );
  await page.locator('.link-diff summary').click();
  assert.match(
    (await page.locator('.link-diff summary').textContent()) ?? '',
    /^What print changed: \d+ words cut, 4 added$/,
  );
  assert.equal(await page.locator('.diff ins').first().textContent(), 'SEOUL, Dec 19 (IANS)');
  await page.screenshot({ path: `${SHOTS}link-card.png` });
  // Copy link: the served address of the page where it was printed, with the story's regions.
  const copy = page.locator('.link-card').getByRole('button', { name: 'Copy link' });
  await copy.click();
  const copied = page.locator('.link-card button[data-link]');
  await copied.waitFor();
  assert.match(
    (await copied.getAttribute('data-link')) ?? '',
    /\/edition\/paperboy-gazette%3A2025-12-20\/page\/5\?rect=/,
  );

  await page.locator('.link-card a.button').click();
  await page.waitForSelector('.stage[data-rendered="5"]');
  await page.waitForSelector('.stage .page .regions .region');
  assert.equal(await page.locator('.link-panel').isHidden(), true);
  const boxes = await page.$$eval('.stage .page .region', (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const p = el.closest('.page')!.getBoundingClientRect();
      return {
        left: (r.left - p.left) / p.width,
        top: (r.top - p.top) / p.height,
        width: r.width / p.width,
        height: r.height / p.height,
      };
    }),
  );
  // The story is in columns 4–5 (the right two fifths), in the top part of the page.
  assert.ok(boxes.length >= 2);
  for (const box of boxes) {
    assert.ok(box.left > 0.55, `left ${box.left}`);
    assert.ok(box.top < 0.35, `top ${box.top}`);
    assert.ok(box.width < 0.4);
  }
  await page.screenshot({ path: `${SHOTS}link-outlined.png` });

  // The deep link to the same page and region works on the server's origin too.
  await page.goto(
    new URL('/edition/paperboy-gazette:2025-12-20/page/5?rect=621.6,832.9,133.6,271.5', url).href,
  );
  await page.waitForSelector('.stage[data-rendered="5"]');
  await page.waitForSelector('.stage .page .regions[data-count="1"]');
  assert.match(page.url(), /#\/read\/paperboy-gazette%3A2025-12-20\/5\?rect=/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the panel from the library: a story not in the archive, and a clipping too short', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await page.goto(`${url}#/link`);
  await page.waitForSelector('.link-input:focus');
  await page.fill(
    '.link-input',
    'Glacier retreat exposes Bronze Age trail\n\nBy Reuters | Updated: December 19, 2025 09:10 GMT\n\nZURICH, Dec 19 (Reuters) - Archaeologists in Switzerland said on Friday that a melting glacier above the Schnidejoch pass had uncovered leather shoes, arrow shafts and wooden bowls left by travellers more than four thousand years ago, and that the ice would be surveyed again next summer.',
  );
  await page.getByRole('button', { name: 'Find where it was printed' }).click();
  await page.waitForSelector('.link-panel[data-state="not-found"]');
  assert.equal(await page.locator('.link-card h3').textContent(), 'Not found in your archive');
  assert.match(
    (await page.locator('.link-card p').last().textContent()) ?? '',
    /^Searched Thu, Dec 18, 2025 – Fri, Dec 26, 2025 in paperboy-gazette — 8 pages\.$/,
  );
  await page.screenshot({ path: `${SHOTS}link-not-found.png` });
  await page.fill('.link-input', 'Council backs harbour plan');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.link-panel[data-state="error"]');
  assert.match(
    (await page.locator('.link-result .failure').textContent()) ?? '',
    /too short to link \(4 words/,
  );
  await page.close();
});

test('dragging a region clips it; the clip is in the library with its image and reopens its page', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}#/read/paperboy-gazette%3A2025-12-20/5`);
  await page.waitForSelector('.stage[data-rendered="5"]');
  await page.keyboard.press('c');
  await page.waitForSelector('.stage.selecting');
  // The Seoul story: the right two fifths of the page, near the top.
  const box = (await page.locator('.stage .page[data-page-number="5"]').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.045);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.2, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.955, box.y + box.height * 0.32, { steps: 8 });
  await page.screenshot({ path: `${SHOTS}clip-dragging.png` });
  await page.mouse.up();
  await page.waitForSelector('.reader[data-clip]:not([data-clip="saving"])');
  assert.match(
    (await page.locator('.clip-status').textContent()) ?? '',
    /^Clipped “Lee calls security ministers/,
  );
  assert.equal(await page.locator('.stage.selecting').count(), 0, 'one clip, then the tool is off');

  // The new clip, beside the sample's linked story that came with the first run.
  await page.locator('.clip-status a').click();
  await page.waitForSelector('.clips[data-total="2"]');
  const newest = page.locator('.clip-card').first();
  const image = newest.locator('img');
  await image.evaluate((img: HTMLImageElement) => img.decode());
  const natural = await image.evaluate((img: HTMLImageElement) => [
    img.naturalWidth,
    img.naturalHeight,
  ]);
  assert.ok(natural[0]! > 300 && natural[1]! > 300, `image ${natural}`);
  await newest.locator('.clip-tags-input').fill('korea, wire');
  await newest.locator('.clip-tags-input').press('Tab');
  await page.waitForSelector('.clip-card button.tag:text("#wire")');
  await page.fill('.search-input', 'wire');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.clips[data-total="1"]');
  assert.match((await page.locator('.clip-where').textContent()) ?? '', /page 5$/);
  // Copy link: the served address of the clip's page with its region, which opens it outlined.
  const copy = page.locator('.clip-card').first().getByRole('button', { name: 'Copy link' });
  await copy.click();
  const link = await page.waitForFunction(
    () =>
      document.querySelector<HTMLElement>('.clip-card [data-link]')?.dataset.link ??
      document.querySelector('.clip-card code.clip-link')?.textContent,
  );
  const copied = String(await link.jsonValue());
  assert.match(
    copied,
    /\/edition\/paperboy-gazette%3A2025-12-20\/page\/5\?rect=[\d.]+(,|%2C)[\d.]+(,|%2C)[\d.]+(,|%2C)[\d.]+$/,
  );
  await page.screenshot({ path: `${SHOTS}clips-library.png`, fullPage: true });
  const opened = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await opened.goto(copied);
  await opened.waitForSelector('.stage .page[data-page-number="5"] .regions[data-count="1"]');
  await opened.close();

  await page.locator('.clip-image').click();
  await page.waitForSelector('.stage[data-rendered="5"]');
  await page.waitForSelector('.stage .page .regions[data-count="1"]');
  assert.deepEqual(errors, []);
  await page.close();
});
