/**
 * Article segmentation on generated editions, whose generator records where it
 * placed every story: each placed story is found (IoU ≥ 0.5), nothing else is
 * taken for a story, the front page's lead is paired with its second part, and
 * the contract, the store and the CLI carry the articles.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { type Box, boundingBox } from '../../../main/common/boxes.ts';
import { editionArticles } from '../../../main/core/articles/edition-articles.ts';
import { jumpIn, readsAsHead, segmentPage } from '../../../main/core/articles/segment-page.ts';
import type { Core } from '../../../main/core/core.ts';
import { pdfPool } from '../../../main/core/pdf/pdf-pool.ts';
import { type GeneratedEdition, generateEdition } from '../../fixtures/newspaper/draw.ts';
import { REPO } from '../../helpers/paths.ts';
import { openServices } from '../../helpers/services.ts';
import { scoreStories } from '../../helpers/story-match.ts';
import { tempDir } from '../../helpers/temp.ts';

const SEEDS = [3, 11];
const editions: { generated: GeneratedEdition; file: string }[] = [];

before(async () => {
  const dir = await tempDir();
  for (const seed of SEEDS) {
    const generated = await generateEdition({ seed, title: 'The Gazette', date: '2025-12-20' });
    const file = path.join(dir, `gazette-${seed}.pdf`);
    await fs.writeFile(file, await generated.editionPdf());
    editions.push({ generated, file });
  }
});

/** Each page's words as the indexer reads them (pdf.js in the workers), and the articles found there. */
async function segmented({ generated, file }: (typeof editions)[number]) {
  const texts = await pdfPool().text(file, path.basename(file), generated.layout.length);
  return texts.map((t) => ({ layout: generated.layout[t.index - 1]!, ...t }));
}

test('every placed story is found where it was printed, and nothing else is taken for a story', async () => {
  for (const edition of editions) {
    for (const page of await segmented(edition)) {
      const stories = page.articles.filter((a) => a.kind === 'story');
      const score = scoreStories(
        stories.map((a) => boundingBox(a.regions as Box[])),
        page.layout.stories.map((s) => s.box),
      );
      const where = `seed ${edition.generated.spec.seed} p.${page.index}`;
      assert.equal(score.recall, 1, `${where}: every story found (${JSON.stringify(score)})`);
      assert.equal(score.precision, 1, `${where}: no false story (${JSON.stringify(score)})`);
      // The masthead and the folio are page furniture.
      const furniture = page.articles.filter((a) => a.kind === 'furniture');
      assert.equal(furniture.length, 1, where);
      assert.ok(
        furniture[0]!.paragraphs.some((p) => /GAZETTE|The Gazette/.test(p)),
        `${where}: ${furniture[0]!.paragraphs.join(' | ')}`,
      );
    }
  }
});

test('headlines, bylines and text come out as printed, in reading order', async () => {
  const pages = await segmented(editions[0]!);
  for (const page of pages) {
    for (const placed of page.layout.stories) {
      const found = page.articles.find((a) => a.headline === placed.headline);
      assert.ok(found, `p.${page.index}: "${placed.headline}" found by its headline`);
      const printed = page.layout.lines.filter((l) => l.story === placed.id);
      const byline = printed.find((l) => l.role === 'byline')?.text;
      assert.equal(found.byline, byline);
      // The body's first and last words, in order, after the byline and any caption.
      const body = printed.filter((l) => l.role === 'body');
      const text = found.paragraphs.join(' ');
      assert.ok(text.startsWith(body[0]!.text.split(' ').slice(0, 4).join(' ')), found.headline);
      assert.ok(
        text.endsWith(body.at(-1)!.text.split(' ').slice(-2).join(' ').replace(/-$/, '')),
        `${found.headline}: ends ${text.slice(-60)}`,
      );
      assert.equal(
        found.captions.length > 0,
        printed.some((l) => l.role === 'caption'),
        `${found.headline}: captions`,
      );
    }
  }
});

