/**
 * The pages of an edition, shown by pdf.js's own PDFViewer: its rendering queue
 * (the page in view first, then the next in reading direction), text layers,
 * scroll and spread modes, zoom and detail view (the visible area re-rendered
 * sharp beyond the canvas cap at high zoom, HiDPI aware). Around it, what a
 * newspaper reader needs, each in a module of its own: marks (page-marks.ts),
 * night and sepia pages that keep photographs natural (page-theme.ts), panning
 * and pinch zoom (stage-gestures.ts), when pages are drawn (render-schedule.ts),
 * rendered pages kept within a memory budget (render-budget.ts), text layers
 * for the pages a reader stops on (text-layers.ts); pdf.js beyond its typings
 * only through pdfjs-internals.ts.
 *
 * pdf.js and these parts load as a chunk of their own (load-viewer.ts) when an
 * edition is first opened: the stage is made at once, its viewer when they have
 * come, and until then it shows nothing and ignores commands (a page's preview
 * stands in: page-preview.ts).
 *
 * The current page's first finished render is re-dispatched on the stage element
 * as a `pagerendered` DOM event and recorded in `data-rendered`, so tests and the
 * UI wait on it rather than on time.
 */
import type {
  EventBus as EventBusType,
  PDFPageView,
  PDFViewer as PDFViewerType,
} from 'pdfjs-dist/web/pdf_viewer.mjs';
import { boundingBox } from '../../main/common/boxes.ts';
import {
  MAX_ZOOM,
  MIN_ZOOM,
  type PageThemeName,
  type ReaderLayout,
} from '../../main/common/settings.ts';
import type { DocumentCache } from './documents.ts';
import { EditionDocument, type EditionPageSource } from './edition-document.ts';
import { CSS_PER_POINT, fitScale } from './fit.ts';
import { loadViewer, type ViewerParts } from './load-viewer.ts';
import { type Box, type MarkKind, PageMarks } from './page-marks.ts';
import { PageNames } from './page-names.ts';
import { PageTheme } from './page-theme.ts';
import {
  asViewerDocument,
  asViewerL10n,
  beforeRenderView,
  hasOwnScale,
  pageLabelOf,
  setPageScale,
  type ViewerOptions,
} from './pdfjs-internals.ts';
import type { RenderBudget } from './render-budget.ts';
import type { RenderSchedule } from './render-schedule.ts';
import { pointerGestures } from './stage-gestures.ts';
import type { TextLayers } from './text-layers.ts';

export type { Box, MarkKind } from './page-marks.ts';

/** pdf.js's preset zooms, or a scale (1 = 100 %). */
export type Zoom = 'page-width' | 'page-fit' | number;
export type Tool = 'hand' | 'text';

export interface StageLocation {
  page: number;
  zoom: Zoom;
  /** The view's top-left corner in the page, in PDF points. */
  left: number;
  top: number;
}

export interface StageEvents {
  onPage?: (page: number) => void;
  /** `ownFit`: not a change of zoom, the page shown fitted on its own at the same preset (#fitView). */
  onZoom?: (scale: number, preset: Zoom, ownFit?: boolean) => void;
  onLocation?: (location: StageLocation) => void;
}

