/**
 * The linker on real extracted text: the bundled sample edition (generated, so
 * every story's box is known) and scanned pages (the project's own; the real
 * ones are test/real/'s).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import type { LinkResult } from '../../../main/common/clips.ts';
import type { ApiError } from '../../../main/common/errors.ts';
import type { Core as Services } from '../../../main/core/core.ts';
import type { PageLayout } from '../../fixtures/newspaper/compose.ts';
import { generateEdition } from '../../fixtures/newspaper/draw.ts';
import { SEOUL_STORY } from '../../fixtures/newspaper/seoul-story.ts';
import { SAMPLE_SPEC } from '../../fixtures/sample-spec.ts';
import { CLIPPING, REPO } from '../../helpers/paths.ts';
import { SCANS } from '../../helpers/scans.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

let s: Services;
let layout: PageLayout[];
const SAMPLE = 'paperboy-gazette:2025-12-20';

before(async () => {
  s = await openServices(await tempDir());
  await s.start();
  const sample = `${REPO}resources/sample/paperboy-gazette_2025-12-20.pdf`;
  // The same edition as a second paper a day later: the same story printed twice.
  await s.archive.import({ path: sample, source: 'other-paper', date: '2025-12-21' });
  await s.archive.import({ path: SCANS.ocr });
  await s.archive.import({ path: SCANS.scan });
  await s.indexer.catchUp();
  layout = (await generateEdition(SAMPLE_SPEC)).layout;
});

const link = (content: string, extra: object = {}) =>
  s.api.call('clips.link', { content, ...extra });

/** Area of the part of `a` inside `b`, over the area of their union (both sets of rectangles, one page). */
type Rect = { x: number; y: number; w: number; h: number };

function iou(a: Rect[], b: Rect[]): number {
  const grid = new Uint8Array(800 * 1240);
  const paint = (rects: Rect[], bit: number) => {
    for (const r of rects)
      for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(1240, Math.ceil(r.y + r.h)); y++)
        for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(800, Math.ceil(r.x + r.w)); x++)
          grid[y * 800 + x]! |= bit;
  };
  paint(a, 1);
  paint(b, 2);
  let inter = 0;
  let union = 0;
  for (const cell of grid) {
    if (cell === 3) inter++;
    if (cell) union++;
  }
  return inter / union;
}

/** The share of `found`'s area that lies inside `truth`. */
function precision(found: Rect[], truth: Rect[]): number {
  let inside = 0;
  let total = 0;
  for (const r of found)
    for (let y = Math.floor(r.y); y < Math.ceil(r.y + r.h); y++)
      for (let x = Math.floor(r.x); x < Math.ceil(r.x + r.w); x++) {
        total++;
        if (truth.some((t) => x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h)) inside++;
      }
  return inside / total;
}

function storyRects(page: number, id: string) {
  return layout[page - 1]!.stories.filter((st) => st.id === id).map((st) => ({
    x: st.box.x,
    y: st.box.y,
    w: st.box.width,
    h: st.box.height,
  }));
}

describe('the seed clipping and the sample edition', () => {
  let result: LinkResult;
  before(async () => {
    result = await link(await readFile(CLIPPING, 'utf8'));
  });

  test('is found on page 5 of the sample, with the print headline', () => {
    assert.equal(result.found, true);
    assert.equal(result.edition, SAMPLE);
    assert.equal(result.page, 5);
    assert.deepEqual(result.pages, [5]);
    assert.deepEqual(result.columns, [4, 5]);
    assert.equal(result.headline.print, SEOUL_STORY.headline);
    assert.match(result.headline.web!, /^South Korean President orders/);
    // The web version has twelve paragraphs, print ran eight.
    assert.ok(result.matched > 0.55 && result.matched < 0.8, `matched ${result.matched}`);
    assert.ok(result.score >= result.matched / 2 && result.score <= 1);
  });

  test("outlines the story's columns, not the page", () => {
    const truth = storyRects(5, 'seoul');
    assert.ok(result.regions.every((r) => r.page === 5));
    assert.ok(result.regions.length >= 2, 'one region per column block (and the headline)');
    const overlap = iou(result.regions, truth);
    assert.ok(overlap >= 0.8, `IoU ${overlap.toFixed(3)}`);
  });

  test('says what print changed: the dateline added, the last four paragraphs cut', () => {
    const diff = result.diff!;
    assert.deepEqual(diff[0], { op: 'added', text: 'SEOUL, Dec 19 (IANS)' });
    assert.equal(diff[1]?.op, 'same');
    assert.match(diff[1]!.text, /^South Korean President Lee Jae Myung on Friday/);
    assert.equal(diff.at(-1)?.op, 'cut');
    assert.match(
      diff.at(-1)!.text,
      /^"In order to buttress inter-Korean .* would not be acceptable to Pyongyang, he noted\.$/,
    );
    assert.equal(diff.length, 3);
  });

  test('the same story in a second paper is the next candidate', () => {
    assert.equal(result.candidates[0]?.edition, 'other-paper:2025-12-21');
    assert.equal(result.candidates[0]?.page, 5);
  });

  test('the parsed fields come back with the link', () => {
    assert.equal(result.parsed.published, '2025-12-19T17:45+05:30');
    assert.equal(result.parsed.agency, 'IANS');
    assert.equal(result.parsed.dateline, 'Seoul, Dec 19');
    assert.deepEqual(result.searched.sources, ['other-paper', 'paperboy-gazette']);
    assert.equal(result.searched.from, '2025-12-18');
  });
});