test("the front page's lead and its second part name each other", async () => {
  const pages = await segmented(editions[0]!);
  const articles = editionArticles(
    'gazette:2025-12-20',
    pages.map((p) => ({ page: p.index, articles: p.articles })),
  );
  const lead = editions[0]!.generated.layout[0]!.stories.find((s) => s.continuesOn)!;
  const first = articles.find((a) => a.page === 1 && a.headline === lead.headline)!;
  const second = articles.find((a) => a.page === lead.continuesOn && a.headline === lead.headline)!;
  assert.deepEqual(
    { ...first.continues, at: undefined },
    { page: lead.continuesOn, article: second.id, at: undefined },
  );
  assert.deepEqual(
    { ...second.continuedFrom, at: undefined },
    { page: 1, article: first.id, at: undefined },
  );
  // Each part says where its jump line is printed: the reader follows it from there.
  const printed = (n: number, text: RegExp) =>
    editions[0]!.generated.layout[n - 1]!.lines.find((l) => text.test(l.text))!;
  const onLine = printed(1, /^Continued on page/);
  const fromLine = printed(lead.continuesOn!, /^Continued from page/);
  assert.ok(Math.abs(first.continues!.at!.x - onLine.x) < 1 && first.continues!.at!.page === 1);
  assert.ok(Math.abs(second.continuedFrom!.at!.x - fromLine.x) < 1);
  // No other article is paired, and none is left with a jump it could not follow.
  assert.equal(articles.filter((a) => a.continues || a.continuedFrom).length, 2);
  assert.equal(articles.filter((a) => a.jump).length, 0);
});

test('jump lines are read in the forms papers print them', () => {
  const cases: [string, { to?: string; from?: string }][] = [
    ['Continued on page 6', { to: '6' }],
    ['Continued on Page A16', { to: 'A16' }],
    ['See SCHOOLS, Page 4', { to: '4' }],
    ['Please turn to page 12', { to: '12' }],
    ['Continued from page 1', { from: '1' }],
    ['(From page 2)', { from: '2' }],
    ['Fortsetzung auf Seite 3', { to: '3' }],
    ['Fortsetzung von Seite 1', { from: '1' }],
    ['Suite en page 4', { to: '4' }],
    ['Continúa en la página 8', { to: '8' }],
    ['Vervolg op pagina 5', { to: '5' }],
    ['The page was turned', {}],
  ];
  for (const [text, expected] of cases) assert.deepEqual(jumpIn(text), expected, text);
});

/** Words set line by line: letters half an em wide, spaces three tenths of one. */
function page() {
  const words: { text: string; x: number; y: number; w: number; h: number }[] = [];
  const line = (text: string, x: number, y: number, h: number) => {
    let at = x;
    for (const word of text.split(' ')) {
      words.push({ text: word, x: at, y, w: word.length * h * 0.5, h });
      at += word.length * h * 0.5 + h * 0.3;
    }
  };
  return { words, line };
}

test('large type heads a story when it reads as words: not what OCR makes of a picture or an ornament', () => {
  for (const head of [
    'GRAND SUBMARINE',
    'Mayor questions depot revival',
    'SCHOOL REPORT.',
    'Öl-Krise',
    '東京都議会',
    'समाचार पत्र',
  ])
    assert.equal(readsAsHead(head), true, head);
  // Read off the 1904 Oregon page's OCR, where they headed "stories".
  for (const junk of ['..', 'lwls', 'f — with', 't It — J', 'anl', 'O', '7X', '12 345', '(— ,'])
    assert.equal(readsAsHead(junk), false, junk);

  // Two columns of body type; over the first a head of two lines (the second in lower
  // case), over the second OCR's reading of a picture, set as large.
  const { words, line } = page();
  line('Harbour bridge', 40, 700, 24);
  line('reopens today', 40, 674, 24);
  line('lwls', 320, 700, 24);
  for (let i = 0; i < 30; i++) {
    line('the council voted on the new bridge', 40, 640 - i * 11, 9);
    line('ships wait outside the harbour wall', 320, 640 - i * 11, 9);
  }
  const articles = segmentPage(words, { width: 612, height: 792 });
  const headlines = articles.filter((a) => a.kind === 'story').map((a) => a.headline);
  assert.ok(headlines.includes('Harbour bridge reopens today'), headlines.join(' | '));
  assert.ok(!articles.some((a) => a.headline.includes('lwls')), headlines.join(' | '));
});

