/**
 * The pages' word index (FTS5, contentless), in parts of PART_PAGES pages each by
 * row id: part k holds the pages whose ids are k·PART_PAGES to (k+1)·PART_PAGES − 1,
 * so a page's part follows from its id alone, a page never moves between parts,
 * and the newest pages are in the last part.
 *
 * Why parts: bm25() weighs each of a query's words by the number of pages that
 * hold it, and FTS5 finds that number by reading the word's whole list of pages,
 * whatever LIMIT or rowid bound the query has. In one index over years of
 * editions, a common word's or prefix's list is megabytes, scattered through the
 * file: with the OS's file cache cold, 200–400 ms a search (test/bench/search).
 * Ranked within its part, a search of the newest matches reads one part's lists.
 * Each part's weights are those of its own pages — a few years of a daily, plenty
 * for bm25's statistics.
 *
 * A catalog from before the parts (migration 10) keeps its one index, pages_fts,
 * and is searched through it, while its pages are indexed again into their parts
 * in the background, newest first (rebuildStep), pages written meanwhile going to
 * both; then the old index goes. word_index_rebuild holds `below` meanwhile: the
 * pages with lower ids are not in their parts yet.
 */

import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { indexText } from '../words/page-words.ts';
import { decodeWords } from '../words/stored-words.ts';
import type { PartReaders } from './part-readers.ts';

/** Pages a part holds: about 9 months of a 32-page daily, 2 years of a 12-page one. */
export const PART_PAGES = 8192;

const PART_NAME = /^pages_fts_(\d+)$/;

export function partOf(id: number): number {
  return Math.floor(id / PART_PAGES);
}

