/**
 * Delivery against a real HTTP server on 127.0.0.1 that serves generated
 * editions and misbehaves on purpose. For every fault: the edition arrives
 * intact, or the date is reported with a clear reason — and the archive never
 * holds a partial or corrupt edition.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { SourceDefinition } from '../../../main/common/source-definition.ts';
import type { Core as Services } from '../../../main/core/core.ts';
import { generateEdition } from '../../fixtures/newspaper/draw.ts';
import {
  type EditionServer,
  type Fault,
  startEditionServer,
} from '../../helpers/edition-server.ts';
import { SCANS } from '../../helpers/scans.ts';
import { openServices } from '../../helpers/services.ts';
import { snapshot, tempDir } from '../../helpers/temp.ts';

const DATE = '2025-12-20';
let server: EditionServer;
let pages: Buffer[];
let big: Buffer;
/** Waits the delivery asked for; answered at once, so tests never sleep. */
let waits: number[] = [];

before(async () => {
  server = await startEditionServer();
  const edition = await generateEdition({
    seed: 77,
    title: 'The Daily Test',
    date: DATE,
    pages: 4,
  });
  pages = (await edition.pagePdfs()).map((bytes) => Buffer.from(bytes));
  big = await fs.readFile(SCANS.scan);
});

async function services(): Promise<Services> {
  waits = [];
  return openServices(await tempDir(), {
    delivery: {
      sleep: async (ms) => {
        waits.push(ms);
      },
      retry: { attempts: 4, baseMs: 10, maxMs: 600_000 },
      timeouts: { headersMs: 5000, idleMs: 400 },
    },
  });
}

function definition(
  id: string,
  url: string,
  extra: Partial<SourceDefinition> = {},
): SourceDefinition {
  return {
    id,
    name: id,
    kind: 'template',
    url,
    timezone: 'UTC',
    schedule: { at: '06:00' },
    ...extra,
  } as SourceDefinition;
}

/** Serves the generated pages at /<prefix>/<date>/p<n>.pdf, the first page with the given faults. */
function servePages(prefix: string, faults: Fault[] = [], body: Buffer[] = pages) {
  body.forEach((bytes, i) => {
    server.routes.set(`/${prefix}/${DATE}/p${i + 1}.pdf`, {
      body: bytes,
      etags: ['"v1"'],
      ...(i === 0 && { faults }),
    });
  });
}

async function deliverTemplate(s: Services, id: string, extra: Partial<SourceDefinition> = {}) {
  await s.sources.put(definition(id, `${server.url}/${id}/{yyyy}-{mm}-{dd}/p{page}.pdf`, extra));
  return s.delivery.fetch({ source: id, date: DATE });
}

async function storedPages(s: Services, id: string, date = DATE): Promise<Buffer[]> {
  const edition = s.archive.get(`${id}:${date}`);
  return Promise.all(
    edition.files.map(async (f) => fs.readFile((await s.archive.file(edition.id, f.name)).path)),
  );
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A real PDF of about 3 MB (a page and a large attachment): half of it is more than one write. */
async function largePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([300, 300]);
  // Random bytes: an attachment is compressed, and these do not shrink.
  const filler = randomBytes(3 * 1024 * 1024);
  await doc.attach(filler, 'filler.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Resolves once `file` holds at least `size` bytes, watching its folder (no polling). */
function grownTo(file: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Watching starts before the first look, so a write between the two is not missed.
    const watcher = watch(path.dirname(file));
    const look = () =>
      fs.stat(file).then(
        (stat) => {
          if (stat.size < size) return;
          watcher.close();
          resolve();
        },
        () => {},
      );
    watcher.on('change', look);
    watcher.on('error', (error) => {
      watcher.close();
      reject(error);
    });
    void look();
  });
}

