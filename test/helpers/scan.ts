/**
 * A "scan" of a generated page: the page rendered to an image (pdf.js, as the
 * app renders it) and put alone into a new PDF, with no text layer — what a
 * scanned newspaper is, but with every word's position known.
 */
import { PDFDocument } from 'pdf-lib';
import { renderRegion } from '../../main/core/pdf/render-region.ts';
import { type GeneratedEdition, generateEdition } from '../fixtures/newspaper/draw.ts';

export async function scannedPage(
  pdf: Uint8Array,
  page: { index: number; width: number; height: number },
  dpi = 200,
): Promise<Uint8Array> {
  const png = await renderRegion(pdf, 'scan', {
    index: page.index,
    rect: [0, 0, page.width, page.height],
    dpi,
  });
  const doc = await PDFDocument.create({ updateMetadata: false });
  const image = await doc.embedPng(png);
  const out = doc.addPage([page.width, page.height]);
  out.drawImage(image, { x: 0, y: 0, width: page.width, height: page.height });
  return doc.save();
}

/** A one-page generated edition and a scan of its top-left corner (quick to read with OCR). */
export async function scannedCorner(
  seed: number,
  title: string,
  size: { width: number; height: number },
  dpi = 150,
): Promise<{ generated: GeneratedEdition; scan: Uint8Array }> {
  const generated = await generateEdition({ seed, title, date: '2025-12-20', pages: 1 });
  const scan = await scannedPage(await generated.editionPdf(), { index: 1, ...size }, dpi);
  return { generated, scan };
}
