/**
 * The catalog: an index of the archive in node:sqlite. The files are the truth;
 * everything here can be rebuilt from them (see reindex.ts). SQL lives here and
 * in the migrations only, with parameters always bound.
 */
import { DatabaseSync } from 'node:sqlite';
import type { Edition, EditionSummary, Source } from '../../common/domain.ts';
import { migrate } from './migrate.ts';
import { filterClauses } from './sql-filter.ts';

export interface EditionFilter {
  source?: string;
  from?: string;
  to?: string;
  limit?: number;
}

interface EditionRow {
  id: string;
  source: string;
  source_name: string;
  date: string;
  title: string;
  pages: number;
  sample: number;
  aspect: number;
  cover_file: string;
  cover_index: number;
  date_check: string | null;
}

export class Catalog {
  #db: DatabaseSync;
  readonly #path: string;
  readonly #readOnly: boolean;

  /** The connection; a catalog rebuilt after damage (`reopen`) has a new one. */
  get db(): DatabaseSync {
    return this.#db;
  }

  /**
   * `path` is a file, or ':memory:' for tests. `readOnly`: a second connection
   * that only reads (a search worker's), on a catalog the archive has opened.
   */
  constructor(path: string, { readOnly = false }: { readOnly?: boolean } = {}) {
    this.#path = path;
    this.#readOnly = readOnly;
    this.#db = Catalog.#connect(path, readOnly);
  }

  /** Closes the connection and opens the catalog's file again (a new, empty one after damage). */
  reopen(): void {
    this.close();
    this.#db = Catalog.#connect(this.#path, this.#readOnly);
  }

  /** What SQLite's quick_check finds wrong with the file: nothing when it is sound. */
  problems(): string[] {
    try {
      const rows = this.#db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
      return rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    } catch (error) {
      return [(error as Error).message];
    }
  }

  static #connect(path: string, readOnly: boolean): DatabaseSync {
    const db = new DatabaseSync(path, { enableForeignKeyConstraints: true, readOnly });
    if (!readOnly) db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA busy_timeout = 5000');
    // The text index of years of editions is gigabytes; searches read a few MB of it
    // again and again. A 64 MB page cache keeps what they read (the default is 2 MB).
    db.exec('PRAGMA cache_size = -65536');
    // Read with pread, not through a memory map: a page fault on a mapped file reads
    // ahead by the disk's readahead (8 MB on this project's VMs, 128 KB on most
    // desktops), where a search reads a few scattered pages. With the file cache
    // emptied, on a 117,000-page archive (test/bench/search, 40 queries each on a
    // connection of its own): mapped, 34.7 MB read a query (p50 84 ms) at 128 KB
    // readahead and 704 MB (p50 614 ms, p95 1,429 ms) at 8 MB; read, 2.7–3.2 MB
    // (p50 46–47 ms) at either. An earlier measure favoured the map because its own
    // connection kept the pages it had mapped: the kernel does not drop those.
    db.exec('PRAGMA mmap_size = 0');
    if (!readOnly) migrate(db);
    return db;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  /**
   * Inserts or replaces an edition (and its source) in one statement group. Its
   * page text goes (new files are read afresh), unless `keepText`: the caller
   * knows the pages are the same.
   */
  putEdition(edition: Edition, dir: string, { keepText = false } = {}): void {
    // All of it or none: on its own it is one transaction, in replaceAll part of that one.
    if (!this.db.isTransaction) {
      this.transaction(() => this.putEdition(edition, dir, { keepText }));
      return;
    }
    const first = edition.pages[0]!;
    this.db
      .prepare(
        `INSERT INTO sources (id, name, kind) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind`,
      )
      .run(edition.source.id, edition.source.name, edition.source.kind);
    // The trigger empties the search index of these pages too.
    if (!keepText) this.db.prepare('DELETE FROM pages_text WHERE edition = ?').run(edition.id);
    // An update in place, not a replace: a replaced row would take its page text with it.
    this.db
      .prepare(
        `INSERT INTO editions
           (id, source, date, edition, title, pages, bytes, sample, aspect, cover_file, cover_index,
            dir, manifest, imported_at, date_check)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
           source = excluded.source, date = excluded.date, edition = excluded.edition,
           title = excluded.title, pages = excluded.pages, bytes = excluded.bytes,
           sample = excluded.sample, aspect = excluded.aspect, cover_file = excluded.cover_file,
           cover_index = excluded.cover_index, dir = excluded.dir, manifest = excluded.manifest,
           imported_at = excluded.imported_at, date_check = excluded.date_check`,
      )
      .run(
        edition.id,
        edition.source.id,
        edition.date,
        edition.edition ?? null,
        edition.title,
        edition.pages.length,
        edition.files.reduce((sum, f) => sum + f.bytes, 0),
        edition.sample ? 1 : 0,
        first.width / first.height,
        first.file,
        first.index,
        dir,
        JSON.stringify(edition),
        edition.importedAt,
        edition.dateCheck ? JSON.stringify(edition.dateCheck) : null,
      );
  }

  /** Gives an edition's page text (words, index, articles) to the edition it became. */
  moveText(from: string, to: Edition): void {
    this.db
      .prepare('UPDATE pages_text SET edition = ?, source = ?, date = ? WHERE edition = ?')
      .run(to.id, to.source.id, to.date, from);
  }

