/**
 * OCR of pages without a text layer: a "scan" of a generated page (every
 * word's position known) read by `paperboy ocr` becomes searchable, with hit
 * boxes on the printed words, and linkable (OCR of the real Liverpool scan is
 * in test/real/).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { type GeneratedEdition, generateEdition } from '../../fixtures/newspaper/draw.ts';
import { runCli } from '../../helpers/cli.ts';
import { REPO } from '../../helpers/paths.ts';
import { scannedCorner, scannedPage } from '../../helpers/scan.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('paperboy ocr on a scanned generated page', () => {
  let env: Record<string, string>;
  let archive: string;
  let generated: GeneratedEdition;
  const ID = 'scan-gazette:2025-12-20';

  before(async () => {
    env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
    archive = await tempDir('archive-');
    generated = await generateEdition({
      seed: 77,
      title: 'Scan Gazette',
      date: '2025-12-20',
      pages: 1,
    });
    const scan = await scannedPage(await generated.editionPdf(), {
      index: 1,
      width: 792,
      height: 1224,
    });
    const file = path.join(await tempDir(), 'scan-gazette_2025-12-20.pdf');
    await fs.writeFile(file, scan);
    const imported = await runCli(['import', file, '--archive', archive], env);
    assert.equal(imported.code, 0, imported.stderr);
  });

  test('the page has no text layer, OCR reads it, and its words are found where they were printed', async () => {
    const before = await runCli(['text', ID, '1', '--archive', archive, '--json'], env);
    assert.equal(JSON.parse(before.stdout).quality, 'none');

    const ocr = await runCli(['ocr', '--archive', archive], env);
    assert.equal(ocr.code, 0, ocr.stderr);
    const words = Number(new RegExp(`^${ID} p\\.1: (\\d+) words$`, 'm').exec(ocr.stdout)?.[1]);
    assert.ok(words > 1000, ocr.stdout);
    // How far the page is, as it goes: drawn, then read to the end.
    const steps = ocr.stderr.split('\n').filter((line) => line.includes(`${ID} p.1:`));
    assert.equal(steps[0], `paperboy: ${ID} p.1: drawing the page`, ocr.stderr);
    assert.equal(steps.at(-1), `paperboy: ${ID} p.1: 100 % read`, ocr.stderr);

    const after = JSON.parse(
      (await runCli(['text', ID, '1', '--archive', archive, '--json'], env)).stdout,
    );
    assert.equal(after.quality, 'ocr');

    // A word of the Seoul story: found, with its box on a line where the generator drew it.
    const search = await runCli(['search', 'Pyongyang', '--archive', archive, '--json'], env);
    const hits = JSON.parse(search.stdout).hits;
    assert.equal(hits.length, 1);
    assert.equal(hits[0].edition, ID);
    const bodyLines = generated.layout[0]!.lines.filter((l) => l.role === 'body');
    for (const [x, y, w, h] of hits[0].boxes as [number, number, number, number][]) {
      const on = bodyLines.find(
        (l) => Math.abs(l.y - (y + h * 0.2)) < 4 && x >= l.x - 2 && x + w <= l.x + l.width + 2,
      );
      assert.ok(on, `box ${[x, y, w, h]} is on a printed line`);
      assert.ok(/Pyongyang/.test(on.text));
    }
  });

  test('a story on the scanned page is linked after OCR', async () => {
    const text = generated.layout[0]!.lines.filter((l) => l.story === 'seoul' && l.role === 'body')
      .map((l) => l.text)
      .join(' ')
      .replace(/- /g, '');
    const clipping = path.join(await tempDir(), 'story.txt');
    await fs.writeFile(
      clipping,
      `Seoul story\n\nBy IANS | Updated: December 19, 2025 17:45 IST\n\n${text}`,
    );
    const result = await runCli(['link', clipping, '--archive', archive, '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const link = JSON.parse(result.stdout);
    assert.equal(link.found, true);
    assert.equal(link.edition, ID);
    assert.ok(link.matched > 0.8, `matched ${link.matched}`);
  });
});

test('a page OCR cannot read is recorded and skipped; the pages after it are still read', async () => {
  const s = await openServices(await tempDir());
  const { scan } = await scannedCorner(5, 'Small', { width: 260, height: 200 });
  const dir = await tempDir();
  for (const name of ['good_2025-12-19.pdf', 'bad_2025-12-20.pdf'])
    await fs.writeFile(path.join(dir, name), scan);
  await s.archive.import({ path: path.join(dir, 'good_2025-12-19.pdf') });
  await s.archive.import({ path: path.join(dir, 'bad_2025-12-20.pdf') });
  await s.indexer.catchUp();
  // The newer edition's file is damaged on disk after it was checked: it cannot be drawn.
  const bad = s.archive.get('bad:2025-12-20');
  const { path: file } = await s.archive.file(bad.id, bad.files[0]!.name);
  await fs.writeFile(file, (await fs.readFile(file)).subarray(0, 400));

  const failed: { edition: string; page: number; reason: string }[] = [];
  const read: string[] = [];
  const count = await s.ocr.run({
    onPage: (p) => read.push(p.edition),
    onFailed: (f) => failed.push(f),
  });
  assert.equal(count, 1);
  assert.deepEqual(read, ['good:2025-12-19']);
  assert.deepEqual(
    failed.map((f) => [f.edition, f.page]),
    [['bad:2025-12-20', 1]],
  );
  assert.doesNotMatch(failed[0]!.reason, /\n/);
  assert.equal(s.indexer.store.page('good:2025-12-19', 1)?.quality, 'ocr');
  // Not tried again in this process.
  assert.equal(await s.ocr.run({ onFailed: (f) => failed.push(f) }), 0);
  assert.equal(failed.length, 1);
  assert.deepEqual(
    s.ocr.failures().map((f) => f.edition),
    ['bad:2025-12-20'],
  );
});

test('what OCR read is kept beside the page, and a rebuilt catalog reads it back instead of OCR', async () => {
  const root = await tempDir();
  const s = await openServices(root);
  const { scan } = await scannedCorner(8, 'Kept', { width: 400, height: 300 });
  const file = path.join(await tempDir(), 'kept_2025-12-20.pdf');
  await fs.writeFile(file, scan);
  await s.archive.import({ path: file });
  await s.indexer.catchUp();
  assert.equal(await s.ocr.run(), 1);
  const read = s.indexer.store.page('kept:2025-12-20', 1)!;
  assert.equal(read.quality, 'ocr');
  assert.ok(read.words.length > 5, `${read.words.length} words`);
  const saved = path.join(root, 'kept', '2025', '2025-12-20', 'ocr', 'p001.json');
  assert.equal(JSON.parse(await fs.readFile(saved, 'utf8')).words.length, read.words.length);
  await s.close();

  await fs.rm(path.join(root, '.paperboy', 'catalog.sqlite'));
  const again = await openServices(root);
  await again.indexer.catchUp();
  const back = again.indexer.store.page('kept:2025-12-20', 1)!;
  assert.equal(back.quality, 'ocr', 'read back from the file, with no OCR run');
  assert.deepEqual(
    back.words.map((w) => w.text),
    read.words.map((w) => w.text),
  );
  const word = read.words.find((w) => /^[A-Za-z]{5,}$/.test(w.text))!;
  const found = await again.api.call('search.query', { q: word.text });
  assert.equal(found.hits[0]?.edition, 'kept:2025-12-20');
});

test('Ctrl+C during paperboy ocr stops the page being read at once; the page is left to read later', async () => {
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  const generated = await generateEdition({ seed: 9, title: 'Stop', date: '2025-12-20', pages: 1 });
  const scan = await scannedPage(await generated.editionPdf(), {
    index: 1,
    width: 792,
    height: 1224,
  });
  const file = path.join(await tempDir(), 'stop_2025-12-20.pdf');
  await fs.writeFile(file, scan);
  assert.equal((await runCli(['import', file, '--archive', archive], env)).code, 0);
  const child = spawn(process.execPath, [`${REPO}bin/paperboy.js`, 'ocr', '--archive', archive], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  // It says when it starts reading; then Ctrl+C.
  await new Promise<void>((resolve) =>
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes('reading 1 page with OCR')) resolve();
    }),
  );
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const [code] = await exited;
  assert.equal(code, 1, stderr);
  assert.match(stderr, /paperboy: The operation was cancelled\.\n$/);
  const page = await runCli(['text', 'stop:2025-12-20', '1', '--archive', archive, '--json'], env);
  assert.equal(JSON.parse(page.stdout).quality, 'none');
});

test("a source read in languages of its own has its pages read in those, the others in the reader's", async () => {
  const root = await tempDir();
  const s = await openServices(root);
  const { scan } = await scannedCorner(5, 'Small', { width: 260, height: 200 });
  const dir = await tempDir();
  for (const name of ['plain_2025-12-19.pdf', 'faraway_2025-12-20.pdf'])
    await fs.writeFile(path.join(dir, name), scan);
  await s.archive.import({ path: path.join(dir, 'plain_2025-12-19.pdf') });
  await s.archive.import({ path: path.join(dir, 'faraway_2025-12-20.pdf') });
  await s.indexer.catchUp();
  // The paper's definition, written by hand, names a language no machine has the data of.
  const definition = {
    id: 'faraway',
    name: 'Faraway',
    kind: 'folder' as const,
    folder: dir,
    timezone: 'UTC',
    schedule: { at: '06:00' },
    ocrLanguages: ['xyz'],
  };
  await fs.mkdir(path.join(root, '.paperboy', 'sources'), { recursive: true });
  await fs.writeFile(
    path.join(root, '.paperboy', 'sources', 'faraway.json'),
    JSON.stringify(definition),
  );
  const failed: { edition: string; reason: string }[] = [];
  const read: string[] = [];
  await s.ocr.run({ onPage: (p) => read.push(p.edition), onFailed: (f) => failed.push(f) });
  assert.deepEqual(read, ['plain:2025-12-19'], 'read in the reader’s English');
  assert.deepEqual(
    failed.map((f) => f.edition),
    ['faraway:2025-12-20'],
  );
  assert.match(failed[0]!.reason, /^OCR language "xyz" is not installed: /);
  assert.doesNotMatch(failed[0]!.reason, /\n/);
  // Added through the contract, such a source is refused at once, in one line.
  await assert.rejects(
    s.api.call('sources.add', { definition: { ...definition, id: 'faraway-two' } }),
    /OCR language "xyz" is not installed/,
  );
  // A definition naming languages that are not codes is refused by its form.
  await assert.rejects(
    s.api.call('sources.add', {
      definition: { ...definition, id: 'faraway-three', ocrLanguages: ['Kannada'] },
    }),
    /ocrLanguages.*is not an OCR language code/,
  );
});
