/**
 * Text extraction and search on generated editions (where every word's position
 * is known) and on the real scanned pages.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ApiError } from '../../../main/common/errors.ts';
import type { Core as Services } from '../../../main/core/core.ts';
import { textQuality } from '../../../main/core/words/page-words.ts';
import type { LineBox } from '../../fixtures/newspaper/compose.ts';
import { type EditionOnDisk, writeEdition } from '../../helpers/editions.ts';
import { SCANS } from '../../helpers/scans.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

let s: Services;
let gazette: EditionOnDisk;
const ID = 'gazette:2025-12-20';

before(async () => {
  s = await openServices(await tempDir());
  gazette = await writeEdition(await tempDir(), 'gazette_2025-12-20', {
    seed: 31,
    title: 'Gazette',
    date: '2025-12-20',
    pages: 6,
  });
  await s.archive.import({ path: gazette.file, source: 'gazette' });
  await s.archive.import({ path: SCANS.ocr });
  await s.archive.import({ path: SCANS.scan });
  await s.indexer.catchUp();
});

const search = (q: string, extra: object = {}) => s.api.call('search.query', { q, ...extra });

/** Body lines of the generated edition, with their page. */
function bodyLines(): (LineBox & { page: number })[] {
  return gazette.generated.layout.flatMap((page) =>
    page.lines.filter((l) => l.role === 'body').map((l) => ({ ...l, page: page.n })),
  );
}

