/**
 * Marks on the pages, in PDF space ([x, y, width, height], origin bottom-left):
 * search hits (filled), the current find hit, a story's regions (outlined),
 * the story under the pointer, and jump lines that can be followed. They are placed in percent of the page, so they follow it
 * through zoom and re-renders.
 */
import type { PDFPageView } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { Box } from '../../main/common/boxes.ts';
import { viewId } from './pdfjs-internals.ts';

export type { Box } from '../../main/common/boxes.ts';
export type MarkKind = 'hits' | 'regions' | 'current' | 'hover' | 'jumps';
const MARK_KINDS: MarkKind[] = ['hits', 'regions', 'current', 'hover', 'jumps'];
const MARK_CLASS: Record<MarkKind, string> = {
  hits: 'hit',
  regions: 'region',
  current: 'hit current',
  // The story under the pointer, and the jump lines that can be followed.
  hover: 'story-hover',
  jumps: 'jump-link',
};

export class PageMarks {
  readonly #marks = new Map<number, Map<MarkKind, Box[]>>();

  set(n: number, kind: MarkKind, boxes: Box[]): void {
    const marks = this.#marks.get(n) ?? new Map<MarkKind, Box[]>();
    this.#marks.set(n, marks.set(kind, boxes));
  }

  first(n: number, kind: MarkKind): Box | undefined {
    return this.#marks.get(n)?.get(kind)?.[0];
  }

  clear(): void {
    this.#marks.clear();
  }

  /** Draws a rendered page's marks over it (in place of those drawn before). */
  draw(view: PDFPageView): void {
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
}
