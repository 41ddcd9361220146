/**
 * The page-text tables of the catalog (migrations 0002 and 0010): storing a page's
 * words and indexed text, finding pages by an FTS5 query, and reading words back.
 */

import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Catalog } from '../archive/catalog.ts';
import type { PartReaders } from '../archive/part-readers.ts';
import { filterClauses, type RowFilter } from '../archive/sql-filter.ts';
import {
  indexTables,
  mergeStep,
  parts,
  rebuildStep,
  vocabTables,
  WordIndexWriter,
  walkParts,
} from '../archive/word-index.ts';
import { type PageArticle, SEGMENTER_VERSION } from '../articles/segment-page.ts';
import { indexText, UNSEGMENTED, type Word } from '../words/page-words.ts';
import { decodeWords, encodeWords } from '../words/stored-words.ts';

/** good: a usable text layer; none / garbage: no usable text (waiting for OCR); ocr: read by OCR. */
export type TextQuality = 'good' | 'none' | 'garbage' | 'ocr';

export interface StoredPage {
  page: number;
  words: Word[];
  quality: TextQuality;
  /** Its articles, found when it was read (kept with the segmenter's version). */
  articles?: PageArticle[];
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

/** Pages of text written in one transaction: about 0.2 s of the write lock for dense pages. */
const PAGES_PER_WRITE = 20;
/** The pause between an edition's transactions, for another process's write to get in. */
const WRITE_GAP_MS = 15;
const writeGap = () => new Promise((resolve) => setTimeout(resolve, WRITE_GAP_MS));

/**
 * Rows of `select` (naming no WHERE) for these ids, by id: read in one
 * statement in the order of their ids, which reads the file front to back
 * rather than a page at a time in whatever order the ids came.
 */
function byIds<Row extends { id: number }>(
  db: DatabaseSync,
  select: string,
  ids: readonly number[],
): Map<number, Row> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const rows = db
    .prepare(`${select} WHERE id IN (${sorted.map(() => '?').join(',')}) ORDER BY id`)
    .all(...sorted) as unknown as Row[];
  return new Map(rows.map((row) => [row.id, row]));
}

export class TextStore {
  readonly #catalog: Catalog;
  readonly #readers: PartReaders | undefined;

  /** `readers`: threads that walk the word index's parts at once, for `match` (the search worker's). */
  constructor(catalog: Catalog, { readers }: { readers?: PartReaders } = {}) {
    this.#catalog = catalog;
    this.#readers = readers;
  }

  /**
   * Replaces an edition's page text, PAGES_PER_WRITE pages a transaction, so
   * the catalog's write lock is never held long (another process delivering or
   * importing waits for it). An edition counts as indexed once all its pages
   * are in (see `unindexed`), so one cut off half-way is read again.
   */
  put(edition: { id: string; source: string; date: string }, pages: StoredPage[]): void {
    for (let start = 0; start < pages.length || start === 0; start += PAGES_PER_WRITE)
      this.#write(edition, pages.slice(start, start + PAGES_PER_WRITE), start === 0);
  }

  /** `put`, with a pause between transactions in which another process can write. */
  async putYielding(
    edition: { id: string; source: string; date: string },
    pages: StoredPage[],
  ): Promise<void> {
    for (let start = 0; start < pages.length || start === 0; start += PAGES_PER_WRITE) {
      if (start > 0) await writeGap();
      this.#write(edition, pages.slice(start, start + PAGES_PER_WRITE), start === 0);
    }
  }

