import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { ApiError } from '../../../main/common/errors.ts';
import type { Clipping } from '../../../main/core/clips/assemble-clipping.ts';
import { readClipping } from '../../../main/core/clips/read-clipping.ts';
import { startEditionServer } from '../../helpers/edition-server.ts';
import { CLIPPING } from '../../helpers/paths.ts';

const offline: typeof fetch = () => {
  throw new Error('no network in this test');
};
const read = (content: string | Uint8Array, name?: string, fetch = offline) =>
  readClipping({ content, ...(name && { name }) }, { fetch });

const BOILERPLATE = [
  /Open in App/,
  /Disclaimer/,
  /Related Stories/i,
  /Epaper/,
  /^City$/,
  /Advertisement/i,
  /Jaishankar|Tharoor|Balochistan/,
  /\.\.\.$/,
];

function assertClean(clipping: Clipping) {
  for (const paragraph of clipping.paragraphs)
    for (const pattern of BOILERPLATE)
      assert.doesNotMatch(paragraph, pattern, `boilerplate left in: ${paragraph.slice(0, 60)}`);
}

describe('the seed clipping', async () => {
  const clipping = await read(await readFile(CLIPPING));

  test('has its headline, agency, updated time with zone and dateline', () => {
    assert.equal(
      clipping.headline,
      "South Korean President orders security ministers' meeting to coordinate North Korea policy",
    );
    assert.equal(clipping.byline, 'IANS');
    assert.equal(clipping.agency, 'IANS');
    assert.equal(clipping.published, '2025-12-19T17:45+05:30');
    assert.equal(clipping.updated, '2025-12-19T17:45+05:30');
    assert.equal(clipping.dateline, 'Seoul, Dec 19');
  });

  test('keeps the twelve body paragraphs, the first without its dateline, and nothing else', () => {
    assert.equal(clipping.paragraphs.length, 12);
    assert.match(clipping.paragraphs[0]!, /^South Korean President Lee Jae Myung on Friday/);
    assert.match(clipping.paragraphs.at(-1)!, /^Seeking dialogue with North Korea/);
    assertClean(clipping);
  });
});

const SAVED_PAGE = `<!doctype html>
<html lang="en"><head>
<title>Port strike ends after 40 days | The Harbour Times</title>
<meta property="og:title" content="Port strike ends after 40 days as dockers accept pay deal">
<meta property="og:site_name" content="The Harbour Times">
<meta property="og:url" content="https://harbourtimes.example/news/port-strike-ends">
<meta property="article:published_time" content="2026-03-04T21:10:00-05:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Port strike ends after 40 days as dockers accept pay deal",
 "datePublished":"2026-03-04T21:10:00-05:00","author":{"@type":"Person","name":"Dana Whitcombe"}}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe</a></li><li><a href="/login">Sign in</a></li></ul></nav></header>
<div class="ad">Advertisement</div>
<main><article>
<h1>Port strike ends after 40 days as dockers accept pay deal</h1>
<p class="byline">By Dana Whitcombe, Reuters</p>
<p>NEWARK, March 4 (Reuters) - Dock workers at the Port of Newark voted on Wednesday to accept a four-year contract, ending a strike that had idled the container terminals for forty days and left hundreds of ships waiting offshore.</p>
<div class="ad">Advertisement</div>
<p>The agreement raises hourly pay by 22 percent over the life of the contract and limits the use of automated cranes at two of the terminals, according to a summary released by the union.</p>
<figure><img src="x.jpg"><figcaption>Photo: cranes idle at the terminal. (Reuters)</figcaption></figure>
<p>Shipping companies said it would take several weeks to clear the backlog of containers, and warned that retailers should expect delays well into the spring season.</p>
<p>"We fought for every cent of this," said union local president Marisol Vega, speaking to reporters outside the hall after the vote was announced.</p>
</article>
<aside><h2>Related Stories</h2><ul><li><a href="/a">Rail freight rates climb</a></li><li><a href="/b">Mayor praises deal</a></li></ul></aside>
</main>
<footer><p>© 2026 The Harbour Times. All rights reserved.</p></footer>
</body></html>`;

