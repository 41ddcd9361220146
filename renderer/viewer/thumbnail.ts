/** Renders a page small into a canvas, for the library shelf and the reader's thumbnails. */
import type { PDFPageProxy } from 'pdfjs-dist';

/**
 * pdf.js draws into a canvas of its own, which is copied into `canvas` and let
 * go: Chromium keeps the shaped text a canvas has drawn (for newsprint, every
 * run of text on the page) for as long as the canvas lives, and thumbnails live
 * long — a hundred of them held about 18 MB of it.
 */
export async function renderThumbnail(
  page: PDFPageProxy,
  canvas: HTMLCanvasElement,
  cssWidth: number,
) {
  const base = page.getViewport({ scale: 1 });
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
  const width = Math.floor(viewport.width);
  const height = Math.floor(viewport.height);
  const scratch = document.createElement('canvas');
  scratch.width = width;
  scratch.height = height;
  try {
    await page.render({ canvas: scratch, viewport }).promise;
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d', { alpha: false })?.drawImage(scratch, 0, 0);
  } finally {
    scratch.width = 0;
    scratch.height = 0;
  }
}
