/**
 * pdf.js set-up and the open documents. Files load by URL with Range requests
 * and no auto-fetch, so a whole-edition PDF shows page 1 before it is read whole.
 * The worker, WebAssembly decoders (JPX/JBIG2 scans), standard fonts and cMaps
 * are bundled (see vite.config.ts), so nothing comes from the network.
 */
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { pdfjsLib } from './pdfjs.ts';

const asset = (path: string) => new URL(`pdfjs/${path}`, document.baseURI).href;

/** Keeps the most recently used documents open; older ones are destroyed. */
export class DocumentCache {
  #open = new Map<string, PDFDocumentLoadingTask>();
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
    const task = pdfjsLib.getDocument({
      url,
      cMapUrl: asset('cmaps/'),
      cMapPacked: true,
      standardFontDataUrl: asset('standard_fonts/'),
      wasmUrl: asset('wasm/'),
      disableAutoFetch: true,
      disableStream: true,
    });
    task.promise.catch(() => this.#open.delete(url));
    this.#open.set(url, task);
    while (this.#open.size > this.#limit) {
      const [oldest, old] = this.#open.entries().next().value as [string, PDFDocumentLoadingTask];
      this.#open.delete(oldest);
      old.destroy().catch(() => {});
    }
    return task.promise;
  }

  async page(url: string, index: number): Promise<PDFPageProxy> {
    return (await this.get(url)).getPage(index);
  }

  clear(): void {
    for (const task of this.#open.values()) task.destroy().catch(() => {});
    this.#open.clear();
  }
}
