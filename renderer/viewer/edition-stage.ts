/**
 * The pages of an edition, shown by pdf.js's own PDFViewer: its rendering queue
 * (the page in view first, then the next in reading direction), text layers,
 * scroll and spread modes, zoom and detail view (the visible area re-rendered
 * sharp beyond the canvas cap at high zoom, HiDPI aware). Around it, what a
 * newspaper reader needs: marks (search hits, linked regions), night and sepia
 * pages that keep photographs natural, panning by drag, Ctrl+wheel and pinch
 * zoom, the previous page rendered too once the view is idle, off-screen renders
 * cancelled, and rendered pages kept within a memory budget.
 *
 * The current page's first finished render is re-dispatched on the stage element
 * as a `pagerendered` DOM event and recorded in `data-rendered`, so tests and the
 * UI wait on it rather than on time.
 */
import type { PDFPageView, PDFViewer as PDFViewerType } from 'pdfjs-dist/web/pdf_viewer.mjs';
import {
  MAX_ZOOM,
  MIN_ZOOM,
  type PageThemeName,
  type ReaderLayout,
} from '../../main/common/settings.ts';
import type { DocumentCache } from './documents.ts';
import { EditionDocument, type EditionPageSource } from './edition-document.ts';
import { PageTheme } from './page-theme.ts';
import { pdfjsLib, viewer, viewId } from './pdfjs.ts';
import { isDrawn, isRendering, pageViews, RenderBudget } from './render-budget.ts';
import { TextLayers } from './text-layers.ts';

const { EventBus, PDFViewer, RenderingStates, ScrollMode, SpreadMode } = viewer;

/** pdf.js's preset zooms, or a scale (1 = 100 %). */
export type Zoom = 'page-width' | 'page-fit' | number;
export type Tool = 'hand' | 'text';
export type Box = [number, number, number, number];
export type MarkKind = 'hits' | 'regions' | 'current';
const MARK_KINDS: MarkKind[] = ['hits', 'regions', 'current'];
const MARK_CLASS: Record<MarkKind, string> = {
  hits: 'hit',
  regions: 'region',
  current: 'hit current',
};

export interface StageLocation {
  page: number;
  zoom: Zoom;
  /** The view's top-left corner in the page, in PDF points. */
  left: number;
  top: number;
}

export interface StageEvents {
  onPage?: (page: number) => void;
  onZoom?: (scale: number, preset: Zoom) => void;
  onLocation?: (location: StageLocation) => void;
}

export class EditionStage {
  readonly element: HTMLDivElement;
  readonly #inner: HTMLDivElement;
  readonly #bus = new EventBus();
  readonly #viewer: PDFViewerType;
  readonly #marks = new Map<number, Map<MarkKind, Box[]>>();
  readonly #theme = new PageTheme();
  readonly #budget: RenderBudget;
  readonly #text: TextLayers;
  readonly #events: StageEvents;
  readonly #abort = new AbortController();
  readonly #resize: ResizeObserver;
  #document: EditionDocument | undefined;
  #layout: ReaderLayout = 'single';
  #tool: Tool = 'hand';
  #ready: Promise<void> = Promise.resolve();

