/**
 * The library with many papers, in Chromium against the real `paperboy serve`:
 * 15 editions of 10 papers, every cover drawn however many load at once (the
 * document cache used to close documents whose covers were still drawing).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const SHOTS = `${REPO}test-results/e2e/`;
const PAPERS = [
  'Aldwych Post',
  'Brentford Courier',
  'Carlisle Star',
  'Dover Echo',
  'Ely Herald',
  'Frome Times',
  'Goole Mercury',
  'Hove Gazette',
  'Ilford Record',
  'Jarrow News',
];
let browser: Browser;
let url: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  const work = await tempDir();
  for (let i = 0; i < 15; i++) {
    const title = PAPERS[i % PAPERS.length]!;
    const date = `2025-12-${String(10 + Math.floor(i / PAPERS.length)).padStart(2, '0')}`;
    const { file } = await writeEdition(work, `${title.toLowerCase().replace(/ /g, '-')}_${date}`, {
      seed: 300 + i,
      title,
      date,
      pages: 2,
    });
    const imported = await runCli(['import', file, '--archive', archive], env);
    assert.equal(imported.code, 0, imported.stderr);
  }
  ({ url } = await startServe(archive, env, ['--no-schedule']));
  browser = await launchBrowser();
});

for (const [width, height] of [
  [1920, 1200],
  [1280, 800],
] as const)
  test(`every cover in view is drawn at ${width}×${height}, however many load at once`, async () => {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('.library .cover');
    // Scrolled through, so every cover comes into view and is asked for.
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
        window.scrollTo(0, y);
        await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      }
    });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLCanvasElement>('.library .cover')].every(
          (c) => c.dataset.rendered === 'true' || c.dataset.rendered === 'failed',
        ),
      undefined,
      { timeout: 60_000 },
    );
    const states = await page.$$eval('.library .cover', (els) =>
      els.map((el) => (el as HTMLElement).dataset.rendered),
    );
    assert.equal(states.length, 15);
    assert.deepEqual(
      states.filter((s) => s !== 'true'),
      [],
      'no cover left blank',
    );
    await page.screenshot({ path: `${SHOTS}library-${width}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  });