export class EditionStage {
  readonly element: HTMLDivElement;
  readonly #inner: HTMLDivElement;
  readonly #marks = new PageMarks();
  readonly #theme = new PageTheme();
  readonly #events: StageEvents;
  /** pdf.js's viewer and what works with it, once loaded (#build). */
  #parts: ViewerParts | undefined;
  #bus: EventBusType | undefined;
  #viewer: PDFViewerType | undefined;
  #budget: RenderBudget | undefined;
  #schedule: RenderSchedule | undefined;
  #text: TextLayers | undefined;
  #built: Promise<void> | undefined;
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
    this.#resize = new ResizeObserver(([entry]) => {
      this.#height = entry?.contentRect.height ?? this.#height;
    });
    this.#resize.observe(this.element);
    pointerGestures(
      this.element,
      {
        panning: () => this.#tool === 'hand',
        zoomBy: (factor, origin) => this.zoomBy({ factor }, origin),
      },
      this.#abort.signal,
    );
  }

  #build(parts: ViewerParts): void {
    if (this.#abort.signal.aborted) return;
    const { pdfjsLib, viewer } = parts;
    this.#parts = parts;
    this.#bus = new viewer.EventBus();
    const names = new PageNames();
    const options: ViewerOptions = {
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
      // Pages named for screen readers, without pdf.js's whole viewer localization.
      l10n: asViewerL10n(names),
      abortSignal: this.#abort.signal,
    };
    const pdfViewer = new viewer.PDFViewer(options);
    // Given a localization, PDFViewer leaves its container to the embedder to translate.
    void names.translate(this.element);
    this.#viewer = pdfViewer;
    this.#schedule = new parts.RenderSchedule({
      viewer: pdfViewer,
      visible: () => this.#visible,
      document: () => this.#document,
      signal: this.#abort.signal,
    });
    beforeRenderView(pdfViewer, (view) => this.#fitView(view));
    this.#budget = new parts.RenderBudget(pdfViewer);
    this.#text = new parts.TextLayers(pdfViewer, this.#abort.signal);
    this.#listen(this.#bus);
    // What was set before pdf.js came.
    this.setLayout(this.#layout);
    this.setTool(this.#tool);
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
    if (this.#abort.signal.aborted) return;
    this.#document?.close();
    this.#marks.clear();
    delete this.element.dataset.rendered;
    const doc = new EditionDocument(docs, pages);
    this.#document = doc;
    this.#built ??= loadViewer().then((parts) => this.#build(parts));
    this.#ready = this.#built.then(() => this.#show(doc, start));
    this.#labelled = this.#applyLabels(doc, labels);
  }

  /** Gives the viewer an edition and resolves once it has laid its pages out at the start. */
  #show(doc: EditionDocument, start: StageLocation | { page: number; zoom: Zoom }): Promise<void> {
    const [bus, viewer] = [this.#bus, this.#viewer];
    if (!bus || !viewer || doc !== this.#document) return Promise.resolve();
    const laidOut = new Promise<void>((resolve) => {
      bus.on(
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
    viewer.setDocument(asViewerDocument(doc));
    return laidOut;
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
    const shown = labelsShown(labels);
    if (shown) this.#viewer?.setPageLabels(shown);
  }

  /** Resolves once the viewer has laid out its pages. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  get page(): number {
    return this.#viewer?.currentPageNumber ?? 0;
  }

  get pageCount(): number {
    return this.#viewer?.pagesCount ?? 0;
  }

  label(n: number): string {
    return this.#viewer ? pageLabelOf(this.#viewer, n) : String(n);
  }

  go(n: number): void {
    if (!this.#viewer) return;
    const page = Math.min(Math.max(Math.round(n), 1), this.pageCount || 1);
    if (page === this.page) {
      this.#signalIfRendered();
      return;
    }
    this.#viewer.currentPageNumber = page;
  }

  next(): void {
    this.#viewer?.nextPage();
  }

  previous(): void {
    this.#viewer?.previousPage();
  }

  /** Space / Page Down: the rest of the page when zoomed in, else the next page. */
  scrollOrFlip(direction: 1 | -1): void {
    const el = this.element;
    if (!this.#viewer) return;
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
    const [viewer, parts] = [this.#viewer, this.#parts];
    if (!viewer || !parts || !this.#budget) return;
    const { ScrollMode, SpreadMode } = parts.viewer;
    const page = this.page;
    viewer.scrollMode = layout === 'continuous' ? ScrollMode.VERTICAL : ScrollMode.PAGE;
    viewer.spreadMode = layout === 'spread' ? SpreadMode.EVEN : SpreadMode.NONE;
    this.#budget.reach = layout === 'spread' ? 2 : 1;
    if (page >= 1 && this.pageCount) viewer.currentPageNumber = page;
  }

  get zoom(): Zoom {
    if (!this.#viewer) return 'page-fit';
    const value = this.#viewer.currentScaleValue;
    return value === 'page-width' || value === 'page-fit' ? value : this.#viewer.currentScale;
  }

  setZoom(zoom: Zoom): void {
    if (!this.#viewer) return;
    this.#viewer.currentScaleValue =
      typeof zoom === 'number' ? String(Math.min(Math.max(zoom, MIN_ZOOM), MAX_ZOOM)) : zoom;
  }

  /** Zooms by steps (+1 in, −1 out) or by a factor, keeping `origin` (client px) still. */
  zoomBy(change: { steps: number } | { factor: number }, origin?: [number, number]): void {
    if (!this.#viewer) return;
    // From a page fitted on its own (#fitView), zooming starts at the zoom it is shown at.
    const shown = this.#pageScale();
    if (Math.abs(shown - this.#viewer.currentScale) > shown * 1e-3)
      this.#viewer.currentScale = shown;
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
    if (!this.#viewer) return;
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
    this.element.dataset.tool = tool;
    if (!this.#text) return;
    this.#text.eager = tool === 'text';
    this.#text.update(this.#visible);
  }

  get theme(): PageThemeName {
    return this.#theme.name;
  }

  setTheme(name: PageThemeName): void {
    this.#theme.name = name;
    this.element.dataset.pageTheme = name;
    if (this.#viewer && this.#parts)
      for (const view of this.#parts.pageViews(this.#viewer)) this.#theme.apply(view);
  }

  /**
   * Marks boxes on a page, in PDF space: [x, y, width, height], origin
   * bottom-left — search hits (filled) or a story's regions (outlined). They are
   * placed in percent of the page, so they follow it through zoom and re-renders.
   */
  setMarks(n: number, kind: MarkKind, boxes: Box[]): void {
    this.#marks.set(n, kind, boxes);
    const view = this.#viewer?.getPageView(n - 1);
    if (view?.pdfPage) this.#marks.draw(view);
  }

  /** Brings page n's first mark of a kind into view (the current find hit, a region). */
  reveal(n: number, kind: MarkKind): void {
    const box = this.#marks.first(n, kind);
    if (!box) return;
    const [x, y, w, h] = box;
    if (!this.#viewer) return;
    const view = this.#viewer.getPageView(n - 1);
    const height = view ? view.height / view.scale / CSS_PER_POINT : 0;
    const width = view ? view.width / view.scale / CSS_PER_POINT : 0;
    // Place the mark's centre in the middle of the view, at the current zoom.
    const scale = (view?.scale ?? this.#viewer.currentScale) * CSS_PER_POINT;
    const left = Math.max(0, x + w / 2 - this.element.clientWidth / 2 / scale);
    const top = Math.min(height, y + h / 2 + this.element.clientHeight / 2 / scale);
    this.#viewer.scrollPageIntoView({
      pageNumber: n,
      destArray: [null, { name: 'XYZ' }, Math.min(left, width), top, null],
      allowNegativeOffset: true,
    });
  }

  /**
   * Shows a story to be read: zoomed so its regions on page n fill the view's
   * width (never smaller than the whole page in view, never past 200 %), its
   * top-left corner at the view's.
   */
  fitStory(n: number, boxes: Box[]): void {
    if (!this.#viewer) return;
    const view = this.#viewer.getPageView(n - 1);
    if (!view || boxes.length === 0) return;
    const [x0, y0, width, height] = boundingBox(boxes);
    const x1 = x0 + width;
    const top = y0 + height;
    const px = CSS_PER_POINT;
    const pageWidth = view.width / view.scale / px;
    const pageHeight = view.height / view.scale / px;
    const room = Math.max(this.element.clientWidth - 48, 100);
    const fitPage = Math.min(
      room / (pageWidth * px),
      (this.element.clientHeight - 24) / (pageHeight * px),
    );
    const scale = Math.min(Math.max(room / ((x1 - x0) * px), fitPage), 2, MAX_ZOOM);
    this.setZoom(scale);
    const margin = 16 / (scale * px);
    this.#viewer.scrollPageIntoView({
      pageNumber: n,
      destArray: [
        null,
        { name: 'XYZ' },
        Math.max(0, x0 - margin),
        Math.min(pageHeight, top + margin),
        null,
      ],
      allowNegativeOffset: true,
    });
    this.element.dataset.story = `${n}@${Math.round(scale * 100)}`;
  }

  /** Where page n is drawn, in client coordinates (inside pdf.js's page border), once it is laid out. */
  pageBox(n: number): DOMRect | undefined {
    const view = this.#viewer?.getPageView(n - 1);
    // Until its page is loaded, a page view has the first page's size, not its own.
    return view?.pdfPage && view.div.isConnected ? pageArea(view.div) : undefined;
  }

  /** The page and PDF point (points, origin bottom-left) under a client point, if a page is there. */
  pointAt(clientX: number, clientY: number): { page: number; x: number; y: number } | undefined {
    const div = document
      .elementsFromPoint(clientX, clientY)
      .find((el) => el instanceof HTMLElement && el.matches('.page[data-page-number]')) as
      | HTMLElement
      | undefined;
    if (!div) return undefined;
    const page = Number(div.dataset.pageNumber);
    const view = this.#viewer?.getPageView(page - 1);
    if (!view) return undefined;
    const origin = pageArea(view.div);
    const [x, y] = view.viewport.convertToPdfPoint(clientX - origin.left, clientY - origin.top);
    return { page, x, y };
  }

  /**
   * A rectangle given in client coordinates over page n, in PDF space
   * ([x, y, width, height], points, origin bottom-left), as pdf.js's viewport
   * converts it; undefined when the page is not shown.
   */
  toPdfRect(n: number, a: { x: number; y: number }, b: { x: number; y: number }): Box | undefined {
    const view = this.#viewer?.getPageView(n - 1);
    if (!view?.div.isConnected) return undefined;
    const origin = pageArea(view.div);
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
    this.#viewer?.setDocument(null as never);
    this.#document?.close();
    this.#document = undefined;
    this.element.remove();
  }

  #listen(bus: EventBusType): void {
    const signal = this.#abort.signal;
    const decorate = ({ pageNumber }: { pageNumber: number }) => {
      const view = this.#viewer?.getPageView(pageNumber - 1);
      if (!view?.pdfPage) return;
      this.#marks.draw(view);
      this.#theme.apply(view);
    };
    bus.on(
      'pagerender',
      (event: { pageNumber: number }) => {
        decorate(event);
        // The page's own fit is set just before it is drawn (#fitView): the zoom shown follows it.
        if (event.pageNumber === this.page) this.#showZoomOf(event.pageNumber);
      },
      { signal },
    );
    bus.on(
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
        this.#budget?.rendered(event.pageNumber, visible);
        if (visible.has(event.pageNumber)) this.#text?.update(visible);
        if (event.pageNumber === this.page) this.#signal(event.pageNumber, event.error);
        // A page rendered ahead of the view, for a flip to show at once (the benchmark waits on it).
        else if (!visible.has(event.pageNumber))
          this.element.dataset.ahead = String(event.pageNumber);
        this.#schedule?.rendered();
      },
      { signal },
    );
    bus.on(
      'pagechanging',
      ({ pageNumber }: { pageNumber: number }) => {
        this.element.dataset.page = String(pageNumber);
        delete this.element.dataset.rendered;
        this.#events.onPage?.(pageNumber);
        this.#signalIfRendered();
        this.#showZoomOf(pageNumber);
      },
      { signal },
    );
    bus.on(
      'scalechanging',
      ({ scale, presetValue }: { scale: number; presetValue?: string }) => {
        this.#shownZoom = scale;
        // PDFViewer has just given every page the new scale: pages fitted on their own are
        // fitted again when next drawn.
        if (this.#viewer && this.#parts)
          for (const view of this.#parts.pageViews(this.#viewer))
            if (hasOwnScale(view)) setPageScale(view, scale, false);
        this.element.dataset.zoom = String(Math.round(scale * 100));
        // The page is redrawn at the new scale; until then it is the old one stretched.
        delete this.element.dataset.detail;
        delete this.element.dataset.rendered;
        this.#events.onZoom?.(scale, (presetValue as Zoom | undefined) ?? scale);
      },
      { signal },
    );
    bus.on(
      'updateviewarea',
      ({ location }: { location: { pageNumber: number; top: number; left: number } }) => {
        this.#visible = this.#visibleFrom(location.pageNumber);
        this.#budget?.visible(this.#visible);
        this.#text?.update(this.#visible);
        // pdf.js has just told the zoomed page's detail view what is in view: its
        // sharp drawing stands only while it covers that area.
        const detail = this.#viewer?.getPageView(location.pageNumber - 1)?.detailView;
        if (detail && this.#parts?.isDrawn(detail))
          this.element.dataset.detail = String(location.pageNumber);
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

  /** The zoom the current page is drawn at: the document's, or the page's own fit (#fitView). */
  #pageScale(): number {
    const viewer = this.#viewer;
    return viewer?.getPageView(this.page - 1)?.scale ?? viewer?.currentScale ?? 1;
  }

  /** The zoom the toolbar was last told of. */
  #shownZoom = 0;

  /**
   * One page at a time, fitted to the view or its width, each page is fitted
   * on its own: an insert, or a scan among born-digital pages, of another size
   * than the page the zoom was set on is drawn at its own fit, as pdf.js fits
   * each page in its presentation mode. It is set on the page's view just
   * before the page is drawn — ahead of a page turn too — so nothing is drawn
   * twice. pdf.js keeps one scale for the document; continuous scroll and
   * spreads keep it.
   */
  #fitView(view: PDFPageView): void {
    const [viewer, zoom] = [this.#viewer, this.zoom];
    if (!viewer || !view.pdfPage) return;
    const base = viewer.currentScale;
    let scale = base;
    if (this.#layout === 'single' && typeof zoom !== 'number')
      scale = fitScale(
        this.element,
        { width: view.width / view.scale, height: view.height / view.scale },
        zoom,
      );
    const own = Math.abs(scale - base) > base * 1e-3;
    if (!own && !hasOwnScale(view)) return;
    const resized = setPageScale(view, own ? scale : base, own);
    // The page in view was scrolled to at the document's scale: it is scrolled to again
    // as pdf.js scrolls to a page (ui_utils scrollIntoView), its top inside its border.
    if (resized && view.id === this.page)
      this.element.scrollTop = view.div.offsetTop + view.div.clientTop;
  }

  /** The zoom of page n as drawn, when it is not the document's (#fitView), to the toolbar. */
  #showZoomOf(n: number): void {
    const view = this.#viewer?.getPageView(n - 1);
    if (!view || Math.abs(view.scale - this.#shownZoom) < 1e-4) return;
    this.#shownZoom = view.scale;
    this.element.dataset.zoom = String(Math.round(view.scale * 100));
    this.#events.onZoom?.(view.scale, this.zoom, true);
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
      covered += this.#viewer?.getPageView(n - 1)?.height ?? this.#height;
    }
    return ids;
  }

  #signalIfRendered(): void {
    const view = this.#viewer?.getPageView(this.page - 1);
    if (this.#parts?.isDrawn(view)) this.#signal(this.page);
  }

  #signal(page: number, error?: unknown): void {
    this.element.dataset.rendered = String(page);
    this.element.dispatchEvent(
      new CustomEvent('pagerendered', { bubbles: true, detail: { page, error } }),
    );
  }
}

/**
 * Where a page view's page is, in client coordinates: inside the border pdf.js
 * draws around it (pdf_viewer.css --page-border), where its canvas, text and
 * marks are.
 */
export function pageArea(div: HTMLElement): DOMRect {
  const box = div.getBoundingClientRect();
  return new DOMRect(
    box.left + div.clientLeft,
    box.top + div.clientTop,
    div.clientWidth,
    div.clientHeight,
  );
}

/**
 * The labels the page box shows, a page without one by its number; none when they
 * only repeat the page numbers ("3", "Page 3", "Seite 3"): the box shows the number.
 */
export function labelsShown(labels: readonly (string | undefined)[]): string[] | undefined {
  if (labels.every((label, i) => !label || numberOf(label) === String(i + 1))) return undefined;
  return labels.map((label, i) => label ?? String(i + 1));
}

/** The number a label names when it is only a page number, with or without "Page". */
function numberOf(label: string): string {
  return (
    /^(?:page|p\.?|pg\.?|seite|s\.|pagina|página|sida|side)?\s*(\d+)$/i.exec(label.trim())?.[1] ??
    label
  );
}