  constructor(parent: HTMLElement, events: StageEvents = {}) {
    this.#events = events;
    this.element = document.createElement('div');
    this.element.className = 'stage';
    this.element.tabIndex = -1;
    this.element.setAttribute('role', 'region');
    this.element.setAttribute('aria-label', 'Pages');
    this.#inner = document.createElement('div');
    this.#inner.className = 'pdfViewer';
    this.element.append(this.#inner);
    parent.append(this.element);
    // abortSignal is read by PDFViewer (it stops its resize observer) though its typings omit it.
    const options: ConstructorParameters<typeof PDFViewer>[0] & { abortSignal: AbortSignal } = {
      container: this.element,
      viewer: this.#inner,
      eventBus: this.#bus,
      // Text layers are made for the pages a reader stops on (text-layers.ts), not for every page drawn.
      textLayerMode: 0,
      annotationMode: pdfjsLib.AnnotationMode.DISABLE,
      annotationEditorMode: pdfjsLib.AnnotationEditorType.DISABLE,
      // Image positions are recorded on a page's first render: night mode keeps them natural.
      imagesRightClickMinSize: 32,
      enableDetailCanvas: true,
      abortSignal: this.#abort.signal,
    };
    this.#viewer = new PDFViewer(options);
    this.#paintBeforeAhead();
    this.#budget = new RenderBudget(this.#viewer);
    this.#text = new TextLayers(this.#viewer, this.#abort.signal);
    this.#resize = new ResizeObserver(([entry]) => {
      this.#height = entry?.contentRect.height ?? this.#height;
    });
    this.#resize.observe(this.element);
    this.#listen();
    this.#pointerGestures();
  }

  /**
   * Opens an edition's pages at a place: a remembered location, or a page at a
   * zoom. The place is set as the viewer lays the pages out, before it draws
   * anything, so the first page is drawn once, at its final size.
   */
  open(
    pages: EditionPageSource[],
    docs: DocumentCache,
    start: StageLocation | { page: number; zoom: Zoom },
    labels?: (string | undefined)[],
  ): void {
    this.#document?.close();
    this.#marks.clear();
    delete this.element.dataset.rendered;
    const doc = new EditionDocument(docs, pages);
    this.#document = doc;
    this.#ready = new Promise((resolve) => {
      this.#bus.on(
        'pagesinit',
        () => {
          if ('left' in start) this.restore(start);
          else {
            this.setZoom(start.zoom);
            this.go(start.page);
          }
          this.element.dataset.page = String(this.page);
          resolve();
        },
        { once: true },
      );
    });
    // PDFViewer asks for the subset of PDFDocumentProxy an edition answers (edition-document.ts).
    this.#viewer.setDocument(doc as unknown as Parameters<PDFViewerType['setDocument']>[0]);
    this.#labelled = this.#applyLabels(doc, labels);
  }

  #labelled: Promise<void> = Promise.resolve();

  /** Resolves once the pages' labels are known (from the source, or the PDF's own). */
  get labelled(): Promise<void> {
    return this.#labelled;
  }

  async #applyLabels(doc: EditionDocument, given?: (string | undefined)[]): Promise<void> {
    await this.#ready;
    let labels: (string | undefined)[] | null = given?.some(Boolean) ? given : null;
    labels ??= await doc.getPageLabels().catch(() => null);
    if (!labels || doc !== this.#document) return;
    // Labels that only repeat the page number ("3", "Page 3", "Seite 3") are no labels:
    // the page box shows the number instead.
    if (labels.every((label, i) => !label || numberOf(label) === String(i + 1))) return;
    this.#viewer.setPageLabels(labels.map((label, i) => label ?? String(i + 1)));
  }

  /** Resolves once the viewer has laid out its pages. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  get page(): number {
    return this.#viewer.currentPageNumber;
  }

  get pageCount(): number {
    return this.#viewer.pagesCount;
  }

  label(n: number): string {
    return (
      (this.#viewer as unknown as { _pageLabels?: string[] })._pageLabels?.[n - 1] ?? String(n)
    );
  }

  go(n: number): void {
    const page = Math.min(Math.max(Math.round(n), 1), this.pageCount || 1);
    if (page === this.page) {
      this.#signalIfRendered();
      return;
    }
    this.#viewer.currentPageNumber = page;
  }

  next(): void {
    this.#viewer.nextPage();
  }

  previous(): void {
    this.#viewer.previousPage();
  }

  /** Space / Page Down: the rest of the page when zoomed in, else the next page. */
  scrollOrFlip(direction: 1 | -1): void {
    const el = this.element;
    const step = el.clientHeight * 0.9;
    if (this.#layout !== 'continuous') {
      // A page that fits leaves only its margin to scroll (a few pixels at fit-page):
      // that is no "rest of the page", and the key turns the page at once.
      const slack = Math.min(48, el.clientHeight * 0.05);
      const atEdge =
        direction > 0
          ? el.scrollTop + el.clientHeight >= el.scrollHeight - slack
          : el.scrollTop <= slack;
      if (!atEdge) {
        el.scrollBy({ top: direction * step });
        return;
      }
      if (direction > 0) this.next();
      else {
        this.previous();
        el.scrollTop = el.scrollHeight;
      }
      return;
    }
    el.scrollBy({ top: direction * step });
  }

  get layout(): ReaderLayout {
    return this.#layout;
  }

  setLayout(layout: ReaderLayout): void {
    this.#layout = layout;
    this.element.dataset.layout = layout;
    const page = this.page;
    this.#viewer.scrollMode = layout === 'continuous' ? ScrollMode.VERTICAL : ScrollMode.PAGE;
    this.#viewer.spreadMode = layout === 'spread' ? SpreadMode.EVEN : SpreadMode.NONE;
    this.#budget.reach = layout === 'spread' ? 2 : 1;
    if (page >= 1 && this.pageCount) this.#viewer.currentPageNumber = page;
  }

  get zoom(): Zoom {
    const value = this.#viewer.currentScaleValue;
    return value === 'page-width' || value === 'page-fit' ? value : this.#viewer.currentScale;
  }

  setZoom(zoom: Zoom): void {
    this.#viewer.currentScaleValue =
      typeof zoom === 'number' ? String(Math.min(Math.max(zoom, MIN_ZOOM), MAX_ZOOM)) : zoom;
  }

  /** Zooms by steps (+1 in, −1 out) or by a factor, keeping `origin` (client px) still. */
  zoomBy(change: { steps: number } | { factor: number }, origin?: [number, number]): void {
    const current = this.#viewer.currentScale;
    if ('steps' in change) {
      const limit = change.steps > 0 ? MAX_ZOOM : MIN_ZOOM;
      if ((change.steps > 0 && current >= limit) || (change.steps < 0 && current <= limit)) return;
    }
    // pdf.js measures the origin from the container's offset position, not the window's.
    const box = this.element.getBoundingClientRect();
    const at = origin && [
      origin[0] - box.left + this.element.offsetLeft,
      origin[1] - box.top + this.element.offsetTop,
    ];
    const options = {
      drawingDelay: 250,
      ...(at && { origin: at }),
      ...('steps' in change ? { steps: change.steps } : { scaleFactor: change.factor }),
    };
    this.#viewer.updateScale(options);
    if (this.#viewer.currentScale > MAX_ZOOM) this.setZoom(MAX_ZOOM);
    if (this.#viewer.currentScale < MIN_ZOOM) this.setZoom(MIN_ZOOM);
  }

  /** Moves to a remembered place: page, zoom and the corner of the view in the page. */
  restore(location: StageLocation): void {
    this.setZoom(location.zoom);
    const page = Math.min(Math.max(location.page, 1), this.pageCount);
    this.#viewer.scrollPageIntoView({
      pageNumber: page,
      destArray: [null, { name: 'XYZ' }, location.left, location.top, null],
      allowNegativeOffset: true,
    });
  }

  /** Hand: dragging pans the page. Text: dragging selects text to copy. */
  setTool(tool: Tool): void {
    this.#tool = tool;
    this.#text.eager = tool === 'text';
    this.#text.update(this.#visible);
    this.element.dataset.tool = tool;
  }

  get theme(): PageThemeName {
    return this.#theme.name;
  }

  setTheme(name: PageThemeName): void {
    this.#theme.name = name;
    this.element.dataset.pageTheme = name;
    for (const view of pageViews(this.#viewer)) this.#theme.apply(view);
  }

  /**
   * Marks boxes on a page, in PDF space: [x, y, width, height], origin
   * bottom-left — search hits (filled) or a story's regions (outlined). They are
   * placed in percent of the page, so they follow it through zoom and re-renders.
   */
  setMarks(n: number, kind: MarkKind, boxes: Box[]): void {
    const marks = this.#marks.get(n) ?? new Map<MarkKind, Box[]>();
    this.#marks.set(n, marks.set(kind, boxes));
    const view = this.#viewer.getPageView(n - 1);
    if (view?.pdfPage) this.#drawMarks(view);
  }

  /** Brings page n's first mark of a kind into view (the current find hit, a region). */
  reveal(n: number, kind: MarkKind): void {
    const box = this.#marks.get(n)?.get(kind)?.[0];
    if (!box) return;
    const [x, y, w, h] = box;
    const view = this.#viewer.getPageView(n - 1);
    const height = view ? view.height / view.scale / (96 / 72) : 0;
    const width = view ? view.width / view.scale / (96 / 72) : 0;
    // Place the mark's centre in the middle of the view, at the current zoom.
    const scale = this.#viewer.currentScale * (96 / 72);
    const left = Math.max(0, x + w / 2 - this.element.clientWidth / 2 / scale);
    const top = Math.min(height, y + h / 2 + this.element.clientHeight / 2 / scale);
    this.#viewer.scrollPageIntoView({
      pageNumber: n,
      destArray: [null, { name: 'XYZ' }, Math.min(left, width), top, null],
      allowNegativeOffset: true,
    });
  }

  /**
   * A rectangle given in client coordinates over page n, in PDF space
   * ([x, y, width, height], points, origin bottom-left), as pdf.js's viewport
   * converts it; undefined when the page is not shown.
   */
  toPdfRect(n: number, a: { x: number; y: number }, b: { x: number; y: number }): Box | undefined {
    const view = this.#viewer.getPageView(n - 1);
    if (!view?.div.isConnected) return undefined;
    const origin = view.div.getBoundingClientRect();
    const [x1, y1] = view.viewport.convertToPdfPoint(a.x - origin.left, a.y - origin.top);
    const [x2, y2] = view.viewport.convertToPdfPoint(b.x - origin.left, b.y - origin.top);
    const round = (v: number) => Math.round(v * 10) / 10;
    return [
      round(Math.min(x1, x2)),
      round(Math.min(y1, y2)),
      round(Math.abs(x2 - x1)),
      round(Math.abs(y2 - y1)),
    ];
  }

  destroy(): void {
    this.#abort.abort();
    this.#resize.disconnect();
    this.#viewer.setDocument(null as never);
    this.#document?.close();
    this.#document = undefined;
    this.element.remove();
  }

  #listen(): void {
    const signal = this.#abort.signal;
    const decorate = ({ pageNumber }: { pageNumber: number }) => {
      const view = this.#viewer.getPageView(pageNumber - 1);
      if (!view?.pdfPage) return;
      this.#drawMarks(view);
      this.#theme.apply(view);
    };
    this.#bus.on('pagerender', decorate, { signal });
    this.#bus.on(
      'pagerendered',
      (event: {
        pageNumber: number;
        cssTransform?: boolean;
        isDetailView?: boolean;
        error?: unknown;
      }) => {
        decorate(event);
        if (event.isDetailView && !event.error)
          this.element.dataset.detail = String(event.pageNumber);
        if (event.cssTransform || event.isDetailView) return;
        const visible = this.#visible;
        this.#budget.rendered(event.pageNumber, visible);
        if (visible.has(event.pageNumber)) this.#text.update(visible);
        this.#cleanupWhenIdle();
        if (event.pageNumber === this.page) this.#signal(event.pageNumber, event.error);
        // A page rendered ahead of the view, for a flip to show at once (the benchmark waits on it).
        else if (!visible.has(event.pageNumber))
          this.element.dataset.ahead = String(event.pageNumber);
        this.#renderBehind();
      },
      { signal },
    );
    this.#bus.on(
      'pagechanging',
      ({ pageNumber }: { pageNumber: number }) => {
        this.element.dataset.page = String(pageNumber);
        delete this.element.dataset.rendered;
        this.#events.onPage?.(pageNumber);
        this.#signalIfRendered();
      },
      { signal },
    );
    this.#bus.on(
      'scalechanging',
      ({ scale, presetValue }: { scale: number; presetValue?: string }) => {
        this.element.dataset.zoom = String(Math.round(scale * 100));
        // The page is redrawn at the new scale; until then it is the old one stretched.
        delete this.element.dataset.detail;
        delete this.element.dataset.rendered;
        this.#events.onZoom?.(scale, (presetValue as Zoom | undefined) ?? scale);
      },
      { signal },
    );
    this.#bus.on(
      'updateviewarea',
      ({ location }: { location: { pageNumber: number; top: number; left: number } }) => {
        this.#visible = this.#visibleFrom(location.pageNumber);
        this.#budget.visible(this.#visible);
        this.#text.update(this.#visible);
        // pdf.js has just told the zoomed page's detail view what is in view: its
        // sharp drawing stands only while it covers that area.
        const detail = this.#viewer.getPageView(location.pageNumber - 1)?.detailView;
        if (detail && isDrawn(detail)) this.element.dataset.detail = String(location.pageNumber);
        else delete this.element.dataset.detail;
        this.#events.onLocation?.({
          page: location.pageNumber,
          zoom: this.zoom,
          left: Math.round(location.left),
          top: Math.round(location.top),
        });
      },
      { signal },
    );
  }

  #drawnSinceCleanup = 0;
  #cleanupPending = false;

  /** After every four pages drawn, pdf.js's caches (fonts, images, parsed pages, in its worker too) are emptied once nothing is rendering. */
  #cleanupWhenIdle(): void {
    if (++this.#drawnSinceCleanup < 4 || this.#cleanupPending) return;
    this.#cleanupPending = true;
    requestIdleCallback(
      () => {
        this.#cleanupPending = false;
        const doc = this.#document;
        const busy = [...pageViews(this.#viewer)].some(isRendering);
        if (!doc || busy) return;
        this.#drawnSinceCleanup = 0;
        // A render that starts meanwhile makes pdf.js refuse; the next round tries again.
        doc.cleanup().catch(() => {});
      },
      { timeout: 2000 },
    );
  }

  /** The pages in view, as of the last view update. */
  #visible = new Set<number>();
  #height = 0;

  /**
   * The pages in view from the first one, worked out from the page views' sizes
   * and the container's last known height. Asking the browser (pdf.js's
   * getVisibleElements) forces a layout of every text layer on the page each
   * time, which cost a page turn tens of milliseconds.
   */
  #visibleFrom(first: number): Set<number> {
    const ids = new Set<number>();
    if (this.#layout !== 'continuous') {
      for (const div of this.#inner.querySelectorAll<HTMLElement>('.page[data-page-number]'))
        ids.add(Number(div.dataset.pageNumber));
      return ids;
    }
    let covered = 0;
    for (let n = first; n <= this.pageCount && covered < this.#height; n++) {
      ids.add(n);
      covered += this.#viewer.getPageView(n - 1)?.height ?? this.#height;
    }
    return ids;
  }

  /**
   * When the pages in view are drawn, pdf.js goes straight on to draw the page
   * ahead, in the same task as a page turn: its first slices of drawing then run
   * in the frames meant to show the page turned to. Drawing ahead waits for those
   * two frames; a page in view that is not drawn yet (or the sharp detail of a
   * zoomed one) is drawn at once.
   */
  #paintBeforeAhead(): void {
    const queue = this.#viewer.renderingQueue;
    if (!queue) return;
    const renderHighestPriority = queue.renderHighestPriority.bind(queue);
    let waiting = false;
    queue.renderHighestPriority = (visible) => {
      // The pages pdf.js has just found in view (it asks before it announces them).
      const given = (visible as { views?: { view: PDFPageView }[] } | undefined)?.views;
      const inView = given
        ? given.map(({ view }) => view)
        : [...this.#visible].map((id) => this.#viewer.getPageView(id - 1));
      // A zoomed page's sharp detail of the visible area counts as part of it.
      const drawn =
        inView.length > 0 &&
        inView.every((view) => isDrawn(view) && (!view?.detailView || isDrawn(view.detailView)));
      if (!drawn) return renderHighestPriority(visible);
      if (waiting) return;
      waiting = true;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          waiting = false;
          // Without an argument pdf.js reads the pages in view as they are then.
          if (!this.#abort.signal.aborted) renderHighestPriority(undefined as never);
        }),
      );
    };
  }

  #signalIfRendered(): void {
    const view = this.#viewer.getPageView(this.page - 1);
    if (isDrawn(view)) this.#signal(this.page);
  }

  #signal(page: number, error?: unknown): void {
    this.element.dataset.rendered = String(page);
    this.element.dispatchEvent(
      new CustomEvent('pagerendered', { bubbles: true, detail: { page, error } }),
    );
  }

  /**
   * pdf.js pre-renders the page after the view in the scroll direction; once that
   * is done, the one before is rendered too, so flipping back is as quick.
   */
  #renderBehind(): void {
    const ids = [...this.#visible];
    if (!ids.length) return;
    const views = ids.map((id) => this.#viewer.getPageView(id - 1));
    const after = this.#viewer.getPageView(Math.max(...ids));
    const done = (v: PDFPageView | undefined) => !v || isDrawn(v);
    if (!views.every(done) || !done(after)) return;
    const before = this.#viewer.getPageView(Math.min(...ids) - 2);
    if (!before || before.renderingState !== RenderingStates.INITIAL || !this.#document) return;
    const doc = this.#document;
    doc.getPage(viewId(before)).then(
      (pdfPage) => {
        if (doc !== this.#document || before.renderingState !== RenderingStates.INITIAL) return;
        if (!before.pdfPage) before.setPdfPage(pdfPage);
        this.#viewer.renderingQueue?.renderView(before);
      },
      () => {},
    );
  }

  #drawMarks(view: PDFPageView): void {
    const div = view.div;
    const base = view.pdfPage!.getViewport({ scale: 1 });
    for (const kind of MARK_KINDS) {
      div.querySelector(`:scope > .${kind}`)?.remove();
      const boxes = this.#marks.get(viewId(view))?.get(kind);
      if (!boxes?.length) continue;
      const layer = document.createElement('div');
      layer.className = kind;
      layer.dataset.count = String(boxes.length);
      for (const [x, y, w, h] of boxes) {
        const [x1, y1] = base.convertToViewportPoint(x, y);
        const [x2, y2] = base.convertToViewportPoint(x + w, y + h);
        const mark = document.createElement('div');
        mark.className = MARK_CLASS[kind];
        const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(3)}%`;
        mark.style.left = pct(Math.min(x1, x2), base.width);
        mark.style.top = pct(Math.min(y1, y2), base.height);
        mark.style.width = pct(Math.abs(x2 - x1), base.width);
        mark.style.height = pct(Math.abs(y2 - y1), base.height);
        layer.append(mark);
      }
      div.append(layer);
    }
  }

  /** Drag to pan (hand tool), Ctrl+wheel and trackpad pinch, two-finger touch pinch. */
  #pointerGestures(): void {
    const el = this.element;
    const signal = this.#abort.signal;
    el.addEventListener(
      'wheel',
      (event) => {
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        const delta =
          event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
        const factor = Math.exp(-Math.max(-100, Math.min(100, delta)) / 100);
        this.zoomBy({ factor }, [event.clientX, event.clientY]);
      },
      { passive: false, signal },
    );
    const pointers = new Map<number, { x: number; y: number }>();
    let pan: { x: number; y: number; left: number; top: number } | undefined;
    let pinch: number | undefined;
    const distance = () => {
      const [a, b] = [...pointers.values()];
      return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
    };
    el.addEventListener(
      'pointerdown',
      (event) => {
        if (el.classList.contains('selecting') || event.button !== 0) return;
        pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (pointers.size === 2) {
          pinch = distance();
          pan = undefined;
          return;
        }
        if (this.#tool !== 'hand' || event.pointerType === 'touch') return;
        const scrollable = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
        if (!scrollable) return;
        event.preventDefault();
        el.setPointerCapture(event.pointerId);
        pan = { x: event.clientX, y: event.clientY, left: el.scrollLeft, top: el.scrollTop };
        el.classList.add('panning');
      },
      { signal },
    );
    el.addEventListener(
      'pointermove',
      (event) => {
        if (!pointers.has(event.pointerId)) return;
        pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (pinch && pointers.size === 2) {
          const now = distance();
          const [a, b] = [...pointers.values()] as [
            { x: number; y: number },
            { x: number; y: number },
          ];
          if (now > 0 && Math.abs(now / pinch - 1) > 0.02) {
            this.zoomBy({ factor: now / pinch }, [(a.x + b.x) / 2, (a.y + b.y) / 2]);
            pinch = now;
          }
          return;
        }
        if (!pan) return;
        el.scrollLeft = pan.left - (event.clientX - pan.x);
        el.scrollTop = pan.top - (event.clientY - pan.y);
      },
      { signal },
    );
    const up = (event: PointerEvent) => {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = undefined;
      if (pan) {
        pan = undefined;
        el.classList.remove('panning');
      }
    };
    el.addEventListener('pointerup', up, { signal });
    el.addEventListener('pointercancel', up, { signal });
  }
}

/** The number a label names when it is only a page number, with or without "Page". */
function numberOf(label: string): string {
  return (
    /^(?:page|p\.?|pg\.?|seite|s\.|pagina|página|sida|side)?\s*(\d+)$/i.exec(label.trim())?.[1] ??
    label
  );
}
