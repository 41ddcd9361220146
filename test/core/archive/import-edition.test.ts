import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { ApiError } from '../../../main/common/errors.ts';
import { Archive } from '../../../main/core/archive/archive.ts';
import { catalogPath } from '../../../main/core/archive/layout.ts';
import { fixedClock } from '../../../main/core/clock.ts';
import { type EditionOnDisk, writeEdition } from '../../helpers/editions.ts';
import { SCANS } from '../../helpers/scans.ts';
import { snapshot, tempDir } from '../../helpers/temp.ts';

const clock = fixedClock('2026-11-28T09:00:00Z');
let work: string;
let gazette: EditionOnDisk;

before(async () => {
  work = await tempDir();
  gazette = await writeEdition(work, 'gazette_2025-12-20', {
    seed: 7,
    title: 'The Test Gazette',
    date: '2025-12-20',
    pages: 6,
  });
});

async function freshArchive(): Promise<Archive> {
  const archive = await Archive.open(await tempDir('paperboy-archive-'), clock);
  return archive;
}

describe('importing a whole-edition PDF', () => {
  test('files the edition under source/year/date with edition.json, hashes and page sizes', async () => {
    const archive = await freshArchive();
    const { edition, created, dateFrom } = await archive.import({
      path: gazette.file,
      source: 'gazette',
    });
    assert.equal(created, true);
    assert.equal(dateFrom, 'file name');
    assert.equal(edition.id, 'gazette:2025-12-20');
    assert.equal(edition.pages.length, 6);
    assert.deepEqual(
      edition.files.map((f) => f.name),
      ['edition.pdf'],
    );
    const dir = path.join(archive.root, 'gazette', '2025', '2025-12-20');
    const stored = await fs.readFile(path.join(dir, 'edition.pdf'));
    assert.equal(createHash('sha256').update(stored).digest('hex'), edition.files[0]!.sha256);
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'edition.json'), 'utf8'));
    assert.deepEqual(manifest, edition);
    assert.deepEqual(
      edition.pages.map((p) => [p.n, p.index, p.width, p.height]),
      [1, 2, 3, 4, 5, 6].map((n) => [n, n, 792, 1224]),
    );
    assert.deepEqual(
      archive.list().map((e) => e.id),
      ['gazette:2025-12-20'],
    );
    archive.close();
  });

  test('importing the same file again changes nothing', async () => {
    const archive = await freshArchive();
    await archive.import({ path: gazette.file, source: 'gazette' });
    const before = await snapshot(archive.root);
    const again = await archive.import({ path: gazette.file, source: 'gazette' });
    assert.equal(again.created, false);
    const after = (await snapshot(archive.root)).filter((line) => !line.startsWith('.paperboy'));
    assert.deepEqual(
      after,
      before.filter((line) => !line.startsWith('.paperboy')),
    );
    assert.equal(archive.list().length, 1);
    archive.close();
  });

  test('the copies an import checks are its own, and go when it ends; those a crash left a day ago go too', async () => {
    const archive = await freshArchive();
    const importing = path.join(archive.root, '.paperboy', 'importing');
    const leftover = async (name: string, age: number) => {
      const dir = path.join(importing, name);
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, '1.pdf'), 'half a copy');
      const when = new Date(Date.now() - age);
      await fs.utimes(dir, when, when);
    };
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    await leftover('import-crashed', 25 * 3600_000);
    await leftover('import-running', 60_000);
    // Named by their process: one killed a minute ago goes at once, a live one's stays.
    await leftover(`import-${gone.pid}-killed`, 60_000);
    await leftover(`import-${process.ppid}-alive`, 60_000);
    const { edition } = await archive.import({ path: gazette.file, source: 'gazette' });
    assert.deepEqual((await fs.readdir(importing)).sort(), [
      `import-${process.ppid}-alive`,
      'import-running',
    ]);
    // The edition's file is the checked copy, not the reader's file.
    const { path: kept } = await archive.file(edition.id, edition.files[0]!.name);
    assert.notEqual((await fs.stat(kept)).ino, (await fs.stat(gazette.file)).ino);
    assert.deepEqual(await fs.readFile(kept), await fs.readFile(gazette.file));
    archive.close();
  });

  test('different bytes for the same source and date are refused, and replace the edition whole only with replace', async () => {
    const archive = await freshArchive();
    await archive.import({ path: gazette.file, source: 'gazette' });
    const other = await writeEdition(work, 'other', {
      seed: 99,
      title: 'Other',
      date: '2025-12-20',
      pages: 2,
    });
    const before = await snapshot(archive.root);
    await assert.rejects(
      archive.import({ path: other.file, source: 'gazette', date: '2025-12-20' }),
      (error: ApiError) =>
        error.code === 'conflict' &&
        /^gazette:2025-12-20 is already in the archive with other files .*--replace/.test(
          error.message,
        ),
    );
    assert.deepEqual(await snapshot(archive.root), before, 'the edition there is untouched');
    assert.equal(archive.get('gazette:2025-12-20').pages.length, 6);

    const { edition, created, replaced } = await archive.import({
      path: other.file,
      source: 'gazette',
      date: '2025-12-20',
      replace: true,
    });
    assert.equal(created, true);
    assert.equal(replaced, true);
    assert.equal(edition.pages.length, 2);
    const names = await fs.readdir(path.join(archive.root, 'gazette', '2025'));
    assert.deepEqual(names, ['2025-12-20'], 'no part or old folder is left behind');
    assert.equal(archive.get('gazette:2025-12-20').pages.length, 2);
    archive.close();
  });

  test('papers named in other scripts get sources of their own, named as written', async () => {
    const archive = await freshArchive();
    const named = async (name: string, seed: number) => {
      const dir = await tempDir();
      const file = path.join(dir, name);
      const edition = await writeEdition(dir, 'x', {
        seed,
        title: 'Paper',
        date: '2025-03-03',
        pages: 1,
      });
      await fs.rename(edition.file, file);
      return (await archive.import({ path: file })).edition;
    };
    const nikkei = await named('日経 2025-03-03.pdf', 31);
    const asahi = await named('朝日新聞 2025-03-03.pdf', 32);
    const greek = await named('Ελευθεροτυπία_2025-03-03.pdf', 33);
    const mixed = await named('Le Monde 2025-03-03.pdf', 34);
    const ids = [nikkei, asahi, greek].map((e) => e.source.id);
    assert.equal(new Set(ids).size, 3, `distinct sources: ${ids}`);
    for (const id of ids) assert.match(id, /^paper-[0-9a-f]{8}$/);
    assert.deepEqual(
      [nikkei, asahi, greek, mixed].map((e) => e.source.name),
      ['日経', '朝日新聞', 'Ελευθεροτυπία', 'Le Monde'],
    );
    assert.equal(mixed.source.id, 'le-monde');
    assert.equal(archive.list().length, 4, 'no edition replaced another');
    archive.close();
  });
});

