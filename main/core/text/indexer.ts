/**
 * Keeps the text index in step with the archive: an edition's pages are read in
 * the pdf.js worker pool as it arrives, one edition at a time in the
 * background, and editions not yet indexed (an older catalog, a rebuild) are
 * caught up. Pages without usable text are stored and flagged as such.
 */
import type { Archive } from '../archive/archive.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import { readOcrFile } from './ocr-files.ts';
import { type StoredPage, TextStore } from './text-store.ts';

export class Indexer {
  readonly store: TextStore;
  readonly #archive: Archive;
  readonly #onIndexed: (edition: string) => void;
  readonly #onError: (edition: string, error: unknown) => void;
  readonly #stop = new AbortController();
  #queue: Promise<void> = Promise.resolve();
  readonly #queued = new Set<string>();
  readonly #unsubscribe: () => void;

  constructor(
    archive: Archive,
    events: {
      onIndexed?: (edition: string) => void;
      onError?: (edition: string, error: unknown) => void;
    } = {},
  ) {
    this.#archive = archive;
    this.store = new TextStore(archive.catalog);
    this.#onIndexed = events.onIndexed ?? (() => {});
    this.#onError = events.onError ?? (() => {});
    // Every edition that comes into the archive is read in the background.
    this.#unsubscribe = archive.onChange(({ added }) => {
      // An edition that came with its text (a corrected one, its pages the same) is not read again.
      for (const id of added) if (!this.store.indexed(id)) void this.enqueue(id);
    });
  }

  /** Reads and indexes one edition's text now. */
  async indexEdition(id: string, signal?: AbortSignal): Promise<void> {
    const edition = this.#archive.get(id);
    const pages: StoredPage[] = [];
    // Where the edition's folder is, looked up once, for pages OCR has read before.
    let placed: { edition: typeof edition; dir: string } | undefined;
    for (const file of edition.files) {
      signal?.throwIfAborted();
      const { path } = await this.#archive.file(id, file.name);
      const texts = await pdfPool().text(
        path,
        file.name,
        edition.pages.filter((p) => p.file === file.name).length,
      );
      for (const page of edition.pages.filter((p) => p.file === file.name)) {
        const text = texts.find((t) => t.index === page.index);
        const quality = text?.quality ?? 'none';
        // A page without usable text that OCR has read before: its words are in a file.
        placed ??= quality === 'good' ? undefined : this.#archive.catalog.getEdition(id);
        const ocr =
          quality === 'good' || !placed
            ? undefined
            : await readOcrFile(this.#archive.root, placed, page.n);
        // A page OCR has read has its articles found when first asked for (articles/).
        pages.push(
          ocr
            ? { page: page.n, words: ocr, quality: 'ocr' }
            : { page: page.n, words: text?.words ?? [], quality, articles: text?.articles ?? [] },
        );
      }
    }
    // The edition may have been removed or replaced while it was read.
    if (this.#archive.catalog.getEdition(id)?.edition.importedAt !== edition.importedAt) return;
    await this.store.putYielding({ id, source: edition.source.id, date: edition.date }, pages);
    this.#onIndexed(id);
  }

  /**
   * Makes sure an edition's text is in the index before it is read (a page's
   * text, a clip): indexes it now, joining the background queue, if it is not
   * there yet. An edition already indexed is never read again here, so asking
   * for a page it does not have costs nothing and keeps its OCR.
   */
  async ensureIndexed(id: string, signal?: AbortSignal): Promise<void> {
    if (this.store.indexed(id) || !this.#archive.catalog.getEdition(id)) return;
    await this.enqueue(id);
    signal?.throwIfAborted();
    if (!this.store.indexed(id) && this.#archive.catalog.getEdition(id))
      await this.indexEdition(id, signal);
  }

  /** Queues an edition for indexing in the background; resolves when it is done. */
  enqueue(id: string): Promise<void> {
    if (this.#queued.has(id)) return this.#queue;
    this.#queued.add(id);
    this.#queue = this.#queue
      .then(() =>
        this.#stop.signal.aborted ? undefined : this.indexEdition(id, this.#stop.signal),
      )
      .catch((error) => {
        if (!this.#stop.signal.aborted) this.#onError(id, error);
      })
      .finally(() => this.#queued.delete(id));
    return this.#queue;
  }

  /** Stops after the page being read; what is not indexed is caught up next time. */
  async close(): Promise<void> {
    this.#unsubscribe();
    this.#stop.abort();
    await this.#queue;
  }

  /** Queues every edition that is not indexed yet. */
  catchUp(): Promise<void> {
    for (const id of this.store.unindexed()) void this.enqueue(id);
    return this.#queue;
  }

  /** Resolves when the queue is empty. */
  idle(): Promise<void> {
    return this.#queue;
  }
}
