import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pdfDate, probePdf, sniffNotPdf } from '../../../main/core/pdf/probe-pdf.ts';
import { SCANS } from '../../helpers/scans.ts';

test('real pages are read: page count, size in points, metadata date', async () => {
  const facts = await probePdf(new Uint8Array(await fs.readFile(SCANS.ocr)), 'oregon.pdf');
  assert.equal(facts.pages, 1);
  assert.deepEqual(
    facts.sizes.map((s) => [Math.round(s.width), Math.round(s.height)]),
    [[1102, 1686]],
  );
  assert.equal(facts.created, '2013-10-10');
});

test('padding after the end marker is tolerated; a body cut before it is not', async () => {
  const bytes = new Uint8Array(await fs.readFile(SCANS.ocr));
  const padded = new Uint8Array(bytes.length + 5000);
  padded.set(bytes);
  padded.fill(0x0a, bytes.length);
  assert.equal(sniffNotPdf(padded), undefined);
  assert.equal(
    sniffNotPdf(bytes.subarray(0, bytes.length - 100)),
    'is truncated (no %%EOF end marker)',
  );
});

test('what real downloads are instead of a PDF is named', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  assert.equal(sniffNotPdf(new Uint8Array()), 'is empty');
  assert.equal(sniffNotPdf(text('\n  <!DOCTYPE html><html>')), 'is an HTML page, not a PDF');
  assert.equal(sniffNotPdf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'is a JPEG image, not a PDF');
  assert.equal(
    sniffNotPdf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])),
    'is a PNG image, not a PDF',
  );
  assert.equal(sniffNotPdf(text('GIF89a')), 'is a GIF image, not a PDF');
  assert.equal(sniffNotPdf(text('hello')), 'is not a PDF (no %PDF- header)');
});

test('PDF dates', () => {
  assert.equal(pdfDate("D:20131010105703-07'00'"), '2013-10-10');
  assert.equal(pdfDate('D:2025'), undefined);
  assert.equal(pdfDate('D:20250231'), undefined);
  assert.equal(pdfDate(42), undefined);
});

test('the worker pool reads PDFs off the main thread, with the same answers as in-process', async () => {
  const { PdfPool } = await import('../../../main/core/pdf/pdf-pool.ts');
  const pool = new PdfPool(2);
  try {
    const files = [SCANS.ocr, SCANS.scan, SCANS.ocr];
    const inWorkers = await Promise.all(
      files.map(async (f, i) => {
        const verdict = await pool.verify(f, `f${i}`);
        assert.ok('facts' in verdict);
        return verdict.facts;
      }),
    );
    const inProcess = await Promise.all(
      files.map(async (f, i) => probePdf(new Uint8Array(await fs.readFile(f)), `f${i}`)),
    );
    assert.deepEqual(inWorkers, inProcess);
  } finally {
    await pool.close();
  }
});

test('a file is verified in a worker that reads only the parts pdf.js asks for', async (t) => {
  const { PdfPool } = await import('../../../main/core/pdf/pdf-pool.ts');
  const { ApiError } = await import('../../../main/common/errors.ts');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-verify-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const pool = new PdfPool(1);
  t.after(() => pool.close());

  const bytes = new Uint8Array(await fs.readFile(SCANS.scan));
  const verdict = await pool.verify(SCANS.scan, 'scan.pdf');
  assert.deepEqual(verdict, {
    size: bytes.length,
    facts: await probePdf(bytes, 'scan.pdf'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });

  // In parts, pdf.js reads the structure, not the page's image.
  let read = 0;
  const parts = {
    length: bytes.length,
    read: (begin: number, end: number) => {
      read += end - begin;
      return bytes.slice(begin, end);
    },
  };
  assert.deepEqual(await probePdf(parts, 'scan.pdf'), verdict.facts);
  assert.ok(read < bytes.length / 4, `read ${read} of ${bytes.length} bytes`);

  const write = async (name: string, content: Uint8Array | string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    return file;
  };
  const html = await write('login.pdf', '<!DOCTYPE html><html><body>Sign in</body></html>');
  assert.deepEqual(await pool.verify(html, 'page 1'), {
    notPdf: 'is an HTML page, not a PDF',
    size: 48,
  });
  const cut = await write('cut.pdf', bytes.subarray(0, bytes.length >> 1));
  assert.equal(
    ((await pool.verify(cut, 'page 2')) as { notPdf: string }).notPdf,
    'is truncated (no %%EOF end marker)',
  );
  // Everything but the header and the end marker: the objects and their index.
  const broken = bytes.slice();
  broken.fill(0x20, 20, broken.length - 7);
  await assert.rejects(
    pool.verify(await write('broken.pdf', broken), 'page 3'),
    (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'invalid');
      assert.match(error.message, /^page 3 is not a readable PDF/);
      return true;
    },
  );
});
