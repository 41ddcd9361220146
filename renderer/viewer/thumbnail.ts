/** Renders a page small into a canvas, for the library shelf and the reader's thumbnails. */
import type { PDFPageProxy } from 'pdfjs-dist';

export async function renderThumbnail(
  page: PDFPageProxy,
  canvas: HTMLCanvasElement,
  cssWidth: number,
) {
  const base = page.getViewport({ scale: 1 });
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
}
