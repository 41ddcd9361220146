/**
 * One suite for the contract, run against the services in-process, against the
 * HTTP client talking to the headless server on port 0, and against the
 * desktop's IPC bridge (both ends' real code, over an in-memory Electron IPC):
 * every transport must answer, fail and cancel the same way.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Api, EventName, EventPayload, Handlers } from '../../main/common/api.ts';
import { createBridge, serveBridge } from '../../main/common/bridge.ts';
import { createEndpoint } from '../../main/common/dispatch.ts';
import type { EventHub } from '../../main/common/events.ts';
import { createHttpApi } from '../../main/common/http-api.ts';
import { createIpcApi } from '../../main/common/ipc-api.ts';
import { createLocalApi } from '../../main/common/local-api.ts';
import { type RunningServer, startServer } from '../../main/headless/server.ts';
import { writeEdition } from '../helpers/editions.ts';
import { ipcPair } from '../helpers/ipc-pair.ts';
import { SCANS } from '../helpers/scans.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const EDITIONS = 40;

const transports: [string, () => Promise<Api>][] = [];
let expectedIds: string[] = [];
let hub: EventHub;
/** A whole-edition PDF on disk, for editions.import. */
let editionFile: string;
let server: RunningServer | undefined;
after(() => server?.close());
/** Resolved when the services themselves see a reindex cancelled, whichever transport carried it. */
let serviceSawAbort: Promise<void>;
let markServiceSawAbort: () => void;
function resetAbortTap() {
  serviceSawAbort = new Promise<void>((resolve) => {
    markServiceSawAbort = resolve;
  });
}

before(async () => {
  const work = await tempDir();
  const services = await openServices(await tempDir());
  const { file } = await writeEdition(work, 'daily', {
    seed: 11,
    title: 'Daily',
    date: '2025-01-01',
    pages: 6,
  });
  for (let day = 1; day <= EDITIONS; day++) {
    const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
    await services.archive.import({ path: file, source: 'daily', date });
  }
  await services.archive.import({ path: SCANS.ocr });
  expectedIds = services.archive.list().map((e) => e.id);
  hub = services.hub;
  editionFile = file;
  // The real handlers, with a tap that reports when a reindex's signal is aborted on the service side.
  const handlers: Handlers = {
    ...services.handlers,
    'archive.reindex': (args, context) => {
      context.signal.addEventListener('abort', () => markServiceSawAbort(), { once: true });
      return services.handlers['archive.reindex'](args, context);
    },
  };
  const endpoint = createEndpoint(handlers, services.hub);
  server = await startServer({ services: { endpoint, files: services.files }, port: 0 });
  const { url } = server;
  transports.push(['in-process', async () => createLocalApi(handlers, services.hub)]);
  transports.push(['HTTP', async () => createHttpApi(url)]);
  transports.push([
    'IPC',
    async () => {
      const pair = ipcPair();
      const stop = serveBridge(pair.main, endpoint, {
        trusted: (event) => event.senderFrame?.url.startsWith('app://app/') === true,
        send: (page, channel, ...args) => {
          page.deliver(channel, args);
          return true;
        },
      });
      const api = createIpcApi(createBridge(pair.renderer));
      // Closing the client closes the main process's end too.
      return {
        ...api,
        close() {
          api.close();
          stop();
        },
      };
    },
  ]);
});

/** Resolves with the first payload of `event` that `accept` takes. */
function nextEvent<E extends EventName>(
  api: Api,
  event: E,
  accept: (p: EventPayload<E>) => boolean = () => true,
) {
  return new Promise<EventPayload<E>>((resolve) => {
    const off = api.on(event, (payload) => {
      if (!accept(payload)) return;
      off();
      resolve(payload);
    });
  });
}

const REMOVED = {
  'in-process': 'daily:2025-01-01',
  HTTP: 'daily:2025-01-02',
  IPC: 'daily:2025-01-03',
};

