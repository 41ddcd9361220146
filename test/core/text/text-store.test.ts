/**
 * The page-text store on its own: the stored form of a page's words, and how
 * matches are ranked and filtered (an in-memory catalog with pages written
 * directly, so the ranking can be set up word by word).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { Catalog } from '../../../main/core/archive/catalog.ts';
import { PartReaders } from '../../../main/core/archive/part-readers.ts';
import { mergeStep, PART_PAGES, parts } from '../../../main/core/archive/word-index.ts';
import { RANK_WINDOW, TextStore } from '../../../main/core/text/text-store.ts';
import type { Word } from '../../../main/core/words/page-words.ts';
import { asStored, decodeWords, encodeWords } from '../../../main/core/words/stored-words.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('stored words', () => {
  test('words and boxes come back as stored, to a tenth of a point', () => {
    const words: Word[] = [
      { text: 'Überraschung', x: 12.34, y: 700.06, w: 80.5, h: 9.2 },
      { text: '東京', x: -3.2, y: 0, w: 20, h: 10 },
      { text: 'posi-', x: 1000.9, y: 14.44, w: 0.01, h: 7 },
      { text: '', x: 0, y: 0, w: 0, h: 0 },
    ];
    assert.deepEqual(decodeWords(encodeWords(words)), [
      { text: 'Überraschung', x: 12.3, y: 700.1, w: 80.5, h: 9.2 },
      { text: '東京', x: -3.2, y: 0, w: 20, h: 10 },
      { text: 'posi-', x: 1000.9, y: 14.4, w: 0, h: 7 },
      { text: '', x: 0, y: 0, w: 0, h: 0 },
    ]);
    assert.deepEqual(decodeWords(encodeWords([])), []);
    // What segmenting at indexing sees is what the catalog gives back.
    assert.deepEqual(asStored(words), decodeWords(encodeWords(words)));
    // Words are split at white space; a line break inside one would end it early.
    assert.deepEqual(decodeWords(encodeWords([{ text: 'a\nb', x: 1, y: 2, w: 3, h: 4 }])), [
      { text: 'a b', x: 1, y: 2, w: 3, h: 4 },
    ]);
  });

  test('pages stored in the earlier JSON form still decode', () => {
    const legacy = deflateRawSync(
      JSON.stringify({ t: ['old', 'page'], b: [1, 2, 3, 4, 5, 6, 7, 8] }),
    );
    assert.deepEqual(decodeWords(legacy), [
      { text: 'old', x: 1, y: 2, w: 3, h: 4 },
      { text: 'page', x: 5, y: 6, w: 7, h: 8 },
    ]);
  });
});

const catalogs = new WeakMap<TextStore, Catalog>();

/** The catalog a store of storeOf's writes to. */
function catalogOf(store: TextStore): Catalog {
  return catalogs.get(store)!;
}

/** A catalog whose pages hold the given words, one edition a day, stored in the order given. */
function storeOf(days: { date: string; source?: string; pages: string[] }[]): TextStore {
  const catalog = new Catalog(':memory:');
  const store = new TextStore(catalog);
  catalogs.set(store, catalog);
  for (const { date, source, pages } of days) addDay(store, date, pages, source);
  return store;
}

/** An edition of `source` on `date` whose pages hold these words, its source made if new. */
function addDay(store: TextStore, date: string, pages: string[], source = 'daily'): void {
  const db = catalogOf(store).db;
  db.prepare("INSERT OR IGNORE INTO sources (id, name, kind) VALUES (?, ?, 'import')").run(
    source,
    source,
  );
  const id = `${source}:${date}`;
  db.prepare(
    `INSERT INTO editions (id, source, date, title, pages, bytes, sample, aspect, cover_file, cover_index, dir, manifest, imported_at)
     VALUES (?, ?, ?, 'T', ?, 0, 0, 0.7, 'edition.pdf', 1, ?, '{}', '')`,
  ).run(id, source, date, pages.length, `${source}/${date}`);
  store.put(
    { id, source, date },
    pages.map((text, i) => ({
      page: i + 1,
      quality: 'good' as const,
      words: text.split(' ').map((t, k) => ({ text: t, x: k * 40, y: 700, w: 35, h: 9 })),
    })),
  );
}

const ids = (rows: { edition: string; page: number }[]) =>
  rows.map((r) => `${r.edition}/${r.page}`);