describe('a saved HTML page', async () => {
  const clipping = await read(SAVED_PAGE, 'port-strike.html');

  test('takes headline, byline, time, site and URL from the page metadata', () => {
    assert.equal(clipping.headline, 'Port strike ends after 40 days as dockers accept pay deal');
    assert.match(clipping.byline!, /Dana Whitcombe/);
    assert.equal(clipping.agency, 'Reuters');
    assert.equal(clipping.published, '2026-03-04T21:10-05:00');
    assert.equal(clipping.site, 'The Harbour Times');
    assert.equal(clipping.url, 'https://harbourtimes.example/news/port-strike-ends');
    assert.equal(clipping.dateline, 'NEWARK, March 4');
  });

  test('keeps the four paragraphs and drops navigation, ads, captions, related stories and footer', () => {
    assert.equal(clipping.paragraphs.length, 4, clipping.paragraphs.join('\n'));
    assert.match(clipping.paragraphs[0]!, /^Dock workers at the Port of Newark/);
    for (const paragraph of clipping.paragraphs)
      assert.doesNotMatch(paragraph, /Subscribe|Sign in|Rail freight|©|Photo:|Advertisement/);
  });

  test('is recognised as HTML from its content when it has no name', async () => {
    assert.deepEqual(await read(SAVED_PAGE), clipping);
  });
});

describe('other agencies, date formats and no date', () => {
  test('an AP story with a US time zone and a closing credit', async () => {
    const clipping = await read(
      [
        'World',
        'Floods close schools across three provinces',
        'Dec. 19, 2025 at 5:45 p.m. EST',
        'MANILA, Philippines (AP) — Floodwaters forced the closure of more than 600 schools across three provinces on Friday, officials said, as a slow-moving storm dumped rain on the main island.',
        'Rescuers used rubber boats to reach families stranded on rooftops in low-lying villages, and the coast guard said two fishermen were missing.',
        'Share this story',
        'Copyright 2025 The Associated Press. All rights reserved.',
      ].join('\n\n'),
    );
    assert.equal(clipping.headline, 'Floods close schools across three provinces');
    assert.equal(clipping.published, '2025-12-19T17:45-05:00');
    assert.equal(clipping.agency, 'AP');
    assert.equal(clipping.dateline, 'MANILA, Philippines');
    assert.equal(clipping.paragraphs.length, 2);
    assert.match(clipping.paragraphs[0]!, /^Floodwaters forced/);
  });

  test('a day-month-year date in GMT with a "Published" label', async () => {
    const clipping = await read(
      'Markets rally as inflation cools\n\nBy Helen Marsh | Published 19 December 2025, 08:02 GMT\n\nShares rose sharply in London on Friday after figures showed inflation cooling faster than economists had expected in November.',
    );
    assert.equal(clipping.byline, 'Helen Marsh');
    assert.equal(clipping.published, '2025-12-19T08:02Z');
    assert.equal(clipping.updated, undefined);
  });

  test('a clipping with no date and no byline: headline and body only', async () => {
    const clipping = await read(
      'Library to open on Sundays\n\nThe central library will open on Sundays from next month, the city said, after a petition gathered more than two thousand signatures.\n\nThe change costs about forty thousand dollars a year in staff time.',
    );
    assert.equal(clipping.headline, 'Library to open on Sundays');
    assert.equal(clipping.published, undefined);
    assert.equal(clipping.byline, undefined);
    assert.equal(clipping.paragraphs.length, 2);
  });

  test('lines without blank lines between them are read one per block', async () => {
    const clipping = await read(
      'Home\nNews\nBridge reopens after repairs\nBy Staff Reporter\nThe harbour bridge reopened to traffic on Monday after eight months of repairs to its supporting piers.\nAlso Read: Ferry fares to rise\nEngineers said the work came in under budget and ahead of schedule.',
    );
    assert.equal(clipping.headline, 'Bridge reopens after repairs');
    assert.equal(clipping.byline, 'Staff Reporter');
    assert.deepEqual(clipping.paragraphs, [
      'The harbour bridge reopened to traffic on Monday after eight months of repairs to its supporting piers.',
      'Engineers said the work came in under budget and ahead of schedule.',
    ]);
  });
});