for (const name of ['in-process', 'HTTP', 'IPC'] as const) {
  describe(`the contract, ${name}`, () => {
    let api: Api;
    before(async () => {
      api = await transports.find(([n]) => n === name)![1]();
      await api.ready();
    });
    after(() => api.close());

    test('editions.list lists every edition, newest first, and filters', async () => {
      const all = await api.call('editions.list', {});
      assert.deepEqual(
        all.map((e) => e.id),
        expectedIds,
      );
      assert.equal(all[0]!.id, 'daily:2025-02-09');
      assert.equal(all.at(-1)!.id, 'oregon-city-enterprise:1904-12-30');
      const january = await api.call('editions.list', {
        source: 'daily',
        from: '2025-01-10',
        to: '2025-01-12',
      });
      assert.deepEqual(
        january.map((e) => e.date),
        ['2025-01-12', '2025-01-11', '2025-01-10'],
      );
      assert.deepEqual(
        { ...january[0]!, aspect: Math.round(january[0]!.aspect * 1000) },
        {
          id: 'daily:2025-01-12',
          source: 'daily',
          sourceName: 'Daily',
          date: '2025-01-12',
          title: 'Daily',
          pages: 6,
          sample: false,
          aspect: 647,
          cover: { file: 'edition.pdf', index: 1 },
          // The one file was imported for 40 days; its masthead prints the first.
          dateCheck: { reason: 'the masthead reads 1 January 2025', suggested: '2025-01-01' },
        },
      );
    });

    test('editions.get returns the whole edition; an unknown id is not-found', async () => {
      const edition = await api.call('editions.get', { id: 'oregon-city-enterprise:1904-12-30' });
      assert.equal(edition.pages.length, 1);
      assert.equal(edition.files[0]!.name, 'edition.pdf');
      await assert.rejects(api.call('editions.get', { id: 'daily:1999-01-01' }), {
        code: 'not-found',
        message: 'No edition daily:1999-01-01 in the archive.',
      });
    });

    test('arguments are validated: bad ids, paths, extra fields and unknown methods are invalid', async () => {
      await assert.rejects(api.call('editions.get', { id: '../../etc/passwd' }), {
        code: 'invalid',
        message: 'editions.get: id is not an edition id (source:YYYY-MM-DD)',
      });
      await assert.rejects(
        api.call('editions.list', { source: 'daily', where: '1=1' } as never),
        (error: { code: string; message: string }) =>
          error.code === 'invalid' && /where/.test(error.message),
      );
      await assert.rejects(api.call('editions.list', { from: '2025-13-01' }), { code: 'invalid' });
      await assert.rejects(
        (api.call as (m: string, a: unknown) => Promise<unknown>)('archive.format', {}),
        {
          code: 'invalid',
          message: 'Unknown method: archive.format',
        },
      );
    });

    test('settings round-trip and reject values outside the schema', async () => {
      const changed = nextEvent(api, 'settings.changed');
      const reader = { layout: 'single', pages: 'day', thumbnails: true } as const;
      const expected = {
        theme: 'dark',
        runInBackground: true,
        openAtLogin: false,
        reader,
        ocrLanguages: ['eng'],
        downloads: 4,
      };
      assert.deepEqual(await api.call('settings.set', { theme: 'dark' }), expected);
      assert.deepEqual(await changed, expected);
      assert.deepEqual(await api.call('settings.get', {}), expected);
      await assert.rejects(api.call('settings.set', { theme: 'neon' as never }), {
        code: 'invalid',
      });
      const night = { layout: 'spread', pages: 'night', thumbnails: false } as const;
      assert.deepEqual((await api.call('settings.set', { reader: night })).reader, night);
      await assert.rejects(
        api.call('settings.set', { reader: { ...night, layout: 'scroll' as never } }),
        { code: 'invalid' },
      );
      await api.call('settings.set', { theme: 'system', reader });
    });

    test('OCR languages: those installed are listed; one whose data is not here is refused in one line', async () => {
      const { installed, fixed } = await api.call('settings.languages', {});
      assert.ok(installed.includes('eng'));
      assert.equal(fixed, undefined);
      await assert.rejects(api.call('settings.set', { ocrLanguages: ['eng', 'kln'] }), {
        code: 'invalid',
        message:
          'OCR language "kln" is not installed: npm install @tesseract.js-data/kln, or the system\'s tesseract-ocr-kln',
      });
      await assert.rejects(api.call('settings.set', { ocrLanguages: [] }), { code: 'invalid' });
      assert.deepEqual((await api.call('settings.get', {})).ocrLanguages, ['eng']);
      assert.equal((await api.call('settings.set', { downloads: 6 })).downloads, 6);
      await assert.rejects(api.call('settings.set', { downloads: 0 }), { code: 'invalid' });
      await api.call('settings.set', { downloads: 4 });
    });

    test('a reading position is remembered per edition, validated, and null where none is', async () => {
      const edition = expectedIds[0]!;
      assert.equal(await api.call('reader.position', { edition: 'never-read:1999-01-01' }), null);
      const position = { page: 3, zoom: 1.5, left: 120, top: 800 };
      assert.deepEqual(await api.call('reader.remember', { edition, position }), { saved: true });
      assert.deepEqual(await api.call('reader.position', { edition }), position);
      await api.call('reader.remember', { edition, position: { ...position, zoom: 'page-fit' } });
      assert.equal((await api.call('reader.position', { edition }))?.zoom, 'page-fit');
      for (const bad of [
        { ...position, page: 0 },
        { ...position, zoom: 40 },
        { ...position, left: Number.NaN },
      ])
        await assert.rejects(api.call('reader.remember', { edition, position: bad }), {
          code: 'invalid',
        });
      await assert.rejects(api.call('reader.position', { edition: '../etc/passwd' }), {
        code: 'invalid',
      });
    });

    test('archive.info counts the archive', async () => {
      const info = await api.call('archive.info', {});
      assert.equal(info.editions, expectedIds.length);
      assert.equal(info.sources, 2);
      assert.ok(info.bytes > 0);
    });

    test('a cancelled reindex is aborted in the services, rejects as aborted, and leaves the catalog', async () => {
      resetAbortTap();
      const controller = new AbortController();
      const progressed = nextEvent(api, 'reindex.progress');
      const run = api.call('archive.reindex', { verify: true }, { signal: controller.signal });
      const first = await progressed;
      assert.equal(first.total, expectedIds.length);
      controller.abort();
      await assert.rejects(run, { code: 'aborted' });
      await serviceSawAbort;
      assert.deepEqual(
        (await api.call('editions.list', {})).map((e) => e.id),
        expectedIds,
      );
    });

    test('ready() means events flow: one emitted as soon as it resolves arrives', async () => {
      const fresh = await transports.find(([n]) => n === name)![1]();
      try {
        await fresh.ready();
        const got = nextEvent(fresh, 'text.indexed', (p) => p.edition === 'ready:2025-01-01');
        hub.emit('text.indexed', { edition: 'ready:2025-01-01' });
        assert.deepEqual(await got, { edition: 'ready:2025-01-01' });
      } finally {
        fresh.close();
      }
    });

    test('editions.import is local only: served in-process, refused over a transport before the path is read', async () => {
      const args = { path: editionFile, source: 'daily', date: '2025-03-01' };
      if (name === 'in-process') {
        const added = nextEvent(api, 'edition.added', (p) => p.edition.id === 'daily:2025-03-01');
        const outcome = await api.call('editions.import', args);
        assert.equal(outcome.created, true);
        assert.equal(outcome.edition.id, 'daily:2025-03-01');
        assert.equal((await added).edition.pages, 6);
        await api.call('editions.remove', { id: 'daily:2025-03-01' });
        return;
      }
      await assert.rejects(api.call('editions.import', args), {
        code: 'forbidden',
        message:
          'editions.import is served only in-process, on the machine that holds the archive.',
      });
      // Refused before validation: a path that is not even a string is refused the same way.
      await assert.rejects(api.call('editions.import', { path: 42 } as never), {
        code: 'forbidden',
      });
      await assert.rejects(api.call('editions.get', { id: 'daily:2025-03-01' }), {
        code: 'not-found',
      });
    });

    test('a call with an already-aborted signal is aborted', async () => {
      await assert.rejects(api.call('archive.info', {}, { signal: AbortSignal.abort() }), {
        code: 'aborted',
      });
    });

    test('sources: a definition is validated; a test of an unreachable source says why; unknown ids are not-found', async () => {
      const id = `unreachable-${name.toLowerCase()}`;
      // A port that was free a moment ago: nothing listens there.
      const probe = net.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as net.AddressInfo;
      await new Promise((resolve) => probe.close(resolve));
      const definition = {
        id,
        name: 'Unreachable',
        kind: 'template' as const,
        url: `http://127.0.0.1:${port}/{yyyy}-{mm}-{dd}.pdf`,
        timezone: 'UTC',
        schedule: { at: '06:00' },
      };
      await assert.rejects(
        api.call('sources.add', { definition: { ...definition, timezone: 'Nowhere/Else' } }),
        {
          code: 'invalid',
          message:
            'sources.add: definition.timezone is not a time zone (use an IANA name such as Europe/London)',
        },
      );
      assert.deepEqual(await api.call('sources.add', { definition }), definition);
      const listed = await api.call('sources.list', {});
      assert.deepEqual(listed.find((s) => s.id === id)?.definition, definition);
      await assert.rejects(api.call('sources.test', { id, date: '2025-12-20' }), {
        code: 'network',
        message: `Cannot reach 127.0.0.1:${port}: the connection was refused.`,
      });
      await assert.rejects(api.call('delivery.fetch', { source: 'nobody' }), { code: 'not-found' });
      assert.deepEqual(await api.call('sources.remove', { id }), { removed: true });
      const presets = await api.call('sources.presets', {});
      assert.ok(presets.some((p) => p.id === 'nyt-front-page'));
    });

    test('editions.remove removes, emits edition.removed, then says not-found', async () => {
      const id = REMOVED[name];
      const removed = nextEvent(api, 'edition.removed', (p) => p.id === id);
      assert.deepEqual(await api.call('editions.remove', { id }), { removed: true });
      assert.deepEqual(await removed, { id });
      expectedIds = expectedIds.filter((e) => e !== id);
      await assert.rejects(api.call('editions.remove', { id }), { code: 'not-found' });
    });
  });
}