describe('matching', () => {
  test('the best bm25 score first, then the newest; pages of results follow one order', () => {
    const store = storeOf([
      { date: '2025-01-01', pages: ['harbour harbour harbour strike', 'weather report'] },
      { date: '2025-01-02', pages: ['harbour news of the day and more', 'harbour harbour'] },
      { date: '2025-01-03', pages: ['harbour news of the day and more'] },
    ]);
    const all = store.match('"harbour"', {}, 10, 0);
    assert.equal(all.total, 4);
    assert.equal(all.exact, true);
    assert.deepEqual(ids(all.rows), [
      'daily:2025-01-02/2',
      'daily:2025-01-01/1',
      'daily:2025-01-03/1',
      'daily:2025-01-02/1',
    ]);
    const pages = [0, 1, 2, 3].flatMap((offset) =>
      ids(store.match('"harbour"', {}, 1, offset).rows),
    );
    assert.deepEqual(pages, ids(all.rows));
    assert.deepEqual(store.match('"harbour"', {}, 10, 4).rows, []);
  });

  test('filters find pages stored out of date order, and only those', () => {
    // An old edition fetched late sits after newer ones in the index.
    const store = storeOf([
      { date: '2025-03-01', pages: ['election results'] },
      { date: '2025-03-02', source: 'other', pages: ['election day'] },
      { date: '2025-03-03', pages: ['election recount'] },
      { date: '2024-11-05', pages: ['election night'] },
    ]);
    assert.deepEqual(ids(store.match('"election"', { to: '2024-12-31' }, 10, 0).rows), [
      'daily:2024-11-05/1',
    ]);
    assert.deepEqual(
      ids(store.match('"election"', { from: '2025-03-01', to: '2025-03-03' }, 10, 0).rows).sort(),
      ['daily:2025-03-01/1', 'daily:2025-03-03/1', 'other:2025-03-02/1'],
    );
    assert.deepEqual(ids(store.match('"election"', { source: 'other' }, 10, 0).rows), [
      'other:2025-03-02/1',
    ]);
    assert.deepEqual(store.match('"election"', { source: 'nobody' }, 10, 0), {
      total: 0,
      exact: true,
      rows: [],
    });
    assert.equal(store.match('"recount"', { to: '2025-03-02' }, 10, 0).total, 0);
  });

  test('the index is in parts by page id: each made when its first page comes, searched together, kept in step', () => {
    const store = storeOf([
      { date: '2025-01-01', pages: ['harbour harbour harbour strike', 'ferry timetable'] },
    ]);
    const db = catalogOf(store).db;
    // The next pages get ids two parts on (as after years of editions).
    db.prepare(
      "INSERT INTO pages_text (id, edition, page, source, date, quality, words) VALUES (?, 'daily:2025-01-01', 99, 'daily', '2025-01-01', 'none', ?)",
    ).run(2 * PART_PAGES - 1, encodeWords([]));
    addDay(store, '2025-02-01', ['harbour news of the day', 'ferry ferry strike']);
    assert.deepEqual(parts(db), [2, 0], 'no part for ids no indexed page has');
    const harbour = store.match('"harbour"', {}, 10, 0);
    assert.deepEqual(ids(harbour.rows), ['daily:2025-01-01/1', 'daily:2025-02-01/1']);
    assert.deepEqual(ids(store.match('strike', {}, 10, 0, 'newest').rows), [
      'daily:2025-02-01/2',
      'daily:2025-01-01/1',
    ]);
    assert.deepEqual(ids(store.match('"ferry"', { to: '2025-01-31' }, 10, 0).rows), [
      'daily:2025-01-01/2',
    ]);
    assert.deepEqual(ids(store.match('"ferry"', { from: '2025-02-01' }, 10, 0).rows), [
      'daily:2025-02-01/2',
    ]);
    assert.deepEqual(Object.fromEntries(store.documentCounts(['harbour', 'ferry', 'tug'])), {
      harbour: 2,
      ferry: 2,
      tug: 0,
    });
    assert.deepEqual(ids(store.rank('"ferry" OR "timetable"', {}, 1)), ['daily:2025-01-01/2']);
    // A page read again by OCR is found by its new words only, in its own part.
    store.replacePage('daily:2025-02-01', 2, [{ text: 'tug', x: 0, y: 0, w: 10, h: 9 }], 'ocr');
    assert.deepEqual(ids(store.match('"ferry"', {}, 10, 0).rows), ['daily:2025-01-01/2']);
    assert.deepEqual(ids(store.match('"tug"', {}, 10, 0).rows), ['daily:2025-02-01/2']);
    // A removed edition leaves no page in any part.
    db.prepare("DELETE FROM editions WHERE id = 'daily:2025-02-01'").run();
    assert.deepEqual(ids(store.match('"harbour"', {}, 10, 0).rows), ['daily:2025-01-01/1']);
    assert.equal(store.match('"tug"', {}, 10, 0).total, 0);
    assert.equal(store.documentCounts(['harbour']).get('harbour'), 1);
  });

  test('parts walked by reader threads at once give the answers walked one by one; readers start when first needed and end when idle; with the readers gone, the caller walks', async (t) => {
    const file = path.join(await tempDir(), 'catalog.sqlite');
    const catalog = new Catalog(file);
    const store = new TextStore(catalog);
    catalogs.set(store, catalog);
    // Five parts, each an edition of three pages; "rare" in one page of each part.
    for (let part = 0; part < 5; part++) {
      if (part > 0)
        catalog.db
          .prepare(
            "INSERT INTO pages_text (id, edition, page, source, date, quality, words) VALUES (?, 'daily:2025-01-01', ?, 'daily', '2025-01-01', 'none', ?)",
          )
          .run(part * PART_PAGES - 1, 90 + part, encodeWords([]));
      addDay(store, `2025-0${part + 1}-01`, [
        `rare common week ${part}`,
        'common common ferry',
        `common tide ${part % 2 ? 'odd' : 'even'}`,
      ]);
    }
    assert.equal(parts(catalog.db).length, 5);
    // The readers' idle timer, moved by hand (the pages above are written with real pauses).
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const readers = new PartReaders(file, { count: 2, idleMs: 60_000 });
    const shared = new TextStore(new Catalog(file, { readOnly: true }), { readers });
    // None until a walk asks: that walk is not held for them, and walks on its own.
    assert.equal(readers.started, 0);
    assert.deepEqual(shared.match('"rare"', {}, 10, 0), store.match('"rare"', {}, 10, 0));
    assert.equal(readers.started, 2);
    assert.equal(readers.shared, 0);
    await readers.ready();
    const queries: [string, { from?: string; to?: string }][] = [
      ['"rare"', {}],
      ['common NOT ferry', {}],
      ['"common tide"', {}],
      ['"odd" OR "rare"', { from: '2025-02-01', to: '2025-04-30' }],
      ['"nothing"', {}],
    ];
    for (const [q, filter] of queries)
      for (const sort of ['relevance', 'newest'] as const)
        assert.deepEqual(
          shared.match(q, filter, 3, 1, sort),
          store.match(q, filter, 3, 1, sort),
          `${q} ${JSON.stringify(filter)} ${sort}`,
        );
    assert.ok(readers.shared >= 4, `${readers.shared} parts walked by the readers`);
    // Idle, they end; the next walk starts them again.
    t.mock.timers.tick(60_000);
    assert.equal(readers.started, 0);
    assert.deepEqual(shared.match('"rare"', {}, 10, 0), store.match('"rare"', {}, 10, 0));
    assert.equal(readers.started, 2);
    await readers.close();
    const walked = readers.shared;
    assert.deepEqual(shared.match('"rare"', {}, 10, 0), store.match('"rare"', {}, 10, 0));
    assert.equal(readers.shared, walked, 'closed readers walk nothing');
  });

  test('a full part is merged into one segment in the background; the part still taking pages is left', async () => {
    // An edition a transaction: a segment each, in part 0, then as many in part 1.
    const days = (month: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        date: `2025-${month}-${String(i + 1).padStart(2, '0')}`,
        pages: [`harbour day ${i}`],
      }));
    const store = storeOf(days('01', 6));
    const db = catalogOf(store).db;
    db.prepare(
      "INSERT INTO pages_text (id, edition, page, source, date, quality, words) VALUES (?, 'daily:2025-01-01', 99, 'daily', '2025-01-01', 'none', ?)",
    ).run(PART_PAGES - 1, encodeWords([]));
    for (const day of days('02', 6)) addDay(store, day.date, day.pages);
    assert.deepEqual(parts(db), [1, 0]);
    const before = store.match('"harbour"', {}, 20, 0);
    await store.tidyIndex();
    // Part 0 is one segment now: nothing is left to merge. Part 1, the newest, is not.
    assert.equal(mergeStep(db, 0), false);
    assert.equal(mergeStep(db, 1), true);
    assert.deepEqual(store.match('"harbour"', {}, 20, 0), before);
    assert.equal(before.total, 12);
  });

  test('past the ranking window the total says it is a lower bound', () => {
    const pages = Array.from({ length: RANK_WINDOW + 5 }, (_, i) =>
      i === 3 ? 'tide tide tide tide' : 'tide',
    );
    const store = storeOf([{ date: '2025-05-01', pages }]);
    const found = store.match('"tide"', {}, 5, 0);
    assert.equal(found.total, RANK_WINDOW);
    assert.equal(found.exact, false);
    // Page 4 is the oldest, outside the newest RANK_WINDOW matches, so it is not ranked.
    assert.equal(ids(found.rows).includes('daily:2025-05-01/4'), false);
    const dated = store.match('"tide"', { from: '2025-05-01' }, 5, 0);
    assert.deepEqual([dated.total, dated.exact], [RANK_WINDOW, false]);
  });
});

