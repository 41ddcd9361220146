/**
 * Text layers — the page's text laid invisibly over it, for selecting, copying
 * and screen readers — for the pages a reader stops on, made by pdf.js's own
 * TextLayerBuilder. pdf.js's viewer lays one out for every page it renders:
 * flicking through a 100-page edition built a hundred layers of thousands of
 * spans each (hundreds of MB left to the garbage collector) and slowed every
 * page turn. Here a page in view gets its layer once it has been drawn and
 * stayed in view for a moment (at once with the Select tool); a page leaving the
 * view loses it.
 */
import type { PDFPageView, PDFViewer, TextLayerBuilder } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { viewer as components } from './pdfjs.ts';
import { pageWithText } from './pdfjs-internals.ts';
import { isDrawn } from './render-budget.ts';
import { joinLines } from './text-lines.ts';

/** How long a page stays in view before its text is laid out. */
export const TEXT_DWELL_MS = 250;

export class TextLayers {
  readonly #viewer: PDFViewer;
  readonly #signal: AbortSignal;
  readonly #layers = new Map<number, TextLayerBuilder>();
  #visible = new Set<number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** With the Select tool the reader is about to select: text is laid out at once. */
  eager = false;

  constructor(viewer: PDFViewer, signal: AbortSignal) {
    this.#viewer = viewer;
    this.#signal = signal;
    signal.addEventListener('abort', () => {
      clearTimeout(this.#timer);
      for (const id of [...this.#layers.keys()]) this.#drop(id);
    });
  }

  /** The pages in view changed (or one of them was drawn): layers follow, after the dwell. */
  update(visible: Set<number>): void {
    this.#visible = visible;
    // pdf.js empties a page's element when it resets the page (a zoom, the memory budget).
    for (const [id, layer] of this.#layers)
      if (!visible.has(id) || !layer.div.isConnected) this.#drop(id);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#build(), this.eager ? 0 : TEXT_DWELL_MS);
  }

  #build(): void {
    if (this.#signal.aborted) return;
    for (const id of this.#visible) {
      if (this.#layers.has(id)) continue;
      const view = this.#viewer.getPageView(id - 1) as PDFPageView | undefined;
      // A page still drawing gets its layer when it is drawn (the stage calls update again).
      if (!view?.pdfPage || !isDrawn(view)) continue;
      const layer = new components.TextLayerBuilder({
        // A word an item, as OCR'd pages have them, is a span a word: joined into lines.
        pdfPage: pageWithText(view.pdfPage, joinLines),
        onAppend: (div: HTMLDivElement) => view.div.append(div),
        abortSignal: this.#signal,
      });
      this.#layers.set(id, layer);
      // No images argument: pdf.js's right-click-to-save-image layer is not wanted here.
      layer.render({ viewport: view.viewport, images: null as never }).catch((error: unknown) => {
        // Cancelled because the page left the view; anything else leaves the page without text.
        if ((error as Error)?.name !== 'AbortException') console.warn('text layer:', error);
      });
    }
  }

  #drop(id: number): void {
    const layer = this.#layers.get(id);
    if (!layer) return;
    layer.cancel();
    layer.div.remove();
    this.#layers.delete(id);
  }
}