describe('web shortcuts', () => {
  test('a .url shortcut is fetched and read as the page it points to', async () => {
    const server = await startEditionServer();
    server.routes.set('/news/port-strike-ends', {
      body: Buffer.from(SAVED_PAGE),
      contentType: 'text/html; charset=utf-8',
    });
    const clipping = await read(
      `[InternetShortcut]\r\nURL=${server.url}/news/port-strike-ends\r\n`,
      'Port strike.url',
      fetch,
    );
    assert.equal(clipping.headline, 'Port strike ends after 40 days as dockers accept pay deal');
    assert.equal(clipping.paragraphs.length, 4);
  });

  test('a .webloc shortcut gives its URL; offline, the answer says so in one line', async () => {
    const webloc = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict><key>URL</key><string>https://news.example/story/42</string></dict></plist>`;
    const unreachable: typeof fetch = () =>
      Promise.reject(
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }),
      );
    await assert.rejects(read(webloc, 'story.webloc', unreachable), (error: ApiError) => {
      assert.equal(error.code, 'network');
      assert.match(error.message, /news\.example.*offline/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  });

  test('a shortcut without a web URL is refused', async () => {
    await assert.rejects(read('[InternetShortcut]\nURL=file:///etc/passwd\n', 'x.url'), {
      code: 'invalid',
      message: /only web pages/,
    });
  });
});

describe('bad input gets one clear line', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['empty', '  \n\n ', /empty/],
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe]), /binary/],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n...'), /paperboy import/],
    ['5 MB of text', 'word '.repeat(1024 * 1024), /too long \(5\.0 MB/],
  ];
  for (const [name, content, message] of cases)
    test(name, async () => {
      await assert.rejects(read(content), (error: ApiError) => {
        assert.equal(error.code, 'invalid');
        assert.match(error.message, message);
        return true;
      });
    });
});

describe('hostile saved pages are refused quickly, off the thread that serves', () => {
  const story = `<p>${'The ministers met in Seoul to talk about the peninsula. '.repeat(12)}</p>`;

  test('elements nested 1,500 deep are refused at once, in one line', async () => {
    const html = `<html><body>${'<div>'.repeat(1500)}${story}${'</div>'.repeat(1500)}</body></html>`;
    await assert.rejects(
      read(html, 'deep.html'),
      (error: ApiError) =>
        error.code === 'invalid' &&
        error.message ===
          'The page nests its elements 1500 deep (at most 400 are read); paste the article’s text instead.',
    );
  });

  test('unclosed paragraphs and list items do not count as nesting', async () => {
    const html = `<html><body><article><h1>Ministers meet</h1>${'<p>The ministers met in Seoul to talk about the peninsula and its future'.repeat(600)}<ul>${'<li>item'.repeat(600)}</ul></article></body></html>`;
    const clipping = await read(html, 'loose.html');
    assert.ok(clipping.paragraphs.length > 0);
  });

  test('a page of more elements than an article has is refused, in one line', async () => {
    const html = `<html><body>${'<span>x</span>'.repeat(70_000)}${story}</body></html>`;
    await assert.rejects(
      read(html, 'wide.html'),
      (error: ApiError) =>
        error.code === 'invalid' &&
        error.message ===
          'The page has more than 60,000 elements (more than an article has); paste the article’s text instead.',
    );
  });

  test('a large page is read in a worker: the thread that asked stays free meanwhile', async () => {
    const html = `<html><body><article><h1>Ministers meet</h1>${'<div><span>filler</span></div>'.repeat(20_000)}${story}</article></body></html>`;
    const order: string[] = [];
    const reading = read(html, 'large.html').then((clipping) => {
      order.push('page');
      return clipping;
    });
    await new Promise((resolve) => setImmediate(resolve));
    order.push('free');
    const clipping = await reading;
    assert.ok(clipping.paragraphs.some((p) => p.includes('ministers met in Seoul')));
    assert.deepEqual(order, ['free', 'page']);
  });
});
