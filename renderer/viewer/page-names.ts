/**
 * The one string of pdf.js's viewer a reader meets here: each page's name for
 * screen readers ("Page 3", pdf.js's `pdfjs-page-landmark`). PDFViewer makes
 * its own localization (GenericL10n) when given none, parsing the whole of its
 * English strings (the toolbar, the editors and dialogs Paperboy does not show)
 * each time an edition is opened: 9 ms of the main thread before pdf.js starts.
 * And it named no page one at a time: PDFViewer pauses it while it puts the
 * page turned to in place, and it translates only what comes after it resumes.
 * This names the pages PDFViewer puts in its container, whenever they come,
 * and leaves the rest.
 */
export class PageNames {
  readonly #roots = new Set<HTMLElement>();
  readonly #observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof HTMLElement) this.#name(node);
  });

  getLanguage(): string {
    return document.documentElement.lang || 'en-US';
  }

  getDirection(): string {
    return 'ltr';
  }

  async get(_ids: string | string[], _args?: object | null, fallback?: string): Promise<string> {
    return fallback ?? '';
  }

  async translate(element: HTMLElement): Promise<void> {
    this.#roots.add(element);
    this.#name(element);
    this.#observer.observe(element, { childList: true, subtree: true });
  }

  async translateOnce(element: HTMLElement): Promise<void> {
    this.#name(element);
  }

  async destroy(): Promise<void> {
    this.#observer.disconnect();
    this.#roots.clear();
  }

  pause(): void {
    this.#observer.takeRecords();
    this.#observer.disconnect();
  }

  resume(): void {
    for (const root of this.#roots) {
      this.#name(root);
      this.#observer.observe(root, { childList: true, subtree: true });
    }
  }

  /** Names the pages at or under `element`. */
  #name(element: HTMLElement): void {
    const pages = element.matches('[data-l10n-id="pdfjs-page-landmark"]')
      ? [element]
      : element.querySelectorAll<HTMLElement>('[data-l10n-id="pdfjs-page-landmark"]');
    for (const page of pages) {
      const n = page.dataset.pageNumber;
      if (n && page.getAttribute('aria-label') !== `Page ${n}`)
        page.setAttribute('aria-label', `Page ${n}`);
    }
  }
}
