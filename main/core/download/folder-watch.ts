/**
 * Folder sources are watched, not only looked at on schedule: a PDF that
 * appears in a followed folder (a scanner's, a sync client's) is imported once
 * it has stopped growing — never half-copied. For each folder:
 *   1. a change in it (fs.watch) asks for a look, DEBOUNCE_MS later (more
 *      changes in the meantime push the look back);
 *   2. a look notes every PDF's size and time; one seen the same at two looks
 *      in a row, and not handled before, is ready — while any PDF is still
 *      changing, another look follows;
 *   3. the dates of the ready files (from their names) are delivered, which
 *      imports every file of that date with the usual checks.
 */
import { type FSWatcher, watch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SourceDefinition } from '../../common/source-definition.ts';
import { dateFromName } from '../archive/name-hints.ts';

export const DEBOUNCE_MS = 1000;

interface Watched {
  folder: string;
  watcher: FSWatcher;
  timer?: NodeJS.Timeout;
  /** Each PDF as last seen: "size mtime". */
  seen: Map<string, string>;
  /** PDFs delivered as they were ("name size mtime"). */
  handled: Set<string>;
}

export class FolderWatch {
  readonly #deliver: (source: string, date: string) => Promise<unknown>;
  readonly #onError: (error: unknown) => void;
  readonly #debounceMs: number;
  readonly #watched = new Map<string, Watched>();

  readonly #onLook: (source: string, changing: boolean) => void;

  constructor(options: {
    deliver: (source: string, date: string) => Promise<unknown>;
    onError: (error: unknown) => void;
    debounceMs?: number;
    /** After each look at a folder: whether a file in it was still changing. */
    onLook?: (source: string, changing: boolean) => void;
  }) {
    this.#deliver = options.deliver;
    this.#onError = options.onError;
    this.#debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.#onLook = options.onLook ?? (() => {});
  }

  /** Watches the folders of these sources, and no others. */
  sync(definitions: readonly SourceDefinition[]): void {
    const wanted = new Map(
      definitions.filter((d) => d.kind === 'folder' && d.folder).map((d) => [d.id, d.folder!]),
    );
    for (const [id, entry] of this.#watched) {
      if (wanted.get(id) === entry.folder) continue;
      this.#unwatch(id);
    }
    for (const [id, folder] of wanted) {
      if (this.#watched.has(id)) continue;
      try {
        const watcher = watch(folder, () => this.#soon(id));
        watcher.on('error', (error) => {
          this.#unwatch(id);
          this.#onError(error);
        });
        watcher.unref();
        this.#watched.set(id, { folder, watcher, seen: new Map(), handled: new Set() });
        // What is there already counts as seen once, so it is taken at the next look.
        this.#soon(id);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  close(): void {
    for (const id of [...this.#watched.keys()]) this.#unwatch(id);
  }

  #unwatch(id: string): void {
    const entry = this.#watched.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.watcher.close();
    this.#watched.delete(id);
  }

  #soon(id: string): void {
    const entry = this.#watched.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      this.#look(id).catch(this.#onError);
    }, this.#debounceMs);
    entry.timer.unref();
  }

  async #look(id: string): Promise<void> {
    const entry = this.#watched.get(id);
    if (!entry) return;
    const names = (await fs.readdir(entry.folder)).filter((n) => /\.pdf$/i.test(n));
    const now = new Map<string, string>();
    for (const name of names) {
      const stat = await fs.stat(path.join(entry.folder, name)).catch(() => undefined);
      if (stat?.isFile()) now.set(name, `${stat.size} ${stat.mtimeMs}`);
    }
    const changing = [...now].some(([name, state]) => entry.seen.get(name) !== state);
    entry.seen = now;
    this.#onLook(id, changing);
    // A file still being written: look again before taking any of its date.
    if (changing) return this.#soon(id);
    const byDate = new Map<string, string[]>();
    for (const [name, state] of now) {
      const key = `${name} ${state}`;
      const date = dateFromName(name);
      if (entry.handled.has(key) || !date) continue;
      entry.handled.add(key);
      byDate.set(date, [...(byDate.get(date) ?? []), key]);
    }
    for (const [date, keys] of [...byDate].sort()) {
      try {
        await this.#deliver(id, date);
      } catch (error) {
        // Taken again at the next look (another delivery of the source may hold its lock).
        for (const key of keys) entry.handled.delete(key);
        this.#onError(error);
        this.#soon(id);
      }
    }
  }
}
