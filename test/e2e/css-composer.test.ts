/**
 * Article segmentation on pages another composer made: laid out by Chromium's
 * CSS engine and printed by its PDF backend (css-edition.ts), with what
 * compose.ts never sets: a section's label on a bar over the page, a column
 * of briefs with run-in heads, pull quotes in a story's columns, a photo over
 * the lead's head, justified narrow columns with wide spaces, a page of
 * classified ads under a story whose head spans the page, and runs of text
 * ended inside words. (A layout of its own: the benchmark's are unseen.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Article } from '../../main/common/articles.ts';
import { boundingBox } from '../../main/common/boxes.ts';
import { editionArticles } from '../../main/core/articles/edition-articles.ts';
import type { PageText } from '../../main/core/pdf/extract-text.ts';
import { pdfPool } from '../../main/core/pdf/pdf-pool.ts';
import { type CssEdition, type CssItem, cssEdition } from '../fixtures/newspaper/css-edition.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { bestMatch, scoreStories } from '../helpers/story-match.ts';
import { tempDir } from '../helpers/temp.ts';

let edition: CssEdition;
let pages: PageText[];
let articles: Article[];

before(async () => {
  const browser = await launchBrowser();
  edition = await cssEdition(
    browser,
    {
      name: 'test tabloid, 6 columns',
      width: 760,
      height: 1100,
      margin: 26,
      gutter: 10,
      columns: 6,
      body: {
        family: 'DejaVu Sans Condensed',
        size: 8.2,
        leading: 10,
        justify: true,
        hyphenate: true,
      },
      heads: { family: 'DejaVu Serif', weight: 700, lead: 30, main: 21, small: 15 },
      photoAboveHead: true,
      jumpLineBelowHead: false,
    },
    5,
  );
  const file = path.join(await tempDir(), 'star.pdf');
  await fs.writeFile(file, edition.pdf);
  pages = await pdfPool().text(file, 'star', edition.pages.length);
  articles = editionArticles(
    'star:2025-11-14',
    pages.map((p) => ({ page: p.index, articles: p.articles })),
  );
});

const printed = (kind: CssItem['kind']) =>
  edition.pages.flatMap((items, i) =>
    items.filter((x) => x.kind === kind).map((x) => ({ ...x, page: i + 1 })),
  );
const foundAt = (item: CssItem & { page: number }) =>
  bestMatch(
    articles.filter((a) => a.page === item.page && a.kind !== 'furniture'),
    item.box,
  );

test('every story is found where it was printed, and nothing else is taken for one', () => {
  for (const page of pages) {
    const score = scoreStories(
      page.articles.filter((a) => a.kind === 'story').map((a) => boundingBox(a.regions)),
      edition.pages[page.index - 1]!.filter((x) => x.kind === 'story').map((x) => x.box),
    );
    assert.equal(score.f1, 1, `page ${page.index}: ${JSON.stringify(score)}`);
    // Nor for an ad: there are ads only where they were printed (a display ad each,
    // and the classified ads' columns, as many as they run in).
    const ads = page.articles.filter((a) => a.kind === 'ad');
    const items = edition.pages[page.index - 1]!;
    const classified = items.filter((x) => x.kind === 'classified');
    if (classified.length === 0) {
      const printedAds = items.filter((x) => x.kind === 'ad');
      assert.equal(ads.length, printedAds.length, `page ${page.index}: ${JSON.stringify(ads)}`);
      continue;
    }
    const area = boundingBox(classified.map((x) => [x.box.x, x.box.y, x.box.width, x.box.height]));
    for (const ad of ads) {
      const [x, y, w, h] = boundingBox(ad.regions);
      assert.ok(
        x >= area[0] - 1 &&
          y >= area[1] - 1 &&
          x + w <= area[0] + area[2] + 1 &&
          y + h <= area[1] + area[3] + 25, // (their label over them)
        `an ad outside the classifieds: ${JSON.stringify(ad.regions)}`,
      );
    }
    const inAd = classified.filter((x) => {
      const [cx, cy] = [x.box.x + x.box.width / 2, x.box.y + x.box.height / 2];
      return ads.some((a) =>
        a.regions.some(
          ([rx, ry, rw, rh]) => cx >= rx && cx <= rx + rw && cy >= ry && cy <= ry + rh,
        ),
      );
    });
    assert.ok(
      inAd.length >= 0.95 * classified.length,
      `${inAd.length} of ${classified.length} classified ads in ads`,
    );
  }
  // The caption under the photo over the lead's head is the lead's.
  const lead = foundAt({ ...printed('story')[0]!, page: 1 })!;
  assert.ok(
    lead.captions.some((c) => c.endsWith('(Staff photo)')),
    lead.captions.join(' | '),
  );
});

test("a column of briefs is read brief by brief, each under its run-in head; its label is the page's furniture", () => {
  const briefs = printed('brief');
  assert.ok(briefs.length >= 4);
  for (const item of briefs) {
    const found = foundAt(item);
    assert.equal(found?.kind, 'brief', item.headline);
    assert.equal(found.headline, item.headline);
    assert.ok(item.paragraphs[0]!.endsWith(found.paragraphs.join(' ')), found.paragraphs[0]);
  }
  const furniture = pages[0]!.articles.find((a) => a.kind === 'furniture');
  assert.ok(furniture?.paragraphs.includes('IN BRIEF'), furniture?.paragraphs.join(' | '));
});

test("a section's label over the page is furniture, not the start of the head under it", () => {
  for (const page of pages.slice(1)) {
    const furniture = page.articles.find((a) => a.kind === 'furniture');
    assert.ok(
      furniture?.paragraphs.some((p) => ['NATION & WORLD', 'LOCAL', 'MARKETPLACE'].includes(p)),
      furniture?.paragraphs.join(' | '),
    );
  }
  for (const story of printed('story')) assert.equal(foundAt(story)?.headline, story.headline);
});

test("a pull quote is its story's, not a story, and not in its text twice; the text reads in order", () => {
  for (const story of printed('story')) {
    const found = foundAt(story)!;
    // (A compound broken at its own hyphen at a line's end, "short-" "term", is
    // joined as a hyphenated word is: "shortterm". Hyphens are left out of the
    // comparison.)
    const unhyphenated = (t: string) => t.replace(/[-\u2010]/g, '');
    const text = unhyphenated(found.paragraphs.join(' '));
    assert.equal(text.includes('”'), story.paragraphs.join(' ').includes('”'));
    // Every printed paragraph is in the story's text, whole and in order (the
    // lines of justified, hyphenated columns joined again).
    let at = 0;
    for (const paragraph of story.paragraphs.map(unhyphenated)) {
      const next = text.indexOf(paragraph, at);
      assert.ok(next >= at, `${story.headline}: ${paragraph.slice(0, 60)}`);
      at = next + paragraph.length;
    }
  }
  assert.ok(!articles.some((a) => /^[“"]/.test(a.headline)));
});

test("the lead's jump is followed to its second part, and words split across runs are whole", () => {
  const [lead] = printed('story').filter((s) => s.continuesOn);
  const first = foundAt(lead!)!;
  const part = printed('story').find((s) => s.continuedFrom === lead!.page)!;
  assert.equal(first.continues?.article, foundAt(part)!.id);
  // Chromium ends a run of text at a ligature and at each place a word may be
  // broken: the page's words are whole all the same.
  const words = new Set(pages.flatMap((p) => p.words.map((w) => w.text.replace(/[^\p{L}]/gu, ''))));
  for (const word of ['Hospital', 'affected', 'officials']) assert.ok(words.has(word), word);
});
