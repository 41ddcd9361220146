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
 */

import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

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

/** Adds pages' indexed text to their parts, making a part when its first page comes. */
export class WordIndexWriter {
  readonly #db: DatabaseSync;
  readonly #inserts = new Map<number, ReturnType<DatabaseSync['prepare']>>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  add(id: number, text: string): void {
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
    const part = partOf(id);
    if (parts(this.#db).includes(part))
      this.#db.prepare(`DELETE FROM pages_fts_${part} WHERE rowid = ?`).run(id);
  }
}

/** The parts that hold ids from low to high, newest first. */
export function partsBetween(db: DatabaseSync, low: number, high: number): number[] {
  return parts(db).filter((part) => part >= partOf(low) && part <= partOf(high));
}

/**
 * Runs `select` (which names the part's table as `{fts}`) on each of the parts
 * newest first, until `wanted` rows have come; answers them in that order.
 */
export function walkParts<Row>(
  db: DatabaseSync,
  list: readonly number[],
  select: string,
  params: (limit: number) => SQLInputValue[],
  wanted: number,
): Row[] {
  const rows: Row[] = [];
  for (const part of list) {
    if (rows.length >= wanted) break;
    const found = db
      .prepare(select.replaceAll('{fts}', `pages_fts_${part}`))
      .all(...params(wanted - rows.length)) as Row[];
    rows.push(...found);
  }
  return rows;
}

/** Merges each part's index into one segment (after a bulk load). */
export function optimizeParts(db: DatabaseSync): void {
  for (const part of parts(db))
    db.exec(`INSERT INTO pages_fts_${part}(pages_fts_${part}) VALUES ('optimize')`);
}
