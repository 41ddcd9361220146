/**
 * Stories in the reader, in Chromium against the real `paperboy serve`, on the
 * bundled sample (offered to an empty archive): a story under the pointer is
 * outlined; a click opens it in the article view, beside its page; the view
 * steps through articles, sizes its type and reads aloud; "Continued on page
 * 6" is a link to the other part; a search result opens its story zoomed to be read.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { REPO } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const SHOTS = `${REPO}test-results/e2e/`;
const SAMPLE = 'paperboy-gazette%3A2025-12-20';
let browser: Browser;
let url: string;

before(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  ({ url } = await startServe(await tempDir('archive-'), env));
  browser = await launchBrowser();
});

async function openPage(
  n: number,
  prepare?: (page: Page) => Promise<unknown>,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await prepare?.(page);
  await page.goto(`${url}#/read/${SAMPLE}/${n}`);
  await page.waitForSelector(`.stage[data-rendered="${n}"]`);
  await page.waitForSelector('.stage[data-articles]');
  return { page, errors };
}

/** A point on the page, in fractions of its width and height from its top-left. */
async function onPage(page: Page, n: number, fx: number, fy: number) {
  const box = (await page.locator(`.stage .page[data-page-number="${n}"]`).boundingBox())!;
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

test('hover outlines the story; a click reads it in the article view; [ ] step, Esc closes', async () => {
  const { page, errors } = await openPage(5);
  // The Seoul story runs in the page's two right-hand columns.
  const at = await onPage(page, 5, 0.8, 0.25);
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('.stage[data-hover] .page[data-page-number="5"] .hover .story-hover');
  const hovered = await page.$eval('.stage', (el) => (el as HTMLElement).dataset.hover);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector(`.article-view[data-article="${hovered}"]:not([hidden])`);
  assert.equal(
    await page.textContent('.article-headline'),
    'Lee calls security ministers together over North Korea policy',
  );
  assert.match((await page.textContent('.article-meta')) ?? '', /^By IANS · Page 5$/);
  assert.match((await page.textContent('.article-body p')) ?? '', /^SEOUL, Dec 19 \(IANS\) — /);
  // The page stays in view beside it, zoomed to the story.
  const view = (await page.locator('.article-view').boundingBox())!;
  const stage = (await page.locator('.stage').boundingBox())!;
  assert.ok(stage.width > 500 && view.x >= stage.x + stage.width - 1, 'beside the page');
  await page.waitForSelector('.stage[data-story^="5@"]');
  await page.screenshot({ path: `${SHOTS}article-view.png` });
  // Larger type, then the next article and back.
  const size = Number(await page.getAttribute('.article-view', 'data-size'));
  await page.click('button[aria-label="Larger text"]');
  assert.equal(Number(await page.getAttribute('.article-view', 'data-size')) > size, true);
  await page.keyboard.press(']');
  await page.waitForSelector(`.article-view:not([data-article="${hovered}"])`);
  assert.notEqual(
    await page.textContent('.article-headline'),
    'Lee calls security ministers together over North Korea policy',
  );
  await page.keyboard.press('[');
  await page.waitForSelector(`.article-view[data-article="${hovered}"]`);
  // Read aloud: the button says it is reading, and again that it is paused.
  const listen = page.locator('button[aria-label="Read aloud"]');
  await listen.click();
  assert.equal(await listen.getAttribute('aria-pressed'), 'true');
  await listen.click();
  assert.equal(await listen.getAttribute('aria-pressed'), 'false');
  // A link to the article: opened, it shows the story's page, the story outlined and fitted.
  await page.click('button[aria-label="Copy a link to this article"]');
  const link = (await page.getAttribute('.reader', 'data-link'))!;
  assert.match(link, new RegExp(`^${url}edition/${SAMPLE}/page/5\\?rect=`));
  const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await other.goto(link);
  await other.waitForSelector('.stage[data-rendered="5"][data-story^="5@"]');
  assert.ok(
    (await other.locator('.stage .page[data-page-number="5"] .regions .region').count()) > 0,
  );
  await other.close();
  await page.keyboard.press('Escape');
  await page.waitForSelector('.article-view[hidden]', { state: 'attached' });
  // A second Escape leaves the reader, as before.
  await page.keyboard.press('Escape');
  await page.waitForSelector('.library');
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * The system's voices, as speechSynthesis gives them, for a machine that has none
 * (this one: Debian's Chromium, no speech-dispatcher): utterances are queued and
 * each is started, then ended when the test says it has been read.
 */
function voiceStandIn(): void {
  class Utterance extends EventTarget {
    lang = '';
    text: string;
    constructor(text: string) {
      super();
      this.text = text;
    }
  }
  const queue: Utterance[] = [];
  let current: Utterance | undefined;
  const synth = {
    speaking: false,
    paused: false,
    speak(utterance: Utterance) {
      queue.push(utterance);
      if (!current) next();
    },
    cancel() {
      queue.length = 0;
      current = undefined;
      synth.speaking = false;
      synth.paused = false;
    },
    pause() {
      synth.paused = true;
    },
    resume() {
      synth.paused = false;
    },
    getVoices: () => [],
  };
  const next = () => {
    current = queue.shift();
    synth.speaking = current !== undefined;
    current?.dispatchEvent(new Event('start'));
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    value: Utterance,
    configurable: true,
  });
  Object.assign(window, {
    voice: {
      saying: () => current?.text,
      queued: () => queue.length,
      paused: () => synth.paused,
      read: () => {
        const done = current;
        done?.dispatchEvent(new Event('end'));
        next();
      },
    },
  });
}

test('read aloud: the sentence being read is marked, pause keeps the place, the end clears it', async () => {
  const { page, errors } = await openPage(5, (p) => p.addInitScript(voiceStandIn));
  const at = await onPage(page, 5, 0.8, 0.25);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('.article-view:not([hidden]) .article-body .sentence');
  const sentences = await page.locator('.article-body .sentence').count();
  const voice = <T>(what: 'saying' | 'queued' | 'paused' | 'read') =>
    page.evaluate(
      (w) => (window as unknown as { voice: Record<string, () => unknown> }).voice[w]!() as T,
      what,
    );
  const marked = () =>
    page.$$eval('.article-view .speaking', (els) => els.map((el) => el.textContent));
  const listen = page.locator('button[aria-label="Read aloud"]');

  await listen.click();
  // The headline first, then every sentence, in order, each marked as it is read.
  assert.equal(await listen.getAttribute('aria-pressed'), 'true');
  assert.equal(await listen.textContent(), 'Pause');
  assert.equal(await voice<number>('queued'), sentences);
  const headline = await page.textContent('.article-headline');
  assert.equal(await voice('saying'), headline);
  assert.deepEqual(await marked(), [headline]);
  await voice('read');
  const first = await page.locator('.article-body .sentence').first().textContent();
  assert.equal(await voice('saying'), first);
  assert.deepEqual(await marked(), [first]);
  await page.screenshot({ path: `${SHOTS}article-read-aloud.png` });
  // Paused, the place is kept; played again, it goes on from there.
  await listen.click();
  assert.equal(await voice('paused'), true);
  assert.equal(await listen.getAttribute('aria-pressed'), 'false');
  assert.equal(await listen.textContent(), 'Listen');
  assert.deepEqual(await marked(), [first]);
  await listen.click();
  assert.equal(await voice('paused'), false);
  assert.equal(await listen.getAttribute('aria-pressed'), 'true');
  await voice('read');
  const second = await page.locator('.article-body .sentence').nth(1).textContent();
  assert.deepEqual(await marked(), [second]);
  // Read to the end: nothing marked, and the button is ready to read it again.
  while (await voice('saying')) await voice('read');
  assert.deepEqual(await marked(), []);
  assert.equal(await listen.getAttribute('aria-pressed'), 'false');
  assert.equal(await listen.textContent(), 'Listen');
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Continued on page 6" is a link: it opens the other part, zoomed to be read, and the article joins both', async () => {
  const { page, errors } = await openPage(1);
  await page.waitForSelector('.stage .page[data-page-number="1"] .jumps .jump-link');
  const link = (await page.locator('.stage .page[data-page-number="1"] .jump-link').boundingBox())!;
  await page.mouse.move(link.x + link.width / 2, link.y + link.height / 2);
  assert.equal(await page.$eval('.stage', (el) => el.classList.contains('over-link')), true);
  await page.mouse.click(link.x + link.width / 2, link.y + link.height / 2);
  await page.waitForSelector('.stage[data-rendered="6"][data-story^="6@"]');
  await page.waitForSelector('.stage .page[data-page-number="6"] .regions .region');
  await page.screenshot({ path: `${SHOTS}jump-followed.png` });
  // The article view shows the whole story: the first part, then the second.
  await page.keyboard.press('a');
  await page.waitForSelector('.article-view:not([hidden]) .article-jump');
  assert.equal(await page.textContent('.article-jump'), 'Continued on page 6');
  // "Clip this article" keeps both parts as one clip.
  await page.click('button[aria-label="Clip this article"]');
  await page.waitForSelector('.reader[data-clip]:not([data-clip="saving"])');
  const clipId = await page.getAttribute('.reader', 'data-clip');
  const clip = await page.evaluate(async (id) => {
    const response = await fetch('api/clips.get', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    return (await response.json()).result as { page: number; more?: { page: number }[] };
  }, clipId);
  assert.equal(clip.page, 1);
  assert.deepEqual(
    clip.more?.map((p) => p.page),
    [6],
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('a search result names its story and opens it zoomed to be read', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await page.goto(`${url}#/search?q=${encodeURIComponent('security ministers')}`);
  await page.waitForSelector('.result-headline');
  assert.equal(
    await page.textContent('.result-headline'),
    'Lee calls security ministers together over North Korea policy',
  );
  await page.click('a.result');
  await page.waitForSelector('.stage[data-rendered="5"][data-story="5@200"]');
  // The story's text at a size that reads: its body type over 16 px on screen.
  const height = await page.$eval(
    '.stage .page[data-page-number="5"] .hits .hit',
    (el) => el.getBoundingClientRect().height,
  );
  assert.ok(height > 16, `a hit is ${height} px high`);
  // The search's terms stay in the find bar: Enter steps through their hits.
  assert.equal(await page.inputValue('.find-input'), 'security ministers');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.find-bar[data-current="1"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.find-bar[data-current="2"]');
  await page.close();
});
