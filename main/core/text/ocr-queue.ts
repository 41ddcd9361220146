/**
 * Reads the archive's pages that have no usable text with OCR, one page at a
 * time, newest first, and puts their words in the index (quality "ocr"). Runs
 * in the background in the app and `serve`; `paperboy ocr` runs it on demand.
 * Stopping aborts between pages and ends the tesseract.js worker.
 */
import type { Archive } from '../archive/archive.ts';
import { OcrEngine } from './ocr-page.ts';
import { readingOrder } from './page-words.ts';
import type { TextStore } from './text-store.ts';

export interface OcrProgress {
  edition: string;
  page: number;
  words: number;
}

export class OcrQueue {
  readonly #archive: Archive;
  readonly #store: TextStore;
  readonly #engine: OcrEngine;
  readonly #stop = new AbortController();
  #running: Promise<number> | undefined;

  constructor(archive: Archive, store: TextStore, languages: string[] = ['eng']) {
    this.#archive = archive;
    this.#store = store;
    this.#engine = new OcrEngine(languages);
  }

  /** Reads every page waiting for OCR (or those of one edition); resolves with how many were read. */
  run(
    options: { edition?: string; onPage?: (progress: OcrProgress) => void } = {},
  ): Promise<number> {
    const previous = this.#running ?? Promise.resolve(0);
    const next = previous.then(() => this.#work(options));
    this.#running = next.catch(() => 0);
    return next;
  }

  async #work(options: {
    edition?: string;
    onPage?: (progress: OcrProgress) => void;
  }): Promise<number> {
    let done = 0;
    for (const { edition, page } of this.#store.unreadable()) {
      if (this.#stop.signal.aborted) break;
      if (options.edition && edition !== options.edition) continue;
      const found = this.#archive.catalog.getEdition(edition);
      const info = found?.edition.pages.find((p) => p.n === page);
      if (!found || !info) continue;
      const { path } = await this.#archive.file(edition, info.file);
      const words = await this.#engine.read(path, info.file, info, undefined, this.#stop.signal);
      this.#store.replacePage(edition, page, readingOrder(words), 'ocr');
      done++;
      options.onPage?.({ edition, page, words: words.length });
    }
    return done;
  }

  async close(): Promise<void> {
    this.#stop.abort();
    await this.#engine.close();
    await this.#running?.catch(() => {});
  }
}
