/**
 * One archive folder: its files (the truth) and its catalog (an index of them).
 * Opening an archive whose catalog is missing rebuilds the catalog from the files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Edition, EditionSummary } from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import type { Clock } from '../clock.ts';
import { makeDirs } from '../files/make-dirs.ts';
import { storageError } from '../files/storage-errors.ts';
import { Catalog, type EditionFilter } from './catalog.ts';
import { type EditionChanges, editEdition } from './edit-edition.ts';
import { type ImportOutcome, type ImportRequest, importEdition } from './import-edition.ts';
import { archiveFileStat, catalogPath, inside, STATE_DIR } from './layout.ts';
import { type ReindexOptions, type ReindexOutcome, reindex } from './reindex.ts';
import { isDamaged } from './sqlite-errors.ts';
import { Uploads } from './uploads.ts';
import { removeEditionDir } from './write-edition.ts';

/** Editions that came into the archive (or were replaced by other files), and those that left it. */
export interface ArchiveChange {
  added: string[];
  removed: string[];
  /** Editions corrected: their id now, and the id they had (the same if it did not move). */
  edited: EditedEdition[];
}

export interface EditedEdition {
  id: string;
  previous: string;
}

export class Archive {
  readonly root: string;
  readonly catalog: Catalog;
  /** Files received to import (dropped on the app or picked in it). */
  readonly uploads: Uploads;
  readonly #clock: Clock;
  readonly #listeners = new Set<(change: ArchiveChange) => void>();

  private constructor(root: string, catalog: Catalog, clock: Clock) {
    this.root = root;
    this.catalog = catalog;
    this.uploads = new Uploads(root);
    this.#clock = clock;
  }

  /**
   * What opening the archive had to do that the reader should hear of, in one
   * line: a damaged or empty catalog moved aside and rebuilt from the files.
   */
  recovered: string | undefined;

  static async open(root: string, clock: Clock): Promise<Archive> {
    const resolved = path.resolve(root);
    const dbPath = catalogPath(resolved);
    let fresh: boolean;
    let empty: boolean;
    try {
      await makeDirs(path.join(resolved, STATE_DIR));
      const stat = await fs.stat(dbPath).catch(() => undefined);
      fresh = !stat;
      // A catalog of zero bytes would open as a new, empty one: the archive would look empty.
      empty = stat?.size === 0;
    } catch (error) {
      throw storageError(error, `Cannot open the archive at ${resolved}`);
    }
    let catalog: Catalog | undefined;
    let recovered: string | undefined;
    if (!empty) {
      try {
        catalog = new Catalog(dbPath);
      } catch (error) {
        if (!isDamaged(error)) throw storageError(error, `Cannot open the catalog ${dbPath}`);
      }
    }
    if (!catalog) {
      recovered = await moveAside(dbPath, clock, empty ? 'empty' : 'damaged');
      try {
        catalog = new Catalog(dbPath);
      } catch (error) {
        throw storageError(error, `Cannot open the catalog ${dbPath}`);
      }
      fresh = true;
    }
    const archive = new Archive(resolved, catalog, clock);
    archive.recovered = recovered;
    if (fresh) await archive.reindex();
    return archive;
  }

  close(): void {
    this.catalog.close();
  }

