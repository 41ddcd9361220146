/**
 * Benchmark: what Paperboy does with bad input and faults, counted, for issue
 * 17's figures. Through the real `paperboy` command (bin/paperboy.js):
 *   1. bad inputs — files, flags, clippings, source definitions: each must exit
 *      with 1 or 2 and one line on stderr, and leave the archive's files as they were;
 *   2. kill -9 of a delivery at several byte offsets of a 3 MB page, then a
 *      rerun: the bytes downloaded twice, as a share of the page;
 *   3. kill -9 of an import at several points, then a rerun: editions lost or
 *      half-made must be none;
 *   4. the catalog deleted, then corrupted: reindex gives back editions, clips
 *      with their notes, and OCR text.
 * Prints the counts; asserts nothing. All traffic is on 127.0.0.1, bounded.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { statSync, watch } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { generateEdition } from '../fixtures/newspaper/draw.ts';
import { REPO } from '../helpers/paths.ts';

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-integrity-'));
const env = { ...process.env, PAPERBOY_CONFIG_DIR: path.join(work, 'config') };
const dir = (name: string) => fs.mkdtemp(path.join(work, `${name}-`));

function cli(args: string[], input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [`${REPO}bin/paperboy.js`, ...args], {
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => {
      stdout += c;
    });
    child.stderr!.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function files(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string) => {
    for (const entry of await fs.readdir(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.name === '.paperboy') continue;
      if (entry.isDirectory()) await walk(full);
      else out.push(`${path.relative(root, full)} ${(await fs.stat(full)).size}`);
    }
  };
  await walk(root);
  return out.sort();
}

try {
  const generated = await generateEdition({
    seed: 17,
    title: 'Integrity',
    date: '2025-12-20',
    pages: 4,
  });
  const whole = Buffer.from(await generated.editionPdf());
  const pages = (await generated.pagePdfs()).map((b) => Buffer.from(b));
  const inputs = await dir('inputs');
  const put = async (name: string, data: string | Uint8Array) => {
    const file = path.join(inputs, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, data);
    return file;
  };
  const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
  const huge = await PDFDocument.create();
  for (let i = 0; i < 6000; i++) huge.addPage([100, 100]);
  const corrupt = Buffer.from(whole);
  corrupt.fill(0x20, 400, corrupt.length - 400);

  // 1. Bad inputs.
  const archive = await dir('archive');
  const seeded = await cli([
    'import',
    await put('seed_2025-12-19.pdf', whole),
    '--archive',
    archive,
  ]);
  if (seeded.code !== 0) throw new Error(seeded.stderr);
  const bad: [string, string[], string?][] = [
    ['empty file', ['import', await put('a/empty_2025-01-01.pdf', '')]],
    ['HTML named .pdf', ['import', await put('a/login_2025-01-01.pdf', '<html>Sign in</html>')]],
    [
      'PNG named .pdf',
      [
        'import',
        await put('a/pic_2025-01-01.pdf', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')),
      ],
    ],
    ['JSON named .pdf', ['import', await put('a/data_2025-01-01.pdf', '{"a":1}')]],
    ['random bytes', ['import', await put('a/junk_2025-01-01.pdf', randomBytes(50_000))]],
    [
      'PDF cut at 10 %',
      ['import', await put('a/cut10_2025-01-01.pdf', whole.subarray(0, whole.length / 10))],
    ],
    [
      'PDF cut at 50 %',
      ['import', await put('a/cut50_2025-01-01.pdf', whole.subarray(0, whole.length / 2))],
    ],
    [
      'PDF cut at 99 %',
      ['import', await put('a/cut99_2025-01-01.pdf', whole.subarray(0, whole.length - 100))],
    ],
    ['PDF with a corrupt body', ['import', await put('a/broken_2025-01-01.pdf', corrupt)]],
    ['PDF of no pages', ['import', await put('a/none_2025-01-01.pdf', empty)]],
    ['PDF of 6,000 pages', ['import', await put('a/huge_2025-01-01.pdf', await huge.save())]],
    ['missing path', ['import', path.join(inputs, 'nope.pdf')]],
    ['folder of no PDFs', ['import', path.dirname(await put('b/readme.txt', 'hi'))]],
    [
      'folder with one bad page',
      [
        'import',
        path.dirname(
          (await Promise.all([put('c/p1.pdf', pages[0]!), put('c/p2.pdf', '<html>no</html>')]))[1],
        ),
      ],
    ],
    [
      'folder with a 0-page page',
      [
        'import',
        path.dirname((await Promise.all([put('d/p1.pdf', pages[0]!), put('d/p2.pdf', empty)]))[1]),
      ],
    ],
    [
      'other files for an existing edition',
      ['import', await put('seed_2025-12-19.pdf', pages[1]!)],
    ],
    ['unknown flag', ['list', '--colour']],
    ['unknown command', ['frobnicate']],
    ['missing argument', ['import']],
    ['impossible date', ['import', await put('e/x.pdf', whole), '--date', '2025-02-30']],
    ['source that is a path', ['import', await put('f/x.pdf', whole), '--source', '../etc']],
    ['bad edition name', ['import', await put('g/x.pdf', whole), '--edition', 'A B/C']],
    ['search limit 0', ['search', 'x', '--limit', '0']],
    ['search limit 999', ['search', 'x', '--limit', '999']],
    ['search limit abc', ['search', 'x', '--limit', 'abc']],
    ['search query too long', ['search', 'x'.repeat(600)]],
    ['search query of only syntax', ['search', '"']],
    ['text page 0', ['text', 'seed:2025-12-19', '0']],
    ['text page abc', ['text', 'seed:2025-12-19', 'abc']],
    ['text page 99', ['text', 'seed:2025-12-19', '99']],
    ['text of no edition', ['text', 'nobody:2020-01-01', '1']],
    ['remove no edition', ['remove', 'nobody:2020-01-01']],
    ['remove a bad id', ['remove', '../../etc']],
    ['clip without rect', ['clip', '--edition', 'seed:2025-12-19', '--page', '1']],
    [
      'clip rect of 3 numbers',
      ['clip', '--edition', 'seed:2025-12-19', '--page', '1', '--rect', '1,2,3'],
    ],
    [
      'clip rect of width 0',
      ['clip', '--edition', 'seed:2025-12-19', '--page', '1', '--rect', '1,2,0,4'],
    ],
    [
      'clip dpi 5000',
      ['clip', '--edition', 'seed:2025-12-19', '--page', '1', '--rect', '1,2,3,4', '--dpi', '5000'],
    ],
    ['clip page 99', ['clip', '--edition', 'seed:2025-12-19', '--page', '99', '--rect', '1,2,3,4']],
    [
      'clip out to a missing folder',
      [
        'clip',
        '--edition',
        'seed:2025-12-19',
        '--page',
        '1',
        '--rect',
        '1,2,3,4',
        '--out',
        '/nope/x.png',
      ],
    ],
    [
      'clip out of unknown type',
      [
        'clip',
        '--edition',
        'seed:2025-12-19',
        '--page',
        '1',
        '--rect',
        '1,2,3,4',
        '--out',
        'x.gif',
      ],
    ],
    ['ocr language not installed', ['ocr', '--lang', 'xx']],
    ['ocr language not a code', ['ocr', '--lang', 'English!']],
    ['fetch with no sources', ['fetch']],
    ['fetch --from after --to', ['fetch', '--from', '2025-12-20', '--to', '2025-12-01']],
    ['fetch an unknown source', ['fetch', '--source', 'nobody']],
    ['serve on port 99999', ['serve', '--port', '99999']],
    ['empty clipping', ['link', '-'], ''],
    ['five-word clipping', ['link', '-'], 'Ministers met in Seoul today.'],
    ['binary clipping', ['link', await put('h/bin.txt', randomBytes(4000))]],
    ['PDF given as a clipping', ['link', await put('h/story.txt', whole)]],
    ['web shortcut without a URL', ['link', await put('h/a.url', '[InternetShortcut]\n')]],
    [
      'web shortcut to a file',
      ['link', await put('h/b.url', '[InternetShortcut]\nURL=file:///etc/passwd\n')],
    ],
    ['broken webloc', ['link', await put('h/c.webloc', '<plist><dict>')]],
    [
      'page nested 2,000 deep',
      [
        'link',
        await put('h/deep.html', `<html><body>${'<div>'.repeat(2000)}<p>x</p></body></html>`),
      ],
    ],
    ['source definition not JSON', ['sources', 'add', await put('s/a.json', '{ nope')]],
    [
      'source of unknown kind',
      [
        'sources',
        'add',
        await put(
          's/b.json',
          JSON.stringify({
            id: 'b',
            name: 'B',
            kind: 'ftp',
            timezone: 'UTC',
            schedule: { at: '06:00' },
          }),
        ),
      ],
    ],
    [
      'source with a bad time zone',
      [
        'sources',
        'add',
        await put(
          's/c.json',
          JSON.stringify({
            id: 'c',
            name: 'C',
            kind: 'template',
            url: 'https://x/{yyyy}.pdf',
            timezone: 'Mars/Olympus',
            schedule: { at: '06:00' },
          }),
        ),
      ],
    ],
    [
      'source with a bad time',
      [
        'sources',
        'add',
        await put(
          's/d.json',
          JSON.stringify({
            id: 'd',
            name: 'D',
            kind: 'template',
            url: 'https://x/{yyyy}.pdf',
            timezone: 'UTC',
            schedule: { at: '25:00' },
          }),
        ),
      ],
    ],
    [
      'source with an unknown field',
      [
        'sources',
        'add',
        await put(
          's/e.json',
          JSON.stringify({
            id: 'e',
            name: 'E',
            kind: 'template',
            url: 'https://x/{yyyy}.pdf',
            timezone: 'UTC',
            schedule: { at: '06:00' },
            colour: 'red',
          }),
        ),
      ],
    ],
  ];
  const before = await files(archive);
  let clean = 0;
  const unclean: string[] = [];
  for (const [name, args, input] of bad) {
    const result = await cli([...args, '--archive', archive], input);
    const oneLine = /^paperboy: [^\n]+\n$/.test(result.stderr);
    const refused = result.code === 1 || result.code === 2;
    const same = JSON.stringify(await files(archive)) === JSON.stringify(before);
    if (refused && oneLine && same) clean++;
    else unclean.push(`${name} (exit ${result.code}: ${result.stderr.trim().slice(0, 120)})`);
  }
  console.log(
    `bad inputs: ${bad.length} tried, ${clean} refused with one line and the archive as it was`,
  );
  for (const line of unclean) console.log(`  not clean: ${line}`);

  // 2. kill -9 in the middle of a page, at several offsets, then a rerun.
  const attachment = randomBytes(3 * 1024 * 1024);
  const big = await PDFDocument.create({ updateMetadata: false });
  big.addPage([300, 300]);
  await big.attach(attachment, 'filler.bin', { mimeType: 'application/octet-stream' });
  const page = Buffer.from(await big.save({ useObjectStreams: false }));
  let stallAt = 0;
  const ranges: (number | undefined)[] = [];
  const server = http.createServer((req, res) => {
    if (!req.url?.startsWith('/paper/')) return void res.writeHead(404).end();
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    ranges.push(range ? start : undefined);
    const body = page.subarray(start);
    res.writeHead(start ? 206 : 200, {
      'content-type': 'application/pdf',
      'content-length': String(body.length),
      etag: '"p"',
      ...(start && { 'content-range': `bytes ${start}-${page.length - 1}/${page.length}` }),
    });
    if (stallAt > start) res.write(body.subarray(0, stallAt - start));
    else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const twice: string[] = [];
  let lost = 0;
  for (const fraction of [0.05, 0.3, 0.6, 0.95]) {
    const root = await dir('killed');
    const definition = await put(
      `k/paper.json`,
      JSON.stringify({
        id: 'paper',
        name: 'Paper',
        kind: 'template',
        url: `http://127.0.0.1:${port}/paper/{yyyy}{mm}{dd}.pdf`,
        timezone: 'UTC',
        schedule: { at: '06:00' },
      }),
    );
    await cli(['sources', 'add', definition, '--archive', root]);
    stallAt = Math.floor(page.length * fraction);
    ranges.length = 0;
    const child = spawn(
      process.execPath,
      [`${REPO}bin/paperboy.js`, 'fetch', '--date', '2025-12-20', '--archive', root],
      { env, stdio: 'ignore' },
    );
    const incoming = path.join(root, '.paperboy', 'incoming', 'paper', '2025-12-20');
    await fs.mkdir(incoming, { recursive: true });
    const part = path.join(incoming, 'p001.pdf.part');
    // Killed once what arrived is on disk (writes are batched a megabyte at a time).
    const onDisk = Math.floor(stallAt / (1024 * 1024)) * 1024 * 1024;
    await new Promise<void>((resolve) => {
      const check = () => {
        if ((statSync(part, { throwIfNoEntry: false })?.size ?? 0) >= Math.max(1, onDisk)) {
          watcher.close();
          resolve();
        }
      };
      const watcher = watch(incoming, check);
      check();
    });
    child.kill('SIGKILL');
    await once(child, 'exit');
    stallAt = 0;
    const again = await cli(['fetch', '--date', '2025-12-20', '--archive', root, '--json']);
    const resumedFrom = ranges.at(-1) ?? 0;
    const sentBefore = Math.floor(page.length * fraction);
    twice.push(
      `${(fraction * 100).toFixed(0)} %: ${(((sentBefore - resumedFrom) / page.length) * 100).toFixed(1)} %`,
    );
    const report = JSON.parse(again.stdout) as { editions: { pages: number }[] };
    if (report.editions[0]?.pages !== 1) lost++;
  }
  server.close();
  console.log(
    `delivery killed with SIGKILL at 4 offsets of a ${(page.length / 1024 / 1024).toFixed(1)} MB page: re-downloaded on the rerun ${twice.join(', ')} of the page; editions lost ${lost}`,
  );
  console.log(
    '  (what is re-downloaded is what had arrived but was not yet written: writes go to disk a megabyte at a time)',
  );

  // 3. kill -9 of an import at several points.
  const folder = path.join(inputs, 'many_2025-12-21');
  const many = await generateEdition({ seed: 21, title: 'Many', date: '2025-12-21', pages: 40 });
  await fs.mkdir(folder, { recursive: true });
  for (const [i, bytes] of (await many.pagePdfs()).entries())
    await fs.writeFile(path.join(folder, `page-${i + 1}.pdf`), bytes);
  let importsLost = 0;
  let halfMade = 0;
  for (const after of [1, 8, 24]) {
    const root = await dir('import-killed');
    const importing = path.join(root, '.paperboy', 'importing');
    await fs.mkdir(importing, { recursive: true });
    const child = spawn(
      process.execPath,
      [`${REPO}bin/paperboy.js`, 'import', folder, '--archive', root],
      { env, stdio: 'ignore' },
    );
    let seen = 0;
    const watcher = watch(importing, { recursive: true });
    await new Promise<void>((resolve) =>
      watcher.on('change', (_e, name) => {
        if (String(name).endsWith('.pdf') && ++seen >= after) resolve();
      }),
    );
    watcher.close();
    child.kill('SIGKILL');
    await once(child, 'exit');
    const listed = JSON.parse((await cli(['list', '--archive', root, '--json'])).stdout) as {
      pages: number;
    }[];
    if (listed.some((e) => e.pages !== 40)) halfMade++;
    const again = await cli(['import', folder, '--archive', root, '--json']);
    if (again.code !== 0 || JSON.parse(again.stdout).edition.pages !== 40) importsLost++;
  }
  console.log(
    `import killed with SIGKILL after 1, 8 and 24 staged copies: half-made editions ${halfMade}, imports that could not be completed by a rerun ${importsLost}`,
  );

  // 4. The catalog deleted, then corrupted: reindex gives everything back.
  const root = await dir('rebuilt');
  await cli(['import', await put('r/rebuilt_2025-12-20.pdf', whole), '--archive', root]);
  await cli([
    'clip',
    '--edition',
    'rebuilt:2025-12-20',
    '--page',
    '1',
    '--rect',
    '40,400,200,120',
    '--archive',
    root,
  ]);
  const state = async () => ({
    editions: JSON.parse((await cli(['list', '--archive', root, '--json'])).stdout).length,
    words: JSON.parse(
      (await cli(['text', 'rebuilt:2025-12-20', '1', '--archive', root, '--json'])).stdout,
    ).words.length,
    hits: JSON.parse((await cli(['search', 'the', '--archive', root, '--json'])).stdout).total,
  });
  const original = await state();
  const catalog = path.join(root, '.paperboy', 'catalog.sqlite');
  await fs.rm(catalog);
  await fs.rm(`${catalog}-wal`, { force: true });
  await fs.rm(`${catalog}-shm`, { force: true });
  const afterDelete = await state();
  const bytes = await fs.readFile(catalog);
  bytes.fill(0xa5, 8192, Math.min(bytes.length - 4096, 40_960));
  await fs.writeFile(catalog, bytes);
  const reindexed = await cli(['reindex', '--archive', root]);
  const afterCorrupt = await state();
  console.log(
    `catalog deleted, then corrupted inside: editions/words/hits ${JSON.stringify(original)} → ${JSON.stringify(afterDelete)} → ${JSON.stringify(afterCorrupt)}; reindex said: ${reindexed.stderr.trim() || '(nothing)'}`,
  );
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
