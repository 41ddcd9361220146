/**
 * The library with many papers, in Chromium against the real `paperboy serve`:
 * 15 editions of 10 papers, every cover drawn however many load at once (the
 * document cache used to close documents whose covers were still drawing), all
 * on one screen without scrolling sideways; a paper's month calendar; import by
 * drop, delete with undo and a corrected date, seen after a reload and by the CLI.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';
import { watchedPage } from './watched-page.ts';

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
let archive: string;
let env: Record<string, string>;
let work: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  archive = await tempDir('archive-');
  work = await tempDir();
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
    const { page, problems: errors } = await watchedPage(browser, { width, height });
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
        [...document.querySelectorAll<HTMLImageElement>('.library .cover')].every(
          (c) => c.dataset.rendered === 'true' || c.dataset.rendered === 'failed',
        ),
      undefined,
      { timeout: 60_000 },
    );
    const states = await page.$$eval('.library .cover', (els) =>
      els.map((el) => (el as HTMLElement).dataset.rendered),
    );
    // One card per paper, each its latest cover: the ten papers' fifteen editions.
    assert.equal(states.length, 10);
    assert.deepEqual(
      states.filter((s) => s !== 'true'),
      [],
      'no cover left blank',
    );
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      bottom: Math.max(
        ...[...document.querySelectorAll('.paper-card')].map(
          (c) => c.getBoundingClientRect().bottom,
        ),
      ),
      right: Math.max(
        ...[...document.querySelectorAll('.library-head *')].map(
          (c) => c.getBoundingClientRect().right,
        ),
      ),
    }));
    assert.ok(layout.scrollWidth <= width, `no horizontal overflow (${layout.scrollWidth} px)`);
    assert.ok(layout.right <= width, 'the header, "Link a clipping" too, is in view');
    assert.ok(
      layout.bottom <= height,
      `every paper on one screen (last card ends at ${layout.bottom})`,
    );
    // The covers are small images the core drew once and keeps on disk.
    assert.ok(
      await page.$$eval('.paper-card img.cover', (els) =>
        els.every((el) => /\/covers\/[^/]+\.jpg$/.test((el as HTMLImageElement).src)),
      ),
    );
    assert.equal((await fs.readdir(path.join(archive, '.paperboy', 'covers'))).length, 10);
    await page.screenshot({ path: `${SHOTS}library-${width}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  });

const ids = async () =>
  JSON.parse((await runCli(['list', '--json', '--archive', archive], env)).stdout).map(
    (e: { id: string }) => e.id,
  ) as string[];

test('a paper opens on its month calendar: the right days, gaps, keys to move and turn the month', async () => {
  const { page, problems: errors } = await watchedPage(browser, { height: 800, locale: 'en-GB' });
  await page.goto(url);
  await page.getByRole('link', { name: '2 editions' }).first().click();
  await page.waitForSelector('.calendar .day.has-edition');
  assert.match(page.url(), /#\/paper\/aldwych-post\?month=2025-12$/);
  const days = await page.$$eval('.day.has-edition', (els) =>
    els.map((el) => (el as HTMLElement).dataset.day),
  );
  assert.deepEqual(days, ['2025-12-10', '2025-12-11']);
  assert.equal(await page.locator('.day[data-day]').count(), 31);
  // 1 December 2025 was a Monday: the month starts the first week, and the weeks are whole.
  assert.equal(
    await page
      .locator('.week:not(.weekdays)')
      .first()
      .locator('.day')
      .first()
      .getAttribute('data-day'),
    '2025-12-01',
  );
  assert.equal(((await page.locator('.day.outside').count()) + 31) % 7, 0);
  // The latest edition's day has the keyboard; the arrows move day by day.
  await page.locator('[data-day="2025-12-11"] .day-focus').focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest<HTMLElement>('.day')?.dataset.day),
    '2025-12-10',
  );
  await page.keyboard.press('ArrowDown');
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest<HTMLElement>('.day')?.dataset.day),
    '2025-12-17',
  );
  await page.keyboard.press('PageUp');
  await page.waitForSelector('.calendar[aria-label="November 2025"]');
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest<HTMLElement>('.day')?.dataset.day),
    '2025-11-17',
  );
  assert.match(page.url(), /month=2025-11$/);
  // The year and month menus jump; Enter on a day opens its edition.
  await page.getByRole('button', { name: 'Latest' }).click();
  await page.waitForSelector('.calendar[aria-label="December 2025"]');
  await page.locator('[data-day="2025-12-10"] .day-focus').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.reader .stage[data-rendered="1"]');
  assert.match(page.url(), /#\/read\/aldwych-post(:|%3A)2025-12-10/);
  await page.goto(`${url}#/paper/aldwych-post`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>('.calendar .cover')].every(
      (c) => c.dataset.rendered === 'true',
    ),
  );
  await page.screenshot({ path: `${SHOTS}calendar-1280.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('import by drop, delete with undo, correct a date: all seen after a reload and by paperboy list', async () => {
  // A CSP refusal (an inline style, an eval) is one of the problems.
  const { page, problems: errors } = await watchedPage(browser, { height: 800, locale: 'en-GB' });
  await page.goto(url);
  await page.waitForSelector('.paper-card');
  const { file } = await writeEdition(work, 'kendal', {
    seed: 901,
    title: 'Kendal Mercury',
    date: '2025-12-12',
    pages: 3,
  });
  const bytes = (await fs.readFile(file)).toString('base64');
  // A PDF dropped on the library, as the OS hands one over.
  await page.evaluate(async (data) => {
    const file = new File(
      [Uint8Array.from(atob(data), (c) => c.charCodeAt(0))],
      'kendal-mercury_2025-12-12_A1.pdf',
      {
        type: 'application/pdf',
      },
    );
    const transfer = new DataTransfer();
    transfer.items.add(file);
    document
      .querySelector('.library')!
      .dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
  }, bytes);
  const line = page.locator('.import-line[data-state="done"]');
  await line.waitFor();
  assert.match(
    (await line.textContent()) ?? '',
    /Imported Kendal Mercury, Fri, 12 Dec 2025 · 3 pages/,
  );
  await page.screenshot({ path: `${SHOTS}library-imported.png` });
  await page
    .locator('.paper-card[data-source="kendal-mercury"] .cover[data-rendered="true"]')
    .waitFor();
  assert.ok((await ids()).includes('kendal-mercury:2025-12-12'));
  await page
    .locator('.toast')
    .getByText(/New: Kendal Mercury/)
    .waitFor();

  // Delete, then undo: the card comes back and nothing was removed.
  const card = page.locator('.paper-card[data-source="kendal-mercury"]');
  await card.getByRole('button', { name: /Edition actions/ }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await card.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Undo' }).click();
  await card.waitFor();
  assert.ok((await ids()).includes('kendal-mercury:2025-12-12'));

  // Correct the date: the card, a reload and the CLI all see the new day.
  await card.getByRole('button', { name: /Edition actions/ }).click();
  await page.getByRole('menuitem', { name: 'Edit paper, date or title…' }).click();
  await page.getByLabel('Date').fill('2025-12-13');
  await page.screenshot({ path: `${SHOTS}library-edit.png` });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved: Kendal Mercury, Sat, 13 Dec 2025.').waitFor();
  // The library hears of the correction (its card shows the new day) and does not
  // call it new; the "New:" of the import, about the id it had, goes.
  await page
    .locator('.paper-card[data-source="kendal-mercury"] .card-meta')
    .getByText('13 Dec 2025')
    .waitFor();
  assert.equal(await page.locator('.toast').isVisible(), false);
  await page.reload();
  await page
    .locator('.paper-card[data-source="kendal-mercury"] .card-meta')
    .getByText('13 Dec 2025')
    .waitFor();
  const afterEdit = await ids();
  assert.ok(afterEdit.includes('kendal-mercury:2025-12-13'));
  assert.ok(!afterEdit.includes('kendal-mercury:2025-12-12'));

  // Delete for good: once the undo's time is up the edition is removed.
  const removed = page.waitForResponse((r) => r.url().endsWith('/api/editions.remove'), {
    timeout: 20_000,
  });
  await page
    .locator('.paper-card[data-source="kendal-mercury"]')
    .getByRole('button', { name: /Edition actions/ })
    .click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  assert.equal((await removed).status(), 200);
  await page.reload();
  await page.waitForSelector('.paper-card');
  assert.equal(await page.locator('.paper-card[data-source="kendal-mercury"]').count(), 0);
  assert.ok(!(await ids()).some((id) => id.startsWith('kendal-mercury:')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('settings: each change is saved at once, applies, and is there after a reload', async () => {
  const { page, problems: errors } = await watchedPage(browser, { height: 800, locale: 'en-GB' });
  await page.goto(url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Reading scans (OCR)' }).waitFor();
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByText('Saved: theme dark.').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByLabel('Files downloaded at once').fill('6');
  await page.getByLabel('Files downloaded at once').press('Enter');
  await page.getByText('Saved: 6 files at once.').waitFor();
  // The last language cannot be unticked: OCR needs one.
  const english = page.getByLabel('English (eng)');
  assert.equal(await english.isChecked(), true);
  await english.click();
  await page.getByText('OCR needs at least one language.').waitFor();
  assert.equal(await english.isChecked(), true);
  // A browser on serve cannot move the archive: it says where that is chosen instead.
  const archiveGroup = page.getByRole('region', { name: 'Archive' });
  await archiveGroup.getByText(/chosen where Paperboy starts/).waitFor();
  assert.equal(await archiveGroup.getByRole('button').count(), 0);
  await page.screenshot({ path: `${SHOTS}settings.png` });
  await page.reload();
  await page.getByRole('heading', { name: 'Reading scans (OCR)' }).waitFor();
  assert.equal(await page.getByLabel('Theme').inputValue(), 'dark');
  assert.equal(await page.getByLabel('Files downloaded at once').inputValue(), '6');
  await page.getByLabel('Theme').selectOption('system');
  await page.getByText('Saved: theme system.').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('covers deleted from the disk are drawn again from the PDFs', async () => {
  const covers = path.join(archive, '.paperboy', 'covers');
  await fs.rm(covers, { recursive: true, force: true });
  const { page, problems } = await watchedPage(browser, { height: 800 });
  await page.goto(url);
  await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll<HTMLImageElement>('.paper-card .cover')];
    return shown.length === 10 && shown.every((c) => c.dataset.rendered === 'true');
  });
  assert.equal((await fs.readdir(covers)).length, 10);
  assert.deepEqual(problems, []);
  await page.close();
});

test("any day of a paper's year is two clicks from the library: the paper, then its day in the year strip", async () => {
  // An edition months before the others, so the day sought is not in the month shown.
  const { file } = await writeEdition(work, 'aldwych-post_2025-08-05', {
    seed: 950,
    title: 'Aldwych Post',
    date: '2025-08-05',
    pages: 2,
  });
  const imported = await runCli(['import', file, '--archive', archive], env);
  assert.equal(imported.code, 0, imported.stderr);
  const { page, problems } = await watchedPage(browser, { height: 800, locale: 'en-GB' });
  await page.goto(url);
  await page.getByRole('link', { name: '3 editions' }).click();
  await page.waitForSelector('.calendar[aria-label="December 2025"]');
  // The twelve months up to the latest edition's: January 2025 to December 2025.
  const strip = page.locator('.year-strip');
  assert.deepEqual(await strip.locator('.strip-month').allTextContents(), [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sept',
    'Oct',
    'Nov',
    'Dec',
  ]);
  assert.deepEqual(
    await strip
      .locator('.strip-day.has-edition')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.date)),
    ['2025-08-05', '2025-12-10', '2025-12-11'],
  );
  assert.equal(await strip.locator('.strip-day:not(.outside)').count(), 365);
  // The days of the month the calendar shows are marked.
  assert.equal(await strip.locator('.strip-day.shown').count(), 31);
  // Nothing sticks out of the window.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>('.calendar .cover')].every(
      (c) => c.dataset.rendered === 'true',
    ),
  );
  await page.screenshot({ path: `${SHOTS}year-strip-1280.png` });
  // A month's name shows it in the calendar.
  await strip.getByRole('button', { name: 'Aug' }).click();
  await page.waitForSelector(
    '.calendar[aria-label="August 2025"] [data-day="2025-08-05"].has-edition',
  );
  assert.match(page.url(), /month=2025-08$/);
  // The second click: the day itself, from the paper's page as first shown.
  await page.getByRole('button', { name: 'Latest' }).click();
  await page.waitForSelector('.calendar[aria-label="December 2025"]');
  await strip.locator('[data-date="2025-08-05"]').click();
  await page.waitForSelector('.reader .stage[data-rendered="1"]');
  assert.match(page.url(), /#\/read\/aldwych-post(:|%3A)2025-08-05/);
  assert.deepEqual(problems, []);
  await page.close();
});
