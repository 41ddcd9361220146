/**
 * Pages as pictures (core/file-answers/picture-file.ts): a page's preview, at a
 * screen's height, drawn when first asked for and then served from the disk;
 * drawn ahead by a running shell once an edition is indexed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { test } from 'node:test';
import { PREVIEW_PIXELS } from '../../../main/core/file-answers/picture-file.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

/** A JPEG's width and height, from its start-of-frame segment. */
function jpegSize(bytes: Buffer): [number, number] {
  assert.equal(bytes.readUInt16BE(0), 0xffd8, 'a JPEG');
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes.readUInt16BE(at);
    const length = bytes.readUInt16BE(at + 2);
    // SOF0–SOF3: baseline, extended, progressive, lossless.
    if (marker >= 0xffc0 && marker <= 0xffc3)
      return [bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5)];
    at += 2 + length;
  }
  throw new Error('no frame in the JPEG');
}

async function body(stream: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function importEdition(root: string, services: Awaited<ReturnType<typeof openServices>>) {
  const pdf = await writeEdition(await tempDir(), 'courier', {
    seed: 12,
    title: 'Courier',
    date: '2025-03-04',
    pages: 2,
  });
  const { edition } = await services.api.call('editions.import', {
    path: pdf.file,
    source: 'courier',
    date: '2025-03-04',
  });
  const covers = path.join(root, '.paperboy', 'covers');
  return { edition, covers };
}

test("a page's preview is drawn at a screen's height when asked for, kept, and drawn again if deleted", async () => {
  const root = await tempDir();
  const services = await openServices(root);
  const { edition, covers } = await importEdition(root, services);
  const address = `/previews/${encodeURIComponent(edition.id)}/2.jpg`;

  const first = await services.files.answer(address, { method: 'GET' });
  assert.equal(first.status, 200);
  assert.equal(first.headers['content-type'], 'image/jpeg');
  const bytes = await body(first.body);
  const page = edition.pages[1]!;
  const [width, height] = jpegSize(bytes);
  assert.equal(height, PREVIEW_PIXELS);
  assert.ok(Math.abs(width - (PREVIEW_PIXELS * page.width) / page.height) <= 1, `${width} wide`);

  // Kept under the state folder by the file's hash, page and size.
  const kept = (await fs.readdir(covers)).filter((name) =>
    name.endsWith(`-2-h${PREVIEW_PIXELS}.jpg`),
  );
  assert.equal(kept.length, 1);
  assert.deepEqual(await fs.readFile(path.join(covers, kept[0]!)), bytes);
  const again = await body((await services.files.answer(address, { method: 'GET' })).body);
  assert.deepEqual(again, bytes);

  await fs.rm(path.join(covers, kept[0]!));
  const redrawn = await services.files.answer(address, { method: 'GET' });
  assert.equal(redrawn.status, 200);
  assert.deepEqual(jpegSize(await body(redrawn.body)), [width, height]);
});

test('a preview of a page or an edition that is not there, or a malformed address, is refused in one line', async () => {
  const root = await tempDir();
  const services = await openServices(root);
  const { edition } = await importEdition(root, services);
  const id = encodeURIComponent(edition.id);
  const cases: [string, number, RegExp][] = [
    [`/previews/${id}/3.jpg`, 404, /has no page 3/],
    [`/previews/${encodeURIComponent('courier:1999-01-01')}/1.jpg`, 404, /No edition/],
    [`/previews/${id}/0.jpg`, 400, /\/previews\/<edition-id>\/<page>\.jpg/],
    [`/previews/${id}/1.png`, 400, /\/previews\/<edition-id>\/<page>\.jpg/],
    [`/previews/${id}.jpg`, 400, /\/previews\/<edition-id>\/<page>\.jpg/],
  ];
  for (const [address, status, message] of cases) {
    const answer = await services.files.answer(address, { method: 'GET' });
    assert.equal(answer.status, status, address);
    assert.match(answer.message ?? '', message, address);
    assert.doesNotMatch(answer.message ?? '', /\n/);
  }
});

test("a running shell draws an edition's cover and page 1's preview once it is indexed", async () => {
  const root = await tempDir();
  const services = await openServices(root);
  await services.start();
  const { covers } = await importEdition(root, services);
  // Closing waits for the pictures being drawn.
  await services.close();
  const drawn = (await fs.readdir(covers)).sort();
  assert.equal(drawn.length, 2, drawn.join(', '));
  assert.match(drawn.join(' '), /-1-480\.jpg/);
  assert.match(drawn.join(' '), new RegExp(`-1-h${PREVIEW_PIXELS}\\.jpg`));
});

test("a removed edition's pictures are deleted by a running shell, and those left from before it started; others stay", async () => {
  const root = await tempDir();
  const covers = path.join(root, '.paperboy', 'covers');
  // Left by an edition removed while no shell ran, beside a file that is not a picture of a page.
  await fs.mkdir(covers, { recursive: true });
  const stale = `${'ab'.repeat(16)}-1-480.jpg`;
  await fs.writeFile(path.join(covers, stale), 'old');
  await fs.writeFile(path.join(covers, 'notes.txt'), 'kept');
  const services = await openServices(root);
  await services.start();
  const { edition } = await importEdition(root, services);
  const other = await writeEdition(await tempDir(), 'gazette', {
    seed: 13,
    title: 'Gazette',
    date: '2025-03-05',
    pages: 1,
  });
  const { edition: staying } = await services.api.call('editions.import', {
    path: other.file,
    source: 'gazette',
    date: '2025-03-05',
  });
  for (const id of [edition.id, staying.id])
    assert.equal(
      (await services.files.answer(`/previews/${encodeURIComponent(id)}/1.jpg`, { method: 'GET' }))
        .status,
      200,
    );
  const prefix = (id: string) =>
    (id === edition.id ? edition : staying).files[0]!.sha256.slice(0, 32);
  await services.api.call('editions.remove', { id: edition.id });
  // Closing waits for the sweep.
  await services.close();
  const left = await fs.readdir(covers);
  assert.ok(!left.includes(stale), 'the picture left from before is gone');
  assert.ok(left.includes('notes.txt'));
  assert.deepEqual(
    left.filter((name) => name.startsWith(prefix(edition.id))),
    [],
    'the removed edition has no picture left',
  );
  assert.ok(
    left.some((name) => name.startsWith(prefix(staying.id))),
    'the other keeps its own',
  );
});