describe('a template source that enumerates pages', () => {
  test('fetches pages until the first miss and files the edition', async () => {
    const s = await services();
    servePages('plain');
    const report = await deliverTemplate(s, 'plain');
    assert.deepEqual(report, {
      editions: [
        {
          id: `plain:${DATE}`,
          source: 'plain',
          date: DATE,
          pages: 4,
          bytes: pages.reduce((n, p) => n + p.length, 0),
        },
      ],
      missing: [],
      errors: [],
    });
    assert.deepEqual((await storedPages(s, 'plain')).map(sha), pages.map(sha));
    assert.ok(
      server.seen.some((r) => r.path === `/plain/${DATE}/p5.pdf`),
      'page 5 was asked for and missed',
    );
    assert.deepEqual(
      await fs.readdir(path.join(s.archive.root, '.paperboy', 'incoming', 'plain')).catch(() => []),
      [],
    );
  });

  test('a day with no edition is reported missing and changes nothing', async () => {
    const s = await services();
    await s.sources.put(
      definition('nothing', `${server.url}/nothing/{yyyy}-{mm}-{dd}/p{page}.pdf`),
    );
    const before = await snapshot(s.archive.root);
    const report = await s.delivery.fetch({ source: 'nothing', date: DATE });
    assert.deepEqual(report, { editions: [], missing: [DATE], errors: [] });
    assert.deepEqual(
      (await snapshot(s.archive.root)).filter((l) => !l.startsWith('.paperboy')),
      before.filter((l) => !l.startsWith('.paperboy')),
    );
  });

  test('fetching again finds the edition present and downloads nothing', async () => {
    const s = await services();
    servePages('again');
    await deliverTemplate(s, 'again');
    const asked = server.seen.length;
    const report = await s.delivery.fetch({ source: 'again', date: DATE });
    assert.equal(report.editions.length, 1);
    assert.equal(server.seen.length, asked);
  });

  test('refetch downloads it again: the same files change nothing, a corrected page replaces the edition', async () => {
    const s = await services();
    servePages('fixed');
    await deliverTemplate(s, 'fixed');
    const first = s.archive.get(`fixed:${DATE}`);
    const asked = server.seen.length;
    const same = await s.delivery.fetch({ source: 'fixed', date: DATE, refetch: true });
    assert.equal(same.editions.length, 1);
    assert.ok(server.seen.length > asked, 'the pages were asked for again');
    assert.equal(s.archive.get(`fixed:${DATE}`).importedAt, first.importedAt);
    // The publisher corrects page 2: the edition is replaced by the new files.
    servePages('fixed', [], [pages[0]!, pages[2]!, pages[1]!, pages[3]!]);
    await s.delivery.fetch({ source: 'fixed', date: DATE, refetch: true });
    assert.deepEqual(
      (await storedPages(s, 'fixed')).map(sha),
      [pages[0]!, pages[2]!, pages[1]!, pages[3]!].map(sha),
    );
  });
});

describe('faults on the wire', () => {
  const cases: [
    string,
    Fault[],
    Partial<{ ignoreRange: boolean; etags: string[]; resetOnDisk: boolean }>,
    (id: string) => void,
  ][] = [
    ['HTTP 500 twice, then success', ['500', '500'], {}, () => assert.equal(waits.length, 2)],
    [
      'the connection reset mid-body: resumed with Range',
      ['reset'],
      // Reset only once the client has the first megabyte on disk: what arrived
      // before a reset but was not yet read is lost, and under load that was all of it.
      { resetOnDisk: true },
      (id) =>
        assert.ok(
          server.seen.some(
            (r) =>
              r.path === `/${id}/${DATE}/p1.pdf` &&
              Number(/^bytes=(\d+)-$/.exec(r.range ?? '')?.[1]) >= 1024 * 1024 &&
              r.ifRange === '"v1"',
          ),
          'resumed from what was on disk',
        ),
    ],
    [
      'a body shorter than its Content-Length: resumed',
      ['short'],
      {},
      (id) => assert.ok(server.seen.some((r) => r.path === `/${id}/${DATE}/p1.pdf` && r.range)),
    ],
    [
      'a socket that stalls after 64 KB: the idle timeout fires and the download resumes',
      ['stall'],
      {},
      (id) =>
        assert.ok(
          server.seen.some((r) => r.path === `/${id}/${DATE}/p1.pdf` && r.range === 'bytes=65536-'),
        ),
    ],
    [
      'a server that ignores Range: the page starts over cleanly',
      ['reset'],
      { ignoreRange: true },
      (id) => assert.equal(server.seen.filter((r) => r.path === `/${id}/${DATE}/p1.pdf`).length, 2),
    ],
    [
      'an ETag that changes between attempts: the page starts over cleanly',
      ['reset'],
      { etags: ['"v1"', '"v2"'] },
      (id) =>
        assert.ok(
          server.seen.some((r) => r.path === `/${id}/${DATE}/p1.pdf` && r.ifRange === '"v1"'),
        ),
    ],
    [
      'HTTP 429 with Retry-After: 7 is waited out',
      [{ status: 429, retryAfter: '7' }],
      {},
      () => assert.deepEqual(waits, [7000]),
    ],
  ];
  for (const [name, faults, { resetOnDisk, ...routeOptions }, check] of cases) {
    test(`${name}; the edition arrives intact`, async () => {
      const s = await services();
      const id = `f${cases.findIndex((c) => c[0] === name)}`;
      const body = [resetOnDisk ? await largePdf() : big, ...pages.slice(1)];
      servePages(id, faults, body);
      Object.assign(server.routes.get(`/${id}/${DATE}/p1.pdf`)!, routeOptions);
      if (resetOnDisk) {
        const part = path.join(s.archive.root, '.paperboy', 'incoming', id, DATE, 'p001.pdf.part');
        server.routes.get(`/${id}/${DATE}/p1.pdf`)!.beforeReset = () => grownTo(part, 1024 * 1024);
      }
      const report = await deliverTemplate(s, id);
      assert.deepEqual(report.errors, []);
      assert.equal(report.editions[0]?.pages, 4);
      assert.deepEqual((await storedPages(s, id)).map(sha), body.map(sha));
      check(id);
    });
  }

  test('progress moves with the bytes of a whole-edition PDF, not only when it is done', async () => {
    const s = await services();
    const edition = await largePdf();
    server.routes.set(`/whole/${DATE}.pdf`, { body: edition });
    const seen: { pagesDone: number; bytes: number }[] = [];
    s.hub.subscribe((event, payload) => {
      if (event === 'delivery.progress') seen.push(payload as { pagesDone: number; bytes: number });
    });
    await s.sources.put(definition('whole', `${server.url}/whole/{yyyy}-{mm}-{dd}.pdf`));
    const report = await s.delivery.fetch({ source: 'whole', date: DATE });
    assert.equal(report.editions.length, 1);
    const during = seen.filter((p) => p.pagesDone === 0 && p.bytes > 0);
    assert.ok(during.length >= 1, `progress during the download: ${JSON.stringify(seen)}`);
    assert.ok(during.every((p) => p.bytes < edition.length));
    assert.deepEqual(seen.at(-1), { ...seen.at(-1), pagesDone: 1, bytes: edition.length });
  });

  test('a redirect chain is followed', async () => {
    const s = await services();
    server.routes.set('/hop/1.pdf', {
      faults: [{ redirect: '/hop/2.pdf' }, { redirect: '/hop/2.pdf' }],
    });
    server.routes.set('/hop/2.pdf', {
      faults: [{ redirect: '/hop/final.pdf' }, { redirect: '/hop/final.pdf' }],
    });
    server.routes.set('/hop/final.pdf', { body: pages[0]! });
    await s.sources.put(definition('hop', `${server.url}/hop/1.pdf`));
    const report = await s.delivery.fetch({ source: 'hop', date: DATE });
    assert.deepEqual(report.errors, []);
    assert.deepEqual((await storedPages(s, 'hop')).map(sha), [sha(pages[0]!)]);
  });
});

