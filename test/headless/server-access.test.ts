/**
 * serve beyond loopback is locked: every request needs the token (taken once
 * from the printed URL, then kept as a cookie, or sent as a bearer), the Host
 * must name this machine, and a read-only server refuses every method that
 * changes something. On every bind, a contract call from another site's page
 * is refused. The servers bind 0.0.0.0 but are only ever asked on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { before, test } from 'node:test';
import { METHOD_NAMES, mutates } from '../../main/common/api.ts';
import type { Core as Services } from '../../main/core/core.ts';
import { type RunningServer, startServer } from '../../main/headless/server.ts';
import { startServe } from '../helpers/browser.ts';
import { onCleanup } from '../helpers/cleanup.ts';
import { runCli } from '../helpers/cli.ts';
import { type EditionOnDisk, writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const TOKEN = 'k'.repeat(43);
let services: Services;
let rendererDir: string;
let gazette: EditionOnDisk;
const FILE = `/files/${encodeURIComponent('gazette:2025-12-20')}/edition.pdf`;

before(async () => {
  services = await openServices(await tempDir());
  gazette = await writeEdition(await tempDir(), 'gazette_2025-12-20', {
    seed: 4,
    title: 'Gazette',
    date: '2025-12-20',
    pages: 1,
  });
  await services.archive.import({ path: gazette.file });
  rendererDir = await tempDir('renderer-');
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>P</title>');
});

async function serve(options: { host?: string; readOnly?: boolean; token?: string } = {}) {
  const server = await startServer({
    services,
    host: options.host ?? '0.0.0.0',
    port: 0,
    rendererDir,
    access: {
      ...((options.token ?? (options.host ? undefined : TOKEN)) && {
        token: options.token ?? TOKEN,
      }),
      readOnly: options.readOnly ?? false,
    },
  });
  onCleanup(() => server.close());
  return server;
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request to the server on 127.0.0.1, with the headers an attacker or a browser would send. */
function ask(
  server: RunningServer,
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const port = new URL(server.url).port;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (
  server: RunningServer,
  method: string,
  args: unknown,
  headers: Record<string, string> = {},
) =>
  ask(server, `/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });

const COOKIE = { cookie: `paperboy_token=${TOKEN}` };

test('a LAN-bound server refuses every request without its token', async () => {
  const server = await serve();
  assert.doesNotMatch(server.url, /0\.0\.0\.0/, 'the address shown is one a reader can use');
  for (const pathname of ['/', '/index.html', FILE, '/api/events', '/clips/x.png']) {
    const answer = await ask(server, pathname);
    assert.equal(answer.status, 401, pathname);
    assert.match(answer.body, /^This Paperboy is locked: open the address paperboy serve printed/);
  }
  assert.equal((await call(server, 'editions.list', {})).status, 401);
  assert.equal((await ask(server, `/?token=${'x'.repeat(43)}`)).status, 401, 'a wrong token');
  assert.equal(
    (await ask(server, '/', { headers: { cookie: 'paperboy_token=nope' } })).status,
    401,
  );
});

test('the token in the URL becomes a cookie; with it, or as a bearer, everything is served', async () => {
  const server = await serve();
  const first = await ask(server, `/?token=${TOKEN}`);
  assert.equal(first.status, 303);
  assert.equal(first.headers.location, '/', 'the address is shown again without the token');
  assert.match(
    String(first.headers['set-cookie']),
    new RegExp(`^paperboy_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/$`),
  );
  assert.equal((await ask(server, '/', { headers: COOKIE })).status, 200);
  const file = await ask(server, FILE, { headers: COOKIE });
  assert.equal(file.status, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  const listed = await call(server, 'editions.list', {}, COOKIE);
  assert.equal(listed.status, 200);
  assert.equal(JSON.parse(listed.body).result[0].id, 'gazette:2025-12-20');
  const bearer = await call(server, 'archive.info', {}, { authorization: `Bearer ${TOKEN}` });
  assert.equal(bearer.status, 200);
});

test('beyond loopback, the Host must name this machine, and the token does not change that', async () => {
  const server = await serve();
  for (const host of ['evil.example', 'evil.example:80', 'paperboy.attacker.test'])
    assert.equal((await ask(server, '/', { headers: { ...COOKIE, host } })).status, 421, host);
  assert.equal((await ask(server, '/', { headers: { ...COOKIE, host: 'LOCALHOST' } })).status, 200);
});

test('a contract call from another site is refused on every bind, with or without the token', async () => {
  const lan = await serve();
  const loop = await serve({ host: '127.0.0.1' });
  for (const server of [lan, loop]) {
    const port = new URL(server.url).port;
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: `http://evil.example:${port}` },
      { origin: `https://127.0.0.1:${port}` },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const answer = await call(
        server,
        'editions.remove',
        { id: 'gazette:2025-12-20' },
        {
          ...COOKIE,
          ...headers,
        },
      );
      assert.equal(answer.status, 403, `${server.url} ${JSON.stringify(headers)}`);
    }
    const own = await call(
      server,
      'archive.info',
      {},
      { ...COOKIE, origin: `http://127.0.0.1:${port}` },
    );
    assert.equal(own.status, 200);
  }
  assert.equal(services.archive.list().length, 1, 'nothing was removed');
});

