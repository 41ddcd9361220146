import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { test } from 'node:test';
import { extractText } from '../../../main/core/pdf/extract-text.ts';
import type { PdfParts } from '../../../main/core/pdf/open-pdf.ts';
import { PdfPool } from '../../../main/core/pdf/pdf-pool.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { SCANS } from '../../helpers/scans.ts';
import { tempDir } from '../../helpers/temp.ts';

/** `bytes` as parts. */
function asParts(bytes: Uint8Array): PdfParts {
  return { length: bytes.length, read: (begin, end) => bytes.slice(begin, end) };
}

test('text read from a file in parts, and by the pool from a file, is the text read from its bytes', async () => {
  const ocr = new Uint8Array(await fs.readFile(SCANS.ocr));
  const whole = await extractText(ocr, 'oregon.pdf');
  assert.ok(whole[0]!.words.length > 1000, 'the OCR page has its words');
  assert.deepEqual(await extractText(asParts(ocr), 'oregon.pdf'), whole);

  const dir = await tempDir();
  const edition = await writeEdition(dir, 'text', {
    seed: 5,
    title: 'Text',
    date: '2025-01-01',
    pages: 8,
  });
  const bytes = new Uint8Array(await fs.readFile(edition.file));
  const all = await extractText(bytes, 'text.pdf');
  assert.deepEqual(await extractText(asParts(bytes), 'text.pdf', [7, 8]), all.slice(6));

  const pool = new PdfPool(2);
  try {
    assert.deepEqual(await pool.text(SCANS.ocr, 'oregon.pdf', 1), whole);
    // Shared out in page ranges across the pool, and put back in order.
    assert.deepEqual(await pool.text(edition.file, 'text.pdf', 8), all);
    await assert.rejects(pool.text(`${dir}/none.pdf`, 'none.pdf'), /no such file/);
  } finally {
    await pool.close();
  }
});
