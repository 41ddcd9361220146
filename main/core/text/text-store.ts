/**
 * The page-text tables of the catalog (migration 0002): storing a page's words
 * and indexed text, finding pages by an FTS5 query, and reading words back.
 */

import type { SQLInputValue } from 'node:sqlite';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Catalog } from '../archive/catalog.ts';
import { filterClauses, type RowFilter } from '../archive/sql-filter.ts';
import { indexText, UNSEGMENTED, type Word } from './page-words.ts';

/** good: a usable text layer; none / garbage: no usable text (waiting for OCR); ocr: read by OCR. */
export type TextQuality = 'good' | 'none' | 'garbage' | 'ocr';

export interface StoredPage {
  page: number;
  words: Word[];
  quality: TextQuality;
}

export interface PageRow {
  id: number;
  edition: string;
  page: number;
  source: string;
  date: string;
}

/** How many of the newest matches are ranked (see match). */
export const RANK_WINDOW = 2000;

export type MatchFilter = RowFilter;

/** Words as compact JSON: texts, then boxes to a tenth of a point, deflated. */
export function encodeWords(words: Word[]): Uint8Array {
  const round = (n: number) => Math.round(n * 10) / 10;
  const json = JSON.stringify({
    t: words.map((w) => w.text),
    b: words.flatMap((w) => [round(w.x), round(w.y), round(w.w), round(w.h)]),
  });
  return deflateRawSync(json);
}

export function decodeWords(blob: Uint8Array): Word[] {
  const { t, b } = JSON.parse(inflateRawSync(blob).toString('utf8')) as {
    t: string[];
    b: number[];
  };
  return t.map((text, i) => ({
    text,
    x: b[i * 4]!,
    y: b[i * 4 + 1]!,
    w: b[i * 4 + 2]!,
    h: b[i * 4 + 3]!,
  }));
}

export class TextStore {
  readonly #catalog: Catalog;

  constructor(catalog: Catalog) {
    this.#catalog = catalog;
  }