describe('answers that are not the edition', () => {
  const cases: [string, Buffer, string, RegExp][] = [
    [
      'an HTML login page with status 200 and a .pdf name',
      Buffer.from(
        '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Subscribers only</body></html>',
      ),
      'text/html',
      /^page 1: the server sent a web page \(a login or error page\?\) instead of a PDF$/,
    ],
    [
      'a tiny placeholder image',
      Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
      'image/png',
      /^page 1: the server sent a placeholder image instead of the page$/,
    ],
  ];
  for (const [name, body, contentType, reason] of cases) {
    test(`${name} is reported with a clear reason and nothing is filed`, async () => {
      const s = await services();
      const id = name.startsWith('an HTML') ? 'login' : 'placeholder';
      server.routes.set(`/${id}/${DATE}/p1.pdf`, { body, contentType });
      const report = await deliverTemplate(s, id);
      assert.equal(report.editions.length, 0);
      assert.equal(report.errors.length, 1);
      assert.match(report.errors[0]!.reason, reason);
      assert.deepEqual(s.archive.list(), []);
    });
  }

  test('a login page in the middle of a paged edition fails the date and commits nothing; fixed, the whole edition arrives', async () => {
    const s = await services();
    servePages('midlogin');
    const login = Buffer.from('<!DOCTYPE html><html><body>Subscribers only: sign in</body></html>');
    const p3 = server.routes.get(`/midlogin/${DATE}/p3.pdf`)!;
    server.routes.set(`/midlogin/${DATE}/p3.pdf`, { body: login, contentType: 'text/html' });
    const report = await deliverTemplate(s, 'midlogin');
    assert.deepEqual(report.editions, []);
    assert.deepEqual(report.errors, [
      {
        source: 'midlogin',
        date: DATE,
        reason: 'page 3: the server sent a web page (a login or error page?) instead of a PDF',
      },
    ]);
    assert.deepEqual(s.archive.list(), []);
    assert.ok(
      server.seen.some((r) => r.path === `/midlogin/${DATE}/p9999.pdf`),
      'a page that surely does not exist was asked for, and answered 404',
    );
    server.routes.set(`/midlogin/${DATE}/p3.pdf`, p3);
    const again = await s.delivery.fetch({ source: 'midlogin', date: DATE });
    assert.equal(again.editions[0]?.pages, 4);
    assert.deepEqual((await storedPages(s, 'midlogin')).map(sha), pages.map(sha));
  });

  test('a server that answers every missing page with the same web page (a soft 404) ends the edition there', async () => {
    const s = await services();
    servePages('soft', [], pages.slice(0, 2));
    const notFound = (n: number) =>
      Buffer.from(`<html><body>Sorry, /soft/${DATE}/p${n}.pdf is not here.</body></html>`);
    for (const n of [3, 4, 9999])
      server.routes.set(`/soft/${DATE}/p${n}.pdf`, { body: notFound(n), contentType: 'text/html' });
    const report = await deliverTemplate(s, 'soft');
    assert.deepEqual(report.errors, []);
    assert.equal(report.editions[0]?.pages, 2);
    assert.deepEqual((await storedPages(s, 'soft')).map(sha), pages.slice(0, 2).map(sha));
  });

  test('a slot that still holds last month\'s page is "not out yet"', async () => {
    const s = await services();
    // The Oregon page's PDF was made in 2013; the date asked for is 2025.
    server.routes.set('/slot/20.pdf', { body: await fs.readFile(SCANS.ocr) });
    await s.sources.put(definition('slot', `${server.url}/slot/{d}.pdf`, { maxAgeDays: 2 }));
    const report = await s.delivery.fetch({ source: 'slot', date: DATE });
    assert.deepEqual(report.missing, [DATE]);
    assert.deepEqual(s.archive.list(), []);
  });

  test('a page that fails for good after the retries names the page and keeps the archive as it was', async () => {
    const s = await services();
    servePages('down', ['500', '500', '500', '500', '500']);
    const report = await deliverTemplate(s, 'down');
    assert.deepEqual(report.errors, [
      { source: 'down', date: DATE, reason: 'page 1: the server answered HTTP 500 (4 tries)' },
    ]);
    assert.deepEqual(s.archive.list(), []);
  });
});

