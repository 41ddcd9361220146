/**
 * Correcting an edition in place: its paper, date and title change, its id
 * follows, and everything that named it (its text in the index, its clips and
 * their files, the reader's place in it) goes with it; nothing is read again.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { catalogPath } from '../../../main/core/archive/layout.ts';
import type { Core } from '../../../main/core/core.ts';
import { writeEdition } from '../../helpers/editions.ts';
import { REPO } from '../../helpers/paths.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

const SAMPLE_PDF = `${REPO}resources/sample/paperboy-gazette_2025-12-20.pdf`;
const STORY: [number, number, number, number] = [475.2, 832.9, 280, 327.3];

let archiveDir: string;
let core: Core;

before(async () => {
  archiveDir = await tempDir();
  core = await openServices(archiveDir);
});

async function filesUnder(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir, { recursive: true });
  return names.sort();
}

describe('editions.edit', () => {
  test('another paper and date: a new id, the same files, the text, clips and reading place follow', async () => {
    const { edition } = await core.api.call('editions.import', {
      path: SAMPLE_PDF,
      source: 'nyt-a1',
      date: '2015-01-02',
    });
    await core.indexer.catchUp();
    const clip = await core.api.call('clips.create', {
      edition: edition.id,
      page: 5,
      rects: [STORY],
    });
    await core.api.call('reader.remember', {
      edition: edition.id,
      position: { page: 5, zoom: 'page-fit', left: 0, top: 12 },
    });
    const before = await filesUnder(path.join(archiveDir, 'nyt-a1', '2015', '2015-01-02'));
    const heard: string[] = [];
    const off = core.hub.subscribe((name, payload) => {
      if (name.startsWith('edition.')) heard.push(`${name} ${JSON.stringify(payload)}`);
    });

    const edited = await core.api.call('editions.edit', {
      id: edition.id,
      sourceName: 'Paperboy Gazette',
      date: '2025-12-20',
    });
    off();
    const id = 'paperboy-gazette:2025-12-20';
    // A correction is told as one: not as an edition gone and a new one come.
    assert.equal(heard.length, 1, heard.join('\n'));
    assert.match(heard[0]!, /^edition\.changed /);
    const told = JSON.parse(heard[0]!.slice('edition.changed '.length));
    assert.equal(told.previous, edition.id);
    assert.equal(told.edition.id, id);
    assert.equal(edited.edition.id, id);
    assert.equal(edited.previous, edition.id);
    assert.equal(edited.clips, 1);
    assert.deepEqual(edited.edition.source, {
      id: 'paperboy-gazette',
      name: 'Paperboy Gazette',
      kind: 'import',
    });
    // The title was the old paper's name: it is the new one's now.
    assert.equal(edited.edition.title, 'Paperboy Gazette');
    assert.deepEqual(edited.edition.files, edition.files);

    // The files moved: the old folder (and its paper, left with none) is gone.
    await assert.rejects(fs.stat(path.join(archiveDir, 'nyt-a1')));
    const moved = path.join(archiveDir, 'paperboy-gazette', '2025', '2025-12-20');
    assert.deepEqual(await filesUnder(moved), before);
    const onDisk = JSON.parse(await fs.readFile(path.join(moved, 'edition.json'), 'utf8'));
    assert.equal(onDisk.id, id);
    assert.deepEqual(
      (await core.api.call('sources.list', {})).map((s) => s.id),
      ['paperboy-gazette'],
    );
    await assert.rejects(core.api.call('editions.get', { id: edition.id }), /No edition/);

    // Its text is searchable under the new id at once: it was not read again.
    assert.equal(core.indexer.store.indexed(id), true);
    const hits = await core.api.call('search.query', { q: '"Lee Jae Myung"' });
    assert.ok(hits.hits.length > 0);
    assert.ok(hits.hits.every((hit) => hit.edition === id && hit.date === '2025-12-20'));

    // The clip names it, in the catalog and in its file.
    const after = await core.api.call('clips.get', { id: clip.id });
    assert.deepEqual(
      [after.edition, after.source, after.date],
      [id, 'paperboy-gazette', '2025-12-20'],
    );
    const clipFile = JSON.parse(
      await fs.readFile(path.join(archiveDir, 'clips', `${clip.id}.json`), 'utf8'),
    );
    assert.equal(clipFile.edition, id);
    assert.deepEqual(await core.api.call('reader.position', { edition: id }), {
      page: 5,
      zoom: 'page-fit',
      left: 0,
      top: 12,
    });
    assert.equal(await core.api.call('reader.position', { edition: edition.id }), null);

    // The files are the truth: a catalog rebuilt from them has the corrected edition.
    await fs.rm(catalogPath(archiveDir));
    const rebuilt = await core.api.call('archive.reindex', {});
    assert.deepEqual(rebuilt.skipped, []);
    assert.deepEqual(
      core.archive.list().map((e) => e.id),
      [id],
    );
  });

  test('a title alone keeps the id; the date given confirms an uncertain one', async () => {
    const work = await tempDir();
    const { file } = await writeEdition(work, 'courier', {
      seed: 4,
      title: 'Courier',
      date: '2024-05-06',
      pages: 1,
    });
    // A date given that the masthead (6 May) does not print is flagged.
    const imported = await core.api.call('editions.import', {
      path: file,
      source: 'courier',
      date: '2024-05-07',
    });
    const id = imported.edition.id;
    assert.deepEqual(imported.dateCheck, {
      reason: 'the masthead reads 6 May 2024',
      suggested: '2024-05-06',
    });
    const retitled = await core.api.call('editions.edit', { id, title: 'The Courier, late' });
    assert.equal(retitled.edition.id, id);
    assert.equal(core.archive.get(id).title, 'The Courier, late');
    assert.deepEqual(retitled.edition.dateCheck, imported.dateCheck);
    const confirmed = await core.api.call('editions.edit', { id, date: '2024-05-07' });
    assert.equal(confirmed.edition.id, id);
    assert.equal(confirmed.edition.dateCheck, undefined);
    assert.equal(core.archive.list({ source: 'courier' })[0]?.dateCheck, undefined);
  });

  test('an id another edition has is refused, and nothing changes', async () => {
    const work = await tempDir();
    const { file } = await writeEdition(work, 'y', {
      seed: 5,
      title: 'Post',
      date: '2024-01-01',
      pages: 1,
    });
    const a = await core.api.call('editions.import', {
      path: file,
      source: 'post',
      date: '2024-01-01',
    });
    const b = await core.api.call('editions.import', {
      path: file,
      source: 'post',
      date: '2024-01-02',
    });
    await assert.rejects(
      core.api.call('editions.edit', { id: b.edition.id, date: '2024-01-01' }),
      (error: Error & { code?: string }) =>
        error.code === 'conflict' &&
        /post:2024-01-01 is already in the archive/.test(error.message),
    );
    assert.ok(core.archive.get(a.edition.id));
    assert.ok(core.archive.get(b.edition.id));
    await assert.rejects(
      core.api.call('editions.edit', { id: b.edition.id } as never),
      /give a change/,
    );
  });
});

describe('editions.remove', () => {
  test('an edition with clips is refused unless the reader says so; the clip stays', async () => {
    const { edition } = await core.api.call('editions.import', {
      path: SAMPLE_PDF,
      source: 'kept',
      date: '2025-12-21',
    });
    await core.indexer.ensureIndexed(edition.id);
    const clip = await core.api.call('clips.create', {
      edition: edition.id,
      page: 5,
      rects: [STORY],
    });
    await assert.rejects(
      core.api.call('editions.remove', { id: edition.id }),
      (error: Error & { code?: string }) =>
        error.code === 'conflict' && /a clip made on it/.test(error.message),
    );
    assert.ok(core.archive.get(edition.id));
    await core.api.call('editions.remove', { id: edition.id, clipped: true });
    await assert.rejects(core.api.call('editions.get', { id: edition.id }), /No edition/);
    assert.equal((await core.api.call('clips.get', { id: clip.id })).id, clip.id);
  });
});
