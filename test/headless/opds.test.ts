/**
 * The archive as an OPDS 1.2 catalog from the real server: every feed valid by the
 * OPDS 1.2 RELAX NG grammar, and read by Readium's OPDS library (r2-opds-js, what
 * Thorium browses catalogs with), every
 * link followed to a PDF or a cover that is really there, paging, and the lock
 * an OPDS reader can open (the token as a Basic password).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { convertOpds1ToOpds2 } from 'r2-opds-js/dist/es8-es2017/src/opds/converter.js';
import { OPDS } from 'r2-opds-js/dist/es8-es2017/src/opds/opds1/opds.js';
import { XML } from 'r2-utils-js/dist/es8-es2017/src/_utils/xml-js-mapper/index.js';
import type { Core } from '../../main/core/core.ts';
import { FEED_PAGE } from '../../main/headless/opds.ts';
import { type RunningServer, startServer } from '../../main/headless/server.ts';
import { writeEdition } from '../helpers/editions.ts';
import { opdsSchemaErrors } from '../helpers/opds-schema.ts';
import { SCANS } from '../helpers/scans.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

let core: Core;
let server: RunningServer;
const TOKEN = 'o'.repeat(43);
after(() => server?.close());

before(async () => {
  core = await openServices(await tempDir());
  const work = await tempDir();
  const { file, folder } = await writeEdition(work, 'star', {
    seed: 12,
    title: 'Evening Star',
    date: '2025-11-01',
    pages: 3,
  });
  // One more than a feed's page of one paper, and one edition kept as page files.
  for (let day = 0; day <= FEED_PAGE; day++) {
    const date = new Date(Date.UTC(2025, 9, 1 + day)).toISOString().slice(0, 10);
    await core.archive.import({
      path: file,
      source: 'evening-star',
      sourceName: 'Evening Star',
      date,
    });
  }
  await core.archive.import({
    path: folder,
    source: 'pages-post',
    sourceName: 'Pages Post',
    date: '2025-12-24',
  });
  await core.archive.import({ path: SCANS.ocr });
  server = await startServer({ services: core, port: 0 });
});

const base = () => new URL(server.url);

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(new URL(path, base()), { headers });
}

/**
 * A feed fetched, checked against the OPDS 1.2 grammar, and read as Thorium reads it:
 * OPDS 1 XML mapped, then converted to OPDS 2.
 */
async function read(path: string) {
  const response = await get(path);
  assert.equal(response.status, 200, path);
  const type = response.headers.get('content-type') ?? '';
  assert.match(type, /^application\/atom\+xml;profile=opds-catalog;kind=(navigation|acquisition)/);
  const xml = await response.text();
  assert.deepEqual(await opdsSchemaErrors(xml), [], `${path} is valid OPDS 1.2`);
  const dom = new DOMParser().parseFromString(xml, 'application/xml');
  assert.equal(dom.documentElement?.localName, 'feed');
  assert.equal(dom.documentElement?.namespaceURI, 'http://www.w3.org/2005/Atom');
  const opds1 = XML.deserialize<OPDS>(dom, OPDS);
  return { xml, type, opds1, opds2: convertOpds1ToOpds2(opds1) };
}

