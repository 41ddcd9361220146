/**
 * The clips library: each clip is two files under <archive>/clips/ — its JSON
 * (the truth) and its PNG — and a catalog row with a full-text index for the
 * library's search. Files are written first and atomically; the row follows.
 * When the catalog is rebuilt, the rows come back from the files.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SQLInputValue } from 'node:sqlite';
import { Clip, type ClipChanges } from '../../common/clips.ts';
import { ApiError } from '../../common/errors.ts';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import type { Catalog } from '../archive/catalog.ts';
import { inside } from '../archive/layout.ts';
import { parseQuery } from '../text/search-query.ts';

export const CLIPS_DIR = 'clips';

export interface ClipFilter {
  /** The reader's search syntax, over title, text, note and tags. */
  q?: string;
  tag?: string;
  edition?: string;
  limit?: number;
  offset?: number;
}

interface ClipRow {
  id: string;
  created: string;
  title: string;
  edition: string;
  source: string;
  date: string;
  page: number;
  rects: string;
  more: string | null;
  dpi: number;
  text: string;
  note: string;
  tags: string;
  link: string | null;
}

export function newClipId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

export class ClipStore {
  readonly #catalog: Catalog;
  readonly #dir: string;

  constructor(catalog: Catalog, archiveRoot: string) {
    this.#catalog = catalog;
    this.#dir = inside(archiveRoot, CLIPS_DIR);
  }

  /** A clip's file by id and kind; never a path from the caller. */
  file(id: string, kind: 'json' | 'png'): string {
    Clip.shape.id.parse(id);
    return path.join(this.#dir, `${id}.${kind}`);
  }

  async save(clip: Clip, png: Uint8Array): Promise<Clip> {
    await fs.mkdir(this.#dir, { recursive: true });
    await writeFileAtomic(this.file(clip.id, 'png'), png);
    await writeFileAtomic(this.file(clip.id, 'json'), `${JSON.stringify(clip, null, 2)}\n`);
    this.#upsert(clip);
    return clip;
  }

  get(id: string): Clip {
    const row = this.#catalog.db.prepare('SELECT * FROM clips WHERE id = ?').get(id) as
      | ClipRow
      | undefined;
    if (!row) throw new ApiError('not-found', `No clip ${id} in the library.`);
    return fromRow(row);
  }

  list(filter: ClipFilter = {}): { total: number; clips: Clip[] } {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    let from = 'clips c';
    let order = 'c.created DESC';
    if (filter.q?.trim()) {
      from = 'clips_fts JOIN clips c ON c.n = clips_fts.rowid';
      where.push('clips_fts MATCH ?');
      params.push(parseQuery(filter.q).fts);
      order = 'rank';
    }
    if (filter.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ?)');
      params.push(filter.tag);
    }
    if (filter.edition) {
      where.push('c.edition = ?');
      params.push(filter.edition);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const db = this.#catalog.db;
    const { total } = db
      .prepare(`SELECT count(*) AS total FROM ${from} ${clause}`)
      .get(...params) as {
      total: number;
    };
    const rows = db
      .prepare(`SELECT c.* FROM ${from} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, filter.limit ?? 50, filter.offset ?? 0) as unknown as ClipRow[];
    return { total, clips: rows.map(fromRow) };
  }

  /** Whether any clip was made on the edition: the reader's mark that it must be kept. */
  keeps(edition: string): boolean {
    return (
      this.#catalog.db.prepare('SELECT 1 FROM clips WHERE edition = ? LIMIT 1').get(edition) !==
      undefined
    );
  }

  /**
   * Clips made on an edition follow it when it is corrected (another paper or
   * date: another id): each clip's file first, then its row. Returns their ids.
   */
  async moveEdition(
    from: string,
    to: { id: string; source: { id: string }; date: string },
  ): Promise<string[]> {
    const rows = this.#catalog.db
      .prepare('SELECT * FROM clips WHERE edition = ?')
      .all(from) as unknown as ClipRow[];
    for (const row of rows) {
      const clip = { ...fromRow(row), edition: to.id, source: to.source.id, date: to.date };
      await writeFileAtomic(this.file(clip.id, 'json'), `${JSON.stringify(clip, null, 2)}\n`);
      this.#catalog.db
        .prepare('UPDATE clips SET edition = ?, source = ?, date = ? WHERE id = ?')
        .run(clip.edition, clip.source, clip.date, clip.id);
    }
    return rows.map((row) => row.id);
  }

  async update(changes: ClipChanges): Promise<Clip> {
    const { id, ...fields } = changes;
    const clip = { ...this.get(id), ...fields };
    await writeFileAtomic(this.file(id, 'json'), `${JSON.stringify(clip, null, 2)}\n`);
    this.#upsert(clip);
    return clip;
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    this.#catalog.db.prepare('DELETE FROM clips WHERE id = ?').run(id);
    await fs.rm(this.file(id, 'json'), { force: true });
    await fs.rm(this.file(id, 'png'), { force: true });
  }

  /** Makes the rows match the files: the library after a rebuilt catalog, or files restored from a backup. */
  async syncFromFiles(): Promise<{ clips: number; skipped: string[] }> {
    const names = await fs.readdir(this.#dir).catch(() => [] as string[]);
    const found = new Set<string>();
    const skipped: string[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const clip = Clip.parse(JSON.parse(await fs.readFile(path.join(this.#dir, name), 'utf8')));
        if (`${clip.id}.json` !== name) throw new Error('its id is not its name');
        this.#upsert(clip);
        found.add(clip.id);
      } catch {
        skipped.push(name);
      }
    }
    const rows = this.#catalog.db.prepare('SELECT id FROM clips').all() as { id: string }[];
    for (const { id } of rows)
      if (!found.has(id)) this.#catalog.db.prepare('DELETE FROM clips WHERE id = ?').run(id);
    return { clips: found.size, skipped };
  }

  #upsert(clip: Clip): void {
    this.#catalog.db
      .prepare(
        `INSERT INTO clips (id, created, title, edition, source, date, page, rects, more, dpi, text, note, tags, link)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, note = excluded.note, tags = excluded.tags,
           text = excluded.text, rects = excluded.rects, more = excluded.more, link = excluded.link`,
      )
      .run(
        clip.id,
        clip.created,
        clip.title,
        clip.edition,
        clip.source,
        clip.date,
        clip.page,
        JSON.stringify(clip.rects),
        clip.more ? JSON.stringify(clip.more) : null,
        clip.dpi,
        clip.text,
        clip.note,
        JSON.stringify(clip.tags),
        clip.link ? JSON.stringify(clip.link) : null,
      );
  }
}

function fromRow(row: ClipRow): Clip {
  return {
    id: row.id,
    created: row.created,
    title: row.title,
    edition: row.edition,
    source: row.source,
    date: row.date,
    page: row.page,
    rects: JSON.parse(row.rects),
    ...(row.more && { more: JSON.parse(row.more) }),
    dpi: row.dpi,
    text: row.text,
    note: row.note,
    tags: JSON.parse(row.tags),
    ...(row.link && { link: JSON.parse(row.link) }),
  };
}
