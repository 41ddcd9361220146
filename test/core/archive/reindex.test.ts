import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Edition } from '../../../main/common/domain.ts';
import { Archive } from '../../../main/core/archive/archive.ts';
import { catalogPath } from '../../../main/core/archive/layout.ts';
import { fixedClock } from '../../../main/core/clock.ts';
import { answerFile } from '../../../main/core/file-answers/archive-file.ts';
import { TextStore } from '../../../main/core/text/text-store.ts';
import { type EditionOnDisk, writeEdition } from '../../helpers/editions.ts';
import { SCANS } from '../../helpers/scans.ts';
import { tempDir } from '../../helpers/temp.ts';

const clock = fixedClock('2026-11-28T09:00:00Z');
let gazette: EditionOnDisk;

before(async () => {
  gazette = await writeEdition(await tempDir(), 'g', {
    seed: 3,
    title: 'G',
    date: '2025-12-20',
    pages: 3,
  });
});

async function filledArchive(): Promise<Archive> {
  const archive = await Archive.open(await tempDir(), clock);
  await archive.import({ path: gazette.file, source: 'gazette' });
  await archive.import({ path: gazette.folder, source: 'gazette', date: '2025-12-21' });
  await archive.import({ path: SCANS.ocr });
  await archive.import({ path: SCANS.scan });
  return archive;
}

test('reindex after deleting the catalog restores the same list', async () => {
  const archive = await filledArchive();
  const listed = archive.list();
  const root = archive.root;
  archive.close();
  await fs.rm(catalogPath(root));
  await fs.rm(`${catalogPath(root)}-wal`, { force: true });
  await fs.rm(`${catalogPath(root)}-shm`, { force: true });
  const reopened = await Archive.open(root, clock);
  await reopened.catalog.db.exec('DELETE FROM editions; DELETE FROM sources;');
  assert.equal(reopened.list().length, 0);
  const outcome = await reopened.reindex({ verify: true });
  assert.deepEqual(outcome, { editions: 4, skipped: [] });
  assert.deepEqual(reopened.list(), listed);
  reopened.close();
});

test('reindex skips, and names, editions whose files are damaged', async () => {
  const archive = await filledArchive();
  const dir = path.join(archive.root, 'gazette', '2025', '2025-12-21');
  await fs.rm(path.join(dir, 'p002.pdf'));
  const scan = path.join(archive.root, 'liverpool-echo', '1886', '1886-11-01', 'edition.pdf');
  const bytes = await fs.readFile(scan);
  bytes[1000] = bytes[1000]! ^ 0xff;
  await fs.writeFile(scan, bytes);
  await fs.mkdir(path.join(archive.root, 'stray', '2024', 'junk'), { recursive: true });

  const quick = await archive.reindex();
  assert.equal(quick.editions, 3);
  assert.deepEqual(quick.skipped, [
    'gazette/2025/2025-12-21: p002.pdf is missing',
    'stray/2024/junk: no edition.json',
  ]);
  const verified = await archive.reindex({ verify: true });
  assert.equal(verified.editions, 2);
  assert.ok(
    verified.skipped.includes(
      'liverpool-echo/1886/1886-11-01: edition.pdf does not match its recorded sha256',
    ),
  );
  assert.deepEqual(
    archive
      .list()
      .map((e) => e.id)
      .sort(),
    ['gazette:2025-12-20', 'oregon-city-enterprise:1904-12-30'],
  );
  archive.close();
});

test('a link planted in an edition folder is never catalogued nor served', async () => {
  const archive = await Archive.open(await tempDir(), clock);
  await archive.import({ path: gazette.file, source: 'gazette' });
  const file = path.join(archive.root, 'gazette', '2025', '2025-12-20', 'edition.pdf');
  // A file outside the archive, of the size the edition records.
  const secret = path.join(await tempDir(), 'secret.pdf');
  await fs.copyFile(file, secret);
  await fs.rm(file);
  await fs.symlink(secret, file);
  await assert.rejects(
    archive.file('gazette:2025-12-20', 'edition.pdf'),
    /is a link, which is never served/,
  );
  const answer = await answerFile(archive, '/files/gazette:2025-12-20/edition.pdf', {
    method: 'GET',
  });
  assert.equal(answer.status, 404);
  assert.equal(answer.body, undefined);
  const outcome = await archive.reindex();
  assert.deepEqual(outcome.skipped, [
    'gazette/2025/2025-12-20: edition.pdf is a link or not a file of the archive',
  ]);
  assert.deepEqual(archive.list(), []);
  archive.close();
});