test('two heads side by side over a narrow gutter head two stories; columns set close are read one by one', () => {
  // Four columns 120 pt wide, 6.5 pt apart: less than pdf.js's gap between words
  // of 8 pt type would suggest a column ends (the broadsheet pages of the bench).
  const x0 = [40, 166.5, 293, 419.5];
  const width = 120;
  const words: { text: string; x: number; y: number; w: number; h: number }[] = [];
  /**
   * Words set from x to x + span: body type justified (letters half an em wide,
   * the spaces stretched), a head with its spaces a third of an em (the letters
   * as wide as the span leaves them).
   */
  const set = (text: string, x: number, span: number, y: number, h: number) => {
    const parts = text.split(' ');
    const letters = parts.join('').length;
    const head = h > 10;
    const letter = head ? (span - (parts.length - 1) * (h / 3)) / letters : h * 0.5;
    const space = head ? h / 3 : (span - letters * letter) / (parts.length - 1);
    let at = x;
    for (const part of parts) {
      words.push({ text: part, x: at, y, w: part.length * letter, h });
      at += part.length * letter + space;
    }
  };
  // The left head stops 4 pt short of its columns' end, so 10.5 pt from the next
  // head (its spaces are 8 pt); the right starts at its first column.
  set('Harbour bridge reopens', x0[0]!, 2 * width + 6.5 - 4, 560, 24);
  set('Council backs budget', x0[2]!, 2 * width + 6.5 - 30, 560, 24);
  const columns = [
    'ships wait outside harbour walls',
    'pilots guide them slowly inside',
    'the council voted on new budgets',
    'members argued until midnight',
  ];
  for (let i = 0; i < 30; i++)
    for (const [c, text] of columns.entries()) set(text, x0[c]!, width, 530 - i * 9.2, 8);
  const stories = segmentPage(words, { width: 612, height: 792 }).filter((a) => a.kind === 'story');
  assert.deepEqual(
    stories.map((a) => a.headline),
    ['Harbour bridge reopens', 'Council backs budget'],
  );
  const repeat = (text: string) => Array(30).fill(text).join(' ');
  assert.equal(stories[0]!.paragraphs.join(' '), `${repeat(columns[0]!)} ${repeat(columns[1]!)}`);
  assert.equal(stories[1]!.paragraphs.join(' '), `${repeat(columns[2]!)} ${repeat(columns[3]!)}`);

  // One head over two columns, its spaces even, a word of it starting where the
  // second column starts: one head, whole.
  words.length = 0;
  // 'coastal' starts at 40 + 11 letters of 10.05 pt + two spaces of 8 pt = 166.5.
  set('Storm closes coastal road', x0[0]!, 22 * ((166.5 - 40 - 16) / 11) + 24, 560, 24);
  assert.ok(Math.abs(words.find((w) => w.text === 'coastal')!.x - x0[1]!) < 0.01);
  for (let i = 0; i < 30; i++)
    for (const c of [0, 1]) set(columns[c]!, x0[c]!, width, 530 - i * 9.2, 8);
  const one = segmentPage(words, { width: 612, height: 792 }).filter((a) => a.kind === 'story');
  assert.deepEqual(
    one.map((a) => a.headline),
    ['Storm closes coastal road'],
  );
});

test('heads set closer than their word spaces, each over its byline, head two stories; a short second part at the top of a page is a story', () => {
  const words: { text: string; x: number; y: number; w: number; h: number }[] = [];
  /** Words from x, each letter `letter` wide, `space` apart. */
  const set = (text: string, x: number, y: number, h: number, letter: number, space: number) => {
    let at = x;
    for (const part of text.split(' ')) {
      words.push({ text: part, x: at, y, w: part.length * letter, h });
      at += part.length * letter + space;
    }
  };
  // Columns 150 pt wide, 10 pt apart, at 40, 200, 360, 520; two 40 pt heads over two
  // columns each, 16 pt apart where their words are 20 pt apart.
  const x0 = [40, 200, 360, 520];
  set('Mayor questions', x0[0]!, 700, 40, (280 - 40 - 20 - 16) / 14, 20); // ends at 264
  set('Port backs sale', x0[2]!, 700, 40, 18, 20);
  set('By ANNA BERG | Staff', x0[0]!, 680, 7, 3.5, 2);
  set('By JON MOE | AP', x0[2]!, 680, 7, 3.5, 2);
  const body = 'the harbour board met again on tuesday night';
  for (let i = 0; i < 30; i++)
    for (const x of x0) set(body, x, 660 - i * 10.4, 9, 150 / 41, (150 - 37 * (150 / 41)) / 7);
  const stories = segmentPage(words, { width: 700, height: 1000 }).filter(
    (a) => a.kind === 'story',
  );
  assert.deepEqual(
    stories.map((a) => a.headline),
    ['Mayor questions', 'Port backs sale'],
  );
  assert.deepEqual(
    stories.map((a) => a.byline),
    ['By ANNA BERG | Staff', 'By JON MOE | AP'],
  );

  // A story's second part, short, its jump line at the very top of the page (where
  // folios are), under a folio.
  words.length = 0;
  set('6 · THE COURIER', 40, 985, 8, 4, 2);
  set('Continued from page 1', 40, 968, 8, 4, 2);
  set('Ferry fares rise', 40, 940, 20, 10, 5);
  for (let i = 0; i < 5; i++)
    set('and the council will vote on it next week', 40, 920 - i * 10.4, 9, 4, 2.4);
  const part = segmentPage(words, { width: 700, height: 1000 }).find(
    (a) => a.headline === 'Ferry fares rise',
  );
  assert.equal(part?.kind, 'story');
  assert.equal(part.jumpFrom, '1');
});

