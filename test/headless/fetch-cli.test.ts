import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync, watch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { createHttpApi } from '../../main/common/http-api.ts';
import { generateEdition } from '../fixtures/newspaper/draw.ts';
import { startServe } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { CLI_TRANSPORTS } from '../helpers/cli-transports.ts';
import { type EditionServer, startEditionServer } from '../helpers/edition-server.ts';
import { REPO } from '../helpers/paths.ts';
import { SCANS } from '../helpers/scans.ts';
import { tempDir } from '../helpers/temp.ts';

const DATE = '2025-12-20';
let server: EditionServer;
let env: Record<string, string>;
let pages: Buffer[];

before(async () => {
  server = await startEditionServer();
  env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const edition = await generateEdition({ seed: 8, title: 'Daily', date: DATE, pages: 4 });
  pages = (await edition.pagePdfs()).map((b) => Buffer.from(b));
});

/** Resolves once `file` in `dir` holds at least `size` bytes (watching, so nothing is missed). */
function waitForSize(dir: string, file: string, size: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) < size) return;
      watcher.close();
      resolve();
    };
    const watcher = watch(dir, check);
    check();
  });
}

async function sourceFile(id: string, extra: object = {}): Promise<string> {
  const file = path.join(await tempDir(), `${id}.json`);
  const definition = {
    id,
    name: `The ${id}`,
    kind: 'template',
    url: `${server.url}/${id}/{yyyy}{mm}{dd}/{page:2}.pdf`,
    timezone: 'Europe/London',
    schedule: { at: '05:30' },
    ...extra,
  };
  await fs.writeFile(file, JSON.stringify(definition));
  return file;
}

function serve(id: string, bodies: Buffer[]) {
  bodies.forEach((body, i) => {
    server.routes.set(`/${id}/20251220/${String(i + 1).padStart(2, '0')}.pdf`, {
      body,
      etags: ['"e"'],
    });
  });
}

for (const cli of CLI_TRANSPORTS) {
  test(`sources add, list, test and fetch, ${cli.name}`, async () => {
    const archive = await tempDir('archive-');
    serve('herald', pages);
    const added = await cli.run(archive, ['sources', 'add', await sourceFile('herald')], env);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, 'Added source herald — The herald\n');

    const listed = await cli.run(archive, ['sources', 'list', '--json'], env);
    assert.deepEqual(
      JSON.parse(listed.stdout).map((d: { id: string }) => d.id),
      ['herald'],
    );

    const preview = await cli.run(
      archive,
      ['sources', 'test', 'herald', '--date', DATE, '--json'],
      env,
    );
    assert.equal(preview.code, 0, preview.stderr);
    assert.deepEqual(JSON.parse(preview.stdout), {
      date: DATE,
      pages: pages.map((p, i) => ({
        n: i + 1,
        url: `${server.url}/herald/20251220/0${i + 1}.pdf`,
        bytes: p.length,
      })),
    });

    const fetched = await cli.run(
      archive,
      ['fetch', '--source', 'herald', '--date', DATE, '--json'],
      env,
    );
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.deepEqual(JSON.parse(fetched.stdout), {
      editions: [
        {
          id: `herald:${DATE}`,
          source: 'herald',
          date: DATE,
          pages: 4,
          bytes: pages.reduce((n, p) => n + p.length, 0),
        },
      ],
      missing: [],
      errors: [],
    });
    const range = await cli.run(
      archive,
      ['fetch', '--from', '2025-12-19', '--to', DATE, '--json'],
      env,
    );
    assert.deepEqual(JSON.parse(range.stdout).missing, ['2025-12-19']);
  });

  test(`bad definitions and flags exit 2 with the reason, ${cli.name}`, async () => {
    const archive = await tempDir('archive-');
    const bad = await sourceFile('broken', { schedule: { at: '7am' } });
    const result = await cli.run(archive, ['sources', 'add', bad], env);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^paperboy: sources\.add: definition\.schedule\.at must be a time as HH:MM\n$/,
    );
    const notJson = path.join(await tempDir(), 'x.json');
    await fs.writeFile(notJson, '{ nope');
    assert.equal((await cli.run(archive, ['sources', 'add', notJson], env)).code, 2);
    const unknown = await cli.run(archive, ['fetch', '--source', 'nobody'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No source nobody/);
    const both = await cli.run(archive, ['fetch', '--date', DATE, '--from', DATE], env);
    assert.equal(both.code, 2);
  });
}

