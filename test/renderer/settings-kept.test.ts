/**
 * The renderer's kept settings (renderer/api/settings-kept.ts), on the real core's
 * contract: asked for once, then known from its own changes and from everyone
 * else's (the settings.changed event), so the reader opens without the call.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Api } from '../../main/common/api.ts';
import { keepSettings } from '../../renderer/api/settings-kept.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

test('settings are asked for once, then follow this window’s changes and everyone else’s', async () => {
  const core = await openServices(await tempDir());
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
  const api = keepSettings(counted);
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
