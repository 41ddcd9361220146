/**
 * Importing files the app was handed (dropped or picked): bytes in chunks, in
 * order, then one import with the CLI's checks, named as the reader's disk named
 * them; nothing is left behind, whatever the outcome.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Api } from '../../../main/common/api.ts';
import type { Core } from '../../../main/core/core.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

let core: Core;
let api: Api;
let archiveDir: string;
let whole: Uint8Array;
let pages: Uint8Array[];

before(async () => {
  archiveDir = await tempDir();
  core = await openServices(archiveDir);
  api = core.api;
  const work = await tempDir();
  const made = await writeEdition(work, 'star', {
    seed: 8,
    title: 'Star',
    date: '2020-11-12',
    pages: 2,
  });
  whole = await fs.readFile(made.file);
  pages = await Promise.all(
    [1, 2].map((n) => fs.readFile(path.join(made.folder, `page-${n}.pdf`))),
  );
});

/** Sends a file in three chunks (or `chunk` bytes each); returns its upload id. */
async function upload(
  name: string,
  bytes: Uint8Array,
  chunk = Math.ceil(bytes.length / 3),
): Promise<string> {
  const { upload } = await api.call('uploads.begin', { name, bytes: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const part = bytes.subarray(offset, offset + chunk);
    const { received } = await api.call('uploads.append', {
      upload,
      offset,
      data: Buffer.from(part).toString('base64'),
    });
    assert.equal(received, offset + part.length);
  }
  return upload;
}

const uploadsLeft = async () =>
  fs.readdir(path.join(archiveDir, '.paperboy', 'uploads')).catch(() => []);

describe('editions.importUploads', () => {
  test('a whole edition, sent in chunks, is named and dated by its file name; nothing is left', async () => {
    const id = await upload('nyt_2020-11-12_A1.pdf', whole);
    const outcome = await api.call('editions.importUploads', {
      uploads: [id],
      named: 'nyt_2020-11-12_A1.pdf',
    });
    assert.equal(outcome.edition.id, 'nyt:2020-11-12');
    assert.equal(outcome.edition.source.name, 'NYT');
    assert.equal(outcome.dateFrom, 'file name');
    assert.equal(outcome.edition.pages.length, 2);
    assert.deepEqual(await uploadsLeft(), []);
    // Searchable as soon as the import answers, as with the CLI.
    assert.equal(core.indexer.store.indexed(outcome.edition.id), true);
  });

  test("a dropped folder's pages are one edition of the paper its path names", async () => {
    const ids = [await upload('seq-1.pdf', pages[0]!), await upload('seq-2.pdf', pages[1]!)];
    const outcome = await api.call('editions.importUploads', {
      uploads: ids,
      named: 'evening-star/2020-11-12',
      folder: true,
    });
    assert.equal(outcome.edition.id, 'evening-star:2020-11-12');
    assert.deepEqual(
      outcome.edition.files.map((f) => f.name),
      ['p001.pdf', 'p002.pdf'],
    );
  });

  test('a conflict keeps the files to import again with replace; then they are used up', async () => {
    const id = await upload('evening-star_2020-11-12.pdf', whole);
    await assert.rejects(
      api.call('editions.importUploads', { uploads: [id], named: 'evening-star_2020-11-12.pdf' }),
      (error: Error & { code?: string }) => error.code === 'conflict',
    );
    assert.equal((await uploadsLeft()).length, 1);
    const replaced = await api.call('editions.importUploads', {
      uploads: [id],
      named: 'evening-star_2020-11-12.pdf',
      replace: true,
    });
    assert.equal(replaced.replaced, true);
    assert.deepEqual(await uploadsLeft(), []);
  });

  test('bad input is one line and leaves nothing: not a PDF, out of order, too long, incomplete', async () => {
    const before = core.archive.list().length;
    const html = new TextEncoder().encode('<!doctype html><html><body>Please log in</body></html>');
    const login = await upload('edition.pdf', html);
    await assert.rejects(
      api.call('editions.importUploads', { uploads: [login], named: 'edition.pdf' }),
      { code: 'invalid', message: 'edition.pdf is an HTML page, not a PDF' },
    );
    assert.deepEqual(await uploadsLeft(), []);

    await assert.rejects(api.call('uploads.begin', { name: 'notes.txt', bytes: 10 }), {
      code: 'invalid',
      message: 'notes.txt is not a PDF file (its name must end in .pdf)',
    });
    const { upload: open } = await api.call('uploads.begin', { name: 'x.pdf', bytes: 6 });
    await assert.rejects(api.call('uploads.append', { upload: open, offset: 3, data: 'AAAA' }), {
      code: 'conflict',
      message: /out of order/,
    });
    await assert.rejects(
      api.call('uploads.append', {
        upload: open,
        offset: 0,
        data: Buffer.alloc(7).toString('base64'),
      }),
      { code: 'invalid', message: /more bytes than the 6 it announced/ },
    );
    await api.call('uploads.append', { upload: open, offset: 0, data: 'JVBE' });
    await assert.rejects(api.call('editions.importUploads', { uploads: [open], named: 'x.pdf' }), {
      code: 'invalid',
      message: 'x.pdf is incomplete: 3 of 6 bytes received.',
    });
    // An incomplete upload stays open: the rest may still come.
    assert.deepEqual(await api.call('uploads.append', { upload: open, offset: 3, data: 'AAAA' }), {
      received: 6,
    });
    await api.call('uploads.cancel', { upload: open });
    await assert.rejects(api.call('uploads.append', { upload: open, offset: 6, data: 'AAAA' }), {
      code: 'not-found',
    });
    const { upload: cancelled } = await api.call('uploads.begin', { name: 'y.pdf', bytes: 6 });
    await api.call('uploads.cancel', { upload: cancelled });
    assert.deepEqual(await uploadsLeft(), []);
    assert.equal(core.archive.list().length, before);
  });
});