describe('a story that jumps to another page', () => {
  test('the front-page lead is found on page 1 with its continuation on page 6', async () => {
    // The lead as a website would carry it: its printed lines, joined back into text.
    const lines = layout
      .flatMap((page) => page.lines)
      .filter((line) => line.story === 'lead' && line.role === 'body')
      .map((line) => line.text);
    const text = lines.join(' ').replace(/- /g, '');
    const headline = layout[0]!.stories.find((st) => st.id === 'lead')!.headline;
    const clipping = `${headline}\n\nBy Staff | Published December 19, 2025 21:30 EST\n\n${text}`;
    const result = await link(clipping, { source: 'paperboy-gazette' });
    assert.equal(result.found, true);
    assert.equal(result.page, 1);
    assert.deepEqual(result.pages, [1, 6]);
    assert.deepEqual([...new Set(result.regions.map((r) => r.page))].sort(), [1, 6]);
    // The lead's box on page 1 holds its photo, which has no words to match: the
    // regions must lie on the story (precision), not cover its photo.
    for (const page of [1, 6]) {
      const found = result.regions.filter((r) => r.page === page);
      assert.ok(found.length > 0, `regions on page ${page}`);
      const share = precision(found, storyRects(page, 'lead'));
      assert.ok(share >= 0.8, `page ${page}: ${share.toFixed(3)} of the regions on the story`);
    }
  });
});

describe('stories that were not printed', () => {
  test('a story absent from the archive is "not found", and says where it looked', async () => {
    const clipping = [
      'Glacier retreat exposes Bronze Age trail in the Alps',
      'By Reuters | Updated: December 19, 2025 09:10 GMT',
      'ZURICH, Dec 19 (Reuters) - Archaeologists in Switzerland said on Friday that a melting glacier above the Schnidejoch pass had uncovered leather shoes, arrow shafts and wooden bowls left by travellers more than four thousand years ago.',
      'The finds suggest the pass was used far more often than thought, the cantonal archaeology service said, adding that volunteers would survey the ice field again next summer before the snow returns.',
    ].join('\n\n');
    const result = await link(clipping);
    assert.equal(result.found, false);
    assert.equal(result.edition, undefined);
    assert.deepEqual(result.regions, []);
    assert.equal(result.searched.from, '2025-12-18');
    assert.equal(result.searched.to, '2025-12-26');
    assert.ok(result.searched.pages >= 8);
  });
});

describe('scanned pages', () => {
  test('a bare scan has no text layer: searched, counted as without usable text', async () => {
    const text = await readFile(
      `${REPO}test/fixtures/clippings/mammoth-exhibition-palace.txt`,
      'utf8',
    );
    const result = await link(text, { source: 'liverpool-echo' });
    assert.equal(result.found, false);
    assert.equal(result.searched.pages, 1);
    assert.equal(result.searched.unreadable, 1);
  });
});

describe('bad input', () => {
  for (const [name, content, message] of [
    ['an empty clipping', ' \n ', /empty/],
    ['five words', 'Council backs harbour plan today', /too short to link \(5 words/],
    ['a binary file', '\u0000\u0001PNG\u0000', /binary/],
  ] as const)
    test(`${name} is refused with one line and nothing is written`, async () => {
      const before = s.archive.catalog.counts();
      await assert.rejects(link(content), (error: ApiError) => {
        assert.equal(error.code, 'invalid');
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
      assert.deepEqual(s.archive.catalog.counts(), before);
    });
});

describe('short items: an ad, a brief, a caption of at least 8 words', () => {
  test('found where nearly all its words are, in one place: the story it sits in names the link', async () => {
    const result = await link('State questions new clinic: a scene from the town hall. Photo: AP');
    assert.equal(result.found, true);
    assert.equal(result.page, 1);
    assert.equal(result.article?.headline, 'State questions new clinic');
    const story = layout[0]!.stories.find((st) => st.headline === 'State questions new clinic')!;
    const box = { x: story.box.x, y: story.box.y, w: story.box.width, h: story.box.height };
    // The block it sits in: the story's regions (their bounding box is the story's).
    const on1 = result.regions.filter((r) => r.page === 1);
    const x0 = Math.min(...on1.map((r) => r.x));
    const y0 = Math.min(...on1.map((r) => r.y));
    const bounds = {
      x: x0,
      y: y0,
      w: Math.max(...on1.map((r) => r.x + r.w)) - x0,
      h: Math.max(...on1.map((r) => r.y + r.h)) - y0,
    };
    assert.ok(iou([bounds], [box]) > 0.8, `the block it sits in: ${JSON.stringify(bounds)}`);
    // The article the link names is the one articles.get gives.
    const article = await s.api.call('articles.get', { id: result.article!.id });
    assert.equal(article.headline, 'State questions new clinic');
  });

  test('a sentence printed in more than one story is not a link: "not found", not a guess', async () => {
    const result = await link(
      'The authority has promised to hold further hearings in each of the affected districts.',
    );
    assert.equal(result.found, false);
  });

  test('the word count says every word given, the headline read off included', async () => {
    await assert.rejects(link('BIG SALE\nEverything half price'), {
      message: 'The clipping is too short to link (5 words; at least 8 are needed).',
    });
    // Eight words and more are looked for (and here not found), not refused.
    const result = await link('BIG SALE\nEverything half price this week at Brennan’s');
    assert.equal(result.found, false);
  });
});
