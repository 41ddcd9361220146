/**
 * Keeps rendered pages within a memory budget. pdf.js's viewer keeps a fixed
 * number of rendered pages (ten, or more when many are visible), whatever their
 * size: ten broadsheet pages at HiDPI are gigabytes. This counts the bytes of
 * every canvas the pages hold (detail views included) and, past the budget,
 * releases the pages seen longest ago — never a visible page or its neighbours
 * (one either side, two in spreads), which are what a flip shows next. It also
 * cancels renders of pages that have left the view (pdf.js only pauses them,
 * holding their canvases).
 */
import type { PDFPageView, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { viewer as components } from './pdfjs.ts';
import { viewId } from './pdfjs-internals.ts';

const { RenderingStates } = components;
/**
 * Canvas bytes kept beyond the visible pages and their neighbours (which are
 * always kept): about three fit-width pages on a 1280-pixel window. A canvas on
 * screen costs more than its bytes — measured in Chromium, each page canvas
 * also had three to four copies of its size in memory shared with the
 * compositor — so this is several times smaller than the memory it stands for.
 */
export const DEFAULT_BUDGET = 24 * 1024 * 1024;

export class RenderBudget {
  readonly #viewer: PDFViewer;
  readonly limit: number;
  readonly #seen = new Map<number, number>();
  #tick = 0;

  constructor(viewer: PDFViewer, limit = DEFAULT_BUDGET) {
    this.#viewer = viewer;
    this.limit = limit;
  }

  /** Bytes held by the pages' canvases now. */
  get bytes(): number {
    let total = 0;
    for (const view of pageViews(this.#viewer)) total += canvasBytes(view);
    return total;
  }

  /** The view moved: remember what is visible, stop rendering what left it. */
  visible(ids: Set<number>): void {
    this.#tick++;
    for (const id of ids) this.#seen.set(id, this.#tick);
    const keep = this.#keep(ids);
    for (const view of pageViews(this.#viewer))
      if (isRendering(view) && !keep.has(viewId(view))) view.reset();
  }

  /** A page finished rendering: release the least recently seen pages over budget. */
  rendered(page: number, visibleIds: Set<number>): void {
    this.#seen.set(page, this.#seen.get(page) ?? this.#tick);
    let total = this.bytes;
    if (total <= this.limit) return;
    const keep = this.#keep(visibleIds);
    const candidates = [...pageViews(this.#viewer)]
      .filter((view) => !keep.has(viewId(view)) && canvasBytes(view) > 0)
      .sort((a, b) => (this.#seen.get(viewId(a)) ?? 0) - (this.#seen.get(viewId(b)) ?? 0));
    for (const view of candidates) {
      if (total <= this.limit) break;
      total -= canvasBytes(view);
      view.reset();
    }
  }

  /** How many pages either side of the view a flip may show next: two in spreads. */
  reach = 1;

  /** Visible pages and `reach` either side. */
  #keep(ids: Set<number>): Set<number> {
    const keep = new Set<number>();
    for (const id of ids) for (let d = -this.reach; d <= this.reach; d++) keep.add(id + d);
    return keep;
  }
}

/** Every page view of a viewer. */
export function* pageViews(viewer: PDFViewer): Generator<PDFPageView> {
  for (let i = 0; i < viewer.pagesCount; i++) {
    const view = viewer.getPageView(i);
    if (view) yield view;
  }
}

/** Whether a page view (or a page's detail view) is drawn, and still there to show. */
export function isDrawn(view: { renderingState: number } | null | undefined): boolean {
  return view?.renderingState === RenderingStates.FINISHED;
}

/** A render under way or paused by pdf.js's queue (it holds its canvas either way). */
export function isRendering(view: PDFPageView): boolean {
  return (
    view.renderingState === RenderingStates.RUNNING ||
    view.renderingState === RenderingStates.PAUSED
  );
}

function canvasBytes(view: PDFPageView): number {
  let total = 0;
  for (const canvas of view.div.querySelectorAll('canvas'))
    total += canvas.width * canvas.height * 4;
  return total;
}
