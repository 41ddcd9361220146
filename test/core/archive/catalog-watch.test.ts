/**
 * Two processes on one archive (here, two connections, as the app and a cron
 * fetch have): what one adds or removes is announced by the other, and read
 * (indexed) there, without a restart.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventName } from '../../../main/common/api.ts';
import type { Core as Services } from '../../../main/core/core.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

function next(s: Services, event: EventName, id: string): Promise<void> {
  return new Promise((resolve) => {
    const off = s.hub.subscribe((name, payload) => {
      const p = payload as { id?: string; edition?: { id: string } | string };
      const about = p.id ?? (typeof p.edition === 'string' ? p.edition : p.edition?.id);
      if (name === event && about === id) {
        off();
        resolve();
      }
    });
  });
}

/** The app's services, started and watching, and a cron's, on one archive. */
async function twoProcesses(): Promise<{ app: Services; cron: Services }> {
  const root = await tempDir();
  const app = await openServices(root, { watchMs: 25 });
  await app.start();
  return { app, cron: await openServices(root) };
}

test('an edition another process adds is announced and indexed here; one it removes is announced', async () => {
  const { app, cron } = await twoProcesses();
  const gazette = await writeEdition(await tempDir(), 'gazette_2025-12-20', {
    seed: 6,
    title: 'Gazette',
    date: '2025-12-20',
    pages: 2,
  });
  const id = 'gazette:2025-12-20';
  const added = next(app, 'edition.added', id);
  const indexed = next(app, 'text.indexed', id);
  await cron.archive.import({ path: gazette.file });
  await added;
  await indexed;
  assert.equal(app.indexer.store.indexed(id), true);
  assert.ok(app.archive.list().some((e) => e.id === id));

  const removed = next(app, 'edition.removed', id);
  await cron.api.call('editions.remove', { id });
  await removed;
});

test("another process's corrections are announced here as corrections, not as new editions", async () => {
  const { app, cron } = await twoProcesses();
  const { file } = await writeEdition(await tempDir(), 'post_2025-12-20', {
    seed: 7,
    title: 'Post',
    date: '2025-12-20',
    pages: 1,
  });
  const id = 'post:2025-12-20';
  const added = next(app, 'edition.added', id);
  await cron.archive.import({ path: file });
  await added;
  const heard: string[] = [];
  app.hub.subscribe((name, payload) => {
    if (name.startsWith('edition.')) heard.push(`${name} ${JSON.stringify(payload)}`);
  });

  // Retitled in place: the same id.
  const retitled = next(app, 'edition.changed', id);
  await cron.api.call('editions.edit', { id, title: 'The Post' });
  await retitled;
  // Moved to another day: the new id, with the one it had.
  const moved = next(app, 'edition.changed', 'post:2025-12-21');
  await cron.api.call('editions.edit', { id, date: '2025-12-21' });
  await moved;
  assert.deepEqual(
    heard.map((line) => {
      const { edition, previous } = JSON.parse(line.slice(line.indexOf(' ') + 1));
      return `${line.split(' ')[0]} ${edition.id} ${edition.title} from ${previous}`;
    }),
    [
      'edition.changed post:2025-12-20 The Post from post:2025-12-20',
      'edition.changed post:2025-12-21 The Post from post:2025-12-20',
    ],
  );
});
