/**
 * The benchmarks' real multi-page edition: 48 pages, every fourth one a real
 * page from ../shared/fixtures/real/ (the Oregon page with its OCR text and the
 * bare Liverpool scan, in turn), the others generated broadsheet pages with
 * their fonts embedded (TrueType subsets, as real e-editions carry them) and
 * colour photos. Pages of three sizes, as an edition of inserts and sections has.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { generateEdition } from '../fixtures/newspaper/draw.ts';
import { REAL_PDFS } from '../helpers/paths.ts';

export const REAL_EDITION_PAGES = 48;

/** Writes the edition to `dir` and says where it is and which of its pages are real. */
export async function writeRealEdition(dir: string): Promise<{ file: string; real: number[] }> {
  const generated = await generateEdition({
    seed: 48,
    title: 'Mixed Edition',
    date: '2025-03-03',
    pages: REAL_EDITION_PAGES,
    embedFonts: true,
    ads: true,
  });
  const born = await PDFDocument.load(await generated.editionPdf());
  const scans = await Promise.all(
    [REAL_PDFS.ocr, REAL_PDFS.scan].map(async (file) => PDFDocument.load(await fs.readFile(file))),
  );
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('Mixed Edition');
  doc.setCreationDate(new Date('2025-03-03T05:00:00Z'));
  doc.setModificationDate(new Date('2025-03-03T05:00:00Z'));
  const real: number[] = [];
  for (let n = 1; n <= REAL_EDITION_PAGES; n++) {
    const source = n % 4 === 0 ? scans[(n / 4) % 2]! : born;
    const [page] = await doc.copyPages(source, [source === born ? n - 1 : 0]);
    doc.addPage(page);
    if (source !== born) real.push(n);
  }
  const file = path.join(dir, 'mixed-edition.pdf');
  await fs.writeFile(file, await doc.save({ useObjectStreams: false }));
  return { file, real };
}