test("a head set shorter than its story's columns heads them all, the story above ending just over it", () => {
  const { words, line } = page();
  const x0 = [40, 160, 280, 400];
  line('Mayor rejects budget', 40, 760, 24);
  for (let i = 0; i < 23; i++)
    for (const x of x0) line('ships wait at the wall', x, 730 - i * 10, 9);
  // The story above ends 6 pt over the next head, which runs over two of its four columns.
  line('Council backs depot', 40, 480, 20);
  for (let i = 0; i < 30; i++)
    for (const x of x0) line('the depot will reopen', x, 455 - i * 10, 9);
  const stories = segmentPage(words, { width: 612, height: 792 }).filter((a) => a.kind === 'story');
  assert.deepEqual(
    stories.map((a) => a.headline),
    ['Mayor rejects budget', 'Council backs depot'],
  );
  const [above, below] = stories.map((a) => boundingBox(a.regions));
  assert.ok(above![1] > 500 - 1, `the story above reaches down to ${above![1]}`);
  assert.ok(below![0] + below![2] > 480, `the story below ends at x ${below![0] + below![2]}`);
  assert.equal(stories[1]!.paragraphs.join(' ').split('the depot will reopen').length - 1, 120);
});

test("an inner page's top head, the largest type on it, is a head, and the section's label over it is furniture", () => {
  const { words, line } = page();
  // Four columns of 9 pt text from 40 to 760; over them a 40 pt head from the left
  // margin to 636, its middle 62 pt from the page's (a centred title's would be).
  const body = () => {
    for (let i = 0; i < 40; i++)
      for (const x of [40, 220, 400, 638.5])
        line('the council voted on the plan', x, 850 - i * 11, 9);
  };
  line('Council revives library funding', 40, 900, 40);
  body();
  let articles = segmentPage(words, { width: 800, height: 1000 });
  assert.deepEqual(
    articles.filter((a) => a.kind === 'story').map((a) => a.headline),
    ['Council revives library funding'],
  );
  assert.equal(
    articles.find((a) => a.kind === 'furniture'),
    undefined,
  );

  // Over a 30 pt head, the section's label set at 24 pt: nearly three times the text.
  words.length = 0;
  line('SPORTS', 40, 955, 24);
  line('Harbour regatta draws record crowd', 40, 910, 30);
  body();
  articles = segmentPage(words, { width: 800, height: 1000 });
  assert.deepEqual(
    articles.filter((a) => a.kind === 'story').map((a) => a.headline),
    ['Harbour regatta draws record crowd'],
  );
  assert.deepEqual(articles.find((a) => a.kind === 'furniture')?.paragraphs, ['SPORTS']);
});

