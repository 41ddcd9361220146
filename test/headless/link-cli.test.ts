import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { CLI_TRANSPORTS } from '../helpers/cli-transports.ts';
import { CLIPPING, REPO } from '../helpers/paths.ts';
import { snapshot, tempDir } from '../helpers/temp.ts';

let env: Record<string, string>;
let archive: string;

before(async () => {
  env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  archive = await tempDir('archive-');
  const imported = await runCli(
    [
      'import',
      `${REPO}resources/sample/paperboy-gazette_2025-12-20.pdf`,
      '--source',
      'paperboy-gazette',
      '--archive',
      archive,
    ],
    env,
  );
  assert.equal(imported.code, 0, imported.stderr);
});

for (const cli of CLI_TRANSPORTS) {
  describe(`paperboy link, ${cli.name}`, () => {
    test('--json answers in the documented shape: page 5 of the sample, regions, headlines, parsed fields', async () => {
      const result = await cli.run(archive, ['link', CLIPPING, '--json'], env);
      assert.equal(result.code, 0, result.stderr);
      const link = JSON.parse(result.stdout);
      assert.deepEqual(Object.keys(link).slice(0, 12), [
        'found',
        'edition',
        'source',
        'date',
        'page',
        'pages',
        'regions',
        'score',
        'matched',
        'headline',
        'candidates',
        'parsed',
      ]);
      assert.equal(link.found, true);
      assert.equal(link.edition, 'paperboy-gazette:2025-12-20');
      assert.equal(link.page, 5);
      assert.deepEqual(Object.keys(link.regions[0]), ['page', 'x', 'y', 'w', 'h']);
      assert.equal(
        link.headline.print,
        'Lee calls security ministers together over North Korea policy',
      );
      assert.equal(link.parsed.published, '2025-12-19T17:45+05:30');
      assert.equal(link.parsed.dateline, 'Seoul, Dec 19');
    });

    test('reads the clipping from standard input with -, and says where it was printed', async () => {
      const text = await readFile(CLIPPING);
      const result = await cli.run(archive, ['link', '-'], env, text);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Printed on page 5, columns 4–5 of paperboy-gazette:2025-12-20/);
      assert.match(result.stdout, /print headline: Lee calls security ministers/);
    });

    test('a date range without the story answers "not found" and where it looked', async () => {
      const result = await cli.run(
        archive,
        ['link', CLIPPING, '--from', '2025-12-21', '--to', '2025-12-31'],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /^Not found: the archive has no indexed pages from 2025-12-21 to 2025-12-31/,
      );
    });

    const bad: [string, string | Uint8Array, RegExp][] = [
      ['an empty file', '', /empty/],
      [
        'a binary file',
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        /binary/,
      ],
      ['five words', 'Council backs the harbour plan\n', /too short to link \(5 words/],
      ['a 5 MB text file', 'All work and no play. '.repeat(240_000), /too long/],
    ];
    for (const [name, content, message] of bad)
      test(`${name}: exit 2, one line, nothing written`, async () => {
        const file = path.join(await tempDir(), 'clipping.txt');
        await writeFile(file, content);
        // Opened first (a running serve has its catalog open), so only what the link writes shows.
        await cli.run(archive, ['list'], env);
        const before = await snapshot(archive);
        const result = await cli.run(archive, ['link', file], env);
        assert.equal(result.code, 2);
        assert.match(result.stderr, message);
        assert.equal(result.stderr.trim().split('\n').length, 1);
        assert.deepEqual(await snapshot(archive), before);
      });

    test('a missing file and a wrong flag are usage errors', async () => {
      const missing = await cli.run(archive, ['link', '/no/such/clipping.txt'], env);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /no such file/);
      const flag = await runCli(['link', CLIPPING, '--page', '3'], env);
      assert.equal(flag.code, 2);
      assert.match(flag.stderr, /--page/);
    });
  });

  describe(`paperboy clip, ${cli.name}`, () => {
    test('clips a region into the library and writes its PNG with --out', async () => {
      const out = path.join(await tempDir(), 'story.png');
      const result = await cli.run(
        archive,
        [
          'clip',
          '--edition',
          'paperboy-gazette:2025-12-20',
          '--page',
          '5',
          '--rect',
          '475.2,832.9,280,327.3',
          '--out',
          out,
          '--json',
        ],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
      const clip = JSON.parse(result.stdout);
      assert.equal(clip.title, 'Lee calls security ministers together over North Korea policy');
      const png = await readFile(out);
      assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      assert.deepEqual(await readFile(path.join(archive, 'clips', `${clip.id}.png`)), png);
    });

    test('a bad --rect, a missing --out folder and a page that is not there are refused before anything is written', async () => {
      const base = ['clip', '--edition', 'paperboy-gazette:2025-12-20'];
      // The files (editions and clips); the catalog may checkpoint earlier writes when opened.
      const files = async () =>
        (await snapshot(archive)).filter((f) => !f.startsWith('.paperboy/'));
      const before = await files();
      for (const [args, message] of [
        [['--page', '5', '--rect', '1,2,3'], /--rect 1,2,3: must be x,y,w,h/],
        [['--page', '5', '--rect', '1,2,3,4', '--out', '/no/such/folder/x.png'], /does not exist/],
        [
          ['--page', '5', '--rect', '1,2,3,4', '--out', 'x.gif'],
          /must end in \.png, \.pdf or \.md/,
        ],
        [['--page', '42', '--rect', '1,2,3,4'], /has no page 42/],
      ] as const) {
        const result = await cli.run(archive, [...base, ...args], env);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, message);
      }
      assert.deepEqual(await files(), before);
    });
  });
}