  /** Replaces an edition's page text, in one transaction. */
  put(edition: { id: string; source: string; date: string }, pages: StoredPage[]): void {
    const db = this.#catalog.db;
    this.#catalog.transaction(() => {
      db.prepare('DELETE FROM pages_text WHERE edition = ?').run(edition.id);
      const insert = db.prepare(
        'INSERT INTO pages_text (edition, page, source, date, quality, words) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
      );
      const index = db.prepare('INSERT INTO pages_fts (rowid, text) VALUES (?, ?)');
      const trigrams = db.prepare('INSERT INTO pages_trigram (rowid, text) VALUES (?, ?)');
      for (const page of pages) {
        const { id } = insert.get(
          edition.id,
          page.page,
          edition.source,
          edition.date,
          page.quality,
          encodeWords(page.words),
        ) as {
          id: number;
        };
        const text = indexText(page.words).text;
        index.run(id, text);
        if (UNSEGMENTED.test(text)) trigrams.run(id, text);
      }
    });
  }

  /** Editions in the catalog whose text is not indexed yet, newest first. */
  unindexed(): string[] {
    return (
      this.#catalog.db
        .prepare(
          'SELECT id FROM editions e WHERE NOT EXISTS (SELECT 1 FROM pages_text t WHERE t.edition = e.id) ORDER BY date DESC',
        )
        .all() as { id: string }[]
    ).map((row) => row.id);
  }

  page(edition: string, page: number): (StoredPage & { edition: string }) | undefined {
    const row = this.#catalog.db
      .prepare('SELECT page, quality, words FROM pages_text WHERE edition = ? AND page = ?')
      .get(edition, page) as { page: number; quality: TextQuality; words: Uint8Array } | undefined;
    return row && { edition, page: row.page, quality: row.quality, words: decodeWords(row.words) };
  }

  words(id: number): Word[] {
    const row = this.#catalog.db.prepare('SELECT words FROM pages_text WHERE id = ?').get(id) as {
      words: Uint8Array;
    };
    return decodeWords(row.words);
  }

  /**
   * Pages matching an FTS5 query, best first by bm25. Ranking visits every match,
   * which for a common word in years of editions is slow, so:
   *   1. the newest matches are found first, walking the index from its end and
   *      stopping after RANK_WINDOW of them;
   *   2. only those are ranked by bm25;
   *   3. the total is exact up to RANK_WINDOW, and says so when it is not.
   */
  match(
    query: string,
    filter: MatchFilter,
    limit: number,
    offset: number,
  ): { total: number; exact: boolean; rows: PageRow[] } {
    const clauses = filterClauses('t', filter);
    const where = ['pages_fts MATCH ?', ...clauses.where];
    const params: SQLInputValue[] = [query, ...clauses.params];
    const from = `FROM pages_fts JOIN pages_text t ON t.id = pages_fts.rowid WHERE ${where.join(' AND ')}`;
    const db = this.#catalog.db;
    // FTS5 walks its index backwards and stops at the limit when it is queried alone;
    // filters are applied to that stream rather than joined before it.
    const newestSql = clauses.where.length
      ? `SELECT f.id FROM (SELECT rowid AS id FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rowid DESC) f
         JOIN pages_text t ON t.id = f.id WHERE ${clauses.where.join(' AND ')} ORDER BY f.id DESC LIMIT ?`
      : 'SELECT rowid AS id FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rowid DESC LIMIT ?';
    const newest = db.prepare(newestSql).all(...params, RANK_WINDOW + 1) as { id: number }[];
    const exact = newest.length <= RANK_WINDOW;
    const total = Math.min(newest.length, RANK_WINDOW);
    if (total === 0 || offset >= total) return { total, exact, rows: [] };
    const floor = Math.min(...newest.slice(0, total).map((row) => row.id));
    const rows = db
      .prepare(
        `SELECT t.id, t.edition, t.page, t.source, t.date ${from} AND pages_fts.rowid >= ? ORDER BY rank LIMIT ? OFFSET ?`,
      )
      .all(...params, floor, limit, offset) as unknown as PageRow[];
    return { total, exact, rows };
  }

  /**
   * Pages whose text contains substrings (the trigram index, for scripts without
   * word breaks), newest first; `where` is built by parseQuery over `g.text`.
   */
  matchSubstring(
    substring: { where: string; params: string[] },
    filter: MatchFilter,
    limit: number,
    offset: number,
  ): { total: number; exact: boolean; rows: PageRow[] } {
    const clauses = filterClauses('t', filter);
    const from = `FROM pages_trigram g JOIN pages_text t ON t.id = g.rowid WHERE (${substring.where})${clauses.where.map((w) => ` AND ${w}`).join('')}`;
    const params: SQLInputValue[] = [...substring.params, ...clauses.params];
    const db = this.#catalog.db;
    const { total } = db.prepare(`SELECT count(*) AS total ${from}`).get(...params) as {
      total: number;
    };
    const rows = db
      .prepare(
        `SELECT t.id, t.edition, t.page, t.source, t.date ${from} ORDER BY t.date DESC, t.page LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as unknown as PageRow[];
    return { total, exact: true, rows };
  }

  /** Replaces one page's words (after OCR), in the index too. */
  replacePage(edition: string, page: number, words: Word[], quality: TextQuality): void {
    const db = this.#catalog.db;
    this.#catalog.transaction(() => {
      const row = db
        .prepare('SELECT id FROM pages_text WHERE edition = ? AND page = ?')
        .get(edition, page) as { id: number } | undefined;
      if (!row) return;
      db.prepare('UPDATE pages_text SET words = ?, quality = ? WHERE id = ?').run(
        encodeWords(words),
        quality,
        row.id,
      );
      db.prepare('DELETE FROM pages_fts WHERE rowid = ?').run(row.id);
      db.prepare('DELETE FROM pages_trigram WHERE rowid = ?').run(row.id);
      const text = indexText(words).text;
      db.prepare('INSERT INTO pages_fts (rowid, text) VALUES (?, ?)').run(row.id, text);
      if (UNSEGMENTED.test(text))
        db.prepare('INSERT INTO pages_trigram (rowid, text) VALUES (?, ?)').run(row.id, text);
    });
  }

  /** Pages without usable text, newest first: what OCR is for. */
  unreadable(): { edition: string; page: number }[] {
    return this.#catalog.db
      .prepare(
        "SELECT edition, page FROM pages_text WHERE quality IN ('none', 'garbage') ORDER BY date DESC, edition, page",
      )
      .all() as { edition: string; page: number }[];
  }

  /** How many pages hold each term (terms as the index tokenizes them). */
  documentCounts(terms: readonly string[]): Map<string, number> {
    const query = this.#catalog.db.prepare('SELECT doc FROM pages_vocab WHERE term = ?');
    const counts = new Map<string, number>();
    for (const term of new Set(terms))
      counts.set(term, (query.get(term) as { doc: number } | undefined)?.doc ?? 0);
    return counts;
  }

  /** Pages matching an FTS5 query, best bm25 first, all of them ranked (for short, rare-word queries). */
  rank(query: string, filter: MatchFilter, limit: number): PageRow[] {
    const clauses = filterClauses('t', filter);
    return this.#catalog.db
      .prepare(
        `SELECT t.id, t.edition, t.page, t.source, t.date FROM pages_fts JOIN pages_text t ON t.id = pages_fts.rowid
         WHERE ${['pages_fts MATCH ?', ...clauses.where].join(' AND ')} ORDER BY rank LIMIT ?`,
      )
      .all(query, ...clauses.params, limit) as unknown as PageRow[];
  }

  /** Every page of an edition that has text, with its row id. */
  editionPages(edition: string): { id: number; page: number; quality: TextQuality }[] {
    return this.#catalog.db
      .prepare('SELECT id, page, quality FROM pages_text WHERE edition = ? ORDER BY page')
      .all(edition) as { id: number; page: number; quality: TextQuality }[];
  }

  /** The sources and the date span of the pages a filter covers. */
  coverage(filter: MatchFilter): {
    sources: string[];
    from?: string;
    to?: string;
    pages: number;
    unreadable: number;
  } {
    const clauses = filterClauses('t', filter);
    const where = clauses.where.length ? `WHERE ${clauses.where.join(' AND ')}` : '';
    const db = this.#catalog.db;
    const span = db
      .prepare(
        `SELECT min(date) AS first, max(date) AS last, count(*) AS pages,
           sum(quality IN ('none', 'garbage')) AS unreadable FROM pages_text t ${where}`,
      )
      .get(...clauses.params) as {
      first: string | null;
      last: string | null;
      pages: number;
      unreadable: number | null;
    };
    const sources = (
      db
        .prepare(`SELECT DISTINCT source FROM pages_text t ${where} ORDER BY source`)
        .all(...clauses.params) as { source: string }[]
    ).map((row) => row.source);
    return {
      sources,
      ...(span.first && { from: span.first }),
      ...(span.last && { to: span.last }),
      pages: span.pages,
      unreadable: span.unreadable ?? 0,
    };
  }
}
