/**
 * Shows one page at a time, the page as the hero, using pdf.js's PDFPageView
 * (canvas, text layer for selection). The next and previous pages are rendered
 * ahead in hidden views, so a flip shows at once. Each finished render is
 * re-dispatched on the stage element as a `pagerendered` DOM event, so tests and
 * the UI can wait on it rather than on time.
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import type { PDFPageView as PDFPageViewType } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { viewer } from './pdfjs.ts';

const { EventBus, PDFPageView, RenderingStates } = viewer;

export type FitMode = 'width' | 'page';

export interface StagePage {
  n: number;
  load: () => Promise<PDFPageProxy>;
}

interface View {
  n: number;
  holder: HTMLDivElement;
  view: PDFPageViewType;
  page: PDFPageProxy;
  rendered: Promise<void>;
}

export type Box = [number, number, number, number];
export type MarkKind = 'hits' | 'regions' | 'current';
const MARK_KINDS: MarkKind[] = ['hits', 'regions', 'current'];

const KEEP = 4;
const GAP = 24;

export class PageStage {
  readonly element: HTMLDivElement;
  #eventBus = new EventBus();
  #views = new Map<number, View>();
  readonly #marks = new Map<number, Map<MarkKind, Box[]>>();
  #current: number | undefined;
  #fit: FitMode = 'page';
  #pages: StagePage[] = [];
  #resize: ResizeObserver;

  constructor(parent: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'stage';
    this.element.tabIndex = -1;
    parent.append(this.element);
    this.#eventBus.on(
      'pagerendered',
      ({ pageNumber, error }: { pageNumber: number; error?: unknown }) => {
        const drawn = this.#views.get(pageNumber);
        if (drawn) this.#drawMarks(drawn);
        if (pageNumber !== this.#current) return;
        this.element.dataset.rendered = String(pageNumber);
        this.element.dispatchEvent(
          new CustomEvent('pagerendered', { bubbles: true, detail: { page: pageNumber, error } }),
        );
      },
    );
    this.#resize = new ResizeObserver(() => this.#rescaleAll());
    this.#resize.observe(this.element);
  }

  /**
   * Marks boxes on a page, in PDF space: [x, y, width, height], origin
   * bottom-left — search hits (filled) or a story's regions (outlined). They
   * follow the page through zoom and re-renders.
   */
  setMarks(n: number, kind: MarkKind, boxes: Box[]): void {
    const marks = this.#marks.get(n) ?? new Map<MarkKind, Box[]>();
    this.#marks.set(n, marks.set(kind, boxes));
    const view = this.#views.get(n);
    if (view) this.#drawMarks(view);
  }

  setHighlights(n: number, boxes: Box[]): void {
    this.setMarks(n, 'hits', boxes);
  }

  /** Brings page n's first mark of a kind into view (the current find hit, a region). */
  reveal(n: number, kind: MarkKind): void {
    const mark = this.#views.get(n)?.view.div.querySelector<HTMLElement>(`.${kind} > *`);
    mark?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  #drawMarks(view: View): void {
    const pageDiv = view.view.div as HTMLDivElement;
    for (const kind of MARK_KINDS) {
      pageDiv.querySelector(`.${kind}`)?.remove();
      const boxes = this.#marks.get(view.n)?.get(kind);
      if (!boxes?.length) continue;
      const layer = document.createElement('div');
      layer.className = kind;
      layer.dataset.count = String(boxes.length);
      const viewport = view.view.viewport;
      for (const [x, y, w, h] of boxes) {
        const [x1, y1] = viewport.convertToViewportPoint(x, y) as [number, number];
        const [x2, y2] = viewport.convertToViewportPoint(x + w, y + h) as [number, number];
        const mark = document.createElement('div');
        mark.className = { hits: 'hit', regions: 'region', current: 'hit current' }[kind];
        mark.style.left = `${Math.min(x1, x2)}px`;
        mark.style.top = `${Math.min(y1, y2)}px`;
        mark.style.width = `${Math.abs(x2 - x1)}px`;
        mark.style.height = `${Math.abs(y2 - y1)}px`;
        layer.append(mark);
      }
      pageDiv.append(layer);
    }
  }

  /**
   * A rectangle given in client coordinates over page n, in PDF space
   * ([x, y, width, height], points, origin bottom-left), as pdf.js's viewport
   * converts it; undefined when the page is not on the stage.
   */
  toPdfRect(n: number, a: { x: number; y: number }, b: { x: number; y: number }): Box | undefined {
    const view = this.#views.get(n);
    if (!view) return undefined;
    const origin = (view.view.div as HTMLElement).getBoundingClientRect();
    const viewport = view.view.viewport;
    const [x1, y1] = viewport.convertToPdfPoint(a.x - origin.left, a.y - origin.top) as number[];
    const [x2, y2] = viewport.convertToPdfPoint(b.x - origin.left, b.y - origin.top) as number[];
    const round = (v: number) => Math.round(v * 10) / 10;
    return [
      round(Math.min(x1!, x2!)),
      round(Math.min(y1!, y2!)),
      round(Math.abs(x2! - x1!)),
      round(Math.abs(y2! - y1!)),
    ];
  }

  /** The element that shows page n, when it is on the stage. */
  pageElement(n: number): HTMLElement | undefined {
    return this.#views.get(n)?.view.div as HTMLElement | undefined;
  }

  setPages(pages: StagePage[]): void {
    this.#marks.clear();
    for (const view of this.#views.values()) this.#drop(view);
    this.#views.clear();
    this.#pages = pages;
    this.#current = undefined;
  }

  get fit(): FitMode {
    return this.#fit;
  }

  setFit(fit: FitMode): void {
    this.#fit = fit;
    this.element.dataset.fit = fit;
    this.#rescaleAll();
  }

  /** Shows page n (1-based); resolves when it is on screen. */
  async show(n: number): Promise<void> {
    this.#current = n;
    delete this.element.dataset.rendered;
    const view = await this.#viewFor(n);
    if (this.#current !== n) return;
    for (const other of this.#views.values()) other.holder.hidden = other !== view;
    this.element.scrollTo({ top: 0, left: 0 });
    if (view.view.renderingState === RenderingStates.FINISHED) {
      this.element.dataset.rendered = String(n);
      this.element.dispatchEvent(
        new CustomEvent('pagerendered', { bubbles: true, detail: { page: n } }),
      );
    }
    await view.rendered;
    // Render ahead in reading direction first, then behind.
    for (const next of [n + 1, n - 1]) {
      if (this.#current !== n) return;
      if (next >= 1 && next <= this.#pages.length)
        await this.#viewFor(next).then((v) => v.rendered);
    }
    this.#evict(n);
  }

  destroy(): void {
    this.#resize.disconnect();
    for (const view of this.#views.values()) this.#drop(view);
    this.#views.clear();
    this.element.remove();
  }

  async #viewFor(n: number): Promise<View> {
    const known = this.#views.get(n);
    if (known) return known;
    const spec = this.#pages[n - 1];
    if (!spec) throw new Error(`No page ${n}`);
    const page = await spec.load();
    const again = this.#views.get(n);
    if (again) return again;
    const holder = document.createElement('div');
    holder.className = 'stage-page';
    holder.hidden = n !== this.#current;
    this.element.append(holder);
    const scale = this.#scaleFor(page);
    const view = new PDFPageView({
      container: holder,
      id: n,
      scale,
      defaultViewport: page.getViewport({ scale: 1 }),
      eventBus: this.#eventBus,
      annotationMode: 0,
    });
    view.setPdfPage(page);
    const entry: View = { n, holder, view, page, rendered: view.draw().catch(() => {}) };
    this.#views.set(n, entry);
    return entry;
  }

  #scaleFor(page: PDFPageProxy): number {
    const viewport = page.getViewport({ scale: 1 });
    // PDFPageView sizes pages in CSS pixels at 96 dpi, one PDF point being 96/72 px.
    const cssWidth = (viewport.width * 96) / 72;
    const cssHeight = (viewport.height * 96) / 72;
    const width = Math.max(200, this.element.clientWidth - GAP * 2);
    const height = Math.max(200, this.element.clientHeight - GAP * 2);
    const byWidth = width / cssWidth;
    return this.#fit === 'width' ? byWidth : Math.min(byWidth, height / cssHeight);
  }

  #rescaleAll(): void {
    for (const view of this.#views.values()) {
      const scale = this.#scaleFor(view.page);
      if (Math.abs(scale - view.view.scale) < 0.005) continue;
      view.view.update({ scale });
      view.rendered = view.view.draw().catch(() => {});
    }
  }

  #evict(around: number): void {
    const far = [...this.#views.values()].sort(
      (a, b) => Math.abs(b.n - around) - Math.abs(a.n - around),
    );
    while (this.#views.size > KEEP && far.length) {
      const view = far.shift()!;
      if (Math.abs(view.n - around) <= 1) break;
      this.#drop(view);
      this.#views.delete(view.n);
    }
  }

  #drop(view: View): void {
    view.view.destroy();
    view.page.cleanup();
    view.holder.remove();
  }
}