describe('importing a folder of page PDFs', () => {
  test('makes one edition with a file per page, in page order', async () => {
    const archive = await freshArchive();
    const { edition } = await archive.import({
      path: gazette.folder,
      source: 'gazette',
      date: '2025-12-20',
    });
    assert.deepEqual(
      edition.pages.map((p) => [p.n, p.file, p.index]),
      [1, 2, 3, 4, 5, 6].map((n) => [n, `p00${n}.pdf`, 1]),
    );
    assert.equal(edition.files.length, 6);
    const stored = await fs.readdir(path.join(archive.root, 'gazette', '2025', '2025-12-20'));
    assert.deepEqual(stored.sort(), ['edition.json', ...edition.files.map((f) => f.name)].sort());
    archive.close();
  });

  test('takes pages in natural order (page-2 before page-10)', async () => {
    const dir = await tempDir();
    const pages = await gazette.generated.pagePdfs();
    // 6 pages named so that plain string order would be wrong.
    const names = ['page-1', 'page-2', 'page-3', 'page-9', 'page-10', 'page-11'];
    await Promise.all(
      names.map((name, i) => fs.writeFile(path.join(dir, `${name}.pdf`), pages[i]!)),
    );
    const archive = await freshArchive();
    const { edition } = await archive.import({ path: dir, source: 'gazette', date: '2025-12-20' });
    const shas = edition.files.map((f) => f.sha256);
    const expected = pages.map((bytes) => createHash('sha256').update(bytes).digest('hex'));
    assert.deepEqual(shas, expected);
    archive.close();
  });
});