test("read by OCR: a byline in capitals is not a head, and a column set on the story's rows, its starts ragged, is the story's", () => {
  const { words, line } = page();
  line('Harbour bridge reopens', 40, 700, 24);
  line('BY ANNA BERG', 40, 678, 9);
  for (let i = 0; i < 30; i++)
    for (const x of [40, 200]) line('the council voted on it', x, 660 - i * 11, 9);
  let stories = segmentPage(words, { width: 612, height: 792 }).filter((a) => a.kind === 'story');
  assert.deepEqual(
    stories.map((a) => [a.headline, a.byline]),
    [['Harbour bridge reopens', 'BY ANNA BERG']],
  );

  // A head over two of three columns, its text right under it; the third column's
  // lines start a point or two either side of where its start was read (over the
  // head, at the end of another story), as OCR's words do, on the rows of the first.
  words.length = 0;
  for (const y of [760, 749, 738]) line('and the rest of it', 361, y, 9);
  line('Harbour bridge reopens', 40, 700, 24);
  for (let i = 0; i < 30; i++) {
    const y = 682 - i * 11;
    line('the council voted on it', 40, y, 9);
    line('ships wait outside again', 200, y, 9);
    line('pilots guide them in', 360 + ((i * 7) % 5) - 2, y, 9);
  }
  stories = segmentPage(words, { width: 612, height: 792 }).filter((a) => a.kind === 'story');
  assert.deepEqual(
    stories.map((a) => a.headline),
    ['Harbour bridge reopens'],
  );
  assert.equal(stories[0]!.paragraphs.join(' ').split('pilots guide them in').length - 1, 30);
});

test('a masthead OCR read as words far apart is furniture; a banner head under it heads its story', () => {
  const { words, line } = page();
  // "The … Echo." at 90 pt, 300 pt apart (OCR missed the word between), over a
  // 60 pt banner head and three columns of 9 pt text.
  line('The', 120, 1100, 90);
  line('Echo.', 560, 1100, 90);
  line('PEACE AT LAST', 60, 990, 60);
  for (let i = 0; i < 60; i++)
    for (const x of [60, 290, 520]) line('the treaty was signed at noon', x, 950 - i * 11, 9);
  const articles = segmentPage(words, { width: 800, height: 1200 });
  const furniture = articles.find((a) => a.kind === 'furniture');
  assert.deepEqual(furniture?.paragraphs, ['The', 'Echo.']);
  assert.deepEqual(
    articles.filter((a) => a.kind === 'story').map((a) => a.headline),
    ['PEACE AT LAST'],
  );
});

test('a page without text has no articles; one word is a fragment, not a story', () => {
  assert.deepEqual(segmentPage([], { width: 612, height: 792 }), []);
  const one = segmentPage([{ text: 'Hello', x: 100, y: 400, w: 30, h: 9 }], {
    width: 612,
    height: 792,
  });
  assert.equal(one.length, 1);
  assert.notEqual(one[0]!.kind, 'story');
});

let s: Core;

test('articles.list and articles.get: the sample edition, its stories in reading order, ids that find them again', async () => {
  s = await openServices(await tempDir());
  await s.archive.import({
    path: `${REPO}resources/sample/paperboy-gazette_2025-12-20.pdf`,
    source: 'paperboy-gazette',
  });
  const id = 'paperboy-gazette:2025-12-20';
  const { articles } = await s.api.call('articles.list', { edition: id, page: 5 });
  assert.ok(articles.every((a) => a.page === 5 && a.edition === id));
  const seoul = articles.find((a) => a.headline.startsWith('Lee calls security ministers'))!;
  assert.equal(seoul.kind, 'story');
  assert.equal(seoul.byline, 'By IANS');
  assert.match(seoul.paragraphs[0]!, /^SEOUL, Dec 19 \(IANS\)/);
  assert.deepEqual(await s.api.call('articles.get', { id: seoul.id }), seoul);
  const all = (await s.api.call('articles.list', { edition: id })).articles;
  assert.equal(all.filter((a) => a.kind === 'story').length, 32);
  await assert.rejects(s.api.call('articles.list', { edition: id, page: 99 }), {
    code: 'not-found',
  });
  await assert.rejects(s.api.call('articles.get', { id: `${id}/5/99` }), { code: 'not-found' });
  await assert.rejects(s.api.call('articles.get', { id: '../etc/passwd' }), { code: 'invalid' });
});

test('articles are kept with the page text: found once, kept by reindex, found again when the words change', async () => {
  const id = 'paperboy-gazette:2025-12-20';
  const stored = s.indexer.store.pageArticles(id, 5)!;
  assert.ok(stored.articles, 'found when the page was indexed');
  await s.api.call('archive.reindex', {});
  assert.deepEqual(s.indexer.store.pageArticles(id, 5)!.articles, stored.articles, 'kept');
  // New words (as OCR gives): the articles go, and are found again from the words when asked.
  s.indexer.store.replacePage(id, 5, s.indexer.store.page(id, 5)!.words, 'ocr');
  assert.equal(s.indexer.store.pageArticles(id, 5)!.articles, undefined);
  const again = await s.api.call('articles.list', { edition: id, page: 5 });
  assert.deepEqual(
    again.articles.map((a) => a.headline),
    stored.articles!.map((a) => a.headline),
  );
  assert.ok(s.indexer.store.pageArticles(id, 5)!.articles, 'and kept');
});

