/**
 * One page read by Paperboy's OCR in a process of its own (so its memory is its
 * own), for test/bench/ocr.ts: prints { ms, engine, words, maxRss } as JSON.
 *   node test/bench/ocr-one.ts FILE SCALE STRIPS
 * PAPERBOY_TESSERACT=off reads with tesseract.js.
 */
import { pdfPool } from '../../main/core/pdf/pdf-pool.ts';
import { OcrEngine, SCAN } from '../../main/core/text/ocr-page.ts';

const [file, scale, strips] = process.argv.slice(2) as [string, string, string];
const engine = new OcrEngine(['eng'], {
  scan: { ...SCAN, scale: Number(scale), strips: Number(strips) },
});
const reader = engine.engine;
const start = performance.now();
const words = await engine.read(file, file, { index: 1 }, undefined, undefined);
const ms = performance.now() - start;
const { dpi } = await pdfPool().scan(file, file, {
  ...SCAN,
  index: 1,
  strips: 1,
  scale: Number(scale),
});
await engine.close();
await pdfPool().close();
console.log(
  JSON.stringify({
    ms,
    dpi,
    engine: reader,
    words,
    // Kilobytes: the process's peak, its worker threads (pdf.js, tesseract.js) included.
    maxRss: process.resourceUsage().maxRSS,
  }),
);
