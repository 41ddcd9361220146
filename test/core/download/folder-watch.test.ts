/**
 * A watched folder source: a PDF copied in is imported once it has stopped
 * growing — never while half of it is there — and on its own, without waiting
 * for the schedule.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { FolderWatch } from '../../../main/core/download/folder-watch.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

const folderSource = (id: string, folder: string) => ({
  id,
  name: id,
  kind: 'folder' as const,
  folder,
  timezone: 'UTC',
  // Not due today at the test's clock: only the watch can bring the file in.
  schedule: { at: '23:59' },
});

test('a file still growing is not taken; once it stops, its date is delivered once', async () => {
  const folder = await tempDir();
  const gazette = await writeEdition(await tempDir(), 'g', {
    seed: 3,
    title: 'G',
    date: '2025-12-20',
    pages: 1,
  });
  const bytes = await fs.readFile(gazette.file);
  const target = path.join(folder, '2025-12-20.pdf');
  await fs.writeFile(target, bytes.subarray(0, bytes.length / 2));
  const delivered: { date: string; size: number }[] = [];
  let appended = false;
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const finished = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  const watch = new FolderWatch({
    debounceMs: 30,
    deliver: async (_source, date) => {
      delivered.push({ date, size: (await fs.stat(target)).size });
      resolve();
    },
    onError: reject,
    onLook: () => {
      // The copy goes on between the first look and the next.
      if (appended) return;
      appended = true;
      appendFileSync(target, bytes.subarray(bytes.length / 2));
    },
  });
  watch.sync([folderSource('scans', folder)]);
  await finished;
  watch.close();
  assert.deepEqual(delivered, [{ date: '2025-12-20', size: bytes.length }]);
});

test('serve and the app import a PDF dropped into a followed folder without waiting for the schedule', async () => {
  const folder = await tempDir();
  const s = await openServices(await tempDir(), { folderDebounceMs: 30 });
  await s.api.call('sources.add', { definition: folderSource('scanner', folder) });
  const added = new Promise<string>((resolve) =>
    s.hub.subscribe((event, payload) => {
      if (event === 'edition.added') resolve((payload as { edition: { id: string } }).edition.id);
    }),
  );
  s.startSchedule((error) => assert.fail(String(error)));
  const gazette = await writeEdition(await tempDir(), 'g', {
    seed: 4,
    title: 'G',
    date: '2026-11-20',
    pages: 2,
  });
  await fs.copyFile(gazette.file, path.join(folder, '2026-11-20-front.pdf'));
  assert.equal(await added, 'scanner:2026-11-20');
  assert.equal(s.archive.get('scanner:2026-11-20').pages.length, 2);
});