  /** Removes an edition; a source left with no editions goes too. */
  removeEdition(id: string): boolean {
    const row = this.db.prepare('SELECT source FROM editions WHERE id = ?').get(id) as
      | { source: string }
      | undefined;
    if (!row) return false;
    this.db.prepare('DELETE FROM editions WHERE id = ?').run(id);
    this.db
      .prepare(
        'DELETE FROM sources WHERE id = ? AND NOT EXISTS (SELECT 1 FROM editions WHERE source = ?)',
      )
      .run(row.source, row.source);
    return true;
  }

  /**
   * Makes these the catalog's editions, in one transaction. An edition already
   * here with the same pages in the same files keeps its page text: a rebuilt
   * catalog does not read, or OCR, the archive again.
   */
  replaceAll(editions: { edition: Edition; dir: string }[]): void {
    this.transaction(() => {
      const before = new Map(
        (
          this.db.prepare('SELECT id, manifest FROM editions').all() as {
            id: string;
            manifest: string;
          }[]
        ).map((row) => [row.id, row.manifest]),
      );
      for (const { edition, dir } of editions) {
        const old = before.get(edition.id);
        before.delete(edition.id);
        this.putEdition(edition, dir, { keepText: old !== undefined && samePages(old, edition) });
      }
      for (const id of before.keys()) this.removeEdition(id);
    });
  }

  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have changed the schema (a new part of the word index).
      // The first statement after that reloads it; if that statement is a delete from
      // pages_text, whose triggers write to FTS5 tables, SQLite 3.53 fails it with "no
      // such table: pages_text" (a second try passes). Reading the schema first has it
      // reloaded on its own (test/core/text/text-store.test.ts, two writers).
      this.db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  listEditions(filter: EditionFilter = {}): EditionSummary[] {
    const { where, params } = filterClauses('e', {
      source: filter.source,
      from: filter.from,
      to: filter.to,
    });
    params.push(filter.limit ?? -1);
    const rows = this.db
      .prepare(
        `SELECT e.id, e.source, s.name AS source_name, e.date, e.title, e.pages, e.sample, e.aspect,
                e.cover_file, e.cover_index, e.date_check
         FROM editions e JOIN sources s ON s.id = e.source
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY e.date DESC, s.name, e.id
         LIMIT ?`,
      )
      .all(...params) as unknown as EditionRow[];
    return rows.map((row) => ({
      id: row.id,
      source: row.source,
      sourceName: row.source_name,
      date: row.date,
      title: row.title,
      pages: row.pages,
      sample: row.sample === 1,
      aspect: row.aspect,
      cover: { file: row.cover_file, index: row.cover_index },
      ...(row.date_check && { dateCheck: JSON.parse(row.date_check) }),
    }));
  }

  /** The sha256 of every file the catalog's editions are made of. */
  fileHashes(): Set<string> {
    // Read out of the manifests by SQLite, not parsed whole in JavaScript: this is asked
    // each time editions come and go (sweepPictures).
    const rows = this.db
      .prepare(
        "SELECT DISTINCT json_extract(file.value, '$.sha256') AS sha256 FROM editions, json_each(editions.manifest, '$.files') AS file",
      )
      .all() as { sha256: string }[];
    return new Set(rows.map((row) => row.sha256));
  }

  getEdition(id: string): { edition: Edition; dir: string } | undefined {
    const row = this.db.prepare('SELECT manifest, dir FROM editions WHERE id = ?').get(id) as
      | { manifest: string; dir: string }
      | undefined;
    return row && { edition: JSON.parse(row.manifest) as Edition, dir: row.dir };
  }

  listSources(): Source[] {
    return this.db
      .prepare('SELECT id, name, kind FROM sources ORDER BY name')
      .all() as unknown as Source[];
  }

  /** Editions and bytes per source. */
  /**
   * A source's editions with the bytes their files take, newest first (the order
   * of listEditions): what retention weighs, read from the rows, not the manifests.
   */
  editionSizes(source: string): { id: string; date: string; bytes: number }[] {
    return this.db
      .prepare('SELECT id, date, bytes FROM editions WHERE source = ? ORDER BY date DESC, id')
      .all(source) as { id: string; date: string; bytes: number }[];
  }

  sourceUsage(): Map<string, { editions: number; bytes: number }> {
    const rows = this.db
      .prepare(
        'SELECT source, COUNT(*) AS editions, SUM(bytes) AS bytes FROM editions GROUP BY source',
      )
      .all() as { source: string; editions: number; bytes: number }[];
    return new Map(rows.map((row) => [row.source, { editions: row.editions, bytes: row.bytes }]));
  }

  counts(): { editions: number; sources: number; bytes: number } {
    return this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM editions) AS editions,
                (SELECT COUNT(*) FROM sources) AS sources,
                (SELECT COALESCE(SUM(bytes), 0) FROM editions) AS bytes`,
      )
      .get() as { editions: number; sources: number; bytes: number };
  }
}

/**
 * Whether an edition's stored manifest has the same pages, from the same files
 * (by sha256), as `edition`: its page text is then still its text.
 */
function samePages(manifest: string, edition: Edition): boolean {
  const placed = (e: Edition) => e.pages.map((p) => `${p.n} ${p.file} ${p.index}`).join('\n');
  try {
    const old = JSON.parse(manifest) as Edition;
    const before = new Map(old.files.map((f) => [f.name, f.sha256]));
    return (
      before.size === edition.files.length &&
      edition.files.every((f) => before.get(f.name) === f.sha256) &&
      placed(old) === placed(edition)
    );
  } catch {
    return false; // a manifest that cannot be read: the text is read again
  }
}
