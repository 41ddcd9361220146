import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, isoWeekday } from '../../../main/common/calendar.ts';
import { dateInZone } from '../../../main/core/dates.ts';
import { expandTokens } from '../../../main/core/sources/date-tokens.ts';
import { readFeed } from '../../../main/core/sources/feed-source.ts';
import { loadPresets } from '../../../main/core/sources/presets.ts';
import { templateSource } from '../../../main/core/sources/template-source.ts';
import { REPO } from '../../helpers/paths.ts';

test('date tokens expand as documented', () => {
  const template = '{yyyy}|{yy}|{mm}|{m}|{dd}|{d}|{MMM}|{MMMM}|{mon}|{page}|{page:3}';
  assert.equal(expandTokens(template, '2025-03-07', 7), '2025|25|03|3|07|7|Mar|March|mar|7|007');
  assert.equal(expandTokens('{page}', '2025-03-07'), '{page}', 'no page number, no page token');
});

test('dates in a time zone, weekdays and day arithmetic', () => {
  const instant = new Date('2025-12-19T23:30:00Z');
  assert.equal(dateInZone(instant, 'Asia/Seoul'), '2025-12-20');
  assert.equal(dateInZone(instant, 'America/New_York'), '2025-12-19');
  assert.equal(isoWeekday('2025-12-21'), 7);
  assert.equal(isoWeekday('2025-12-22'), 1);
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
});

test('every preset is a valid definition; the NYT and Freedom Forum URLs expand for a date', async () => {
  const presets = await loadPresets(`${REPO}resources`);
  assert.ok(presets.length >= 10);
  const nyt = presets.find((p) => p.id === 'nyt-front-page')!;
  const plan = await templateSource.plan(nyt, '2025-12-20', { fetch });
  assert.deepEqual(plan, {
    kind: 'pages',
    pages: [{ n: 1, url: 'https://static01.nyt.com/images/2025/12/20/nytfrontpage/scan.pdf' }],
  });
  const wsj = presets.find((p) => p.id === 'ff-wsj')!;
  const slot = await templateSource.plan(wsj, '2025-12-05', { fetch });
  assert.deepEqual(slot, {
    kind: 'pages',
    pages: [{ n: 1, url: 'https://cdn.freedomforum.org/dfp/pdf5/WSJ.pdf' }],
  });
  assert.equal(wsj.maxAgeDays, 2, "a Freedom Forum slot may still hold last month's page");
});

test('a template with {page} and a count lists exactly those pages', async () => {
  const plan = await templateSource.plan(
    {
      id: 'x',
      name: 'X',
      kind: 'template',
      url: 'https://e.example/{yyyy}{mm}{dd}/{page:2}.pdf',
      pages: { count: 3 },
      timezone: 'UTC',
      schedule: { at: '05:00' },
    },
    '2025-01-02',
    { fetch },
  );
  assert.deepEqual(plan.kind === 'pages' && plan.pages.map((p) => p.url), [
    'https://e.example/20250102/01.pdf',
    'https://e.example/20250102/02.pdf',
    'https://e.example/20250102/03.pdf',
  ]);
});

test('Atom entries with PDF links are read with their dates', async () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>E</title>
      <entry><title>Morning edition</title><updated>2025-12-20T05:00:00+01:00</updated>
        <link rel="alternate" href="https://e.example/web"/>
        <link rel="enclosure" type="application/pdf" href="https://e.example/2025-12-20.pdf"/></entry>
      <entry><title>No PDF</title><updated>2025-12-19T05:00:00Z</updated><link href="https://e.example/x"/></entry>
    </feed>`;
  const items = await readFeed(atom, 'https://e.example/feed');
  assert.deepEqual(
    items.map((i) => [i.title, i.published?.toISOString(), i.pdfs]),
    [
      ['Morning edition', '2025-12-20T04:00:00.000Z', ['https://e.example/2025-12-20.pdf']],
      ['No PDF', '2025-12-19T05:00:00.000Z', []],
    ],
  );
  await assert.rejects(
    readFeed('<html><body>hi</body></html>', 'https://e.example/feed'),
    /neither an RSS nor an Atom feed/,
  );
});

test('"years ago today" maps a day to the day it was printed; 29 February may not exist', async () => {
  const { editionDateFor } = await import('../../../main/core/sources/date-tokens.ts');
  assert.equal(editionDateFor({}, '2025-12-20'), '2025-12-20');
  assert.equal(editionDateFor({ yearsAgo: 100 }, '2025-12-20'), '1925-12-20');
  assert.equal(editionDateFor({ yearsAgo: 100 }, '2024-02-29'), '1924-02-29');
  assert.equal(editionDateFor({ yearsAgo: 1 }, '2024-02-29'), undefined);
  assert.equal(editionDateFor({ yearsAgo: 4 }, '2024-02-29'), '2020-02-29');
});
