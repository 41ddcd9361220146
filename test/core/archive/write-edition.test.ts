import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { Edition } from '../../../main/common/domain.ts';
import {
  ensureFreeSpace,
  type FileToWrite,
  writeEdition,
} from '../../../main/core/archive/write-edition.ts';
import { storageError } from '../../../main/core/files/storage-errors.ts';
import { tempDir } from '../../helpers/temp.ts';

const edition = { id: 'x:2025-01-01' } as Edition;

/** A finished file under `root`'s incoming folder, to be put in the edition as `name`. */
async function finished(root: string, name: string, bytes: number[]): Promise<FileToWrite> {
  const from = path.join(root, 'incoming', `${name.replaceAll('/', '-')}-${bytes.join('')}`);
  await fs.mkdir(path.dirname(from), { recursive: true });
  await fs.writeFile(from, new Uint8Array(bytes));
  return { name, from };
}

test('a write that fails part-way leaves neither a part folder nor the edition', async () => {
  const root = await tempDir();
  const files = [
    await finished(root, 'p001.pdf', [1, 2, 3]),
    // A page whose finished file has gone: linking it in fails after the first.
    { name: 'p002.pdf', from: path.join(root, 'incoming', 'gone.pdf') },
  ];
  await assert.rejects(writeEdition(root, 'x/2025/2025-01-01', edition, files), {
    code: 'storage',
    message: /^Could not write x\/2025\/2025-01-01: /,
  });
  assert.deepEqual(await fs.readdir(path.join(root, 'x', '2025')), []);
});

test('a replaced edition is swapped whole: once kept, the old files go, nothing is left beside it', async () => {
  const root = await tempDir();
  const dir = 'x/2025/2025-01-01';
  await (await writeEdition(root, dir, edition, [await finished(root, 'edition.pdf', [1])])).keep();
  const second = await writeEdition(root, dir, edition, [await finished(root, 'p001.pdf', [2])]);
  assert.deepEqual((await fs.readdir(path.join(root, dir))).sort(), ['edition.json', 'p001.pdf']);
  await second.keep();
  assert.deepEqual(await fs.readdir(path.join(root, 'x', '2025')), ['2025-01-01']);
});

test('a replacement undone (the catalog would not take it) brings the old edition back whole', async () => {
  const root = await tempDir();
  const dir = 'x/2025/2025-01-01';
  await (await writeEdition(root, dir, edition, [await finished(root, 'edition.pdf', [1])])).keep();
  const second = await writeEdition(root, dir, edition, [await finished(root, 'p001.pdf', [2])]);
  await second.undo();
  assert.deepEqual([...(await fs.readFile(path.join(root, dir, 'edition.pdf')))], [1]);
  assert.deepEqual((await fs.readdir(path.join(root, dir))).sort(), [
    'edition.json',
    'edition.pdf',
  ]);
  assert.deepEqual(await fs.readdir(path.join(root, 'x', '2025')), ['2025-01-01']);
});

test('a cancelled write leaves nothing behind', async () => {
  const root = await tempDir();
  await assert.rejects(
    writeEdition(
      root,
      'x/2025/2025-01-01',
      edition,
      [await finished(root, 'p001.pdf', [1])],
      AbortSignal.abort(),
    ),
    { code: 'aborted' },
  );
  assert.deepEqual(await fs.readdir(path.join(root, 'x', '2025')), []);
});

test('too little free space is refused before anything is written', async () => {
  const root = await tempDir();
  await assert.rejects(ensureFreeSpace(root, Number.MAX_SAFE_INTEGER), {
    code: 'storage',
    message: /^Not enough free disk space in .+: need .+, .+ free\.$/,
  });
});

test('file system errors read as one plain line', () => {
  const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
  });
  assert.equal(
    storageError(full, 'Could not write x').message,
    'Could not write x: the disk is full.',
  );
  const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
  assert.equal(
    storageError(denied, 'Could not write x').message,
    'Could not write x: permission denied.',
  );
});
