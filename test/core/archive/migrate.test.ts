import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { Catalog } from '../../../main/core/archive/catalog.ts';
import { migrate } from '../../../main/core/archive/migrate.ts';
import { migrations } from '../../../main/core/archive/migrations/index.ts';
import { PART_PAGES, parts, rebuildStep } from '../../../main/core/archive/word-index.ts';
import { TextStore } from '../../../main/core/text/text-store.ts';
import { encodeWords } from '../../../main/core/words/stored-words.ts';
import { tempDir } from '../../helpers/temp.ts';

test('each migration applies in order on an empty in-memory database and records its number', () => {
  const db = new DatabaseSync(':memory:');
  for (let n = 1; n <= migrations.length; n++) {
    assert.equal(migrate(db, migrations.slice(0, n)), n);
    assert.equal(
      (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
      n,
    );
  }
  db.close();
});

test('migration 1 makes strict sources and editions tables', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db, migrations.slice(0, 1));
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all() as {
    name: string;
    sql: string;
  }[];
  assert.deepEqual(
    tables.map((t) => t.name),
    ['editions', 'sources'],
  );
  for (const table of tables) assert.match(table.sql, /\) STRICT$/);
  db.prepare("INSERT INTO sources (id, name, kind) VALUES ('a', 'A', 'import')").run();
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO editions (id, source, date, title, pages, bytes, sample, aspect, cover_file,
             cover_index, dir, manifest, imported_at)
           VALUES ('a:2025-01-01', 'a', '2025-01-01', 'A', 'many', 1, 0, 1.0, 'edition.pdf', 1, 'a', '{}', 'now')`,
        )
        .run(),
    /cannot store TEXT value in INTEGER column/,
  );
  db.close();
});

test('running migrate again is a no-op; a catalog from a newer Paperboy is refused', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db);
  migrate(db);
  db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
  assert.throws(() => migrate(db), /newer Paperboy/);
  db.close();
});

test('a failing migration rolls back and leaves the version where it was', () => {
  const db = new DatabaseSync(':memory:');
  assert.throws(() => migrate(db, [{ sql: 'CREATE TABLE t (x TEXT) STRICT; NOT SQL' }]));
  assert.equal(
    (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
    0,
  );
  assert.equal(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 't'").get()?.n, 0);
  db.close();
});

test('migration 3 counts the pages that hold each indexed term, and forgets deleted pages', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db, migrations.slice(0, 3));
  const add = db.prepare('INSERT INTO pages_fts (rowid, text) VALUES (?, ?)');
  add.run(1, 'harbour bridge harbour');
  add.run(2, 'harbour council');
  const count = (term: string) =>
    (
      db.prepare('SELECT doc FROM pages_vocab WHERE term = ?').get(term) as
        | { doc: number }
        | undefined
    )?.doc;
  assert.equal(count('harbour'), 2);
  assert.equal(count('council'), 1);
  db.prepare('DELETE FROM pages_fts WHERE rowid = 2').run();
  assert.equal(count('harbour'), 1);
  assert.equal(count('council'), undefined);
  db.close();
});

test('migration 4 keeps the clips index in step with the clips table', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db, migrations.slice(0, 4));
  const add = db.prepare(
    `INSERT INTO clips (id, created, title, edition, source, date, page, rects, dpi, text, note, tags)
     VALUES (?, 'now', ?, 'a:2025-01-01', 'a', '2025-01-01', 1, '[[0,0,1,1]]', 150, ?, '', '[]')`,
  );
  add.run('aaaaaaaaaaaa', 'Harbour bridge', 'The council voted on the bridge.');
  add.run('bbbbbbbbbbbb', 'Library hours', 'Open on Sundays.');
  const find = (q: string) =>
    (
      db
        .prepare(
          'SELECT c.id FROM clips_fts JOIN clips c ON c.n = clips_fts.rowid WHERE clips_fts MATCH ?',
        )
        .all(q) as { id: string }[]
    ).map((row) => row.id);
  assert.deepEqual(find('bridge'), ['aaaaaaaaaaaa']);
  db.prepare("UPDATE clips SET note = 'ferry too' WHERE id = 'bbbbbbbbbbbb'").run();
  assert.deepEqual(find('ferry'), ['bbbbbbbbbbbb']);
  db.prepare("DELETE FROM clips WHERE id = 'aaaaaaaaaaaa'").run();
  assert.deepEqual(find('bridge'), []);
  assert.throws(() => add.run('bbbbbbbbbbbb', 'Again', 'x'), /UNIQUE/);
  db.close();
});

test('migration 5 finds substrings in the trigram index and drops a page with its text row', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db, migrations.slice(0, 5));
  db.exec(`INSERT INTO sources (id, name, kind) VALUES ('a', 'A', 'import');
    INSERT INTO editions (id, source, date, title, pages, bytes, sample, aspect, cover_file, cover_index, dir, manifest, imported_at)
    VALUES ('a:2025-01-01', 'a', '2025-01-01', 'A', 1, 1, 0, 0.7, 'edition.pdf', 1, 'a', '{}', 'now');
    INSERT INTO pages_text (id, edition, page, source, date, quality, words) VALUES (7, 'a:2025-01-01', 1, 'a', '2025-01-01', 'good', x'00');
    INSERT INTO pages_trigram (rowid, text) VALUES (7, '東京都議会は新しい予算案を可決した');`);
  const find = (pattern: string) =>
    (
      db.prepare('SELECT rowid FROM pages_trigram WHERE text LIKE ?').all(pattern) as {
        rowid: number;
      }[]
    ).map((r) => r.rowid);
  assert.deepEqual(find('%予算案%'), [7]);
  assert.deepEqual(find('%予算%'), [7]);
  db.exec('DELETE FROM pages_text WHERE id = 7');
  assert.deepEqual(find('%予算%'), []);
  db.close();
});

test('migration 10: the pages of before are indexed again into their parts in the background, searched all the while', async () => {
  const file = path.join(await tempDir(), 'catalog.sqlite');
  const db = new DatabaseSync(file);
  migrate(db, migrations.slice(0, 9));
  db.exec(`INSERT INTO sources (id, name, kind) VALUES ('a', 'A', 'import');
    INSERT INTO editions (id, source, date, title, pages, bytes, sample, aspect, cover_file, cover_index, dir, manifest, imported_at)
    VALUES ('a:2025-01-01', 'a', '2025-01-01', 'A', 4, 1, 0, 0.7, 'edition.pdf', 1, 'a', '{}', 'now');`);
  const add = db.prepare(
    "INSERT INTO pages_text (id, edition, page, source, date, quality, words) VALUES (?, 'a:2025-01-01', ?, 'a', '2025-01-01', 'good', ?)",
  );
  const index = db.prepare('INSERT INTO pages_fts (rowid, text) VALUES (?, ?)');
  const words = (text: string) =>
    text.split(' ').map((t, k) => ({ text: t, x: k * 40, y: 700, w: 35, h: 9 }));
  // Page 3's id is in the second part; each is in the old index as indexing put it.
  for (const [id, page, text] of [
    [3, 1, 'Harbour Café reopens'],
    [5, 2, 'tug strike'],
    [PART_PAGES + 4, 3, 'council harbour vote'],
  ] as const) {
    add.run(id, page, encodeWords(words(text)));
    index.run(id, text.toLowerCase().replace('é', 'e'));
  }
  db.close();

  const catalog = new Catalog(file);
  const store = new TextStore(catalog);
  const found = (q: string) =>
    store
      .match(q, {}, 10, 0)
      .rows.map((row) => `${row.edition}/${row.page}`)
      .sort();
  const names = () =>
    (
      catalog.db.prepare("SELECT name FROM sqlite_schema WHERE name GLOB 'pages_*'").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
  // Opened at once: nothing indexed again yet, and searched through the old index.
  assert.ok(names().includes('pages_fts'));
  assert.deepEqual(parts(catalog.db), []);
  assert.deepEqual(found('"harbour"'), ['a:2025-01-01/1', 'a:2025-01-01/3']);
  // Meanwhile: a new edition's page, a page read again (OCR), a page removed.
  catalog.db.exec(`INSERT INTO editions (id, source, date, title, pages, bytes, sample, aspect, cover_file, cover_index, dir, manifest, imported_at)
    VALUES ('a:2025-01-02', 'a', '2025-01-02', 'A', 1, 1, 0, 0.7, 'edition.pdf', 1, 'b', '{}', 'now')`);
  store.put({ id: 'a:2025-01-02', source: 'a', date: '2025-01-02' }, [
    { page: 1, quality: 'good', words: words('harbour ferry') },
  ]);
  store.replacePage('a:2025-01-01', 1, words('Harbour Café closes'), 'ocr');
  catalog.db.prepare('DELETE FROM pages_text WHERE id = 5').run();
  const meanwhile = () => {
    assert.deepEqual(found('"harbour"'), ['a:2025-01-01/1', 'a:2025-01-01/3', 'a:2025-01-02/1']);
    assert.deepEqual(found('"closes"'), ['a:2025-01-01/1']);
    assert.deepEqual(found('"reopens"'), []);
    assert.deepEqual(found('"tug"'), []);
  };
  meanwhile();
  // One page a step, so that it stops half-way: still whole, through the old index.
  assert.equal(
    catalog.transaction(() => rebuildStep(catalog.db, 1)),
    true,
  );
  assert.ok(names().includes('pages_fts'));
  meanwhile();
  await store.rebuildIndex(undefined, 1);

  assert.ok(
    !names().some((name) => name === 'pages_fts' || name === 'pages_vocab'),
    names().join(' '),
  );
  assert.equal(catalog.db.prepare('SELECT count(*) AS n FROM word_index_rebuild').get()!.n, 0);
  assert.deepEqual(parts(catalog.db), [1, 0]);
  meanwhile();
  assert.deepEqual(found('"cafe"'), ['a:2025-01-01/1'], 'folded as indexing folds it');
  assert.equal(store.documentCounts(['harbour']).get('harbour'), 3);
  catalog.db.prepare(`DELETE FROM pages_text WHERE id = ${PART_PAGES + 4}`).run();
  assert.deepEqual(found('"harbour"'), ['a:2025-01-01/1', 'a:2025-01-02/1']);
  catalog.close();
});

test('migration 10 on a catalog with no pages drops the old index at once', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db);
  assert.equal(
    db
      .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('pages_fts', 'pages_vocab')")
      .get()!.n,
    0,
  );
  assert.equal(rebuildStep(db), false);
  db.close();
});