test('a disk that fills up mid-download stops with one clear line, is not retried, and leaves the archive as it was', async () => {
  const s = await services();
  servePages('full');
  // Page 1's part file is the kernel's always-full device: every write to it fails with ENOSPC.
  const incoming = path.join(s.archive.root, '.paperboy', 'incoming', 'full', DATE);
  await fs.mkdir(incoming, { recursive: true });
  await fs.symlink('/dev/full', path.join(incoming, 'p001.pdf.part'));
  await assert.rejects(deliverTemplate(s, 'full'), {
    message: 'Could not save page 1: the disk is full.',
  });
  assert.equal(server.seen.filter((r) => r.path === `/full/${DATE}/p1.pdf`).length, 1);
  assert.deepEqual(waits, []);
  assert.deepEqual(s.archive.list(), []);
  const source = (await s.api.call('sources.list', {})).find((x) => x.id === 'full')!;
  assert.equal(source.health?.lastFailure?.reason, 'Could not save page 1: the disk is full.');
});

describe('other source kinds', () => {
  test('a manifest with relative page URLs, labels and sections', async () => {
    const s = await services();
    servePages('man');
    const manifest = {
      date: DATE,
      title: 'The Daily Test',
      pages: pages.map((_, i) => ({
        n: i + 1,
        url: `../man/${DATE}/p${i + 1}.pdf`,
        label: `A${i + 1}`,
        ...(i >= 2 && { section: 'Sport' }),
      })),
    };
    server.routes.set(`/manifests/${DATE}.json`, {
      body: Buffer.from(JSON.stringify(manifest)),
      contentType: 'application/json',
    });
    await s.sources.put({
      ...definition('man', `${server.url}/manifests/{yyyy}-{mm}-{dd}.json`),
      kind: 'manifest',
    });
    const report = await s.delivery.fetch({ source: 'man', date: DATE });
    assert.deepEqual(report.errors, []);
    const edition = s.archive.get(`man:${DATE}`);
    assert.equal(edition.title, 'The Daily Test');
    assert.deepEqual(
      edition.pages.map((p) => p.label),
      ['A1', 'A2', 'A3', 'A4'],
    );
    assert.deepEqual(
      edition.pages.map((p) => p.section),
      [undefined, undefined, 'Sport', 'Sport'],
    );
    const none = await s.delivery.fetch({ source: 'man', date: '2025-12-21' });
    assert.deepEqual(none.missing, ['2025-12-21']);
  });

  test('a manifest whose pages are not web addresses, or number a page twice, is refused before any download', async () => {
    const s = await services();
    servePages('checked');
    const cases: [string, object[], string][] = [
      [
        'data',
        [{ n: 1, url: 'data:application/pdf;base64,JVBERi0=' }],
        'page 1: the source gives a data: address; only web addresses (http, https) are fetched.',
      ],
      [
        'file',
        [{ n: 1, url: 'file:///etc/passwd' }],
        'page 1: the source gives a file: address; only web addresses (http, https) are fetched.',
      ],
      [
        'twice',
        [
          { n: 1, url: `../checked/${DATE}/p1.pdf` },
          { n: 1, url: `../checked/${DATE}/p2.pdf` },
        ],
        'The source lists page 1 twice; nothing was fetched.',
      ],
    ];
    for (const [id, list, reason] of cases) {
      server.routes.set(`/checked-manifests/${id}.json`, {
        body: Buffer.from(JSON.stringify({ date: DATE, pages: list })),
        contentType: 'application/json',
      });
      await s.sources.put({
        ...definition(`checked-${id}`, `${server.url}/checked-manifests/${id}.json`),
        kind: 'manifest',
      });
      const asked = server.seen.length;
      const report = await s.delivery.fetch({ source: `checked-${id}`, date: DATE });
      assert.deepEqual(
        report.errors.map((e) => e.reason),
        [reason],
      );
      assert.equal(server.seen.length, asked + 1, 'only the manifest was asked for');
    }
    assert.deepEqual(s.archive.list(), []);
  });

  test("a manifest's labels, sections and title come in as one short line", async () => {
    const s = await services();
    servePages('tidy');
    server.routes.set('/tidy-manifest.json', {
      body: Buffer.from(
        JSON.stringify({
          date: DATE,
          title: 'The\u0007 Daily\nTest\u001b[31m',
          pages: [
            {
              n: 1,
              url: `tidy/${DATE}/p1.pdf`,
              label: `A1\r\n${'x'.repeat(100)}`,
              section: 'Front\u0000',
            },
          ],
        }),
      ),
      contentType: 'application/json',
    });
    await s.sources.put({
      ...definition('tidy', `${server.url}/tidy-manifest.json`),
      kind: 'manifest',
    });
    const report = await s.delivery.fetch({ source: 'tidy', date: DATE });
    assert.deepEqual(report.errors, []);
    const edition = s.archive.get(`tidy:${DATE}`);
    assert.equal(edition.title, 'The Daily Test [31m');
    assert.equal(edition.pages[0]!.label, `A1 ${'x'.repeat(36)}…`);
    assert.equal(edition.pages[0]!.label!.length, 40);
    assert.equal(edition.pages[0]!.section, 'Front');
  });

  test("an RSS feed with a PDF enclosure, dated in the source's time zone", async () => {
    const s = await services();
    server.routes.set('/feed/edition.pdf', { body: pages[0]! });
    // 23:30 UTC on the 19th is already the 20th in Seoul.
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
      <item><title>Edition of 20 Dec</title><pubDate>Fri, 19 Dec 2025 23:30:00 GMT</pubDate>
        <enclosure url="/feed/edition.pdf" type="application/pdf" length="1"/></item>
      <item><title>Older</title><pubDate>Thu, 18 Dec 2025 23:30:00 GMT</pubDate>
        <enclosure url="/feed/old.pdf" type="application/pdf" length="1"/></item>
    </channel></rss>`;
    server.routes.set('/feed.xml', { body: Buffer.from(rss), contentType: 'application/rss+xml' });
    await s.sources.put({
      ...definition('feed', `${server.url}/feed.xml`),
      kind: 'feed',
      timezone: 'Asia/Seoul',
    });
    const report = await s.delivery.fetch({ source: 'feed', date: DATE });
    assert.deepEqual(report.errors, []);
    assert.equal(s.archive.get(`feed:${DATE}`).title, 'Edition of 20 Dec');
  });

  test('a folder of PDFs named by date', async () => {
    const s = await services();
    const folder = await tempDir('inbox-');
    await fs.writeFile(path.join(folder, `${DATE}-p2.pdf`), pages[1]!);
    await fs.writeFile(path.join(folder, `${DATE}-p1.pdf`), pages[0]!);
    await fs.writeFile(path.join(folder, '2025-12-19-p1.pdf'), pages[2]!);
    await s.sources.put({
      id: 'inbox',
      name: 'Inbox',
      kind: 'folder',
      folder,
      timezone: 'UTC',
      schedule: { at: '06:00' },
    });
    const report = await s.delivery.fetch({ source: 'inbox', date: DATE });
    assert.deepEqual(report.errors, []);
    assert.deepEqual((await storedPages(s, 'inbox')).map(sha), [sha(pages[0]!), sha(pages[1]!)]);
  });
});

test('a source definition that cannot be used is skipped and named; the other sources are delivered', async () => {
  const s = await services();
  servePages('sound');
  await s.sources.put(definition('sound', `${server.url}/sound/{yyyy}-{mm}-{dd}/p{page}.pdf`));
  const dir = path.join(s.archive.root, '.paperboy', 'sources');
  await fs.writeFile(path.join(dir, 'broken.json'), '{"id": "broken", "kind": ');
  await fs.mkdir(path.join(dir, 'folder.json'));
  await fs.writeFile(
    path.join(dir, 'renamed.json'),
    JSON.stringify(definition('other', `${server.url}/x.pdf`)),
  );
  const report = await s.delivery.fetch({ date: DATE });
  assert.equal(report.editions.length, 1);
  assert.equal(report.editions[0]!.source, 'sound');
  assert.deepEqual(
    report.errors.map((e) => [e.source, e.reason]),
    [
      ['broken', `its definition ${path.join(dir, 'broken.json')} cannot be used: it is not JSON`],
      [
        'folder',
        `its definition ${path.join(dir, 'folder.json')} cannot be used: it cannot be read (EISDIR)`,
      ],
      [
        'renamed',
        `its definition ${path.join(dir, 'renamed.json')} cannot be used: its id is other, not renamed`,
      ],
    ],
  );
  await assert.rejects(
    s.delivery.fetch({ source: 'broken', date: DATE }),
    /^ApiError: The definition of broken \(.*broken\.json\): it is not JSON$/,
  );
  assert.deepEqual(
    (await s.api.call('sources.list', {})).map((x) => x.id),
    ['sound'],
  );
});

describe('bounds on what the network sends', () => {
  /** Services whose waits are short, so a silent server is given up on in a fraction of a second. */
  const bounded = async () =>
    openServices(await tempDir(), {
      delivery: {
        sleep: async () => {},
        retry: { attempts: 2, baseMs: 1, maxMs: 1 },
        timeouts: { headersMs: 300, idleMs: 300 },
        maxFileBytes: 1024 * 1024,
      },
    });

  test('a manifest server that never answers is given up on, with one line, and the lock is let go', async () => {
    const s = await bounded();
    server.routes.set('/silent/manifest.json', { faults: ['silent', 'silent'] });
    await s.sources.put({
      ...definition('silent', `${server.url}/silent/manifest.json`),
      kind: 'manifest',
    });
    const report = await s.delivery.fetch({ source: 'silent', date: DATE });
    assert.deepEqual(report.errors, [
      {
        source: 'silent',
        date: DATE,
        reason: `127.0.0.1:${new URL(server.url).port} did not answer within 0.3 s.`,
      },
    ]);
    // The source is not left locked: the next fetch runs (and is refused the same way, not "busy").
    const again = await s.delivery.fetch({ source: 'silent', date: DATE });
    assert.match(again.errors[0]!.reason, /did not answer/);
  });

  test('a feed that streams without end is cut off at the cap, with one line', async () => {
    const s = await bounded();
    server.routes.set('/endless/feed.xml', {
      faults: ['endless'],
      contentType: 'application/rss+xml',
    });
    await s.sources.put({
      ...definition('endless', `${server.url}/endless/feed.xml`),
      kind: 'feed',
    });
    const report = await s.delivery.fetch({ source: 'endless', date: DATE });
    assert.deepEqual(
      report.errors.map((e) => e.reason),
      [
        `127.0.0.1:${new URL(server.url).port} sent more than 8.0 MB for a manifest or feed; it was refused.`,
      ],
    );
  });

  test('a page larger than a file may be is refused before or while it streams, and leaves no part', async () => {
    const s = await bounded();
    // One says so in its Content-Length; the other streams without one.
    server.routes.set(`/huge/${DATE}.pdf`, { body: Buffer.alloc(2 * 1024 * 1024, 0x25) });
    server.routes.set(`/stream/${DATE}.pdf`, { faults: ['endless', 'endless'] });
    for (const id of ['huge', 'stream']) {
      await s.sources.put(definition(id, `${server.url}/${id}/{yyyy}-{mm}-{dd}.pdf`));
      const report = await s.delivery.fetch({ source: id, date: DATE });
      const said = id === 'huge' ? 'would send 2.0 MB' : 'sent more';
      assert.deepEqual(
        report.errors.map((e) => e.reason),
        [`page 1: the server ${said}, more than the 1.0 MB a file may be`],
      );
      const incoming = path.join(s.archive.root, '.paperboy', 'incoming', id, DATE);
      assert.deepEqual(await fs.readdir(incoming).catch(() => []), [], 'no part is kept');
    }
    assert.equal(
      server.seen.filter((r) => r.path === `/stream/${DATE}.pdf`).length,
      1,
      'a refusal is not retried',
    );
  });

  test('a web shortcut whose page streams without end is cut off at 10 MB, with one line', async () => {
    const s = await bounded();
    server.routes.set('/article', { faults: ['endless'], contentType: 'text/html' });
    await assert.rejects(
      s.api.call('clips.link', {
        content: `[InternetShortcut]\nURL=${server.url}/article\n`,
        name: 'story.url',
      }),
      (error: Error) =>
        error.message ===
        `127.0.0.1:${new URL(server.url).port} sent more than 10 MB for the article; it was refused; save the page as HTML or paste its text instead.`,
    );
  });
});

test('two requests for the same edition at once share one download', async () => {
  const s = await services();
  servePages('twice');
  await s.sources.put(definition('twice', `${server.url}/twice/{yyyy}-{mm}-{dd}/p{page}.pdf`));
  const definitionOf = await s.sources.get('twice');
  const [a, b] = await Promise.all([
    s.delivery.edition(definitionOf, DATE),
    s.delivery.edition(definitionOf, DATE),
  ]);
  assert.equal(a, b);
  const perPage = server.seen.filter((r) => r.path === `/twice/${DATE}/p1.pdf`);
  assert.equal(perPage.length, 1);
});

test('bad source definitions are rejected with the field and the reason', async () => {
  const s = await services();
  const base = definition('bad', 'https://example.com/{page}.pdf');
  const cases: [unknown, RegExp][] = [
    [{ ...base, schedule: { at: '25:00' } }, /schedule\.at: must be a time as HH:MM/],
    [{ ...base, timezone: 'Mars/Olympus' }, /timezone: is not a time zone/],
    [{ ...base, url: 'ftp://example.com/x.pdf' }, /url: must be an http\(s\) URL/],
    [{ ...base, kind: 'carrier-pigeon' }, /kind: must be one of template, manifest, feed, folder/],
    [{ ...base, colour: 'red' }, /unknown field colour/],
    [{ ...base, url: undefined }, /url: is required for a template source/],
  ];
  for (const [value, message] of cases) {
    await assert.rejects(
      s.sources.put(value),
      (error: Error) => message.test(error.message),
      String(message),
    );
  }
});

describe('retention and health', () => {
  test('a source keeps its last N days; the newest edition always stays', async () => {
    const s = await openServices(await tempDir(), {
      today: '2025-12-20T12:00:00Z',
      delivery: { sleep: async () => {}, retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
    });
    const dates = ['2025-12-17', '2025-12-18', '2025-12-19', '2025-12-20'];
    for (const date of dates) server.routes.set(`/kept/${date}.pdf`, { body: pages[0]! });
    await s.sources.put(
      definition('kept', `${server.url}/kept/{yyyy}-{mm}-{dd}.pdf`, { retention: { days: 2 } }),
    );
    const removed: string[] = [];
    s.hub.subscribe((event, payload) => {
      if (event === 'edition.removed') removed.push((payload as { id: string }).id);
    });
    await s.delivery.fetch({ source: 'kept', from: dates[0], to: dates.at(-1) });
    assert.deepEqual(
      s.archive.list().map((e) => e.date),
      ['2025-12-20', '2025-12-19'],
    );
    assert.deepEqual(removed.sort(), ['kept:2025-12-17', 'kept:2025-12-18']);
    await assert.rejects(fs.stat(path.join(s.archive.root, 'kept', '2025', '2025-12-17')));
  });

  test('an edition with a clip is never removed by retention, by days or by size, and sources.list says how much is held', async () => {
    const s = await openServices(await tempDir(), {
      today: '2025-12-20T12:00:00Z',
      delivery: { sleep: async () => {}, retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
    });
    const dates = ['2025-12-16', '2025-12-17', '2025-12-18'];
    for (const date of [...dates, '2025-12-19', '2025-12-20'])
      server.routes.set(`/clipped/${date}.pdf`, { body: pages[0]! });
    const url = `${server.url}/clipped/{yyyy}-{mm}-{dd}.pdf`;
    await s.sources.put(definition('clipped', url));
    await s.delivery.fetch({ source: 'clipped', from: dates[0], to: dates.at(-1) });
    await s.api.call('clips.create', {
      edition: 'clipped:2025-12-16',
      page: 1,
      rects: [[40, 400, 200, 120]],
    });
    // Days: three days kept (18th to 20th), but the clipped edition of the 16th stays; the 17th goes.
    await s.sources.put(definition('clipped', url, { retention: { days: 3 } }));
    await s.delivery.fetch({ source: 'clipped', date: '2025-12-19' });
    assert.deepEqual(
      s.archive.list().map((e) => e.date),
      ['2025-12-19', '2025-12-18', '2025-12-16'],
    );
    const listed = (await s.api.call('sources.list', {})).find((x) => x.id === 'clipped')!;
    assert.deepEqual(listed.held, { editions: 1, bytes: pages[0]!.length });
    // Size: a limit that only the newest fits in removes the 18th, never the clipped one.
    await s.sources.put(
      definition('clipped', url, {
        retention: { gigabytes: (pages[0]!.length * 1.5) / 1024 ** 3 },
      }),
    );
    await s.delivery.fetch({ source: 'clipped', date: '2025-12-20' });
    assert.deepEqual(
      s.archive.list().map((e) => e.date),
      ['2025-12-20', '2025-12-16'],
    );
    assert.ok(s.archive.get('clipped:2025-12-16').files.length === 1);
  });

  test('sources.list shows the last success, the last failure in words, and the space used', async () => {
    const s = await services();
    servePages('health');
    await s.sources.put(definition('health', `${server.url}/health/{yyyy}-{mm}-{dd}/p{page}.pdf`));
    await s.delivery.fetch({ source: 'health', date: DATE });
    server.routes.set('/health/2025-12-21/p1.pdf', {
      body: Buffer.from('<html>Please log in</html>'),
      contentType: 'text/html',
    });
    await s.delivery.fetch({ source: 'health', date: '2025-12-21' });
    const source = (await s.api.call('sources.list', {})).find((x) => x.id === 'health')!;
    assert.equal(source.editions, 1);
    assert.equal(
      source.bytes,
      pages.reduce((n, p) => n + p.length, 0),
    );
    assert.equal(source.health?.lastSuccess?.date, DATE);
    assert.deepEqual(
      { date: source.health?.lastFailure?.date, reason: source.health?.lastFailure?.reason },
      {
        date: '2025-12-21',
        reason: 'page 1: the server sent a web page (a login or error page?) instead of a PDF',
      },
    );
  });
});

test('a Chronicling America title, 100 years ago today, through the loc.gov JSON API, paced to its rate limit', async () => {
  const s = await services();
  const lccn = 'sn83045462';
  const day = '1925-12-20';
  const resource = (sp: number, date = day, ed = 1) =>
    `${server.url}/resource/${lccn}/${date}/ed-${ed}/?sp=${sp}`;
  const results = [3, 1, 2].map((sp) => ({ id: resource(sp) }));
  results.push(
    { id: resource(1, day, 2) },
    { id: resource(1, '1925-12-21') },
    { id: `${server.url}/item/${lccn}/` },
  );
  server.routes.set('/collections/chronicling-america/', {
    body: Buffer.from(JSON.stringify({ results, pagination: { next: null } })),
    contentType: 'application/json',
  });
  for (const sp of [1, 2, 3]) {
    server.routes.set(`/resource/${lccn}/${day}/ed-1/?sp=${sp}&fo=json`, {
      body: Buffer.from(
        JSON.stringify({
          resource: { pdf: `/storage/${lccn}/${day}/${String(sp).padStart(4, '0')}.pdf` },
        }),
      ),
      contentType: 'application/json',
    });
    server.routes.set(`/storage/${lccn}/${day}/${String(sp).padStart(4, '0')}.pdf`, {
      body: pages[sp - 1]!,
    });
  }
  const preset = (await s.api.call('sources.presets', {})).find((p) => p.kind === 'loc')!;
  assert.equal(preset.lccn, lccn);
  await s.sources.put({
    ...preset,
    url: `${server.url}/collections/chronicling-america/`,
    requestsPerMinute: 20,
  });
  const report = await s.delivery.fetch({ source: preset.id, date: '2025-12-20' });
  assert.deepEqual(report.errors, []);
  const edition = s.archive.get(`${preset.id}:${day}`);
  assert.equal(edition.date, day, 'filed under the day it was printed');
  assert.deepEqual(
    edition.pages.map((p) => p.label),
    ['Page 1', 'Page 2', 'Page 3'],
  );
  assert.deepEqual((await storedPages(s, preset.id, day)).map(sha), pages.slice(0, 3).map(sha));
  const search = server.seen.find((r) => r.path === '/collections/chronicling-america/')!;
  const query = new URLSearchParams(search.query);
  assert.deepEqual(
    ['fa', 'start_date', 'end_date', 'dl', 'fo'].map((k) => query.get(k)),
    [`number_lccn:${lccn}`, day, day, 'page', 'json'],
  );
  // Four API requests (search + three pages), three waits of 60 s / 20 between them;
  // then the three PDF downloads (same host here) spaced too, two at a time.
  assert.deepEqual(waits.slice(0, 3), [3000, 3000, 3000]);
  assert.equal(waits.length, 5);
  assert.ok(
    waits.slice(3).every((ms) => ms > 2900 && ms <= 6000),
    String(waits),
  );
});
