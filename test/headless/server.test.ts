import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../main/common/csp.ts';
import { type RunningServer, startServer } from '../../main/headless/server.ts';
import { SCANS } from '../helpers/scans.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

let server: RunningServer;
let pdf: Buffer;
const ID = 'oregon-city-enterprise:1904-12-30';
const FILE = `files/${encodeURIComponent(ID)}/edition.pdf`;

before(async () => {
  const services = await openServices(await tempDir());
  await services.archive.import({ path: SCANS.ocr });
  pdf = await fs.readFile(SCANS.ocr);
  const rendererDir = await tempDir('renderer-');
  await fs.writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Paperboy</title>',
  );
  server = await startServer({ services, port: 0, rendererDir });
});
after(() => server?.close());

/** A raw request, so headers such as Host can be set as an attacker would. */
function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

test('binds 127.0.0.1 unless told otherwise', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('serves a page file whole, and by Range with 206 and the exact bytes', async () => {
  const whole = await request(`/${FILE}`);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers['content-type'], 'application/pdf');
  assert.equal(whole.headers['accept-ranges'], 'bytes');
  assert.ok(whole.body.equals(pdf));
  const part = await request(`/${FILE}`, { headers: { range: 'bytes=1000-1999' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers['content-range'], `bytes 1000-1999/${pdf.length}`);
  assert.ok(part.body.equals(pdf.subarray(1000, 2000)));
  const tail = await request(`/${FILE}`, { headers: { range: 'bytes=-16' } });
  assert.ok(tail.body.equals(pdf.subarray(pdf.length - 16)));
  const beyond = await request(`/${FILE}`, { headers: { range: `bytes=${pdf.length}-` } });
  assert.equal(beyond.status, 416);
  const head = await request(`/${FILE}`, { method: 'HEAD' });
  assert.equal(head.headers['content-length'], String(pdf.length));
  assert.equal(head.body.length, 0);
});

test('an If-Range that no longer matches gets the whole file', async () => {
  const { headers } = await request(`/${FILE}`, { method: 'HEAD' });
  const same = await request(`/${FILE}`, {
    headers: { range: 'bytes=0-9', 'if-range': String(headers.etag) },
  });
  assert.equal(same.status, 206);
  const changed = await request(`/${FILE}`, {
    headers: { range: 'bytes=0-9', 'if-range': '"something-else"' },
  });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.length, pdf.length);
});

test('files are named by ids: paths, traversal and unknown ids are refused', async () => {
  // A literal ../ is folded by URL parsing before routing; either way nothing outside is served.
  const folded = await request(`/files/${encodeURIComponent(ID)}/../../../../etc/passwd`);
  assert.equal(folded.status, 404);
  assert.doesNotMatch(folded.body.toString(), /root:/);
  const attempts: [string, number][] = [
    ['/files/..%2F..%2Fetc/passwd', 400],
    [`/files/${encodeURIComponent(ID)}/%2e%2e%2fedition.json`, 400],
    [`/files/${encodeURIComponent(ID)}/edition.json`, 400],
    [`/files/${encodeURIComponent(ID)}/p001.pdf`, 404],
    ['/files/oregon-city-enterprise%3A1999-01-01/edition.pdf', 404],
    ['/files/%2Fetc%2Fpasswd/edition.pdf', 400],
  ];
  for (const [pathname, status] of attempts) {
    const response = await request(pathname);
    assert.equal(response.status, status, pathname);
    assert.doesNotMatch(response.body.toString(), /root:/);
  }
});

test('static files cannot be reached outside the renderer folder', async () => {
  for (const pathname of [
    '/../package.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
  ]) {
    const response = await request(pathname);
    assert.ok([400, 404].includes(response.status), `${pathname} → ${response.status}`);
    assert.doesNotMatch(response.body.toString(), /"name"|root:/);
  }
});

test('the page carries the content security policy', async () => {
  const page = await request('/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /'unsafe-inline'|'unsafe-eval'/);
});

test('requests addressed to another host name are refused (DNS rebinding)', async () => {
  const response = await request('/', { headers: { host: 'evil.example:80' } });
  assert.equal(response.status, 421);
  const rpc = await request('/api/editions.list', {
    method: 'POST',
    headers: { host: 'evil.example', 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(rpc.status, 421);
  // Host names are matched as the case-insensitive names they are.
  assert.equal((await request('/', { headers: { host: 'LOCALHOST:80' } })).status, 200);
});

test('media types are matched case-insensitively; a body over 10 MB gets 413, not a reset', async () => {
  const upper = await request('/api/editions.list', {
    method: 'POST',
    headers: { 'content-type': 'APPLICATION/JSON; Charset=UTF-8' },
    body: '{}',
  });
  assert.equal(upper.status, 200);
  const huge = await request('/api/clips.link', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ content: 'x'.repeat(11 * 1024 * 1024) }),
  });
  assert.equal(huge.status, 413);
  assert.deepEqual(JSON.parse(huge.body.toString()), {
    ok: false,
    error: { code: 'invalid', message: 'The request body is larger than 10 MB.' },
  });
  // The server still answers.
  assert.equal(
    (
      await request('/api/archive.info', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).status,
    200,
  );
});

test('contract calls need POST with a JSON body; errors map to HTTP statuses', async () => {
  assert.equal((await request('/api/editions.list')).status, 405);
  const form = await request('/api/editions.list', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: '{}',
  });
  assert.equal(form.status, 415, 'a cross-site form post cannot reach the API');
  const junk = await request('/api/editions.list', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{nope',
  });
  assert.equal(junk.status, 400);
  assert.equal(JSON.parse(junk.body.toString()).error.code, 'invalid');
  const missing = await request('/api/editions.get', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'nobody:2020-01-01' }),
  });
  assert.equal(missing.status, 404);
  assert.deepEqual(JSON.parse(missing.body.toString()), {
    ok: false,
    error: { code: 'not-found', message: 'No edition nobody:2020-01-01 in the archive.' },
  });
});

test('a browser cannot move the archive: serve keeps the folder it was started with', async () => {
  const moved = await request('/api/archive.relocate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'default' }),
  });
  assert.equal(moved.status, 403);
  assert.equal(JSON.parse(moved.body.toString()).error.code, 'forbidden');
  // And no path can be given for it.
  const named = await request('/api/archive.relocate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'chosen', path: '/tmp' }),
  });
  assert.equal(named.status, 400);
});