test('reindex keeps the text of editions whose pages are unchanged, and only theirs', async () => {
  const archive = await filledArchive();
  const store = new TextStore(archive.catalog);
  const word = (text: string) => ({ text, x: 1, y: 2, w: 3, h: 4 });
  const page = (text: string) => ({ page: 1, quality: 'good' as const, words: [word(text)] });
  const scan = { id: 'liverpool-echo:1886-11-01', source: 'liverpool-echo', date: '1886-11-01' };
  const whole = { id: 'gazette:2025-12-20', source: 'gazette', date: '2025-12-20' };
  const folder = { id: 'gazette:2025-12-21', source: 'gazette', date: '2025-12-21' };
  store.put(scan, [{ page: 1, quality: 'none', words: [] }]);
  // The bare scan's words came from OCR: minutes of work for a real page.
  store.replacePage(scan.id, 1, [word('Liverpool')], 'ocr');
  store.put(whole, [page('whole')]);
  store.put(folder, [page('folder')]);
  // The folder edition's first file is now another one; the whole edition and the
  // only edition of the Oregon paper are gone.
  const manifest = path.join(archive.root, 'gazette', '2025', '2025-12-21', 'edition.json');
  const edition = JSON.parse(await fs.readFile(manifest, 'utf8')) as Edition;
  edition.files[0]!.sha256 = 'f'.repeat(64);
  await fs.writeFile(manifest, JSON.stringify(edition));
  await fs.rm(path.join(archive.root, 'gazette', '2025', '2025-12-20'), { recursive: true });
  await fs.rm(path.join(archive.root, 'oregon-city-enterprise'), { recursive: true });

  assert.deepEqual(await archive.reindex(), { editions: 2, skipped: [] });
  assert.deepEqual(store.page(scan.id, 1), {
    edition: scan.id,
    page: 1,
    quality: 'ocr',
    words: [word('Liverpool')],
  });
  assert.deepEqual(
    store.match('liverpool', {}, 10, 0).rows.map((r) => r.edition),
    [scan.id],
  );
  assert.equal(store.page(folder.id, 1), undefined);
  assert.equal(store.page(whole.id, 1), undefined);
  assert.equal(store.match('whole', {}, 10, 0).total, 0);
  assert.deepEqual(store.unindexed(), [folder.id]);
  assert.deepEqual(
    archive.list().map((e) => e.id),
    [folder.id, scan.id],
  );
  assert.deepEqual(
    archive.catalog
      .listSources()
      .map((s) => s.id)
      .sort(),
    ['gazette', 'liverpool-echo'],
  );
  archive.close();
});

test('what an interrupted write left is cleaned up: part folders go, a parked old edition comes back', async () => {
  const archive = await filledArchive();
  const year = path.join(archive.root, 'gazette', '2025');
  // A crash while writing a new edition: only its part folder exists.
  await fs.mkdir(path.join(year, '2025-12-22.part-abcd1234'));
  await fs.writeFile(path.join(year, '2025-12-22.part-abcd1234', 'p001.pdf'), 'half');
  // A crash while replacing an edition: the old one was parked, the new one never arrived.
  await fs.rename(path.join(year, '2025-12-21'), path.join(year, '2025-12-21.old-0badc0de'));
  const outcome = await archive.reindex();
  assert.equal(outcome.editions, 4);
  assert.deepEqual((await fs.readdir(year)).sort(), ['2025-12-20', '2025-12-21']);
  archive.close();
});

test('a cancelled reindex leaves the catalog as it was', async () => {
  const archive = await filledArchive();
  const listed = archive.list();
  const controller = new AbortController();
  const run = archive.reindex({
    signal: controller.signal,
    onProgress: (done) => {
      if (done === 1) controller.abort();
    },
  });
  await assert.rejects(run, { name: 'AbortError' });
  assert.deepEqual(archive.list(), listed);
  archive.close();
});

test('removing an edition deletes its folder and its row; an emptied source goes too', async () => {
  const archive = await filledArchive();
  await archive.remove('liverpool-echo:1886-11-01');
  assert.equal(
    await fs
      .stat(path.join(archive.root, 'liverpool-echo', '1886', '1886-11-01'))
      .catch(() => 'gone'),
    'gone',
  );
  assert.ok(!archive.catalog.listSources().some((s) => s.id === 'liverpool-echo'));
  await assert.rejects(archive.remove('liverpool-echo:1886-11-01'), { code: 'not-found' });
  archive.close();
});