test("one clip of a story that jumps: both parts' regions, one image stacked, both texts, a page each in its PDF", async () => {
  const id = 'paperboy-gazette:2025-12-20';
  const { articles } = await s.api.call('articles.list', { edition: id });
  const first = articles.find((a) => a.page === 1 && a.continues)!;
  const second = articles.find((a) => a.id === first.continues!.article)!;
  const rects = (a: typeof first) =>
    a.regions.map((r): [number, number, number, number] => [r.x, r.y, r.w, r.h]);
  const single = await s.api.call('clips.create', { edition: id, page: 1, rects: rects(first) });
  const clip = await s.api.call('clips.create', {
    edition: id,
    page: 1,
    rects: rects(first),
    more: [{ page: second.page, rects: rects(second) }],
  });
  assert.deepEqual(clip.more, [{ page: second.page, rects: rects(second) }]);
  assert.equal(clip.title, first.headline);
  // The text of both parts, the first's first (compared as words: print's dashes and quotes vary).
  const plain = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const text = plain(clip.text);
  const start = plain(first.paragraphs[0]!).split(' ').slice(6, 12).join(' ');
  const end = plain(second.paragraphs.at(-1)!).split(' ').slice(-6).join(' ');
  assert.ok(text.includes(start) && text.includes(end), clip.text.slice(-200));
  assert.ok(text.indexOf(start) < text.indexOf(end));
  // One image, the second part stacked under the first: taller than the first alone.
  const height = async (clipId: string) => {
    const { data } = await s.api.call('clips.export', { id: clipId, format: 'png' });
    return Buffer.from(data, 'base64').readUInt32BE(20);
  };
  assert.ok((await height(clip.id)) > (await height(single.id)) + 100);
  const pdf = await s.api.call('clips.export', { id: clip.id, format: 'pdf' });
  const { PDFDocument } = await import('pdf-lib');
  assert.equal((await PDFDocument.load(Buffer.from(pdf.data, 'base64'))).getPageCount(), 2);
  // Kept as it was through a rebuilt catalog.
  await s.api.call('archive.reindex', {});
  assert.deepEqual((await s.api.call('clips.get', { id: clip.id })).more, clip.more);
});

test('display ads are told from stories: each is an ad, and no story runs into it', async () => {
  const generated = await generateEdition({
    seed: 21,
    title: 'The Gazette',
    date: '2025-12-20',
    ads: true,
  });
  const file = path.join(await tempDir(), 'ads.pdf');
  await fs.writeFile(file, await generated.editionPdf());
  const texts = await pdfPool().text(file, 'ads.pdf', generated.layout.length);
  let ads = 0;
  for (const page of texts) {
    const layout = generated.layout[page.index - 1]!;
    ads += layout.ads.length;
    for (const ad of layout.ads) {
      // The ad as its words show it: the box of its printed lines (its frame is drawing, not text).
      const printed = layout.lines.filter(
        (l) => l.role === 'ad' && l.y > ad.y && l.y < ad.y + ad.height,
      );
      const left = Math.min(...printed.map((l) => l.x));
      const bottom = Math.min(...printed.map((l) => l.y)) - 2;
      const text = {
        x: left,
        y: bottom,
        width: Math.max(...printed.map((l) => l.x + l.width)) - left,
        height: Math.max(...printed.map((l) => l.y + l.size)) - bottom,
      };
      const found = page.articles.filter(
        (a) => scoreStories([boundingBox(a.regions as Box[])], [text]).matched,
      );
      assert.deepEqual(
        found.map((a) => a.kind),
        ['ad'],
        `p.${page.index}: ${found.map((a) => `${a.kind} "${a.headline}"`).join(', ')}`,
      );
    }
    // The stories are still every placed story, and only those.
    const stories = page.articles.filter((a) => a.kind === 'story');
    const score = scoreStories(
      stories.map((a) => boundingBox(a.regions as Box[])),
      layout.stories.map((s) => s.box),
    );
    assert.equal(score.f1, 1, `p.${page.index}: ${JSON.stringify(score)}`);
  }
  assert.ok(ads >= 6, `${ads} ads placed`);
});