  /**
   * Checks the catalog file (SQLite's quick_check, which reads all of it: done
   * when a rebuild is asked for, not at every open). A damaged one is moved
   * aside and replaced by an empty one, for the caller to rebuild from the
   * files; says so in one line.
   */
  async repairCatalog(): Promise<string | undefined> {
    const problems = this.catalog.problems();
    if (problems.length === 0) return undefined;
    const dbPath = catalogPath(this.root);
    this.catalog.close();
    this.recovered = await moveAside(dbPath, this.#clock, `damaged (${problems[0]})`);
    this.catalog.reopen();
    return this.recovered;
  }

  /**
   * Hears of every edition that comes or goes: those this process imports,
   * delivers or removes, and (once watched) those another process does.
   * Returns the unsubscribe function.
   */
  onChange(listener: (change: ArchiveChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Says that editions came or went; those written here say so themselves. */
  announce(change: Partial<ArchiveChange>): void {
    const full = {
      added: change.added ?? [],
      removed: change.removed ?? [],
      edited: change.edited ?? [],
    };
    if (full.added.length + full.removed.length + full.edited.length === 0) return;
    for (const listener of this.#listeners) listener(full);
  }

  async import(request: ImportRequest, signal?: AbortSignal): Promise<ImportOutcome> {
    const outcome = await importEdition(request, {
      root: this.root,
      catalog: this.catalog,
      today: () => this.#clock.today(),
      now: () => this.#clock.now(),
      signal,
    });
    if (outcome.created) this.announce({ added: [outcome.edition.id] });
    return outcome;
  }

  list(filter: EditionFilter = {}): EditionSummary[] {
    return this.catalog.listEditions(filter);
  }

  get(id: string): Edition {
    const found = this.catalog.getEdition(id);
    if (!found) throw new ApiError('not-found', `No edition ${id} in the archive.`);
    return found.edition;
  }

  /** The library's summary of an edition in the catalog. */
  summary(edition: Pick<Edition, 'id' | 'source' | 'date'>): EditionSummary | undefined {
    return this.list({ source: edition.source.id, from: edition.date, to: edition.date }).find(
      (e) => e.id === edition.id,
    );
  }

  async remove(id: string): Promise<void> {
    const found = this.catalog.getEdition(id);
    if (!found) throw new ApiError('not-found', `No edition ${id} in the archive.`);
    await removeEditionDir(this.root, found.dir);
    this.catalog.removeEdition(id);
    this.announce({ removed: [id] });
  }

  /** Corrects an edition's paper, date, edition name or title; its id follows them. */
  async edit(
    id: string,
    changes: EditionChanges,
  ): Promise<{ edition: Edition; previous: Edition }> {
    const outcome = await editEdition(this.root, this.catalog, id, changes);
    this.announce({ edited: [{ id: outcome.edition.id, previous: id }] });
    return outcome;
  }

  reindex(options: ReindexOptions = {}): Promise<ReindexOutcome> {
    return reindex(this.root, this.catalog, options);
  }

  /**
   * The file that holds an edition's page, found through the catalog by ids only.
   * `fileName` must be one of the files the edition lists.
   */
  async file(
    id: string,
    fileName: string,
  ): Promise<{ path: string; bytes: number; sha256: string }> {
    const found = this.catalog.getEdition(id);
    const listed = found?.edition.files.find((f) => f.name === fileName);
    if (!found || !listed) throw new ApiError('not-found', `No file ${fileName} in edition ${id}.`);
    const full = inside(this.root, found.dir, listed.name);
    const stat = await archiveFileStat(this.root, full);
    if (!stat)
      throw new ApiError(
        'not-found',
        `${found.dir}/${fileName} is missing from the archive (or is a link, which is never served).`,
      );
    return { path: full, bytes: stat.size, sha256: listed.sha256 };
  }
}

/**
 * Moves a damaged catalog (and its WAL) aside, kept for whoever wants to look at
 * it; says so in one line, with what was wrong with it (`was`).
 */
async function moveAside(dbPath: string, clock: Clock, was: string): Promise<string> {
  const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
  const aside = `${dbPath}.damaged-${stamp}`;
  try {
    await fs.rename(dbPath, aside);
    for (const suffix of ['-wal', '-shm'])
      await fs.rename(`${dbPath}${suffix}`, `${aside}${suffix}`).catch(() => {});
  } catch (error) {
    throw storageError(error, `Cannot move the damaged catalog ${dbPath} aside`);
  }
  return `The catalog ${dbPath} was ${was}; it was moved to ${path.basename(aside)} and rebuilt from the files.`;
}
