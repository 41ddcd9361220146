/**
 * Night and sepia pages that keep photographs natural. The canvas is never
 * re-rendered for a theme: an overlay over the page's canvas filters what is
 * behind it (night: inverted and dimmed, hues kept; sepia: a paper tint), with
 * holes cut where pdf.js recorded images on the page's first render, so photos
 * show as printed. An image that covers most of the page is the page itself (a
 * scan) and is themed like text.
 */
import type { PDFPageView } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { PageThemeName } from '../../main/common/settings.ts';
import { imageCoordinatesOf } from './pdfjs-internals.ts';

/** [left, top, right, bottom] as fractions of the page. */
type Rect = [number, number, number, number];

/** Images larger than this share of the page are the page (a scan), not a photo. */
const SCAN_SHARE = 0.6;
/** Images smaller than this share are rules, icons and dingbats: themed with the text. */
const ICON_SHARE = 0.002;

export class PageTheme {
  name: PageThemeName = 'day';

  apply(view: PDFPageView): void {
    const div = view.div;
    div.querySelector(':scope > .page-theme')?.remove();
    if (this.name === 'day') return;
    const overlay = document.createElement('div');
    overlay.className = `page-theme ${this.name}`;
    const photos = photoRects(view);
    overlay.dataset.photos = String(photos.length);
    if (photos.length) overlay.style.clipPath = clipOutside(photos);
    const canvas = div.querySelector(':scope > .canvasWrapper');
    if (canvas) canvas.after(overlay);
    else div.prepend(overlay);
  }
}

/** The photographs on a rendered page, as disjoint rectangles in page fractions. */
export function photoRects(view: PDFPageView): Rect[] {
  const coords = imageCoordinatesOf(view);
  if (!coords?.length) return [];
  const rects: Rect[] = [];
  for (let i = 0; i + 5 < coords.length; i += 6) {
    const [x0, y0, x1, y1, x2, y2] = Array.from({ length: 6 }, (_, k) => coords[i + k]!) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // Three corners of a parallelogram; the fourth is implied.
    const xs = [x0, x1, x2, x1 + x2 - x0];
    const ys = [y0, y1, y2, y1 + y2 - y0];
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    const rect: Rect = [
      clamp(Math.min(...xs)),
      clamp(Math.min(...ys)),
      clamp(Math.max(...xs)),
      clamp(Math.max(...ys)),
    ];
    const share = (rect[2] - rect[0]) * (rect[3] - rect[1]);
    if (share > ICON_SHARE && share < SCAN_SHARE) rects.push(rect);
  }
  return disjoint(rects);
}

/**
 * The union of rectangles as disjoint ones (a sweep over x): overlapping holes
 * would otherwise cancel each other in an even-odd clip.
 */
export function disjoint(rects: Rect[]): Rect[] {
  const xs = [...new Set(rects.flatMap((r) => [r[0], r[2]]))].sort((a, b) => a - b);
  const out: Rect[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const [left, right] = [xs[i]!, xs[i + 1]!];
    const spans = rects
      .filter((r) => r[0] <= left && r[2] >= right)
      .map((r) => [r[1], r[3]] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    let open: [number, number] | undefined;
    for (const span of spans) {
      if (open && span[0] <= open[1]) open[1] = Math.max(open[1], span[1]);
      else {
        if (open) out.push([left, open[0], right, open[1]]);
        open = [...span];
      }
    }
    if (open) out.push([left, open[0], right, open[1]]);
  }
  return out;
}

/** A clip-path covering the page except the given rectangles (even-odd holes). */
export function clipOutside(holes: Rect[]): string {
  const p = (x: number, y: number) => `${(x * 100).toFixed(3)}% ${(y * 100).toFixed(3)}%`;
  const points = [p(0, 0), p(1, 0), p(1, 1), p(0, 1), p(0, 0)];
  for (const [l, t, r, b] of holes)
    points.push(p(l, t), p(r, t), p(r, b), p(l, b), p(l, t), p(0, 0));
  return `polygon(evenodd, ${points.join(', ')})`;
}
