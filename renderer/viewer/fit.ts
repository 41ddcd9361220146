/**
 * PDFViewer's fit arithmetic (pdf_viewer.mjs #setScale), for a page it has not
 * fitted itself: the page preview before pdf.js has laid the page out, and each
 * page of another size than the one the zoom was set on (edition-stage.ts).
 */

/** CSS pixels per PDF point (pdf.js's PixelsPerInch.PDF_TO_CSS_UNITS). */
export const CSS_PER_POINT = 96 / 72;

/** The room PDFViewer leaves beside and under a fitted page (SCROLLBAR_PADDING, VERTICAL_PADDING). */
export const FIT_PADDING = { width: 40, height: 5 };

/**
 * The scale that fits a page (its size in CSS pixels at scale 1) to the
 * container's width, or to the container, as pdf.js's one page at a time.
 */
export function fitScale(
  container: HTMLElement,
  page: { width: number; height: number },
  zoom: 'page-fit' | 'page-width',
): number {
  const byWidth = (container.clientWidth - FIT_PADDING.width) / page.width;
  if (zoom === 'page-width') return byWidth;
  return Math.min(byWidth, (container.clientHeight - FIT_PADDING.height) / page.height);
}