describe('the OPDS catalog', () => {
  test('the start feed leads to newest, by paper and by month, as navigation', async () => {
    const { opds1, opds2 } = await read('/opds');
    assert.equal(opds1.Title, 'Paperboy');
    assert.deepEqual(
      opds2.Navigation?.map((link) => [link.Title, link.Href]),
      [
        ['Newest editions', '/opds/new'],
        ['By paper', '/opds/papers'],
        ['By month', '/opds/months'],
      ],
    );
    // Every entry has what Atom requires: an id, a title, an update time.
    assert.ok(opds1.Entries.every((e) => e.Id && e.Title && e.Updated));
  });

  test('by paper: each paper and its editions, newest first, paged, with covers and PDFs that are there', async () => {
    const papers = await read('/opds/papers');
    assert.deepEqual(
      papers.opds2.Navigation?.map((link) => link.Title),
      ['Evening Star', 'Oregon City Enterprise', 'Pages Post'],
    );
    const star = await read('/opds/papers/evening-star');
    const publications = star.opds2.Publications ?? [];
    assert.equal(publications.length, FEED_PAGE);
    assert.equal(publications[0]!.Metadata.Title, 'Evening Star, 20 November 2025');
    const next = star.opds1.Links.find((l) => l.Rel === 'next');
    assert.equal(next?.Href, '/opds/papers/evening-star?page=2');
    const second = await read(next!.Href);
    assert.equal(second.opds2.Publications?.length, 1);
    assert.equal(second.opds2.Publications?.[0]?.Metadata.Title, 'Evening Star, 1 October 2025');

    const first = publications[0]!;
    const pdf = first.Links?.find((l) => l.TypeLink === 'application/pdf');
    const cover = first.Images?.find((l) => l.TypeLink === 'image/jpeg');
    assert.ok(pdf && cover);
    const file = await get(pdf.Href);
    assert.equal(file.status, 200);
    assert.equal(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 5)), '%PDF-');
    const image = await get(cover.Href);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/jpeg');
    const bytes = new Uint8Array(await image.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'a JPEG');
    // Made once, then kept: the second ask is the same bytes, from the disk.
    const again = new Uint8Array(await (await get(cover.Href)).arrayBuffer());
    assert.deepEqual(again, bytes);
  });

  test('an edition kept as page files links each page; by month lists that month', async () => {
    const pages = await read('/opds/papers/pages-post');
    const links =
      pages.opds2.Publications?.[0]?.Links?.filter((l) => l.TypeLink === 'application/pdf') ?? [];
    assert.deepEqual(
      links.map((l) => l.Title),
      ['Page 1', 'Page 2', 'Page 3'],
    );
    for (const link of links) assert.equal((await get(link.Href)).status, 200);
    const months = await read('/opds/months');
    assert.deepEqual(months.opds2.Navigation?.map((l) => l.Title).slice(0, 3), [
      'December 2025',
      'November 2025',
      'October 2025',
    ]);
    const december = await read('/opds/months/2025-12');
    assert.deepEqual(
      december.opds2.Publications?.map((p) => p.Metadata.Title),
      ['Pages Post, 24 December 2025'],
    );
    assert.equal((await get('/opds/months/2025-13')).status, 404);
    assert.equal((await get('/opds/papers/nobody')).status, 404);
  });

  test('the grammar refuses a feed OPDS 1.2 does not allow', async () => {
    const { xml } = await read('/opds/papers/pages-post');
    const broken = {
      'an entry without an id': xml.replace(/<id>urn:paperboy:edition:[^<]*<\/id>/, ''),
      'an update time without a time': xml.replace(/(<updated>\d{4}-\d\d-\d\d)T[^<]*/, '$1'),
      'an HTML summary': xml.replace('<summary type="text">', '<summary type="html">'),
      'a link to buy with no price': xml.replace(
        'rel="http://opds-spec.org/acquisition"',
        'rel="http://opds-spec.org/acquisition/buy"',
      ),
      'a space in a link': xml.replace('href="/files/', 'href="/my files/'),
    };
    for (const [what, feed] of Object.entries(broken)) {
      assert.notEqual(feed, xml, what);
      assert.notDeepEqual(await opdsSchemaErrors(feed), [], what);
    }
  });

  test('beyond loopback the catalog asks for the token as a Basic password, and opens with it', async () => {
    const locked = await startServer({
      services: core,
      host: '0.0.0.0',
      port: 0,
      access: { token: TOKEN },
    });
    try {
      const url = new URL('/opds', `http://127.0.0.1:${new URL(locked.url).port}`);
      const refused = await fetch(url);
      assert.equal(refused.status, 401);
      assert.match(refused.headers.get('www-authenticate') ?? '', /^Basic realm="Paperboy"/);
      const wrong = await fetch(url, {
        headers: { authorization: `Basic ${Buffer.from('reader:nope').toString('base64')}` },
      });
      assert.equal(wrong.status, 401);
      const opened = await fetch(url, {
        headers: { authorization: `Basic ${Buffer.from(`koreader:${TOKEN}`).toString('base64')}` },
      });
      assert.equal(opened.status, 200);
      assert.match(await opened.text(), /<title>Paperboy<\/title>/);
    } finally {
      await locked.close();
    }
  });
});
