/**
 * When pages are drawn, around pdf.js's own rendering queue (the page in view
 * first, then the next in reading direction):
 * - drawing ahead waits two frames after the pages in view are drawn, so it
 *   never takes the frames meant to show a page turned to;
 * - the page before the view is drawn too once that is done, so flipping back
 *   is as quick as flipping on;
 * - pdf.js's caches are emptied after every few pages drawn, once idle.
 */
import type { PDFPageView, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { EditionDocument } from './edition-document.ts';
import { viewer as components } from './pdfjs.ts';
import { viewId, wrapRenderQueue } from './pdfjs-internals.ts';
import { isDrawn, isRendering, pageViews } from './render-budget.ts';

const { RenderingStates } = components;

export interface ScheduleSource {
  viewer: PDFViewer;
  /** The pages in view, as of the last view update. */
  visible(): Set<number>;
  /** The edition open now, if any. */
  document(): EditionDocument | undefined;
  signal: AbortSignal;
}

export class RenderSchedule {
  readonly #source: ScheduleSource;
  #drawnSinceCleanup = 0;
  #cleanupPending = false;

  constructor(source: ScheduleSource) {
    this.#source = source;
    this.#paintBeforeAhead();
  }

  /** A page's render has finished (not a stretched one, not a detail view). */
  rendered(): void {
    this.#cleanupWhenIdle();
    this.#renderBehind();
  }

  /**
   * When the pages in view are drawn, pdf.js goes straight on to draw the page
   * ahead, in the same task as a page turn: its first slices of drawing then run
   * in the frames meant to show the page turned to. Drawing ahead waits for those
   * two frames; a page in view that is not drawn yet (or the sharp detail of a
   * zoomed one) is drawn at once.
   */
  #paintBeforeAhead(): void {
    const { viewer, signal } = this.#source;
    let waiting = false;
    wrapRenderQueue(viewer, (given, render) => {
      // The pages pdf.js has just found in view (it asks before it announces them).
      const inView = given?.views
        ? given.views.map(({ view }) => view)
        : [...this.#source.visible()].map((id) => viewer.getPageView(id - 1));
      // A zoomed page's sharp detail of the visible area counts as part of it.
      const drawn =
        inView.length > 0 &&
        inView.every((view) => isDrawn(view) && (!view?.detailView || isDrawn(view.detailView)));
      if (!drawn) return render(given);
      if (waiting) return;
      waiting = true;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          waiting = false;
          // Without an argument pdf.js reads the pages in view as they are then.
          if (!signal.aborted) render();
        }),
      );
    });
  }

  /**
   * pdf.js pre-renders the page after the view in the scroll direction; once that
   * is done, the one before is rendered too, so flipping back is as quick.
   */
  #renderBehind(): void {
    const { viewer } = this.#source;
    const ids = [...this.#source.visible()];
    if (!ids.length) return;
    const views = ids.map((id) => viewer.getPageView(id - 1));
    const after = viewer.getPageView(Math.max(...ids));
    const done = (v: PDFPageView | undefined) => !v || isDrawn(v);
    if (!views.every(done) || !done(after)) return;
    const before = viewer.getPageView(Math.min(...ids) - 2);
    const doc = this.#source.document();
    if (!before || before.renderingState !== RenderingStates.INITIAL || !doc) return;
    doc.getPage(viewId(before)).then(
      (pdfPage) => {
        if (doc !== this.#source.document() || before.renderingState !== RenderingStates.INITIAL)
          return;
        if (!before.pdfPage) before.setPdfPage(pdfPage);
        viewer.renderingQueue?.renderView(before);
      },
      () => {},
    );
  }

  /** After every four pages drawn, pdf.js's caches (fonts, images, parsed pages, in its worker too) are emptied once nothing is rendering. */
  #cleanupWhenIdle(): void {
    if (++this.#drawnSinceCleanup < 4 || this.#cleanupPending) return;
    this.#cleanupPending = true;
    requestIdleCallback(
      () => {
        this.#cleanupPending = false;
        const doc = this.#source.document();
        const busy = [...pageViews(this.#source.viewer)].some(isRendering);
        if (!doc || busy) return;
        this.#drawnSinceCleanup = 0;
        // A render that starts meanwhile makes pdf.js refuse; the next round tries again.
        doc.cleanup().catch(() => {});
      },
      { timeout: 2000 },
    );
  }
}