/** The part's FTS5 table, its vocabulary (each term's page count) and the trigger that keeps it in step with pages_text. */
export function createPart(db: DatabaseSync, part: number): void {
  const low = part * PART_PAGES;
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts_${part} USING fts5(
      text,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS pages_vocab_${part} USING fts5vocab(pages_fts_${part}, 'row');
    CREATE TRIGGER IF NOT EXISTS pages_fts_${part}_deleted AFTER DELETE ON pages_text
      WHEN old.id >= ${low} AND old.id < ${low + PART_PAGES}
    BEGIN
      DELETE FROM pages_fts_${part} WHERE rowid = old.id;
    END;
  `);
}

/** The parts there are, newest (highest ids) first. */
export function parts(db: DatabaseSync): number[] {
  return (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'pages_fts_*'")
      .all() as { name: string }[]
  )
    .map((row) => PART_NAME.exec(row.name)?.[1])
    .filter((part) => part !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
}

/** While the old index is indexed again into parts: the pages below this id are not in theirs yet. */
export function rebuildingBelow(db: DatabaseSync): number | undefined {
  return (db.prepare('SELECT below FROM word_index_rebuild').get() as { below: number } | undefined)
    ?.below;
}

/** The parts searches read, newest first; undefined while the old index is the one read. */
function searchedParts(db: DatabaseSync): number[] | undefined {
  return rebuildingBelow(db) === undefined ? parts(db) : undefined;
}

/**
 * The FTS5 tables a search reads, newest first: the parts (those that hold ids
 * from `ids.low` to `ids.high`, when given), or the old index until they are whole.
 */
export function indexTables(db: DatabaseSync, ids?: { low: number; high: number }): string[] {
  const searched = searchedParts(db);
  if (!searched) return ['pages_fts'];
  return searched
    .filter((part) => !ids || (part >= partOf(ids.low) && part <= partOf(ids.high)))
    .map((part) => `pages_fts_${part}`);
}

/** Their vocabularies (fts5vocab, each term's page count), in the same order. */
export function vocabTables(db: DatabaseSync): string[] {
  return searchedParts(db)?.map((part) => `pages_vocab_${part}`) ?? ['pages_vocab'];
}

/**
 * Adds pages' indexed text to their parts, making a part when its first page
 * comes (and to the old index too, while there is one). Made in the transaction
 * that writes: it reads where a rebuild is once.
 */
export class WordIndexWriter {
  readonly #db: DatabaseSync;
  readonly #inserts = new Map<number, ReturnType<DatabaseSync['prepare']>>();
  readonly #below: number | undefined;
  /** The old index's statements, while there is one. */
  readonly #old:
    | { insert: ReturnType<DatabaseSync['prepare']>; remove: ReturnType<DatabaseSync['prepare']> }
    | undefined;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#below = rebuildingBelow(db);
    this.#old =
      this.#below === undefined
        ? undefined
        : {
            insert: db.prepare('INSERT INTO pages_fts (rowid, text) VALUES (?, ?)'),
            remove: db.prepare('DELETE FROM pages_fts WHERE rowid = ?'),
          };
  }

  add(id: number, text: string): void {
    this.#old?.insert.run(id, text);
    // A page still to be rebuilt gets its part when the rebuild comes to it, from its words then.
    if (this.#below === undefined || id >= this.#below) this.addToPart(id, text);
  }

  /** Into its part only (the rebuild's own adding). */
  addToPart(id: number, text: string): void {
    const part = partOf(id);
    let insert = this.#inserts.get(part);
    if (!insert) {
      createPart(this.#db, part);
      insert = this.#db.prepare(`INSERT INTO pages_fts_${part} (rowid, text) VALUES (?, ?)`);
      this.#inserts.set(part, insert);
    }
    insert.run(id, text);
  }

  remove(id: number): void {
    this.#old?.remove.run(id);
    const part = partOf(id);
    if ((this.#below === undefined || id >= this.#below) && parts(this.#db).includes(part))
      this.#db.prepare(`DELETE FROM pages_fts_${part} WHERE rowid = ?`).run(id);
  }
}

/**
 * One step of indexing the old index's pages again into their parts: the next
 * `batch` pages below where it is, from their stored words, newest first. The
 * last step drops the old index. Answers whether there is more to do. Run in a
 * write transaction.
 */
export function rebuildStep(db: DatabaseSync, batch = 200): boolean {
  const below = rebuildingBelow(db);
  if (below === undefined) return false;
  const rows = db
    .prepare('SELECT id, words FROM pages_text WHERE id < ? ORDER BY id DESC LIMIT ?')
    .all(below, batch) as { id: number; words: Uint8Array }[];
  const writer = new WordIndexWriter(db);
  for (const row of rows) writer.addToPart(row.id, indexText(decodeWords(row.words)).text);
  if (rows.length < batch) {
    db.exec(`
      DROP TRIGGER IF EXISTS pages_text_deleted;
      DROP TABLE IF EXISTS pages_vocab;
      DROP TABLE IF EXISTS pages_fts;
      DELETE FROM word_index_rebuild;
    `);
    return false;
  }
  db.prepare('UPDATE word_index_rebuild SET below = ?').run(rows.at(-1)!.id);
  return true;
}

/**
 * Runs `select` (which names the table as `{fts}`) on each of these index
 * tables in turn (newest first), until `wanted` rows have come; answers them in
 * that order. With `readers`, once the newest part has shown how many rows a
 * part gives, the parts still needed are walked at once by the reader threads
 * (all the rest when the newest gave none), each with the limit left at the
 * start of that stretch: the rows kept are the same as walked one by one.
 */
export function walkParts<Row>(
  db: DatabaseSync,
  tables: readonly string[],
  select: string,
  params: (limit: number) => SQLInputValue[],
  wanted: number,
  readers?: PartReaders,
): Row[] {
  const rows: Row[] = [];
  const here = (table: string, limit: number) =>
    db.prepare(select.replaceAll('{fts}', table)).all(...params(limit)) as Row[];
  let walked = 0;
  while (walked < tables.length && rows.length < wanted) {
    const left = wanted - rows.length;
    const perPart = walked ? rows.length / walked : 0;
    const needed = perPart ? Math.ceil(left / perPart) : tables.length - walked;
    if (!readers || walked === 0 || needed <= 1) {
      rows.push(...here(tables[walked]!, left));
      walked++;
      continue;
    }
    // At least one part for each reader and one for this thread.
    const stretch = tables.slice(walked, walked + Math.max(needed, readers.count + 1));
    const answers = readers.walk(stretch, select, params(left), (table) => here(table, left));
    for (const found of answers) rows.push(...(found as Row[]));
    walked += stretch.length;
  }
  return rows.length > wanted ? rows.slice(0, wanted) : rows;
}

/**
 * A step of merging a part's segments (b-trees) into one: about `pages` pages
 * of the index written (FTS5's 'merge' with a negative count, which merges down
 * to one segment). Answers whether it did any (its total_changes moved by 2 or
 * more, as FTS5's documentation tells). A part that takes no more pages is worth
 * merging: each word's list is then in one place, not in a segment per stretch
 * of editions.
 */
export function mergeStep(db: DatabaseSync, part: number, pages = 1000): boolean {
  const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const before = changes();
  db.prepare(`INSERT INTO pages_fts_${part} (pages_fts_${part}, rank) VALUES ('merge', ?)`).run(
    -pages,
  );
  return changes() - before >= 2;
}
