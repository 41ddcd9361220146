/**
 * Articles on a real page: the Oregon City Enterprise's front page of 30 Dec
 * 1904, an OCR text layer over the scan (noisy words, heads set in capitals at
 * the body's size). Checked by hand against the page: its two left-hand
 * columns (up to 45 % of its width) are advertisements (Cross and Shaw's real
 * estate, Tolpolar, the Brunswick House, an undertaker, job printing); the
 * news runs in the three right-hand columns. And the Liverpool Echo's front
 * page of 1 Nov 1886, a bare scan read by OCR here: checked by hand, it holds
 * no news at all, only advertisements in its nine columns (theatre bills,
 * sales, money lent, businesses to be sold) under its masthead.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Article } from '../../main/common/articles.ts';
import type { Core } from '../../main/core/core.ts';
import { REAL_PDFS } from '../helpers/paths.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const OREGON = 'oregon-city-enterprise:1904-12-30';
let s: Core;
let articles: Article[];
let width: number;

before(async () => {
  s = await openServices(await tempDir());
  await s.archive.import({ path: REAL_PDFS.ocr });
  width = s.archive.get(OREGON).pages[0]!.width;
  ({ articles } = await s.api.call('articles.list', { edition: OREGON }));
});

test('the advertisements of the two left-hand columns are not taken for stories', () => {
  const stories = articles.filter((a) => a.kind === 'story');
  assert.ok(stories.length >= 3, `${stories.length} stories`);
  for (const story of stories)
    for (const region of story.regions)
      assert.ok(region.x >= 0.45 * width, `"${story.headline}" at x ${region.x} of ${width}`);
  assert.ok(articles.filter((a) => a.kind === 'ad').length > stories.length);
  // The second column's professional cards, checked against the page: each is an ad of
  // its own, not part of the box above it ("… Farms in Clackamas County …") or of the
  // Brunswick House's in the next column (as OCR read their names).
  for (const card of ['DR. R. T. PARKER', 'U. CAMPBELL'])
    assert.equal(
      articles.find((a) => a.headline.startsWith(card))?.kind,
      'ad',
      articles.map((a) => a.headline).join(' | '),
    );
});

test('heads set in capitals at the body size start their stories: the illumination, the school report', () => {
  const find = (start: string) => articles.find((a) => a.headline.startsWith(start));
  const illumination = find('GRAND SUBMARINE');
  assert.equal(illumination?.kind, 'story');
  assert.ok(illumination.paragraphs.join(' ').split(/\s+/).length > 100);
  assert.ok(find('SCHOOL REPORT'), articles.map((a) => a.headline).join(' | '));
});

test("the news columns' stories are the heads printed over them, and nothing OCR made of a picture heads a story", () => {
  // Checked by hand against the page: "MAMMOTH EXHIBITION PALACE.", "MORE ARE INDICTED"
  // over "Jury Probes Deeper in Land Fraud Cases." (its OCR), "ANOTHER GUESS COMING.",
  // "LEWIS & CLARK FAIR NOTES.", "GRAND SUBMARINE ILLUMINATION." and "SCHOOL REPORT." —
  // as far as OCR read their lines — and no other story.
  const stories = articles.filter((a) => a.kind === 'story').map((a) => a.headline);
  const heads = [
    /^EXHIBITION PALACE/,
    /^FRAUD CASES/,
    // "HAS ANOTHER DREAM" over "ANOTHER GUESS COMING.", as OCR read it.
    /^OTHER GUESS/,
    /^FAIR \.?NOTES/,
    /^GRAND SUBMARINE/,
    /^SCHOOL REPORT/,
  ];
  assert.equal(stories.length, heads.length, stories.join(' | '));
  for (const head of heads)
    assert.equal(
      stories.filter((s) => head.test(s)).length,
      1,
      `${head} in ${stories.join(' | ')}`,
    );
  // Briefs too are headed by words, not by OCR's reading of an ornament ("..", "lwls").
  for (const brief of articles.filter((a) => a.kind === 'brief'))
    assert.match(brief.headline, /\p{Lu}\p{L}{2}/u, brief.headline);
});

test('the articles found at import are those found again from the stored words', async () => {
  // As a new segmenter's version has them found again: from the words the catalog keeps.
  s.archive.catalog.db.prepare('UPDATE pages_text SET articles = NULL').run();
  const again = await s.api.call('articles.list', { edition: OREGON });
  assert.deepEqual(again.articles, articles);
});

test('the Liverpool Echo of 1886, read by OCR: a front page of advertisements holds no story; its masthead, read apart, is furniture', async () => {
  const LIVERPOOL = 'liverpool-echo:1886-11-01';
  await s.archive.import({ path: REAL_PDFS.scan });
  const { pages } = await s.api.call('text.ocr', { edition: LIVERPOOL });
  assert.equal(pages, 1);
  const { articles: found } = await s.api.call('articles.list', { edition: LIVERPOOL });
  const kinds = found.map((a) => a.kind);
  assert.equal(
    kinds.filter((k) => k === 'story').length,
    0,
    found.map((a) => a.headline).join(' | '),
  );
  // Nearly all of it is advertising; a brief or two where OCR broke an ad's lines up.
  assert.ok(kinds.filter((k) => k === 'ad').length >= 20, kinds.join(' '));
  assert.ok(kinds.filter((k) => k === 'brief').length <= 3, kinds.join(' '));
  // Its masthead, read by OCR as "The" and "Echo." far apart (and not "Liverpool" at
  // all), is the page's furniture, not the tops of two ads.
  const furniture = found.find((a) => a.kind === 'furniture')?.paragraphs ?? [];
  assert.ok(furniture.includes('The') && furniture.includes('Echo.'), furniture.join(' | '));
});