test('a read-only server refuses every method that changes something, and answers the others', async () => {
  const server = await serve({ readOnly: true });
  const changing = METHOD_NAMES.filter(mutates);
  assert.ok(changing.includes('editions.remove') && changing.includes('sources.add'));
  assert.ok(changing.length >= 10, `${changing}`);
  for (const method of changing) {
    const answer = await call(server, method, {}, COOKIE);
    assert.equal(answer.status, 403, method);
    assert.deepEqual(JSON.parse(answer.body), {
      ok: false,
      error: { code: 'forbidden', message: `This Paperboy is read-only: ${method} is refused.` },
    });
  }
  assert.equal((await call(server, 'editions.list', {}, COOKIE)).status, 200);
  assert.equal((await call(server, 'search.query', { q: 'gazette' }, COOKIE)).status, 200);
  assert.equal(services.archive.list().length, 1);
});

test('a server beyond loopback cannot be started without a token', async () => {
  await assert.rejects(
    startServer({ services, host: '0.0.0.0', port: 0 }),
    /beyond loopback, needs a token/,
  );
});

test('paperboy serve --host 0.0.0.0 prints a LAN address with a token it keeps, and is locked', async () => {
  const config = await tempDir('config-');
  const archive = await tempDir('archive-');
  const start = async () => {
    const child = spawn(
      process.execPath,
      [
        `${REPO}bin/paperboy.js`,
        'serve',
        '--archive',
        archive,
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--json',
        '--no-ocr',
        '--no-schedule',
        '--read-only',
      ],
      { env: { ...process.env, PAPERBOY_CONFIG_DIR: config }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const [line] = await once(child.stdout!, 'data');
    const stopped = once(child, 'exit');
    child.kill('SIGTERM');
    await stopped;
    return JSON.parse(String(line)) as { url: string; readOnly: boolean; locked: boolean };
  };
  const first = await start();
  const url = new URL(first.url);
  assert.notEqual(url.hostname, '0.0.0.0');
  assert.match(url.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual([first.readOnly, first.locked], [true, true]);
  const second = await start();
  assert.equal(
    new URL(second.url).searchParams.get('token'),
    url.searchParams.get('token'),
    'the token is kept in the settings',
  );
});

test('paperboy --server drives a locked serve with its token; without it, one line; read-only refuses changes', async () => {
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  const { url } = await startServe(archive, env, [
    '--host',
    '0.0.0.0',
    '--no-schedule',
    '--read-only',
  ]);
  const printed = new URL(url);
  const token = printed.searchParams.get('token')!;
  const bare = `${printed.origin}/`;
  // The address as serve printed it carries the token; --token gives it too.
  for (const args of [
    ['--server', url],
    ['--server', bare, '--token', token],
  ]) {
    const listed = await runCli(['list', '--json', ...args], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      JSON.parse(listed.stdout).map((e: { id: string }) => e.id),
      ['paperboy-gazette:2025-12-20'],
    );
  }
  const locked = await runCli(['list', '--server', bare], env);
  assert.equal(locked.code, 1);
  assert.match(locked.stderr, /^paperboy: This Paperboy is locked[^\n]*\n$/);
  const refused = await runCli(
    ['remove', 'paperboy-gazette:2025-12-20', '--server', bare, '--token', token],
    env,
  );
  assert.equal(refused.code, 1);
  assert.equal(
    refused.stderr,
    'paperboy: This Paperboy is read-only: editions.remove is refused.\n',
  );
});