describe('search on generated editions', () => {
  test('a phrase that spans a hyphenated line break is found, and both halves light up', async () => {
    const lines = bodyLines();
    const i = lines.findIndex((line, k) => {
      const next = lines[k + 1];
      return (
        /\s\S+ [a-z]{3,}-$/.test(line.text) &&
        next &&
        next.x === line.x &&
        next.story === line.story &&
        /^[a-z]{3,}[\s,.]/.test(next.text)
      );
    });
    const line = lines[i]!;
    const next = lines[i + 1]!;
    const parts = line.text.split(' ');
    const head = parts.at(-1)!.slice(0, -1);
    const tail = next.text.split(/[\s,.;:]/)[0]!;
    const before = parts.at(-2)!.replace(/[^\p{L}\p{N}]/gu, '');
    const phrase = `"${before} ${head}${tail}"`;
    const result = await search(phrase, { source: 'gazette' });
    const hit = result.hits.find((h) => h.page === line.page);
    assert.ok(hit, `${phrase} is found on page ${line.page}`);
    const onLine = (l: LineBox) =>
      hit.boxes.filter(
        ([x, y]) =>
          Math.abs(y - (l.y - l.size * 0.2)) < 0.2 && x >= l.x - 0.1 && x <= l.x + l.width,
      );
    assert.equal(onLine(line).length, 2, 'the word before and the first half');
    assert.ok(onLine(next).length >= 1, 'the second half on the next line');
  });

  test('hit boxes sit on the printed words', async () => {
    const result = await search('"South Korean President Lee Jae Myung"', { source: 'gazette' });
    assert.equal(result.total, 1);
    const [hit] = result.hits;
    assert.equal(hit!.page, 5);
    const page5 = gazette.generated.layout[4]!;
    const line = page5.lines.find((l) => l.story === 'seoul' && l.text.includes('South'))!;
    for (const [x, y, w, h] of hit!.boxes) {
      // Word boxes are cut from a line's width by characters: the centre is on the word's line.
      const centre = x + w / 2;
      const holder = page5.lines.find(
        (l) => centre > l.x && centre < l.x + l.width && Math.abs(y - (l.y - l.size * 0.2)) < 0.2,
      );
      assert.ok(holder, `box ${[x, y, w, h]} lies on a printed line`);
      assert.equal(h, 9);
    }
    assert.ok(hit!.boxes.some(([, y]) => Math.abs(y - (line.y - 1.8)) < 0.2));
    assert.match(hit!.snippet, /«South» «Korean» «President» «Lee» «Jae» «Myung»/);
  });

  test('words side by side in neighbouring columns are not taken for a phrase', async () => {
    const page = gazette.generated.layout[2]!;
    const body = page.lines.filter((l) => l.role === 'body');
    const pair = body
      .map(
        (left) =>
          [
            left,
            body.find(
              (r) =>
                r.y === left.y && r.x > left.x + left.width && r.x - (left.x + left.width) < 40,
            ),
          ] as const,
      )
      .find(([left, right]) => right && /[a-z]$/.test(left.text) && /^[a-z]/.test(right.text));
    assert.ok(pair, 'two neighbouring column lines');
    const [left, right] = pair as [LineBox, LineBox];
    const phrase = `"${left.text.split(' ').at(-1)} ${right.text.split(' ')[0]}"`;
    const text = (await s.api.call('text.page', { edition: ID, page: 3 })).text;
    assert.ok(
      !text.includes(phrase.slice(1, -1)),
      'the two words are not adjacent in reading order',
    );
    const result = await search(phrase, { edition: ID });
    assert.ok(!result.hits.some((h) => h.page === 3), `${phrase} is not invented on page 3`);
  });

  test('AND, OR, NOT, -word and prefix* behave as written; filters narrow', async () => {
    const all = await search('Pyongyang');
    assert.deepEqual(
      all.hits.map((h) => [h.edition, h.page]),
      [[ID, 5]],
    );
    assert.equal((await search('Pyongyang NOT sanctions')).total, 0);
    assert.equal((await search('Pyongyang -sanctions')).total, 0);
    assert.equal((await search('Pyongyang OR cannery')).total >= 2, true);
    const prefix = await search('Pyong*');
    assert.equal(
      prefix.hits[0]!.boxes.length,
      all.hits[0]!.boxes.length,
      'every Pyongyang on the page is boxed',
    );
    assert.equal(all.hits[0]!.boxes.length, 2);
    assert.equal((await search('Pyongyang', { from: '2025-12-21' })).total, 0);
    assert.equal((await search('Pyongyang', { source: 'liverpool-echo' })).total, 0);
  });

  test("newest first orders by the editions' dates, not by when they came in", async () => {
    // A back issue imported last: the newest row, the oldest date, the same page text.
    const back = await s.archive.import({
      path: gazette.file,
      source: 'gazette',
      date: '2020-01-01',
    });
    await s.indexer.catchUp();
    try {
      const best = await search('Pyongyang');
      const newest = await search('Pyongyang', { sort: 'newest' });
      assert.equal(best.total, 2);
      // Equal scores: the best-match order takes the page indexed last first.
      assert.deepEqual(
        best.hits.map((h) => h.date),
        ['2020-01-01', '2025-12-20'],
      );
      assert.deepEqual(
        newest.hits.map((h) => h.date),
        ['2025-12-20', '2020-01-01'],
      );
      const second = await search('Pyongyang', { sort: 'newest', limit: 1, offset: 1 });
      assert.deepEqual(
        second.hits.map((h) => h.date),
        ['2020-01-01'],
      );
    } finally {
      await s.archive.remove(back.edition.id);
    }
  });

  test('bad queries get a clear message, never an SQL error', async () => {
    const cases: [string, RegExp][] = [
      ['"unclosed phrase', /quote \("\) that is not closed/],
      ['AND', /needs a word before and after it/],
      ['Pyongyang OR', /needs a word after it/],
      ['-sanctions', /cannot start with an excluded word/],
      ['   ', /Type something/],
      ['***', /no words/],
    ];
    for (const [q, message] of cases) {
      await assert.rejects(
        search(q),
        (error: ApiError) => error.code === 'invalid' && message.test(error.message),
        q,
      );
    }
    for (const q of ['NEAR(a b)', 'col:word', '(x', 'a^b', "it's", 'x AND AND', '{}']) {
      try {
        await search(q);
      } catch (error) {
        assert.equal((error as ApiError).code, 'invalid', q);
        assert.doesNotMatch((error as Error).message, /sql|fts5|syntax error/i, q);
      }
    }
  });

  test('removing an edition removes its text from the index', async () => {
    const other = await writeEdition(await tempDir(), 'other', {
      seed: 5,
      title: 'Other',
      date: '2025-12-01',
      pages: 2,
    });
    await s.archive.import({ path: other.file, source: 'other', date: '2025-12-01' });
    await s.indexer.catchUp();
    const word = other.generated.layout[0]!.lines.find((l) => l.role === 'headline')!.text.split(
      ' ',
    )[0]!;
    assert.ok((await search(word, { source: 'other' })).total > 0);
    await s.api.call('editions.remove', { id: 'other:2025-12-01' });
    assert.equal((await search(word, { source: 'other' })).total, 0);
  });
});

describe('real pages', () => {
  test('the OCR page is searchable; the bare scan is marked as having no text', async () => {
    const result = await search('Oregon', { source: 'oregon-city-enterprise' });
    assert.ok(result.total === 1 && result.hits[0]!.boxes.length >= 1);
    const scan = await s.api.call('text.page', { edition: 'liverpool-echo:1886-11-01', page: 1 });
    assert.equal(scan.quality, 'none');
    assert.equal(scan.words.length, 0);
  });

  test('letter-spaced OCR and unmapped glyphs are flagged as garbage', () => {
    const words = (text: string) =>
      text.split(' ').map((t, i) => ({ text: t, x: i * 10, y: 0, w: 8, h: 9 }));
    assert.equal(
      textQuality(words('c o tto n i s k i n g o f t h e s o u t h a n d t h e m a r k e t')),
      'garbage',
    );
    assert.equal(
      textQuality(words('\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD')),
      'garbage',
    );
    assert.equal(
      textQuality(words('Cotton is king of the South, and the market knows it.')),
      'good',
    );
  });
});