describe('real pages from outside the project', () => {
  test('a scanned page with OCR text and a pure scan both import with one page and the date from the name', async () => {
    const archive = await freshArchive();
    const ocr = await archive.import({ path: SCANS.ocr });
    assert.equal(ocr.edition.id, 'oregon-city-enterprise:1904-12-30');
    assert.equal(ocr.edition.source.name, 'Oregon City Enterprise');
    assert.equal(ocr.edition.pages.length, 1);
    const scan = await archive.import({ path: SCANS.scan });
    assert.equal(scan.edition.id, 'liverpool-echo:1886-11-01');
    assert.equal(scan.edition.pages.length, 1);
    assert.deepEqual([scan.edition.pages[0]!.width, scan.edition.pages[0]!.height], [2375, 2928]);
    assert.deepEqual(
      archive.list().map((e) => e.date),
      ['1904-12-30', '1886-11-01'],
    );
    archive.close();
  });
});

describe('where the date comes from', () => {
  test('the masthead when the name has none, then the PDF metadata, else the import day; guesses are flagged', async () => {
    const archive = await freshArchive();
    const dir = await tempDir();
    const named = path.join(dir, 'frontpage.pdf');
    await fs.copyFile(gazette.file, named);
    const fromMasthead = await archive.import({ path: named, source: 'gazette' });
    assert.equal(fromMasthead.dateFrom, 'masthead');
    assert.equal(fromMasthead.edition.date, '2025-12-20');
    assert.equal(fromMasthead.dateCheck, undefined);

    // Metadata that disagrees with the masthead (a file made years later) loses to it.
    const remade = path.join(dir, 'remade.pdf');
    const latin = (await fs.readFile(gazette.file)).toString('latin1');
    assert.match(latin, /\/CreationDate\s*\(D:\d{8}/);
    await fs.writeFile(
      remade,
      Buffer.from(latin.replace(/(\/CreationDate\s*\(D:)\d{8}/g, '$120150102'), 'latin1'),
    );
    const remadeOutcome = await archive.import({ path: remade, source: 'remade' });
    assert.equal(remadeOutcome.dateFrom, 'masthead');
    assert.equal(remadeOutcome.edition.date, '2025-12-20');

    // A bare scan has no text to read a masthead from: its metadata (2016) is all there is.
    const scan = path.join(dir, 'scan-with-metadata.pdf');
    await fs.copyFile(SCANS.scan, scan);
    const fromMeta = await archive.import({ path: scan, source: 'meta' });
    assert.equal(fromMeta.dateFrom, 'metadata');
    assert.equal(fromMeta.edition.date, '2016-03-02');
    assert.match(fromMeta.dateCheck?.reason ?? '', /only the PDF's metadata dates it/);
    // The flag is kept with the edition, in its file and in the library's list.
    assert.deepEqual(archive.get(fromMeta.edition.id).dateCheck, fromMeta.dateCheck);
    assert.deepEqual(archive.list({ source: 'meta' })[0]?.dateCheck, fromMeta.dateCheck);

    const bare = path.join(dir, 'scan.pdf');
    // Strike out its metadata dates to leave no date at all.
    const bytes = Buffer.from(await fs.readFile(SCANS.scan)).toString('latin1');
    await fs.writeFile(
      bare,
      Buffer.from(
        bytes.replace(/\/CreationDate\s*\(D:\d+/g, (m) => m.replace(/\d/g, 'x')),
        'latin1',
      ),
    );
    const fromToday = await archive.import({ path: bare, source: 'scans' });
    assert.equal(fromToday.dateFrom, 'import day');
    assert.equal(fromToday.edition.date, '2026-11-28');
    assert.match(fromToday.dateCheck?.reason ?? '', /dated the day it was imported/);
    archive.close();
  });
});

describe('bad input', () => {
  const cases: [string, (dir: string) => Promise<string>, RegExp][] = [
    ['an empty file', async (dir) => write(dir, 'empty_2025-01-01.pdf', ''), /is empty/],
    [
      'an HTML page named .pdf',
      async (dir) =>
        write(
          dir,
          'login_2025-01-01.pdf',
          '<!DOCTYPE html><html><head><title>Sign in</title></head></html>',
        ),
      /HTML page/,
    ],
    [
      'a truncated PDF',
      async (dir) =>
        write(dir, 'cut_2025-01-01.pdf', (await fs.readFile(gazette.file)).subarray(0, 30_000)),
      /truncated/,
    ],
    [
      'a PDF whose body is corrupt',
      async (dir) => {
        const bytes = Buffer.from(await fs.readFile(SCANS.ocr));
        bytes.fill(0x20, 200, bytes.length - 200);
        return write(dir, 'broken_2025-01-01.pdf', bytes);
      },
      /not a readable PDF/,
    ],
    [
      'a PDF with no pages',
      async (dir) =>
        write(
          dir,
          'none_2025-01-01.pdf',
          await (await PDFDocument.create()).save({ addDefaultPage: false }),
        ),
      /^none_2025-01-01\.pdf has no pages$/,
    ],
    [
      'a folder edition with a page file of no pages',
      async (dir) => {
        const folder = path.join(dir, 'paged_2025-01-01');
        await fs.mkdir(folder);
        await write(folder, 'p1.pdf', (await gazette.generated.pagePdfs())[0]!);
        await write(
          folder,
          'p2.pdf',
          await (await PDFDocument.create()).save({ addDefaultPage: false }),
        );
        return folder;
      },
      /^p2\.pdf has no pages$/,
    ],
    [
      'a PDF of 6,000 pages',
      async (dir) => {
        const doc = await PDFDocument.create();
        for (let i = 0; i < 6000; i++) doc.addPage([200, 200]);
        return write(dir, 'huge_2025-01-01.pdf', await doc.save());
      },
      /^huge_2025-01-01\.pdf has 6000 pages; an edition's file may have at most 5000$/,
    ],
    ['a missing path', async (dir) => path.join(dir, 'nope.pdf'), /No such file or folder/],
    [
      'a folder with no PDFs',
      async (dir) => {
        const folder = path.join(dir, 'notes');
        await fs.mkdir(folder);
        await write(folder, 'readme.txt', 'hello');
        return folder;
      },
      /No PDF files in folder/,
    ],
  ];
  for (const [name, make, message] of cases) {
    test(`${name} is refused with a one-line reason and leaves the archive as it was`, async () => {
      const archive = await freshArchive();
      await archive.import({ path: gazette.file, source: 'gazette' });
      const before = await snapshot(archive.root);
      const input = await make(await tempDir());
      await assert.rejects(archive.import({ path: input, source: 'bad' }), (error: unknown) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.code, 'invalid');
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
      assert.deepEqual(await snapshot(archive.root), before);
      assert.deepEqual(
        archive.list().map((e) => e.id),
        ['gazette:2025-12-20'],
      );
      archive.close();
    });
  }

  test('a folder with one bad page imports nothing', async () => {
    const dir = await tempDir();
    const pages = await gazette.generated.pagePdfs();
    await write(dir, 'p1.pdf', pages[0]!);
    await write(dir, 'p2.pdf', '<html>Access denied</html>');
    const archive = await freshArchive();
    await assert.rejects(
      archive.import({ path: dir, source: 'x', date: '2025-01-01' }),
      /p2\.pdf is an HTML page/,
    );
    assert.deepEqual(await fs.readdir(archive.root), ['.paperboy']);
    archive.close();
  });

  test('bad option values name the flag', async () => {
    const archive = await freshArchive();
    await assert.rejects(
      archive.import({ path: gazette.file, source: '../etc' }),
      /--source \.\.\/etc/,
    );
    await assert.rejects(
      archive.import({ path: gazette.file, date: '2025-02-30' }),
      /--date 2025-02-30: is not a real calendar date/,
    );
    archive.close();
  });
});

describe('a catalog another process is writing to', () => {
  test('an import that cannot get the catalog leaves nothing behind and says so in one line', async () => {
    const archive = await freshArchive();
    archive.catalog.db.exec('PRAGMA busy_timeout = 20');
    const before = await snapshot(archive.root);
    const other = new DatabaseSync(catalogPath(archive.root));
    other.exec('BEGIN IMMEDIATE');
    try {
      await assert.rejects(
        archive.import({ path: gazette.file, source: 'gazette' }),
        (error: ApiError) =>
          error.code === 'conflict' &&
          error.message ===
            'The catalog is busy (another Paperboy is writing to it): gazette:2025-12-20 was not added; try again.',
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.deepEqual(
      (await snapshot(archive.root)).filter((l) => !l.startsWith('.paperboy')),
      before.filter((l) => !l.startsWith('.paperboy')),
      'no edition folder the catalog does not know',
    );
    assert.deepEqual(archive.list(), []);
    // Once the catalog is free the same import goes through.
    const { created } = await archive.import({ path: gazette.file, source: 'gazette' });
    assert.equal(created, true);
    archive.close();
  });

  test('an import waits out a writer that lets go, and goes through', async () => {
    const archive = await freshArchive();
    archive.catalog.db.exec('PRAGMA busy_timeout = 20');
    const other = new DatabaseSync(catalogPath(archive.root));
    other.exec('BEGIN IMMEDIATE');
    // The other writer lets go while the import is still trying (it tries for over a second).
    const letGo = setTimeout(() => {
      other.exec('ROLLBACK');
      other.close();
    }, 150);
    try {
      const { created } = await archive.import({ path: gazette.file, source: 'gazette' });
      assert.equal(created, true);
      assert.deepEqual(
        archive.list().map((e) => e.id),
        ['gazette:2025-12-20'],
      );
    } finally {
      clearTimeout(letGo);
      if (other.isOpen) {
        other.exec('ROLLBACK');
        other.close();
      }
    }
    archive.close();
  });
});

test('a catalog deleted from under the archive is rebuilt from the files on open', async () => {
  const root = await tempDir();
  const first = await Archive.open(root, clock);
  await first.import({ path: gazette.file, source: 'gazette' });
  await first.import({ path: SCANS.ocr });
  const listed = first.list();
  first.close();
  await fs.rm(catalogPath(root));
  const second = await Archive.open(root, clock);
  assert.deepEqual(second.list(), listed);
  second.close();
});

for (const [damage, harm] of [
  ['emptied to zero bytes', async (file: string) => fs.truncate(file, 0)],
  [
    'overwritten with other bytes',
    async (file: string) => fs.writeFile(file, Buffer.alloc(8192, 0x41)),
  ],
  [
    'with its header damaged',
    async (file: string) => {
      const bytes = await fs.readFile(file);
      bytes.fill(0x00, 0, 100);
      await fs.writeFile(file, bytes);
    },
  ],
] as const) {
  test(`a catalog ${damage} is moved aside and rebuilt from the files, and the archive says so`, async () => {
    const root = await tempDir();
    const first = await Archive.open(root, clock);
    await first.import({ path: gazette.file, source: 'gazette' });
    const listed = first.list();
    first.close();
    await fs.rm(`${catalogPath(root)}-wal`, { force: true });
    await fs.rm(`${catalogPath(root)}-shm`, { force: true });
    await harm(catalogPath(root));
    const second = await Archive.open(root, clock);
    assert.deepEqual(second.list(), listed);
    assert.match(
      second.recovered ?? '',
      /^The catalog .*catalog\.sqlite was (empty|damaged); it was moved to catalog\.sqlite\.damaged-[\dT-]+Z and rebuilt from the files\.$/,
    );
    const kept = (await fs.readdir(path.dirname(catalogPath(root)))).filter((n) =>
      n.includes('.damaged-'),
    );
    assert.equal(kept.length, 1, 'the damaged catalog is kept aside');
    second.close();
    const third = await Archive.open(root, clock);
    assert.equal(third.recovered, undefined, 'a sound catalog opens without a word');
    third.close();
  });
}

async function write(dir: string, name: string, data: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, data);
  return file;
}
