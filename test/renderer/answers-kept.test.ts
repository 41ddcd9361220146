/**
 * The renderer's kept answers (renderer/api/answers-kept.ts), on the real core's
 * contract: settings, editions and reading positions asked for once, then known
 * from this window's own changes and from everyone else's (the core's events),
 * so the reader opens without the calls.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Api } from '../../main/common/api.ts';
import type { Core } from '../../main/core/core.ts';
import { keepAnswers } from '../../renderer/api/answers-kept.ts';
import { importEdition } from '../helpers/editions.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

/** The core's contract with answers kept, and the methods it called on the core. */
function counting(core: Core): { api: Api; asked: string[] } {
  const asked: string[] = [];
  const counted: Api = {
    call: (method, args, options) => {
      asked.push(method);
      return core.api.call(method, args, options);
    },
    on: (event, listener) => core.api.on(event, listener),
    ready: () => core.api.ready(),
    close: () => {},
  };
  return { api: keepAnswers(counted), asked };
}

test('settings are asked for once, then follow this window’s changes and everyone else’s', async () => {
  const core = await openServices(await tempDir());
  const { api, asked } = counting(core);
  assert.equal((await api.call('settings.get', {})).reader.layout, 'single');
  assert.equal((await api.call('settings.get', {})).reader.layout, 'single');
  assert.deepEqual(asked, ['settings.get']);

  // This window's change is known from its answer.
  await api.call('settings.set', { reader: { layout: 'spread', pages: 'day', thumbnails: true } });
  assert.equal((await api.call('settings.get', {})).reader.layout, 'spread');
  // Another's (the CLI, another window) from the event.
  await core.api.call('settings.set', { theme: 'dark', downloads: 7 });
  const now = await api.call('settings.get', {});
  assert.equal(now.theme, 'dark');
  assert.equal(now.downloads, 7);
  assert.equal(now.reader.layout, 'spread');
  assert.deepEqual(asked, ['settings.get', 'settings.set']);
  // Everything else goes straight through.
  assert.equal((await api.call('archive.info', {})).editions, 0);
  assert.deepEqual(asked, ['settings.get', 'settings.set', 'archive.info']);
});

test('an edition and where the reader left it are asked for once, and follow changes made here and elsewhere', async () => {
  const core = await openServices(await tempDir());
  await importEdition(core, 'courier', { seed: 5, title: 'Courier', date: '2025-03-01', pages: 2 });
  const id = 'courier:2025-03-01';
  const { api, asked } = counting(core);
  assert.equal((await api.call('editions.get', { id })).title, 'Courier');
  assert.equal(await api.call('reader.position', { edition: id }), null);
  assert.equal((await api.call('editions.get', { id })).title, 'Courier');
  assert.equal(await api.call('reader.position', { edition: id }), null);
  assert.deepEqual(asked, ['editions.get', 'reader.position']);

  // Read on here: known from the call.
  const here = { page: 2, zoom: 'page-fit' as const, left: 0, top: 0.25 };
  await api.call('reader.remember', { edition: id, position: here });
  assert.deepEqual(await api.call('reader.position', { edition: id }), here);
  // Read on elsewhere (another window, another device): known from the event.
  const elsewhere = { page: 1, zoom: 'page-width' as const, left: 0, top: 0.5 };
  await core.api.call('reader.remember', { edition: id, position: elsewhere });
  assert.deepEqual(await api.call('reader.position', { edition: id }), elsewhere);
  assert.deepEqual(asked, ['editions.get', 'reader.position', 'reader.remember']);

  // The edition corrected elsewhere: asked for again.
  await core.api.call('editions.edit', { id, title: 'Courier, late' });
  assert.equal((await api.call('editions.get', { id })).title, 'Courier, late');
  assert.deepEqual(asked.at(-1), 'editions.get');
  // A call here that may change editions: asked for again too.
  await api.call('archive.reindex', {}).catch(() => undefined);
  await api.call('editions.get', { id });
  assert.deepEqual(asked.slice(-2), ['archive.reindex', 'editions.get']);
});
