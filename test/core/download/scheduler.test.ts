import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Clock } from '../../../main/core/clock.ts';
import { zonedInstant } from '../../../main/core/dates.ts';
import { Scheduler } from '../../../main/core/download/scheduler.ts';
import { generateEdition } from '../../fixtures/newspaper/draw.ts';
import { type EditionServer, startEditionServer } from '../../helpers/edition-server.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

let server: EditionServer;
let page: Buffer;

before(async () => {
  server = await startEditionServer();
  const edition = await generateEdition({ seed: 3, title: 'S', date: '2025-12-20', pages: 1 });
  page = Buffer.from((await edition.pagePdfs())[0]!);
});

/** A clock the test moves by hand. */
function handClock(iso: string): Clock & { advance(ms: number): void } {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    today: () => new Date(now).toISOString().slice(0, 10),
    advance(ms) {
      now += ms;
    },
  };
}

function publish(source: string, date: string) {
  server.routes.set(`/${source}/${date}.pdf`, { body: page });
}

const asked = (source: string, date: string) =>
  server.seen.filter((r) => r.path === `/${source}/${date}.pdf`).length;

test('missed days are caught up, nothing is fetched twice, and a late edition is fetched once it appears', async () => {
  const clock = handClock('2025-12-20T07:00:00Z');
  const s = await openServices(await tempDir(), {
    delivery: { sleep: async () => {}, retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
  });
  await s.sources.put({
    id: 'daily',
    name: 'Daily',
    kind: 'template',
    url: `${server.url}/daily/{yyyy}-{mm}-{dd}.pdf`,
    timezone: 'UTC',
    schedule: { at: '06:00' },
  });
  for (const date of ['2025-12-15', '2025-12-16', '2025-12-17', '2025-12-18', '2025-12-19'])
    publish('daily', date);
  const scheduler = new Scheduler({
    archive: s.archive,
    sources: s.sources,
    delivery: s.delivery,
    clock,
  });

  const next = await scheduler.runDue();
  assert.deepEqual(
    s.archive.list().map((e) => e.date),
    ['2025-12-19', '2025-12-18', '2025-12-17', '2025-12-16', '2025-12-15'],
  );
  // Today's edition is not out: try again in 15 minutes.
  assert.equal(next, Date.parse('2025-12-20T07:15:00Z'));

  // Running again at once fetches nothing.
  const before = server.seen.length;
  await scheduler.runDue();
  assert.equal(server.seen.length, before);

  // The edition appears late; at the next poll it is fetched, once.
  publish('daily', '2025-12-20');
  clock.advance(15 * 60_000);
  await scheduler.runDue();
  assert.equal(s.archive.list()[0]!.date, '2025-12-20');
  clock.advance(60 * 60_000);
  await scheduler.runDue();
  assert.equal(asked('daily', '2025-12-20'), 2, 'one miss, then one fetch');
  for (const date of ['2025-12-15', '2025-12-19']) assert.equal(asked('daily', date), 1);
  // 14 Dec was never published: tried once in the catch-up, past its deadline, given up.
  assert.equal(asked('daily', '2025-12-14'), 1);
});

test('a source scheduled for weekdays only is not fetched on weekends, and waits for its time of day', async () => {
  // Saturday 20 Dec 2025, 05:00 in New York.
  const clock = handClock('2025-12-20T10:00:00Z');
  const s = await openServices(await tempDir(), {
    delivery: { sleep: async () => {}, retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
  });
  await s.sources.put({
    id: 'weekdays',
    name: 'Weekdays',
    kind: 'template',
    url: `${server.url}/weekdays/{yyyy}-{mm}-{dd}.pdf`,
    timezone: 'America/New_York',
    schedule: { at: '06:30', days: [1, 2, 3, 4, 5] },
    // Caught up over three days: Thursday to Saturday.
  });
  for (const date of ['2025-12-18', '2025-12-19', '2025-12-20', '2025-12-22'])
    publish('weekdays', date);
  const scheduler = new Scheduler({
    archive: s.archive,
    sources: s.sources,
    delivery: s.delivery,
    clock,
    catchUpDays: 3,
  });
  const next = await scheduler.runDue();
  assert.deepEqual(
    s.archive.list().map((e) => e.date),
    ['2025-12-19', '2025-12-18'],
  );
  assert.equal(asked('weekdays', '2025-12-20'), 0, 'Saturday is not a publishing day');
  assert.equal(
    next,
    zonedInstant('2025-12-22', '06:30', 'America/New_York').getTime(),
    'next run: Monday 06:30 in New York',
  );
});

test("scheduled times are wall-clock times in the source's zone, across DST", () => {
  assert.equal(
    zonedInstant('2025-07-01', '06:00', 'Europe/London').toISOString(),
    '2025-07-01T05:00:00.000Z',
  );
  assert.equal(
    zonedInstant('2025-12-01', '06:00', 'Europe/London').toISOString(),
    '2025-12-01T06:00:00.000Z',
  );
  assert.equal(
    zonedInstant('2025-12-20', '05:30', 'Asia/Kolkata').toISOString(),
    '2025-12-20T00:00:00.000Z',
  );
  assert.equal(
    zonedInstant('2025-03-30', '06:00', 'Europe/Berlin').toISOString(),
    '2025-03-30T04:00:00.000Z',
  );
});

test('catch-up never fetches days that retention would delete at once', async () => {
  const clock = handClock('2025-12-20T07:00:00Z');
  const s = await openServices(await tempDir(), {
    today: '2025-12-20T07:00:00Z',
    delivery: { sleep: async () => {}, retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
  });
  await s.sources.put({
    id: 'short',
    name: 'Short',
    kind: 'template',
    url: `${server.url}/short/{yyyy}-{mm}-{dd}.pdf`,
    timezone: 'UTC',
    schedule: { at: '06:00' },
    retention: { days: 5 },
  });
  const week = ['2025-12-14', '2025-12-15', '2025-12-16', '2025-12-17', '2025-12-18'];
  for (const date of [...week, '2025-12-19', '2025-12-20']) publish('short', date);
  const scheduler = new Scheduler({
    archive: s.archive,
    sources: s.sources,
    delivery: s.delivery,
    clock,
  });
  for (let pass = 0; pass < 3; pass++) {
    await scheduler.runDue();
    clock.advance(15 * 60_000);
  }
  assert.deepEqual(
    s.archive.list().map((e) => e.date),
    ['2025-12-20', '2025-12-19', '2025-12-18', '2025-12-17', '2025-12-16'],
  );
  assert.equal(asked('short', '2025-12-14'), 0, 'six days back is past the retention');
  assert.equal(asked('short', '2025-12-15'), 0, 'seven days back too');
  assert.equal(asked('short', '2025-12-16'), 1);
});

test('days missed while the publisher was down are tried again, with growing waits, once it is back', async () => {
  const clock = handClock('2025-12-20T07:00:00Z');
  const s = await openServices(await tempDir(), {
    delivery: { sleep: async () => {}, retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
  });
  await s.sources.put({
    id: 'outage',
    name: 'Outage',
    kind: 'template',
    url: `${server.url}/outage/{yyyy}-{mm}-{dd}.pdf`,
    timezone: 'UTC',
    schedule: { at: '06:00' },
  });
  const days = ['2025-12-17', '2025-12-18', '2025-12-19', '2025-12-20'];
  // Down for the first two passes: every request answers 503.
  for (const date of days)
    server.routes.set(`/outage/${date}.pdf`, { body: page, faults: ['500', '500'] });
  const scheduler = new Scheduler({
    archive: s.archive,
    sources: s.sources,
    delivery: s.delivery,
    clock,
    catchUpDays: 4,
  });
  const first = await scheduler.runDue();
  assert.equal(first, Date.parse('2025-12-20T07:15:00Z'), 'the first retry comes in 15 minutes');
  assert.deepEqual(s.archive.list(), []);
  clock.advance(15 * 60_000);
  const second = await scheduler.runDue();
  assert.equal(second, Date.parse('2025-12-20T07:45:00Z'), 'then the wait doubles');
  clock.advance(30 * 60_000);
  await scheduler.runDue();
  assert.deepEqual(
    s.archive.list().map((e) => e.date),
    [...days].reverse(),
  );
  for (const date of days) assert.equal(asked('outage', date), 3);
});
