/**
 * An edition as one document for pdf.js's PDFViewer. An edition may be one PDF
 * or one PDF a page (as most e-paper sites serve it); PDFViewer shows a single
 * PDFDocumentProxy, so this object answers the part of that interface the viewer
 * uses — numPages, getPage, metadata and loading parameters — and hands each page
 * out from its own file. Files open when one of their pages is first needed and
 * stay pinned in the document cache while the edition is open.
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import type { DocumentCache } from './documents.ts';

export interface EditionPageSource {
  url: string;
  /** 1-based page within the file. */
  index: number;
}

export class EditionDocument {
  readonly #docs: DocumentCache;
  readonly #pages: EditionPageSource[];
  readonly #pinned = new Set<string>();
  #closed = false;
  /** PDFViewer reads this: pages are fetched as they are shown, never all up front. */
  readonly loadingParams = { disableAutoFetch: true };

  constructor(docs: DocumentCache, pages: EditionPageSource[]) {
    this.#docs = docs;
    this.#pages = pages;
  }

  get numPages(): number {
    return this.#pages.length;
  }

  async getPage(n: number): Promise<PDFPageProxy> {
    const source = this.#pages[n - 1];
    if (!source) throw new Error(`No page ${n}`);
    if (this.#closed) throw new Error('The edition is closed.');
    if (!this.#pinned.has(source.url)) {
      this.#pinned.add(source.url);
      this.#docs.pin(source.url);
    }
    return this.#docs.page(source.url, source.index);
  }

  /**
   * Undefined on purpose: each page then renders with its own file's optional
   * content (layers), which a composite cannot share.
   */
  getOptionalContentConfig(): undefined {
    return undefined;
  }

  async getMetadata(): Promise<{ info: Record<string, unknown> }> {
    return { info: {} };
  }

  /** The labels a whole-edition PDF carries (A1, B3…), when it is one file that has them. */
  async getPageLabels(): Promise<string[] | null> {
    const urls = new Set(this.#pages.map((page) => page.url));
    if (urls.size !== 1) return null;
    const [url] = urls;
    const doc = await this.#docs.get(url!);
    const labels = await doc.getPageLabels();
    return labels && labels.length === this.#pages.length ? labels : null;
  }

  /**
   * Frees what pdf.js keeps for pages already drawn (operator lists, fonts and
   * images, in the page and in its worker), as pdf.js's own viewer does when
   * idle. Pages drawn since are drawn again from the file if shown.
   */
  async cleanup(): Promise<void> {
    await Promise.all(
      [...this.#pinned].map((url) =>
        this.#docs.get(url).then(
          (doc) => doc.cleanup(),
          () => {},
        ),
      ),
    );
  }

  close(): void {
    this.#closed = true;
    for (const url of this.#pinned) this.#docs.unpin(url);
    this.#pinned.clear();
  }
}