test('kill -9 in the middle of an edition, then fetch again: complete pages are kept, a cut page resumes', async () => {
  const archive = await tempDir('archive-');
  const big = await fs.readFile(SCANS.scan);
  const bodies = [pages[0]!, pages[1]!, big, pages[3]!];
  serve('killed', bodies);
  server.routes.get('/killed/20251220/03.pdf')!.faults = ['stall'];
  assert.equal(
    (await runCli(['sources', 'add', await sourceFile('killed'), '--archive', archive], env)).code,
    0,
  );

  const stalled = server.stalled();
  const child = spawn(
    process.execPath,
    [`${REPO}bin/paperboy.js`, 'fetch', '--source', 'killed', '--date', DATE, '--archive', archive],
    {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    },
  );
  await stalled;
  // Wait until the 64 KB the server sent are on disk in the part file, then kill.
  const incoming = path.join(archive, '.paperboy', 'incoming', 'killed', DATE);
  const part = path.join(incoming, 'p003.pdf.part');
  await waitForSize(incoming, part, 65536);
  child.kill('SIGKILL');
  await once(child, 'exit');

  const again = await runCli(
    ['fetch', '--source', 'killed', '--date', DATE, '--archive', archive, '--json'],
    env,
  );
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).editions[0].pages, 4);
  const asked = (n: string) => server.seen.filter((r) => r.path === `/killed/20251220/${n}.pdf`);
  assert.equal(asked('01').length, 1, 'page 1 is not downloaded again');
  assert.equal(asked('02').length, 1, 'page 2 is not downloaded again');
  assert.deepEqual(
    asked('03').map((r) => r.range),
    [undefined, 'bytes=65536-'],
  );
  const list = await runCli(['list', '--archive', archive, '--json'], env);
  assert.deepEqual(
    JSON.parse(list.stdout).map((e: { id: string }) => e.id),
    [`killed:${DATE}`],
  );
  const stored = await fs.readFile(path.join(archive, 'killed', '2025', DATE, 'p003.pdf'));
  assert.ok(stored.equals(big), 'the resumed page is byte for byte the original');
});

test('serve delivers on schedule: editions already due (today and missed days) arrive without asking', async () => {
  const archive = await tempDir('archive-');
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  for (const date of [today, yesterday])
    server.routes.set(`/scheduled/${date}.pdf`, { body: pages[0]! });
  const file = await sourceFile('scheduled', {
    url: `${server.url}/scheduled/{yyyy}-{mm}-{dd}.pdf`,
    timezone: 'UTC',
    schedule: { at: '00:00' },
  });
  assert.equal((await runCli(['sources', 'add', file, '--archive', archive], env)).code, 0);
  const { url } = await startServe(archive, env);
  const api = createHttpApi(url);
  await api.ready();
  const want = new Set([`scheduled:${today}`, `scheduled:${yesterday}`]);
  const listed = async () =>
    (await api.call('editions.list', { source: 'scheduled' })).map((e) => e.id);
  // Wait on the events the server sends as editions arrive (some may be in before we listen).
  await new Promise<void>((resolve) => {
    const check = async () => {
      if ((await listed()).filter((id) => want.has(id)).length === want.size) {
        off();
        resolve();
      }
    };
    const off = api.on('edition.added', () => void check());
    void check();
  });
  assert.deepEqual((await listed()).sort(), [...want].sort());
  api.close();
});
