/**
 * Every pdf.js in the project gets the same resources (main/common/pdfjs-resources.ts):
 * here, the core's, which draws pages for clips and OCR. A JPEG 2000 scan needs
 * pdf.js's WebAssembly decoder — without it the page draws white, OCR reads
 * nothing and a clip's image is blank. The scan (test/fixtures/files/jpx-scan.pdf)
 * is a corner of a generated page, 556 × 417 px, encoded with opj_compress and
 * wrapped by img2pdf.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { test } from 'node:test';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFJS_RESOURCE_DIRS } from '../../../main/common/pdfjs-resources.ts';
import { renderRegion } from '../../../main/core/pdf/render-region.ts';
import { REPO } from '../../helpers/paths.ts';

const SCAN = `${REPO}test/fixtures/files/jpx-scan.pdf`;

/** The share of a PNG's pixels that are dark (ink). */
async function ink(png: Uint8Array): Promise<number> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 300) dark++;
  return dark / (data.length / 4);
}

test('a JPEG 2000 scan draws with its ink in the core, as in the reader', async () => {
  const png = await renderRegion(new Uint8Array(await fs.readFile(SCAN)), 'jpx-scan.pdf', {
    index: 1,
    rect: [0, 0, 417, 312.75],
    dpi: 96,
  });
  const share = await ink(png);
  assert.ok(share > 0.02, `${(share * 100).toFixed(1)} % of the pixels are ink`);
});

test("the resources pdf.js is given are the package's own folders, and all of them are there", async () => {
  const root = `${REPO}node_modules/pdfjs-dist/`;
  for (const dir of PDFJS_RESOURCE_DIRS) {
    const names = await fs.readdir(`${root}${dir}`);
    assert.ok(names.length > 0, dir);
  }
});
