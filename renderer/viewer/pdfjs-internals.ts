/**
 * Every use of pdf.js beyond what its typings declare, in one place, so an
 * upgrade of pdfjs-dist is checked here: fields the viewer components read or
 * keep but do not declare, and the one method of the rendering queue the stage
 * wraps. Each is a documented behaviour of pdfjs-dist 6.5's web/ components.
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import type { PDFPageView, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { CSS_PER_POINT } from './fit.ts';
import type { TextContent } from './text-lines.ts';

/** A page view's page number (pdf.js's typings declare it null on the base class). */
export const viewId = (view: { id: unknown }): number => view.id as number;

/** PDFViewer's options with `abortSignal`, which it reads (it stops its resize observer) though its typings omit it. */
export type ViewerOptions = ConstructorParameters<typeof PDFViewer>[0] & {
  abortSignal: AbortSignal;
};

/** The label PDFViewer keeps for page n (set by setPageLabels), or the number. */
export function pageLabelOf(viewer: PDFViewer, n: number): string {
  return (viewer as unknown as { _pageLabels?: string[] | null })._pageLabels?.[n - 1] ?? String(n);
}

/** Where images were drawn on a rendered page (recorded with imagesRightClickMinSize), as pdf.js keeps them. */
export function imageCoordinatesOf(view: PDFPageView): ArrayLike<number> | null | undefined {
  return (view.pdfPage as unknown as { imageCoordinates?: ArrayLike<number> | null })
    ?.imageCoordinates;
}

/** An edition's document, which answers the part of PDFDocumentProxy that PDFViewer asks for. */
export function asViewerDocument(doc: object): Parameters<PDFViewer['setDocument']>[0] {
  return doc as unknown as Parameters<PDFViewer['setDocument']>[0];
}

/** The pages pdf.js passes to its queue when it has just found them in view. */
export type QueueVisible = { views?: { view: PDFPageView }[] } | undefined;

/**
 * Puts `decide` in front of the rendering queue's renderHighestPriority: it is
 * given the pages pdf.js found in view and pdf.js's own method, to call now,
 * later (with no argument, pdf.js then reads the view as it is), or not at all.
 */
export function wrapRenderQueue(
  viewer: PDFViewer,
  decide: (visible: QueueVisible, render: (visible?: QueueVisible) => void) => void,
): void {
  const queue = viewer.renderingQueue;
  if (!queue) return;
  const render = queue.renderHighestPriority.bind(queue) as (visible?: unknown) => void;
  queue.renderHighestPriority = (visible) =>
    decide(visible as QueueVisible, (given) => render(given));
}

/**
 * A page for TextLayerBuilder whose text comes through `edit`: the builder reads
 * nothing of its page but streamTextContent, whose stream may carry the whole
 * content as one chunk.
 */
export function pageWithText(
  page: PDFPageProxy,
  edit: (content: TextContent) => TextContent,
): PDFPageProxy {
  return {
    streamTextContent: (params?: Parameters<PDFPageProxy['getTextContent']>[0]) =>
      new ReadableStream<TextContent>({
        async start(controller) {
          controller.enqueue(edit(await page.getTextContent(params)));
          controller.close();
        },
      }),
  } as unknown as PDFPageProxy;
}

/**
 * Puts `before` in front of the rendering queue's renderView, through which
 * PDFViewer (and the stage's own drawing behind the view) starts every page's
 * drawing: a page view may be given its own scale there, before it is drawn.
 */
export function beforeRenderView(viewer: PDFViewer, before: (view: PDFPageView) => void): void {
  const queue = viewer.renderingQueue;
  if (!queue) return;
  const render = queue.renderView.bind(queue);
  queue.renderView = (view) => {
    before(view as PDFPageView);
    return render(view);
  };
}

/**
 * Gives one page view a scale of its own (`own`), or puts it back at the
 * document's. PDFViewer sizes every page's box, canvas and text layer by the
 * `--scale-factor` it sets on the viewer element (pdf_viewer.css), so a page
 * of its own scale sets it on its own element too. Says whether the page's
 * scale changed (its drawing is then reset).
 */
export function setPageScale(view: PDFPageView, scale: number, own: boolean): boolean {
  if (own) view.div.style.setProperty('--scale-factor', String(scale * CSS_PER_POINT));
  else view.div.style.removeProperty('--scale-factor');
  if (Math.abs(view.scale - scale) <= scale * 1e-6) return false;
  view.update({ scale });
  return true;
}

/** Whether a page view has a scale of its own (setPageScale). */
export function hasOwnScale(view: PDFPageView): boolean {
  return view.div.style.getPropertyValue('--scale-factor') !== '';
}

/**
 * A localization for PDFViewer's `l10n` option: its typings name pdf.js's own
 * L10n class, where PDFViewer and its page views call only the methods of the
 * IL10n interface (web/interfaces.js) on it.
 */
export function asViewerL10n(l10n: object): ViewerOptions['l10n'] {
  return l10n as ViewerOptions['l10n'];
}
