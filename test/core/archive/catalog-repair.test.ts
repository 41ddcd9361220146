/**
 * A catalog damaged inside (its header sound, so it still opens) is found by
 * reindex, set aside, and rebuilt from the files: editions, clips (with their
 * notes) and the text come back.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { catalogPath } from '../../../main/core/archive/layout.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

test('reindex finds a catalog damaged inside, sets it aside and gives back editions, clips and notes', async () => {
  const root = await tempDir();
  const first = await openServices(root);
  const gazette = await writeEdition(await tempDir(), 'gazette_2025-12-20', {
    seed: 8,
    title: 'Gazette',
    date: '2025-12-20',
    pages: 3,
  });
  await first.archive.import({ path: gazette.file });
  await first.indexer.catchUp();
  const clip = await first.api.call('clips.create', {
    edition: 'gazette:2025-12-20',
    page: 1,
    rects: [[40, 400, 200, 120]],
    note: 'for the scrapbook',
  });
  await first.close();

  // Pages in the middle of the file overwritten; the header is left as it was.
  const file = catalogPath(root);
  const bytes = await fs.readFile(file);
  assert.ok(bytes.length > 40_000, `${bytes.length} bytes`);
  bytes.fill(0xa5, 8192, 36_864);
  await fs.writeFile(file, bytes);

  const second = await openServices(root);
  const outcome = await second.api.call('archive.reindex', {});
  assert.match(
    outcome.repaired ?? '',
    /^The catalog .*catalog\.sqlite was damaged \(.+\); it was moved to catalog\.sqlite\.damaged-[\dT-]+Z and rebuilt from the files\.$/,
  );
  assert.equal(outcome.editions, 1);
  assert.deepEqual(
    second.archive.list().map((e) => e.id),
    ['gazette:2025-12-20'],
  );
  const clips = await second.api.call('clips.list', {});
  assert.deepEqual(
    clips.clips.map((c) => [c.id, c.note]),
    [[clip.id, 'for the scrapbook']],
  );
  await second.indexer.catchUp();
  const found = await second.api.call('search.query', { q: 'the' });
  assert.ok(found.total > 0, 'the text is read again');
  assert.equal(second.archive.catalog.problems().length, 0);
  const aside = (await fs.readdir(path.dirname(file))).filter((n) => n.includes('.damaged-'));
  assert.equal(aside.length, 1);
});
