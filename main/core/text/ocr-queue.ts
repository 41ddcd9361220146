/**
 * Reads the archive's pages that have no usable text with OCR, one page at a
 * time, newest first, and puts their words in the index (quality "ocr"). Runs
 * in the background in the app and `serve`; `paperboy ocr` runs it on demand.
 * A page that cannot be read is recorded and skipped; the queue goes on.
 * Stopping aborts between pages and ends the tesseract.js worker.
 */
import { cancelled } from '../../common/errors.ts';
import type { Archive } from '../archive/archive.ts';
import { readingOrder } from '../words/page-words.ts';
import { writeOcrFile } from './ocr-files.ts';
import { OcrEngine, type OcrStep } from './ocr-page.ts';
import type { TextStore } from './text-store.ts';

export interface OcrProgress {
  edition: string;
  page: number;
  words: number;
}

/** A page OCR could not read, and why. */
export interface OcrFailure {
  edition: string;
  page: number;
  reason: string;
}

export interface OcrRun {
  edition?: string;
  onPage?: (progress: OcrProgress) => void;
  /** How far the page being read is: drawn, then the fraction read. */
  onStep?: (at: { edition: string; page: number } & OcrStep) => void;
  /** A page that could not be read: it is recorded, and the queue goes on. */
  onFailed?: (failure: OcrFailure) => void;
  /** Stops this run (at once, the page being read included); the run then rejects as aborted. */
  signal?: AbortSignal;
}

export class OcrQueue {
  readonly #archive: Archive;
  readonly #store: TextStore;
  #engine: OcrEngine;
  readonly #stop = new AbortController();
  #running: Promise<number> | undefined;
  /**
   * Pages that failed, by "edition:page": not tried again while this process
   * runs (one page that cannot be drawn must not hold up every other page, nor
   * be redrawn on every pass); the next start tries them once more.
   */
  readonly #failed = new Map<string, string>();

  /** Engines for the sources read in languages of their own, by their languages. */
  readonly #ownEngines = new Map<string, OcrEngine>();
  readonly #sourceLanguages: (source: string) => Promise<string[] | undefined>;

  /**
   * `languages` are the reader's (the setting); `sourceLanguages` gives a
   * source's own (its definition's `ocrLanguages`), read in where it has them.
   */
  constructor(
    archive: Archive,
    store: TextStore,
    languages: string[] = ['eng'],
    sourceLanguages: (source: string) => Promise<string[] | undefined> = async () => undefined,
  ) {
    this.#archive = archive;
    this.#store = store;
    this.#engine = new OcrEngine(languages);
    this.#sourceLanguages = sourceLanguages;
  }

  /** The engine for a source's pages: in its own languages, or the reader's. */
  async #engineFor(source: string): Promise<OcrEngine> {
    const own = await this.#sourceLanguages(source).catch(() => undefined);
    if (!own?.length) return this.#engine;
    const key = own.join('+');
    const kept = this.#ownEngines.get(key);
    if (kept) return kept;
    // A language that is not installed here fails each page of the source with why.
    const engine = new OcrEngine(own);
    this.#ownEngines.set(key, engine);
    return engine;
  }

  /**
   * Reads in other languages from the next page on (the reader's setting); the
   * engine reading in the old ones is closed once the current run is done.
   */
  setLanguages(languages: string[]): void {
    const old = this.#engine;
    this.#engine = new OcrEngine(languages);
    const done = this.#running ?? Promise.resolve(0);
    void done.finally(() => old.close()).catch(() => {});
    // Pages that failed in the old languages may be read in the new ones.
    this.#failed.clear();
  }

  /** Reads every page waiting for OCR (or those of one edition); resolves with how many were read. */
  run(options: OcrRun = {}): Promise<number> {
    const previous = this.#running ?? Promise.resolve(0);
    const next = previous.then(() => this.#work(options));
    this.#running = next.catch(() => 0);
    return next;
  }

  /** The pages that failed in this process, and why. */
  failures(): OcrFailure[] {
    return [...this.#failed].map(([key, reason]) => {
      const at = key.lastIndexOf(':');
      return { edition: key.slice(0, at), page: Number(key.slice(at + 1)), reason };
    });
  }

  async #work(options: OcrRun): Promise<number> {
    let done = 0;
    const stop = options.signal
      ? AbortSignal.any([this.#stop.signal, options.signal])
      : this.#stop.signal;
    for (const { edition, page } of this.#store.unreadable()) {
      if (options.signal?.aborted) throw cancelled();
      if (stop.aborted) break;
      if (options.edition && edition !== options.edition) continue;
      const key = `${edition}:${page}`;
      if (this.#failed.has(key)) continue;
      const found = this.#archive.catalog.getEdition(edition);
      const info = found?.edition.pages.find((p) => p.n === page);
      if (!found || !info) continue;
      let words: Awaited<ReturnType<OcrEngine['read']>>;
      try {
        const { path } = await this.#archive.file(edition, info.file);
        const engine = await this.#engineFor(found.edition.source.id);
        words = await engine.read(path, info.file, info, undefined, stop, (step) =>
          options.onStep?.({ edition, page, ...step }),
        );
      } catch (error) {
        if (options.signal?.aborted) throw cancelled();
        if (stop.aborted) break;
        const reason = (error as Error)?.message ?? String(error);
        this.#failed.set(key, reason);
        options.onFailed?.({ edition, page, reason });
        continue;
      }
      const ordered = readingOrder(words);
      // Kept with the page's files, so a rebuilt catalog does not read the page again.
      await writeOcrFile(this.#archive.root, found, page, ordered).catch((error: Error) =>
        options.onFailed?.({
          edition,
          page,
          reason: `read, but not saved beside the page: ${error.message}`,
        }),
      );
      this.#store.replacePage(edition, page, ordered, 'ocr');
      done++;
      options.onPage?.({ edition, page, words: words.length });
    }
    return done;
  }

  async close(): Promise<void> {
    this.#stop.abort();
    await Promise.all([this.#engine, ...this.#ownEngines.values()].map((e) => e.close()));
    await this.#running?.catch(() => {});
  }
}
