/**
 * pdf.js set-up and the open documents. Files load by URL with Range requests
 * and no auto-fetch, so a whole-edition PDF shows page 1 before it is read whole.
 * The worker and pdf.js's resources (pdfjs-resources.ts: WebAssembly decoders,
 * standard fonts, cMaps, ICC profiles) are bundled (see vite.config.ts), so
 * nothing comes from the network. pdf.js itself is loaded when a document is
 * first asked for, or when warm() says one soon will be (load-viewer.ts).
 */
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy, PDFWorker } from 'pdfjs-dist';
import { pdfjsResources } from '../../main/common/pdfjs-resources.ts';
import { loadViewer, type ViewerParts } from './load-viewer.ts';

const RESOURCES = pdfjsResources(new URL('pdfjs/', document.baseURI).href);

/** A document being opened: its loading task exists once pdf.js has loaded. */
interface Opening {
  promise: Promise<PDFDocumentProxy>;
  task?: PDFDocumentLoadingTask;
  closed?: boolean;
}

/**
 * Keeps the most recently used documents open; older ones are destroyed, except
 * those pinned by an open reader (its pages are on screen and must stay usable).
 */
export class DocumentCache {
  #open = new Map<string, Opening>();
  /**
   * One pdf.js worker for every document. Left to itself, pdf.js starts a worker
   * (a thread that loads and compiles its 1 MB parser) for each document and
   * ends it with the document: a per-page edition started one per page file.
   * Documents given a worker do not end it when they are destroyed.
   */
  #worker: PDFWorker | undefined;
  readonly #pins = new Map<string, number>();
  readonly #limit: number;

  constructor(limit = 6) {
    this.#limit = limit;
  }

  get(url: string): Promise<PDFDocumentProxy> {
    const known = this.#open.get(url);
    if (known) {
      this.#open.delete(url);
      this.#open.set(url, known);
      return known.promise;
    }
    const opening: Opening = {
      promise: this.#lib().then((lib) => {
        if (opening.closed) throw new Error('The document was closed before it opened.');
        opening.task = lib.getDocument({
          url,
          worker: this.#workerOf(lib),
          ...RESOURCES,
          disableAutoFetch: true,
          disableStream: true,
          // Photos decoded by pdf.js in its worker, not by the browser's ImageDecoder. The
          // browser's decoder opens photo pages faster (test/bench/reader: a jump to a page
          // not rendered ahead 192 against 311 ms), but after a 100-page edition the tab
          // held 470-518 MB against 386-425 MB: over the reader's 500 MB budget in one run
          // of five and within 30 MB of it in the others (generated pages, a photo or none each).
          isImageDecoderSupported: false,
        });
        return opening.task.promise;
      }),
    };
    opening.promise.catch(() => {
      if (this.#open.get(url) === opening) this.#open.delete(url);
    });
    this.#open.set(url, opening);
    this.#trim();
    return opening.promise;
  }

  /**
   * Loads pdf.js and starts its worker (which loads and compiles its own 1 MB
   * parser) now, while the page's preview is shown and the edition is asked
   * for, rather than when the first document is opened.
   */
  warm(): void {
    this.#lib().then(
      (lib) => this.#workerOf(lib),
      () => {},
    );
  }

  #lib(): Promise<ViewerParts['pdfjsLib']> {
    return loadViewer().then((parts) => parts.pdfjsLib);
  }

  #workerOf(lib: ViewerParts['pdfjsLib']): PDFWorker {
    if (!this.#worker || this.#worker.destroyed) this.#worker = new lib.PDFWorker();
    return this.#worker;
  }

  async page(url: string, index: number): Promise<PDFPageProxy> {
    return (await this.get(url)).getPage(index);
  }

  /**
   * Runs `work` on a page with its document kept open until the work is done:
   * a cover or a thumbnail being drawn is never closed under it by newer ones
   * (many covers come into view at once, more than the cache keeps).
   */
  async withPage<T>(
    url: string,
    index: number,
    work: (page: PDFPageProxy) => Promise<T>,
  ): Promise<T> {
    this.pin(url);
    try {
      return await work(await this.page(url, index));
    } finally {
      this.unpin(url);
    }
  }

  /** Keeps url open until as many unpin calls; the reader pins the files it shows. */
  pin(url: string): void {
    this.#pins.set(url, (this.#pins.get(url) ?? 0) + 1);
  }

  unpin(url: string): void {
    const left = (this.#pins.get(url) ?? 1) - 1;
    if (left > 0) this.#pins.set(url, left);
    else this.#pins.delete(url);
    this.#trim();
  }

  clear(): void {
    for (const opening of this.#open.values()) close(opening);
    this.#open.clear();
  }

  #trim(): void {
    const unpinned = [...this.#open.keys()].filter((url) => !this.#pins.has(url));
    while (unpinned.length > this.#limit) {
      const oldest = unpinned.shift()!;
      const opening = this.#open.get(oldest)!;
      this.#open.delete(oldest);
      close(opening);
    }
  }
}

function close(opening: Opening): void {
  opening.closed = true;
  opening.task?.destroy().catch(() => {});
}
