/**
 * Opens a PDF with pdf.js (legacy build, which runs on Node), from bytes in
 * memory or from parts read as pdf.js asks for them (to check a file it reads
 * its cross-reference table and page tree, not its pages' images).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfjsResources } from '../../common/pdfjs-resources.ts';

/**
 * The same resources the reader gives pdf.js, read from the installed package:
 * without them a scan in JPEG 2000 or JBIG2 draws blank here (so OCR reads
 * nothing and a clip's image is white), and a page whose fonts are not embedded
 * draws with the machine's fonts instead of pdf.js's own.
 */
const RESOURCES = pdfjsResources(
  path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
);

/** A PDF read in parts, as pdf.js asks for them: [begin, end) of `length` bytes. */
export interface PdfParts {
  length: number;
  read(begin: number, end: number): Uint8Array;
}

export type PdfSource = Uint8Array | PdfParts;

export interface OpenedPdf {
  task: PDFDocumentLoadingTask;
  /**
   * Why a part could not be read, if one could not: pdf.js is then stopped, and
   * reports only that it was.
   */
  failure(): unknown;
}

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;
function loadPdfjs() {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * From bytes, pdf.js gets a copy (it takes over the buffer it is given).
 * `strict`: stop at the first error rather than read what can be read.
 */
export async function openPdf(
  source: PdfSource,
  { strict = false }: { strict?: boolean } = {},
): Promise<OpenedPdf> {
  const lib = await loadPdfjs();
  const common = { ...RESOURCES, stopAtErrors: strict, verbosity: 0 };
  if (source instanceof Uint8Array) {
    const task = lib.getDocument({ ...common, data: source.slice() });
    return { task, failure: () => undefined };
  }
  let failed: unknown;
  let task: PDFDocumentLoadingTask | undefined;
  const range = new (class extends lib.PDFDataRangeTransport {
    override requestDataRange(begin: number, end: number) {
      try {
        this.onDataRange(begin, source.read(begin, end));
      } catch (error) {
        // pdf.js would wait for the part for ever: stop it, and say why.
        failed = error;
        void task?.destroy();
      }
    }
  })(source.length, null);
  task = lib.getDocument({ ...common, range, disableAutoFetch: true, disableStream: true });
  return { task, failure: () => failed };
}
