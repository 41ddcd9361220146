import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { watch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { catalogPath } from '../../main/core/archive/layout.ts';
import { COMMANDS, usageOf } from '../../main/headless/cli-args.ts';
import { runCli } from '../helpers/cli.ts';
import { CLI_TRANSPORTS } from '../helpers/cli-transports.ts';
import { type EditionOnDisk, writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { SCANS } from '../helpers/scans.ts';
import { snapshot, tempDir } from '../helpers/temp.ts';

let env: Record<string, string>;
let gazette: EditionOnDisk;
let work: string;

before(async () => {
  work = await tempDir();
  env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  gazette = await writeEdition(work, 'gazette_2025-12-20', {
    seed: 5,
    title: 'Gazette',
    date: '2025-12-20',
    pages: 4,
  });
});

describe('paperboy import, list and reindex', () => {
  test('import --json reports the edition; list --json shows it; reindex restores the list', async () => {
    const archive = await tempDir('archive-');
    const inputs = [SCANS.ocr, SCANS.scan, gazette.file];
    const imported = [];
    for (const input of inputs) {
      const result = await runCli(['import', input, '--archive', archive, '--json'], env);
      assert.equal(result.code, 0, result.stderr);
      imported.push(JSON.parse(result.stdout));
    }
    assert.deepEqual(
      imported.map((r) => r.edition),
      [
        {
          id: 'oregon-city-enterprise:1904-12-30',
          source: 'oregon-city-enterprise',
          date: '1904-12-30',
          title: 'Oregon City Enterprise',
          pages: 1,
        },
        {
          id: 'liverpool-echo:1886-11-01',
          source: 'liverpool-echo',
          date: '1886-11-01',
          title: 'Liverpool Echo',
          pages: 1,
        },
        {
          id: 'gazette:2025-12-20',
          source: 'gazette',
          date: '2025-12-20',
          title: 'Gazette',
          pages: 4,
        },
      ],
    );
    const listed = await runCli(['list', '--archive', archive, '--json'], env);
    assert.equal(listed.code, 0);
    const rows = JSON.parse(listed.stdout);
    assert.deepEqual(
      rows.map((r: { id: string }) => r.id),
      ['gazette:2025-12-20', 'oregon-city-enterprise:1904-12-30', 'liverpool-echo:1886-11-01'],
    );
    for (const row of rows)
      assert.deepEqual(Object.keys(row), ['id', 'source', 'date', 'title', 'pages']);

    await fs.rm(catalogPath(archive));
    await fs.rm(`${catalogPath(archive)}-wal`, { force: true });
    await fs.rm(`${catalogPath(archive)}-shm`, { force: true });
    const reindexed = await runCli(['reindex', '--archive', archive, '--json'], env);
    assert.equal(reindexed.code, 0, reindexed.stderr);
    assert.deepEqual(JSON.parse(reindexed.stdout), { editions: 3, skipped: [] });
    const again = await runCli(['list', '--archive', archive, '--json'], env);
    assert.deepEqual(JSON.parse(again.stdout), rows);
  });

  test('a folder of page PDFs imports as one edition; a second import is reported as already there', async () => {
    const archive = await tempDir('archive-');
    const first = await runCli(
      ['import', gazette.folder, '--archive', archive, '--source', 'gazette', '--json'],
      env,
    );
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout).edition.pages, 4);
    assert.equal(
      JSON.parse(first.stdout).edition.date,
      '2025-12-20',
      'the date comes from the folder name',
    );
    const second = await runCli(
      ['import', gazette.folder, '--archive', archive, '--source', 'gazette'],
      env,
    );
    assert.equal(second.code, 0);
    assert.match(second.stdout, /^Already in the archive: gazette:2025-12-20/);
  });

  test('without a date in the name, the masthead or the metadata, import files under today and says it is uncertain', async () => {
    const archive = await tempDir('archive-');
    const bare = path.join(work, 'nodate.pdf');
    // A scan (no text, so no masthead to read) with its metadata dates struck out.
    const latin = (await fs.readFile(SCANS.scan)).toString('latin1');
    await fs.writeFile(
      bare,
      Buffer.from(
        latin.replace(/\/CreationDate\s*\(D:\d+/g, (m) => m.replace(/\d/g, 'x')),
        'latin1',
      ),
    );
    const result = await runCli(['import', bare, '--archive', archive, '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const today = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    const answer = JSON.parse(result.stdout);
    assert.equal(answer.edition.date, today);
    assert.equal(answer.dateFrom, 'import day');
    assert.match(answer.dateCheck.reason, /dated the day it was imported/);
    assert.match(
      result.stderr,
      /^paperboy: filed under \d{4}-\d{2}-\d{2}, but the date is uncertain: nothing in the file dates it.*paperboy edit nodate:\d{4}-\d{2}-\d{2} --date YYYY-MM-DD/,
    );
  });

  test("a name with no date is dated by the masthead printed on page 1, and a name's date that disagrees with it is flagged", async () => {
    const archive = await tempDir('archive-');
    const unnamed = path.join(work, 'frontpage.pdf');
    await fs.copyFile(gazette.file, unnamed);
    const byMasthead = await runCli(
      ['import', unnamed, '--archive', archive, '--source', 'gazette', '--json'],
      env,
    );
    assert.equal(byMasthead.code, 0, byMasthead.stderr);
    assert.equal(JSON.parse(byMasthead.stdout).dateFrom, 'masthead');
    assert.equal(JSON.parse(byMasthead.stdout).edition.date, '2025-12-20');
    assert.equal(byMasthead.stderr, '');

    const misnamed = path.join(work, 'gazette_2025-12-21.pdf');
    await fs.copyFile(gazette.file, misnamed);
    const wrong = await runCli(['import', misnamed, '--archive', archive, '--json'], env);
    assert.equal(wrong.code, 0, wrong.stderr);
    const answer = JSON.parse(wrong.stdout);
    assert.equal(answer.edition.date, '2025-12-21');
    assert.deepEqual(answer.dateCheck, {
      reason: 'the masthead reads 20 December 2025',
      suggested: '2025-12-20',
    });
    assert.match(wrong.stderr, /paperboy edit gazette:2025-12-21 --date 2025-12-20 to take that/);
  });
});

for (const cli of CLI_TRANSPORTS) {
  describe(`the archive's commands, ${cli.name}`, () => {
    let archive: string;
    before(async () => {
      archive = await tempDir('archive-');
      for (const input of [gazette.file, SCANS.ocr]) {
        const imported = await runCli(['import', input, '--archive', archive], env);
        assert.equal(imported.code, 0, imported.stderr);
      }
    });

    test('list, search and text answer from the archive, the same way', async () => {
      const listed = await cli.run(archive, ['list', '--json'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(
        JSON.parse(listed.stdout).map((e: { id: string }) => e.id),
        ['gazette:2025-12-20', 'oregon-city-enterprise:1904-12-30'],
      );
      const found = await cli.run(
        archive,
        ['search', 'Gazette', '--source', 'gazette', '--json', '--limit', '5'],
        env,
      );
      assert.equal(found.code, 0, found.stderr);
      const hits = JSON.parse(found.stdout).hits as { edition: string; page: number }[];
      assert.ok(hits.length > 0);
      assert.ok(hits.every((h) => h.edition === 'gazette:2025-12-20'));
      const text = await cli.run(archive, ['text', 'gazette:2025-12-20', '1'], env);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Gazette/);
      const scan = await cli.run(
        archive,
        ['text', 'oregon-city-enterprise:1904-12-30', '1', '--json'],
        env,
      );
      assert.equal(JSON.parse(scan.stdout).quality, 'good', 'the scan has its OCR text layer');
    });

    test("articles lists a page's stories; --json gives the contract's shape", async () => {
      const text = await cli.run(archive, ['articles', 'gazette:2025-12-20', '1'], env);
      assert.equal(text.code, 0, text.stderr);
      const lines = text.stdout.trim().split('\n');
      assert.ok(lines.length >= 3, text.stdout);
      for (const line of lines)
        assert.match(line, /^gazette:2025-12-20\/1\/\d+ {2}(story|brief|ad) /);
      const json = await cli.run(archive, ['articles', 'gazette:2025-12-20', '--json'], env);
      const { articles } = JSON.parse(json.stdout) as {
        articles: { id: string; page: number; kind: string; regions: unknown[] }[];
      };
      assert.ok(articles.some((a) => a.page === 4 && a.kind === 'story'));
      assert.ok(articles.every((a) => a.regions.length > 0));
      const bad = await cli.run(archive, ['articles', 'gazette:2025-12-20', 'x'], env);
      assert.equal(bad.code, 2);
      assert.equal(bad.stderr, "paperboy: articles: PAGE must be a page number, not 'x'\n");
    });

    test('ocr with nothing waiting says so; an unknown edition is not-found, exit 2', async () => {
      const none = await cli.run(archive, ['ocr', '--json'], env);
      assert.equal(none.code, 0, none.stderr);
      assert.deepEqual(JSON.parse(none.stdout), { pages: 0, read: [], failed: [] });
      const unknown = await cli.run(archive, ['ocr', 'gazette:1999-01-01'], env);
      assert.equal(unknown.code, 2);
      assert.equal(unknown.stderr, 'paperboy: No edition gazette:1999-01-01 in the archive.\n');
    });

    test('remove and reindex: gone from the list, and a rebuild keeps what is on disk', async () => {
      const unknown = await cli.run(archive, ['remove', 'gazette:1999-01-01'], env);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /^paperboy: No edition gazette:1999-01-01[^\n]*\n$/);
      const rebuilt = await cli.run(archive, ['reindex', '--json'], env);
      assert.equal(rebuilt.code, 0, rebuilt.stderr);
      assert.deepEqual(JSON.parse(rebuilt.stdout), { editions: 2, skipped: [] });
      const removed = await cli.run(archive, ['remove', 'oregon-city-enterprise:1904-12-30'], env);
      assert.equal(removed.code, 0, removed.stderr);
      const listed = await cli.run(archive, ['list', '--json'], env);
      assert.deepEqual(
        JSON.parse(listed.stdout).map((e: { id: string }) => e.id),
        ['gazette:2025-12-20'],
      );
      // Searchable again at once: the search makes sure the index is fresh.
      const found = await cli.run(archive, ['search', 'Gazette', '--json'], env);
      assert.ok(JSON.parse(found.stdout).total > 0);
    });

    test('edit corrects the paper and date; list shows the new id; a missing change is a usage error', async () => {
      const edited = await cli.run(
        archive,
        [
          'edit',
          'gazette:2025-12-20',
          '--source-name',
          'The Gazette',
          '--date',
          '2025-12-19',
          '--json',
        ],
        env,
      );
      assert.equal(edited.code, 0, edited.stderr);
      assert.deepEqual(JSON.parse(edited.stdout), {
        id: 'the-gazette:2025-12-19',
        previous: 'gazette:2025-12-20',
        source: 'the-gazette',
        date: '2025-12-19',
        // Its title was its paper's name, so it follows the paper.
        title: 'The Gazette',
        clips: 0,
      });
      const listed = await cli.run(archive, ['list', '--json'], env);
      assert.ok(
        JSON.parse(listed.stdout).some((e: { id: string }) => e.id === 'the-gazette:2025-12-19'),
      );
      const back = await cli.run(
        archive,
        ['edit', 'the-gazette:2025-12-19', '--source', 'gazette', '--date', '2025-12-20'],
        env,
      );
      assert.equal(back.code, 0, back.stderr);
      assert.equal(
        back.stdout,
        'Edited gazette:2025-12-20 (was the-gazette:2025-12-19) — Gazette\n',
      );
      const nothing = await cli.run(archive, ['edit', 'gazette:2025-12-20'], env);
      assert.equal(nothing.code, 2);
      assert.match(nothing.stderr, /^paperboy: edit needs a change: --source/);
      const badDate = await cli.run(
        archive,
        ['edit', 'gazette:2025-12-20', '--date', '2025-02-30'],
        env,
      );
      assert.equal(badDate.code, 2);
      assert.match(badDate.stderr, /^paperboy: [^\n]*date[^\n]*not a real calendar date\n$/);
    });

    if (cli.name === 'server')
      test('import names a file on this machine: refused with --server, in one line, exit 2', async () => {
        const result = await cli.run(archive, ['import', SCANS.scan], env);
        assert.equal(result.code, 2);
        assert.match(
          result.stderr,
          /^paperboy: import reads a file on this machine: run it without --server[^\n]*\n$/,
        );
      });
  });
}

describe('bad usage and bad input exit 2 with one line and leave the archive as it was', () => {
  const cases: [string, (dir: string) => Promise<string[]>, RegExp][] = [
    ['a truncated PDF', async (dir) => ['import', await cut(dir)], /truncated/],
    [
      'an HTML file named .pdf',
      async (dir) => ['import', await put(dir, 'page.pdf', '<html><body>Subscribe</body></html>')],
      /HTML page/,
    ],
    ['an empty file', async (dir) => ['import', await put(dir, 'empty.pdf', '')], /is empty/],
    [
      'a missing path',
      async (dir) => ['import', path.join(dir, 'missing.pdf')],
      /No such file or folder/,
    ],
    ['a folder with no PDFs', async (dir) => ['import', dir], /No PDF files in folder/],
    ['an unknown flag', async () => ['list', '--colour'], /Unknown option '--colour'/],
    ['an unknown command', async () => ['frobnicate'], /unknown command 'frobnicate'/],
    ['a missing argument', async () => ['import'], /import: missing argument/],
    [
      'an OCR language that is not installed',
      async () => ['ocr', '--lang', 'xx'],
      /"xx" is not an OCR language code/,
    ],
    [
      'a bad date',
      async () => ['import', gazette.file, '--date', '2025-02-30'],
      /--date 2025-02-30/,
    ],
    [
      'an unknown edition',
      async () => ['remove', 'gazette:1999-01-01'],
      /No edition gazette:1999-01-01/,
    ],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const archive = await tempDir('archive-');
      const seeded = await runCli(['import', gazette.file, '--archive', archive], env);
      assert.equal(seeded.code, 0, seeded.stderr);
      const before = await snapshot(archive);
      const result = await runCli([...(await args(await tempDir())), '--archive', archive], env);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /^paperboy: [^\n]+\n$/, 'one line');
      assert.deepEqual((await snapshot(archive)).filter(notCatalog), before.filter(notCatalog));
    });
  }

  test('a required option left out is named, with the usage made from the same declaration', async () => {
    const result = await runCli(['clip', '--edition', 'gazette:2025-12-20'], env);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `paperboy: clip: --page and --rect are required (usage: paperboy ${usageOf('clip')}) (see paperboy --help)\n`,
    );
  });

  test("the README's command list is the grammar's, line for line", async () => {
    const readme = await fs.readFile(`${REPO}README.md`, 'utf8');
    const block = readme.slice(readme.indexOf('paperboy <command>'));
    const listed = block
      .slice(0, block.indexOf('```'))
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim());
    assert.deepEqual(
      listed,
      (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]).map((name) => usageOf(name)),
    );
  });

  test('usage errors with --json print the error as JSON too', async () => {
    for (const args of [
      ['list', '--colour', '--json'],
      ['frobnicate', '--json'],
      ['import', '--json'],
      ['search', '--json', '--limit'],
    ]) {
      const result = await runCli(args, env);
      assert.equal(result.code, 2, args.join(' '));
      const { error } = JSON.parse(result.stdout);
      assert.equal(error.code, 'invalid');
      assert.equal(`paperboy: ${error.message}\n`, result.stderr);
    }
  });

  test('input echoed in an error cannot drive the terminal: control characters are shown as \\xNN', async () => {
    const result = await runCli(
      ['import', '/nope/\u001b]0;pwned\u0007\u001b[2J.pdf', '--archive', await tempDir()],
      env,
    );
    assert.equal(result.code, 2);
    assert.doesNotMatch(result.stderr, /(?!\n)\p{Cc}/u);
    assert.equal(
      result.stderr,
      'paperboy: No such file or folder: /nope/\\x1b]0;pwned\\x07\\x1b[2J.pdf\n',
    );
  });

  test('an archive folder that cannot be made is one line at once (not a loop on /proc)', async () => {
    const result = await runCli(['list', '--archive', '/proc/paperboy-nope'], env);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^paperboy: Cannot open the archive at \/proc\/paperboy-nope: [^\n]+\n$/,
    );
  });

  /** An import of a 40-page folder, started and caught while it makes its copies. */
  async function importUnderWay(name: string, seed: number) {
    const archive = await tempDir('archive-');
    const many = await writeEdition(await tempDir(), name, {
      seed,
      title: 'Many',
      date: name.slice(-10),
      pages: 40,
    });
    const importing = path.join(archive, '.paperboy', 'importing');
    await fs.mkdir(importing, { recursive: true });
    const child = spawn(
      process.execPath,
      [`${REPO}bin/paperboy.js`, 'import', many.folder, '--archive', archive],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // Once a copy is being written, the import is under way.
    const watcher = watch(importing, { recursive: true });
    await new Promise<void>((resolve) => watcher.on('change', () => resolve()));
    watcher.close();
    return { archive, importing, folder: many.folder, child, stderr: () => stderr };
  }

  test('Ctrl+C during an import stops it at once and leaves nothing: no edition, no staged copies', async () => {
    const { archive, importing, child, stderr } = await importUnderWay('many_2025-12-21', 21);
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const [code] = await exited;
    assert.equal(code, 1, stderr());
    assert.equal(stderr(), 'paperboy: The operation was cancelled.\n');
    assert.deepEqual(await fs.readdir(importing), [], 'the staged copies are gone');
    const listed = await runCli(['list', '--archive', archive, '--json'], env);
    assert.deepEqual(JSON.parse(listed.stdout), []);
  });

  test('kill -9 during an import leaves the archive as it was; the next import cleans up and completes', async () => {
    const { archive, importing, folder, child } = await importUnderWay('killed_2025-12-22', 22);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    const listed = await runCli(['list', '--archive', archive, '--json'], env);
    assert.deepEqual(JSON.parse(listed.stdout), [], 'no edition, and no half of one');
    assert.deepEqual(
      (await fs.readdir(archive)).filter((n) => n !== '.paperboy'),
      [],
      'nothing outside the state folder',
    );
    const again = await runCli(['import', folder, '--archive', archive, '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).edition.pages, 40);
    assert.deepEqual(await fs.readdir(importing), [], "the killed import's copies are gone");
  });

  test('--json failures also print the error as JSON', async () => {
    const result = await runCli(
      ['import', '/nonexistent.pdf', '--archive', await tempDir(), '--json'],
      env,
    );
    assert.equal(result.code, 2);
    assert.deepEqual(JSON.parse(result.stdout), {
      error: { code: 'invalid', message: 'No such file or folder: /nonexistent.pdf' },
    });
  });
});

test('serve binds 127.0.0.1 by default, prints its URL, offers the sample to an empty archive, and stops on SIGTERM', async () => {
  const archive = await tempDir('archive-');
  const child = spawn(
    process.execPath,
    [`${REPO}bin/paperboy.js`, 'serve', '--archive', archive, '--port', '0', '--json'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const { url } = JSON.parse(line.toString());
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const response = await fetch(new URL('api/editions.list', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { result } = (await response.json()) as { result: { id: string; sample: boolean }[] };
  assert.deepEqual(
    result.map((e: { id: string; sample: boolean }) => [e.id, e.sample]),
    [['paperboy-gazette:2025-12-20', true]],
  );
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

function notCatalog(line: string): boolean {
  return !line.startsWith('.paperboy');
}

async function put(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

async function cut(dir: string): Promise<string> {
  const file = path.join(dir, 'cut.pdf');
  await fs.writeFile(file, (await fs.readFile(gazette.file)).subarray(0, 20_000));
  return file;
}
