/**
 * pdf.js, loaded once. pdfjs-dist's viewer components (web/pdf_viewer.mjs) read
 * the library from `globalThis.pdfjsLib`, so it is published there before they
 * load; every module that needs pdf.js or its components imports them from here.
 */
import * as pdfjs from 'pdfjs-dist';
// The viewer's styles come with it: 240 kB the library does not wait for.
import 'pdfjs-dist/web/pdf_viewer.css';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

declare global {
  var pdfjsLib: typeof import('pdfjs-dist') | undefined;
}

globalThis.pdfjsLib = pdfjs;
pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
export { pdfjs as pdfjsLib };
