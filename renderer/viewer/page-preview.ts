/**
 * A page shown at once from its preview (a JPEG at a screen's height, drawn by
 * the core when the edition came in: core/file-answers/picture-file.ts) while
 * pdf.js starts, reads the file and draws the page; then pdf.js's page takes its
 * place without a visible change. It is fetched and decoded off the main thread
 * (createImageBitmap) while the edition is asked for, drawn once at the pixels
 * it is shown at, and its decoded picture closed. It is laid over the stage where
 * PDFViewer lays the page out — by PDFViewer's own fit-page / fit-width
 * arithmetic before the page exists, on the page's box once it does — and is
 * removed when the page's first drawing is on screen.
 */
import type { PageThemeName } from '../../main/common/settings.ts';
import { CSS_PER_POINT, fitScale } from './fit.ts';
import { previews } from './preview-cache.ts';

/** pdf.js's page box (pdf_viewer.css --page-margin, --page-border): the page's top is this far down. */
const PAGE_TOP = 1 + 9;
/** …and its border under the page, which the stage scrolls to see (its negative margin does not take it back). */
const PAGE_BOTTOM = 9;

export type PreviewZoom = 'page-fit' | 'page-width';

export class PagePreview {
  readonly element: HTMLDivElement;
  readonly page: number;
  readonly #canvas = document.createElement('canvas');
  /** The picture decoded off the main thread (createImageBitmap), or undefined without one. */
  readonly #bitmap: Promise<ImageBitmap | undefined>;
  #removed = false;
  /** The stage's scroll when the preview was placed. */
  #shownAt: { left: number; top: number } | undefined;

  /** Starts fetching (or takes the one fetched ahead) and decoding page `page`'s preview from `url`; nothing is shown until show(). */
  constructor(url: string, page: number) {
    this.page = page;
    this.element = document.createElement('div');
    this.element.className = 'page-preview';
    this.element.setAttribute('aria-hidden', 'true');
    this.element.append(this.#canvas);
    // A page with no preview (an error answered) shows nothing and pdf.js draws it as before.
    // One fetched ahead is decoding from now, not from when this task lets a promise settle.
    const fetched = previews.get(url);
    const here = previews.here(url);
    this.#bitmap = (
      here
        ? createImageBitmap(here)
        : fetched.then((blob) => (blob ? createImageBitmap(blob) : undefined))
    ).catch(() => undefined);
  }

  /**
   * Lays the preview over `stage` (pdf.js's scroll container) where PDFViewer
   * will put a page of `size` points at `zoom`, in its single-page layout,
   * themed like the page. Resolves with whether it is shown.
   */
  async show(
    stage: HTMLElement,
    size: { width: number; height: number },
    zoom: PreviewZoom,
    theme: PageThemeName,
  ): Promise<boolean> {
    const bitmap = await this.#bitmap;
    if (!bitmap || this.#removed) {
      bitmap?.close();
      return false;
    }
    const width = size.width * CSS_PER_POINT;
    const height = size.height * CSS_PER_POINT;
    const scale = fitScale(stage, { width, height }, zoom);
    const shown = { width: Math.round(width * scale), height: Math.round(height * scale) };
    // Drawn once at the pixels it is shown at; the decoded picture is let go at once.
    this.#canvas.width = Math.round(shown.width * devicePixelRatio);
    this.#canvas.height = Math.round(shown.height * devicePixelRatio);
    const context = this.#canvas.getContext('2d')!;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, this.#canvas.width, this.#canvas.height);
    bitmap.close();
    // PDFViewer, once it has laid the page out, scrolls the stage to the page's top inside
    // its border, as far as the stage scrolls (ui_utils scrollIntoView): the preview is
    // put where the page will then be seen, so nothing moves when it is laid out.
    const overflow = shown.height + PAGE_TOP + PAGE_BOTTOM - stage.clientHeight;
    const scrolled = overflow > 0 ? Math.min(PAGE_TOP, overflow) : 0;
    this.#place({
      left: (stage.clientWidth - shown.width) / 2,
      top: PAGE_TOP - scrolled,
      ...shown,
    });
    this.#shownAt = { left: stage.scrollLeft, top: stage.scrollTop };
    if (theme !== 'day') {
      const overlay = document.createElement('div');
      overlay.className = `page-theme ${theme}`;
      this.element.append(overlay);
    }
    stage.append(this.element);
    return true;
  }

  /**
   * Keeps the preview where it is seen while PDFViewer scrolls the stage, as it
   * does once it has laid the page out: for a page whose box is not known yet
   * (placeOn places the others).
   */
  keepPlace(stage: HTMLElement): void {
    const at = this.#shownAt;
    if (!at) return;
    const style = this.element.style;
    style.left = `${Number.parseFloat(style.left) + stage.scrollLeft - at.left}px`;
    style.top = `${Number.parseFloat(style.top) + stage.scrollTop - at.top}px`;
    this.#shownAt = { left: stage.scrollLeft, top: stage.scrollTop };
  }

  /** Moves the preview onto the page's drawn box (client coordinates), once PDFViewer has laid it out. */
  placeOn(stage: HTMLElement, box: DOMRect): void {
    const origin = stage.getBoundingClientRect();
    this.#place({
      left: box.left - origin.left + stage.scrollLeft - stage.clientLeft,
      top: box.top - origin.top + stage.scrollTop - stage.clientTop,
      width: box.width,
      height: box.height,
    });
  }

  remove(): void {
    this.#removed = true;
    this.element.remove();
    // Its pixels are let go at once, not when the reader closes.
    this.#canvas.width = 0;
    this.#canvas.height = 0;
  }

  #place(box: { left: number; top: number; width: number; height: number }): void {
    const style = this.element.style;
    style.left = `${box.left}px`;
    style.top = `${box.top}px`;
    style.width = `${box.width}px`;
    style.height = `${box.height}px`;
  }
}
