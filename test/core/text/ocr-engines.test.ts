/**
 * How a scan is drawn for OCR (at its own resolution, recorded in the PNG, cut
 * at a gutter) and the two engines that read it: the machine's tesseract
 * (Debian's tesseract-ocr, which .ci/run installs) and tesseract.js, which must
 * read the same words at the same places.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pdfPool } from '../../../main/core/pdf/pdf-pool.ts';
import { renderScan } from '../../../main/core/pdf/render-region.ts';
import { OcrEngine, type OcrStep, SCAN } from '../../../main/core/text/ocr-page.ts';
import { wordsFromHocr } from '../../../main/core/text/ocr-readers.ts';
import { type GeneratedEdition, generateEdition } from '../../fixtures/newspaper/draw.ts';
import { scannedPage } from '../../helpers/scan.ts';
import { tempDir } from '../../helpers/temp.ts';

test('hOCR: each word with its line baseline (slope and offset from the box bottom), size and confidence', () => {
  const hocr = `<div class='ocr_page'><p class='ocr_par'>
    <span class='ocr_line' id='line_1_1' title="bbox 100 200 700 240; baseline 0.01 -8; x_size 30; x_descenders 6; x_ascenders 8">
      <span class='ocrx_word' id='word_1_1' title='bbox 100 204 300 232; x_wconf 91'>Fish</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 500 204 700 240; x_wconf 40'><strong>&amp;</strong>&#8217;Chips&quot;</span>
    </span>
    <span class='ocr_header' id='line_1_2' title="bbox 10 300 90 330; baseline 0 -2; x_size 25">
      <span class='ocrx_word' id='word_1_3' title='bbox 10 300 90 330; x_wconf 77'>LIVERPOOL</span>
    </span></p></div>`;
  assert.deepEqual(wordsFromHocr(hocr), [
    { text: 'Fish', confidence: 91, x0: 100, x1: 300, baseline: 240 - 8 + 0.01 * 100, size: 30 },
    {
      text: '&’Chips"',
      confidence: 40,
      x0: 500,
      x1: 700,
      baseline: 240 - 8 + 0.01 * 500,
      size: 30,
    },
    { text: 'LIVERPOOL', confidence: 77, x0: 10, x1: 90, baseline: 328, size: 25 },
  ]);
});

describe('a generated page scanned at 150 dpi', () => {
  let generated: GeneratedEdition;
  let scan: Uint8Array;
  let file: string;
  const PAGE = { index: 1, width: 792, height: 1224 };
  before(async () => {
    generated = await generateEdition({ seed: 31, title: 'Gutter', date: '2025-12-20', pages: 1 });
    scan = await scannedPage(await generated.editionPdf(), PAGE, 150);
    file = path.join(await tempDir(), 'scan.pdf');
    await fs.writeFile(file, scan);
  });
  after(() => pdfPool().close());

  test('is drawn at its own resolution, the resolution is in the PNG, and it is cut in a gutter', async () => {
    const image = await renderScan(scan, 'scan', { ...SCAN, index: 1, strips: 2 });
    assert.ok(Math.abs(image.scanDpi! - 150) < 0.5, `scan at ${image.scanDpi} dpi`);
    assert.equal(image.dpi, image.scanDpi);
    assert.equal(image.strips.length, 2);
    const [left, right] = image.strips as [(typeof image.strips)[0], (typeof image.strips)[0]];
    // The strips own the image between them, and each reaches past the cut.
    assert.deepEqual(
      [left.owns[0], left.owns[1] === right.owns[0], right.owns[1]],
      [0, true, image.width],
    );
    assert.equal(left.x, 0);
    assert.ok(left.x + left.width > left.owns[1] + 50 && right.x < right.owns[0] - 50);
    assert.equal(right.x + right.width, image.width);
    // The cut is in a gutter: no column's line crosses it.
    const cut = left.owns[1] / (image.dpi / 72);
    const crossing = generated.layout[0]!.lines.filter(
      (line) => line.role === 'body' && line.x < cut - 1 && line.x + line.width > cut + 1,
    );
    assert.deepEqual(
      crossing.map((line) => line.text),
      [],
      `cut at ${cut.toFixed(1)} pt`,
    );
    for (const strip of image.strips) {
      const png = Buffer.from(strip.png);
      const at = png.indexOf('pHYs');
      assert.ok(at > 0 && at < 64, 'a pHYs chunk right after IHDR');
      assert.equal(png.readUInt32BE(at + 4), Math.round(image.dpi / 0.0254));
      assert.equal(png.readUInt8(at + 12), 1);
    }
  });

  test('a page with no image is drawn at the fallback resolution', async () => {
    const image = await renderScan(await generated.editionPdf(), 'born digital', {
      ...SCAN,
      index: 1,
      strips: 1,
    });
    assert.equal(image.scanDpi, undefined);
    assert.equal(image.dpi, SCAN.dpi.fallback);
  });

  for (const engine of ['tesseract', 'tesseract.js'] as const)
    test(`${engine} reads a story's words where they were printed, telling how far it is`, async (t) => {
      const ocr = new OcrEngine(['eng'], { engine });
      t.after(() => ocr.close());
      assert.equal(ocr.engine, engine);
      const steps: OcrStep[] = [];
      // The Seoul story's first column only: quick to read.
      const lines = generated.layout[0]!.lines.filter(
        (l) => l.story === 'seoul' && l.role === 'body',
      );
      const x = Math.min(...lines.map((l) => l.x));
      const column = lines.filter((l) => l.x < x + 5);
      const bottom = Math.min(...column.map((l) => l.y)) - 6;
      const top = Math.max(...column.map((l) => l.y)) + 14;
      const width = Math.max(...column.map((l) => l.width)) + 4;
      const words = await ocr.read(
        file,
        'scan',
        PAGE,
        [x - 2, bottom, width, top - bottom],
        undefined,
        (step) => steps.push(step),
      );

      const printed = new Set(
        column.flatMap((l) => l.text.split(/[^\p{L}]+/u)).filter((w) => w.length > 3),
      );
      const right = words.filter((w) => printed.has(w.text.replace(/[^\p{L}]+/gu, '')));
      assert.ok(right.length > printed.size * 0.8, `${right.length} of ${printed.size} words read`);
      // Each on the printed line it belongs to: its baseline within 3 pt of the line's.
      for (const word of right) {
        const on = column.find(
          (l) =>
            Math.abs(l.y - (word.y + word.h * 0.2)) < 3 &&
            word.x >= l.x - 2 &&
            word.x + word.w <= l.x + l.width + 2,
        );
        assert.ok(on, `"${word.text}" at ${[word.x, word.y, word.w, word.h]} is on its line`);
      }
      assert.deepEqual(steps[0], { step: 'drawing' });
      // The masthead crosses the cut between the strips: its title is read once, whole.
      const masthead = generated.layout[0]!.lines.find((l) => l.role === 'masthead')!;
      const band: [number, number, number, number] = [0, masthead.y - 20, PAGE.width, 90];
      const title = await ocr.read(file, 'scan', PAGE, band);
      assert.deepEqual(
        title.filter((w) => /gut|ter/i.test(w.text)).map((w) => w.text),
        ['Gutter'],
        title.map((w) => w.text).join(' '),
      );
      const fractions = steps.slice(1).map((s) => (s.step === 'reading' ? s.fraction : -1));
      assert.ok(fractions.length >= 2, `${fractions.length} steps`);
      assert.ok(
        fractions.every((f, i) => f >= 0 && f >= (fractions[i - 1] ?? 0)),
        `${fractions}`,
      );
      assert.equal(fractions.at(-1), 1);
    });
});