/** A catalog file holding one edition of `pages` pages, of source `source`, and no text yet. */
async function catalogWith(source: string, date: string, pages: number) {
  const file = path.join(await tempDir(), 'catalog.sqlite');
  const catalog = new Catalog(file);
  catalog.db
    .prepare("INSERT INTO sources (id, name, kind) VALUES (?, ?, 'import')")
    .run(source, source);
  catalog.db
    .prepare(
      `INSERT INTO editions (id, source, date, title, pages, bytes, sample, aspect, cover_file, cover_index, dir, manifest, imported_at)
       VALUES (?, ?, ?, 'T', ?, 0, 0, 0.7, 'edition.pdf', 1, ?, '{}', '')`,
    )
    .run(`${source}:${date}`, source, date, pages, `${source}/${date.slice(0, 4)}/${date}`);
  return { file, catalog };
}

describe('writing an edition', () => {
  test('a long edition is written in short transactions, and counts as indexed only once all its pages are in', async () => {
    const pages = 60;
    const { file, catalog } = await catalogWith('long', '2025-12-20', pages);
    const store = new TextStore(catalog);
    const words = Array.from({ length: 1500 }, (_, k) => ({
      text: `w${k}`,
      x: (k % 30) * 20,
      y: 700 - Math.floor(k / 30) * 10,
      w: 18,
      h: 9,
    }));
    const writing = store.putYielding(
      { id: 'long:2025-12-20', source: 'long', date: '2025-12-20' },
      Array.from({ length: pages }, (_, i) => ({ page: i + 1, quality: 'good' as const, words })),
    );
    // Between two of its transactions another process takes the write lock at once.
    const other = new DatabaseSync(file, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    const stored = other.prepare('SELECT count(*) AS n FROM pages_text').get() as { n: number };
    other.exec('ROLLBACK');
    other.close();
    assert.ok(stored.n > 0 && stored.n < pages, `${stored.n} of ${pages} pages written so far`);
    assert.equal(store.indexed('long:2025-12-20'), false);
    assert.deepEqual(store.unindexed(), ['long:2025-12-20'], 'half an edition is read again');
    await writing;
    assert.equal(store.indexed('long:2025-12-20'), true);
    assert.deepEqual(store.unindexed(), []);
    catalog.close();
  });

  test('two writers of one edition at once (the CLI importing, a running server seeing it come) both finish, and leave each page once', async () => {
    const pages = 45;
    const { file, catalog } = await catalogWith('both', '2025-12-21', pages);
    // The second writer is another connection to the file, as another process has.
    const second = new Catalog(file);
    const edition = { id: 'both:2025-12-21', source: 'both', date: '2025-12-21' };
    const text = (word: string) =>
      Array.from({ length: pages }, (_, i) => ({
        page: i + 1,
        quality: 'good' as const,
        words: [{ text: `${word}${i + 1}`, x: 10, y: 700, w: 40, h: 9 }],
      }));
    // Their transactions interleave: each writes pages 1–20, then 21–40, then 41–45.
    await Promise.all([
      new TextStore(catalog).putYielding(edition, text('first')),
      new TextStore(second).putYielding(edition, text('first')),
    ]);
    const rows = catalog.db
      .prepare('SELECT page, count(*) AS n FROM pages_text WHERE edition = ? GROUP BY page')
      .all(edition.id) as { page: number; n: number }[];
    assert.equal(rows.length, pages);
    assert.ok(rows.every((row) => row.n === 1));
    assert.equal(new TextStore(catalog).indexed(edition.id), true);
    // Each page's text is found once.
    assert.equal(new TextStore(catalog).match('first33', {}, 10, 0).total, 1);
    second.close();
    catalog.close();
  });
});
