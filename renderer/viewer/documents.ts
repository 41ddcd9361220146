/**
 * pdf.js set-up and the open documents. Files load by URL with Range requests
 * and no auto-fetch, so a whole-edition PDF shows page 1 before it is read whole.
 * The worker and pdf.js's resources (pdfjs-resources.ts: WebAssembly decoders,
 * standard fonts, cMaps, ICC profiles) are bundled (see vite.config.ts), so
 * nothing comes from the network.
 */
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy, PDFWorker } from 'pdfjs-dist';
import { pdfjsResources } from '../../main/common/pdfjs-resources.ts';
import { pdfjsLib } from './pdfjs.ts';

const RESOURCES = pdfjsResources(new URL('pdfjs/', document.baseURI).href);

/**
 * Keeps the most recently used documents open; older ones are destroyed, except
 * those pinned by an open reader (its pages are on screen and must stay usable).
 */
export class DocumentCache {
  #open = new Map<string, PDFDocumentLoadingTask>();
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
    if (!this.#worker || this.#worker.destroyed) this.#worker = new pdfjsLib.PDFWorker();
    const task = pdfjsLib.getDocument({
      url,
      worker: this.#worker,
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
    task.promise.catch(() => {
      if (this.#open.get(url) === task) this.#open.delete(url);
    });
    this.#open.set(url, task);
    this.#trim();
    return task.promise;
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
    for (const task of this.#open.values()) task.destroy().catch(() => {});
    this.#open.clear();
  }

  #trim(): void {
    const unpinned = [...this.#open.keys()].filter((url) => !this.#pins.has(url));
    while (unpinned.length > this.#limit) {
      const oldest = unpinned.shift()!;
      const task = this.#open.get(oldest)!;
      this.#open.delete(oldest);
      task.destroy().catch(() => {});
    }
  }
}
