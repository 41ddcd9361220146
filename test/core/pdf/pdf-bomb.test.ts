/**
 * A Flate bomb — a small PDF whose page inflates to hundreds of megabytes — is
 * stopped in its worker once the process passes the pool's memory budget, with
 * one line, and the pool goes on reading other files. The calling thread is
 * free all the while.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { createDeflate } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { ApiError } from '../../../main/common/errors.ts';
import { PdfPool } from '../../../main/core/pdf/pdf-pool.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { tempDir } from '../../helpers/temp.ts';

/** zlib-compressed `megabytes` of spaces, made a chunk at a time (never held whole). */
async function inflatesTo(megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++)
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  deflate.end();
  await done;
  return Buffer.concat(out);
}

test('a page that inflates to 1.5 GB is stopped past the memory budget, in one line; the pool reads on', async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([600, 800]);
  const contents = doc.context.stream(await inflatesTo(1536), { Filter: 'FlateDecode' });
  page.node.set(PDFName.of('Contents'), doc.context.register(contents));
  const dir = await tempDir();
  const bomb = path.join(dir, 'bomb.pdf');
  await fs.writeFile(bomb, await doc.save());
  assert.ok((await fs.stat(bomb)).size < 3 * 1024 * 1024, 'a few megabytes on disk');

  const pool = new PdfPool(1, { memoryBudget: process.memoryUsage.rss() + 300 * 1024 ** 2 });
  const order: string[] = [];
  const reading = pool.text(bomb, 'bomb.pdf').finally(() => order.push('stopped'));
  await new Promise((resolve) => setImmediate(resolve));
  order.push('free');
  await assert.rejects(reading, (error: ApiError) => {
    assert.equal(error.code, 'invalid');
    assert.match(
      error.message,
      /^Could not read the PDF: the file needs more than the [\d.]+ GB of memory one PDF may use to be read \(damaged, or made to do harm\?\); it was stopped$/,
    );
    return true;
  });
  assert.deepEqual(order, ['free', 'stopped']);

  const fine = await writeEdition(dir, 'fine', {
    seed: 2,
    title: 'F',
    date: '2025-01-01',
    pages: 1,
  });
  const text = await pool.text(fine.file, 'fine.pdf');
  assert.ok(text[0]!.words.length > 100);
  await pool.close();
});