  #write(
    edition: { id: string; source: string; date: string },
    pages: StoredPage[],
    first: boolean,
  ): void {
    const db = this.#catalog.db;
    this.#catalog.transaction(() => {
      // Each transaction replaces the pages it writes: another process writing the same
      // edition at once (a CLI import, a server that saw it come) interleaves with this one.
      if (first) db.prepare('DELETE FROM pages_text WHERE edition = ?').run(edition.id);
      const replace = db.prepare('DELETE FROM pages_text WHERE edition = ? AND page = ?');
      const insert = db.prepare(
        'INSERT INTO pages_text (edition, page, source, date, quality, words, articles, articles_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
      );
      const index = new WordIndexWriter(db);
      const trigrams = db.prepare('INSERT INTO pages_trigram (rowid, text) VALUES (?, ?)');
      for (const page of pages) {
        if (!first) replace.run(edition.id, page.page);
        const { id } = insert.get(
          edition.id,
          page.page,
          edition.source,
          edition.date,
          page.quality,
          encodeWords(page.words),
          page.articles ? JSON.stringify(page.articles) : null,
          page.articles ? SEGMENTER_VERSION : null,
        ) as {
          id: number;
        };
        const text = indexText(page.words).text;
        index.add(id, text);
        if (UNSEGMENTED.test(text)) trigrams.run(id, text);
      }
    });
  }

  /** Editions in the catalog whose text is not indexed yet, newest first. */
  unindexed(): string[] {
    return (
      this.#catalog.db
        .prepare(
          'SELECT id FROM editions e WHERE (SELECT count(*) FROM pages_text t WHERE t.edition = e.id) < e.pages ORDER BY date DESC',
        )
        .all() as { id: string }[]
    ).map((row) => row.id);
  }

  /** Whether all an edition's pages are in the index (read, with text or without). */
  indexed(edition: string): boolean {
    const row = this.#catalog.db
      .prepare(
        'SELECT e.pages AS pages, (SELECT count(*) FROM pages_text t WHERE t.edition = e.id) AS stored FROM editions e WHERE e.id = ?',
      )
      .get(edition) as { pages: number; stored: number } | undefined;
    return row !== undefined && row.stored >= row.pages;
  }

  page(edition: string, page: number): (StoredPage & { edition: string }) | undefined {
    const row = this.#catalog.db
      .prepare('SELECT page, quality, words FROM pages_text WHERE edition = ? AND page = ?')
      .get(edition, page) as { page: number; quality: TextQuality; words: Uint8Array } | undefined;
    return row && { edition, page: row.page, quality: row.quality, words: decodeWords(row.words) };
  }

  /**
   * Pages' words by id, read in one statement in the order of their ids: with
   * the file's cache cold, the 20 pages of a page of results take 3 ms read so,
   * 7–11 ms one by one in the order of their rank (test/bench/search).
   */
  wordsOf(ids: readonly number[]): Map<number, Word[]> {
    const rows = byIds<{ id: number; words: Uint8Array }>(
      this.#catalog.db,
      'SELECT id, words FROM pages_text',
      ids,
    );
    return new Map([...rows].map(([id, row]) => [id, decodeWords(row.words)]));
  }

  /**
   * Pages matching an FTS5 query, best first by bm25. Scoring every match of a
   * common word in years of editions is slow, so:
   *   1. the newest matches are found, walking the index's parts from the newest
   *      and each from its end, stopping after RANK_WINDOW of them, each scored by
   *      bm25 within its part in the same walk
   *      (FTS5's own `ORDER BY rank` scores every match, whatever rowid bound is
   *      given beside it);
   *   2. those are ranked (best score, then newest first);
   *   3. the total is exact up to RANK_WINDOW, and says so when it is not.
   * With a filter, the walk is held to the span of row ids of the pages the filter
   * covers (pages are stored as editions arrive, so a date range is mostly one
   * stretch of ids), and each match in it is checked against the filter — in the
   * narrow index pages_text_meta, not the pages' rows, which hold their words —
   * unless the span holds no other page.
   */
  match(
    query: string,
    filter: MatchFilter,
    limit: number,
    offset: number,
    sort: 'relevance' | 'newest' = 'relevance',
  ): { total: number; exact: boolean; rows: PageRow[] } {
    const clauses = filterClauses('t', filter);
    const db = this.#catalog.db;
    let scored: { id: number; score: number }[];
    if (clauses.where.length === 0) {
      scored = walkParts(
        db,
        indexTables(db),
        'SELECT rowid AS id, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT ?',
        (limit) => [query, limit],
        RANK_WINDOW + 1,
        this.#readers,
      );
    } else {
      const where = clauses.where.join(' AND ');
      const span = db
        .prepare(
          `SELECT min(id) AS low, max(id) AS high, count(*) AS pages FROM pages_text t WHERE ${where}`,
        )
        .get(...clauses.params) as { low: number | null; high: number | null; pages: number };
      if (span.low === null || span.high === null) return { total: 0, exact: true, rows: [] };
      // As many pages as ids in the span: every page in it is one the filter covers
      // (ids are not reused), so no match needs checking.
      const whole = span.pages === span.high - span.low + 1;
      const inSpan =
        'SELECT rowid AS id, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC';
      scored = walkParts(
        db,
        indexTables(db, { low: span.low, high: span.high }),
        whole
          ? `${inSpan} LIMIT ?`
          : `SELECT f.id, f.score FROM (${inSpan}) f JOIN pages_text t INDEXED BY pages_text_meta ON t.id = f.id WHERE ${where} ORDER BY f.id DESC LIMIT ?`,
        (limit) => [query, span.low, span.high, ...(whole ? [] : clauses.params), limit],
        RANK_WINDOW + 1,
        this.#readers,
      );
    }
    const exact = scored.length <= RANK_WINDOW;
    const total = Math.min(scored.length, RANK_WINDOW);
    if (offset >= total) return { total, exact, rows: [] };
    // Through the narrow index: a page's row holds its words, and is a disk read of its own.
    const rowsOf = (ids: number[]): PageRow[] => {
      const byId = byIds<PageRow>(
        db,
        'SELECT id, edition, page, source, date FROM pages_text INDEXED BY pages_text_meta',
        ids,
      );
      return ids.map((id) => byId.get(id)!);
    };
    if (sort === 'newest') {
      // By the editions' dates (pages arrive in any order: a back issue imported today).
      const rows = rowsOf(scored.slice(0, total).map(({ id }) => id));
      rows.sort(
        (a, b) =>
          b.date.localeCompare(a.date) || a.edition.localeCompare(b.edition) || a.page - b.page,
      );
      return { total, exact, rows: rows.slice(offset, offset + limit) };
    }
    const shown = scored
      .slice(0, total)
      .sort((a, b) => a.score - b.score || b.id - a.id)
      .slice(offset, offset + limit);
    return { total, exact, rows: rowsOf(shown.map(({ id }) => id)) };
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
      // New words, new articles: they are found again when next asked for.
      db.prepare(
        'UPDATE pages_text SET words = ?, quality = ?, articles = NULL, articles_version = NULL WHERE id = ?',
      ).run(encodeWords(words), quality, row.id);
      const index = new WordIndexWriter(db);
      index.remove(row.id);
      db.prepare('DELETE FROM pages_trigram WHERE rowid = ?').run(row.id);
      const text = indexText(words).text;
      index.add(row.id, text);
      if (UNSEGMENTED.test(text))
        db.prepare('INSERT INTO pages_trigram (rowid, text) VALUES (?, ?)').run(row.id, text);
    });
  }

  /**
   * A page's articles as stored: `articles` is undefined when they were found
   * by another version of the segmenter (or not yet). Undefined when the page
   * is not indexed. Its words are not read (`page` gives them, to find the
   * articles again): search and linking ask this for every page they answer with.
   */
  pageArticles(edition: string, page: number): { articles: PageArticle[] | undefined } | undefined {
    const row = this.#catalog.db
      .prepare('SELECT articles, articles_version FROM pages_text WHERE edition = ? AND page = ?')
      .get(edition, page) as
      | { articles: string | null; articles_version: number | null }
      | undefined;
    if (!row) return undefined;
    const current = row.articles !== null && row.articles_version === SEGMENTER_VERSION;
    return { articles: current ? (JSON.parse(row.articles!) as PageArticle[]) : undefined };
  }

  /** Keeps a page's articles, found by this version of the segmenter. */
  setPageArticles(edition: string, page: number, articles: PageArticle[]): void {
    this.#catalog.db
      .prepare(
        'UPDATE pages_text SET articles = ?, articles_version = ? WHERE edition = ? AND page = ?',
      )
      .run(JSON.stringify(articles), SEGMENTER_VERSION, edition, page);
  }

  /**
   * Indexes a catalog's pages from before the word index's parts again into their
   * parts (see archive/word-index.ts), a transaction of a few hundred pages at a
   * time with a pause between for other writers, until done or stopped.
   */
  async rebuildIndex(signal?: AbortSignal, batch?: number): Promise<void> {
    while (
      !signal?.aborted &&
      this.#catalog.transaction(() => rebuildStep(this.#catalog.db, batch))
    )
      await writeGap();
  }

  /**
   * Keeps the word index quick to search, in the background: a catalog's pages
   * from before its parts indexed again into them (rebuildIndex), then each part
   * that takes no more pages (all but the newest) merged into one segment, a
   * transaction of about a thousand index pages at a time. Cheap when there is
   * nothing to do.
   */
  async tidyIndex(signal?: AbortSignal): Promise<void> {
    await this.rebuildIndex(signal);
    if (signal?.aborted) return;
    const db = this.#catalog.db;
    for (const part of parts(db).slice(1))
      while (!signal?.aborted && this.#catalog.transaction(() => mergeStep(db, part)))
        await writeGap();
  }

  /** Pages without usable text, newest first: what OCR is for. */
  unreadable(): { edition: string; page: number }[] {
    return this.#catalog.db
      .prepare(
        "SELECT edition, page FROM pages_text WHERE quality IN ('none', 'garbage') ORDER BY date DESC, edition, page",
      )
      .all() as { edition: string; page: number }[];
  }

  /** How many pages hold each term (terms as the index tokenizes them), in all the index's parts. */
  documentCounts(terms: readonly string[]): Map<string, number> {
    const db = this.#catalog.db;
    const counts = new Map<string, number>([...new Set(terms)].map((term) => [term, 0]));
    for (const vocab of vocabTables(db)) {
      const query = db.prepare(`SELECT doc FROM ${vocab} WHERE term = ?`);
      for (const [term, count] of counts)
        counts.set(term, count + ((query.get(term) as { doc: number } | undefined)?.doc ?? 0));
    }
    return counts;
  }

  /**
   * Pages matching an FTS5 query, best bm25 first, all of them ranked (for short,
   * rare-word queries): the best of each of the index's parts, then the best of those.
   */
  rank(query: string, filter: MatchFilter, limit: number): PageRow[] {
    const clauses = filterClauses('t', filter);
    const db = this.#catalog.db;
    const ranked: (PageRow & { score: number })[] = [];
    for (const fts of indexTables(db)) {
      ranked.push(
        ...(db
          .prepare(
            `SELECT t.id, t.edition, t.page, t.source, t.date, ${fts}.rank AS score FROM ${fts} JOIN pages_text t INDEXED BY pages_text_meta ON t.id = ${fts}.rowid
             WHERE ${[`${fts} MATCH ?`, ...clauses.where].join(' AND ')} ORDER BY rank LIMIT ?`,
          )
          .all(query, ...clauses.params, limit) as unknown as (PageRow & { score: number })[]),
      );
    }
    // Ties as FTS5 orders them: the older page first.
    return ranked
      .sort((a, b) => a.score - b.score || a.id - b.id)
      .slice(0, limit)
      .map(({ score: _, ...row }) => row);
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
