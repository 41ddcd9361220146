/**
 * Region clips on the bundled sample: the image is rendered from the page, the
 * text comes from the index, the files under <archive>/clips/ are the truth
 * and bring the library back after the catalog is rebuilt.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { Clip } from '../../../main/common/clips.ts';
import type { ApiError } from '../../../main/common/errors.ts';
import { catalogPath } from '../../../main/core/archive/layout.ts';
import { exportClip } from '../../../main/core/clips/export-clip.ts';
import type { Core as Services } from '../../../main/core/core.ts';
import { SEOUL_STORY } from '../../fixtures/newspaper/seoul-story.ts';
import { REPO } from '../../helpers/paths.ts';
import { openServices } from '../../helpers/services.ts';
import { snapshot, tempDir } from '../../helpers/temp.ts';

const SAMPLE = 'paperboy-gazette:2025-12-20';
const SAMPLE_PDF = `${REPO}resources/sample/paperboy-gazette_2025-12-20.pdf`;
/** The Seoul story on page 5 of the sample: headline and both columns. */
const STORY: [number, number, number, number] = [475.2, 832.9, 280, 327.3];
let archiveDir: string;
let s: Services;
let clip: Clip;

before(async () => {
  archiveDir = await tempDir();
  s = await openServices(archiveDir);
  await s.archive.import({ path: SAMPLE_PDF, source: 'paperboy-gazette' });
  await s.indexer.catchUp();
  clip = await s.api.call('clips.create', {
    edition: SAMPLE,
    page: 5,
    rects: [STORY],
    dpi: 150,
    tags: ['korea'],
  });
});

/** A PNG's size from its header. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('a region clip', () => {
  test('has the image of the region at the chosen dpi, its text and its headline as title', async () => {
    const png = await fs.readFile(path.join(archiveDir, 'clips', `${clip.id}.png`));
    const size = pngSize(png);
    assert.ok(Math.abs(size.width - (280 * 150) / 72) <= 2, `width ${size.width}`);
    assert.ok(Math.abs(size.height - (327.3 * 150) / 72) <= 2, `height ${size.height}`);
    assert.equal(clip.title, SEOUL_STORY.headline);
    assert.match(clip.text, /South Korean President Lee Jae Myung on Friday instructed/);
    assert.match(clip.text, /sanctions relief in a bid to reengage the country\.$/);
    assert.deepEqual(clip.tags, ['korea']);
    assert.equal(clip.edition, SAMPLE);
  });

  test('is mirrored as JSON beside its image', async () => {
    const json = JSON.parse(
      await fs.readFile(path.join(archiveDir, 'clips', `${clip.id}.json`), 'utf8'),
    );
    assert.deepEqual(json, clip);
  });

  test('is found by its text, its tags and, after an edit, its note', async () => {
    assert.deepEqual(
      (await s.api.call('clips.list', { q: 'Pyongyang' })).clips.map((c) => c.id),
      [clip.id],
    );
    assert.equal((await s.api.call('clips.list', { q: 'harbour' })).total, 0);
    assert.equal((await s.api.call('clips.list', { tag: 'korea' })).total, 1);
    const edited = await s.api.call('clips.update', {
      id: clip.id,
      note: 'compare with the Yonhap wire',
      tags: ['korea', 'diplomacy'],
    });
    assert.equal(edited.note, 'compare with the Yonhap wire');
    assert.equal((await s.api.call('clips.list', { q: 'yonhap wire' })).total, 1);
    assert.equal((await s.api.call('clips.list', { tag: 'diplomacy' })).total, 1);
    const json = JSON.parse(
      await fs.readFile(path.join(archiveDir, 'clips', `${clip.id}.json`), 'utf8'),
    );
    assert.deepEqual(json.tags, ['korea', 'diplomacy']);
  });

  test('exports as a one-page PDF cropped to the region, and as Markdown with a link back', async () => {
    const pdf = await PDFDocument.load(await exportClip(clip, 'pdf', s));
    assert.equal(pdf.getPageCount(), 1);
    const box = pdf.getPage(0).getMediaBox();
    assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [475, 833, 280, 327]);
    const md = new TextDecoder().decode(await exportClip(clip, 'md', s));
    assert.match(md, new RegExp(`^# ${SEOUL_STORY.headline}\n`));
    assert.match(md, new RegExp(`!\\[[^\\]]+\\]\\(${clip.id}\\.png\\)`));
    assert.match(
      md,
      /paperboy:\/\/edition\/paperboy-gazette%3A2025-12-20\/page\/5\?rect=475\.2%2C832\.9%2C280%2C327\.3/,
    );
  });
});

describe('bad regions write nothing', () => {
  for (const [name, args, code, message] of [
    [
      'a region off the page',
      { edition: SAMPLE, page: 5, rects: [[2000, 2000, 50, 50]] },
      'invalid',
      /not on the page/,
    ],
    [
      'a page the edition does not have',
      { edition: SAMPLE, page: 99, rects: [STORY] },
      'not-found',
      /has no page 99/,
    ],
    [
      'an edition not in the archive',
      { edition: 'nope:2025-01-01', page: 1, rects: [STORY] },
      'not-found',
      /No edition/,
    ],
    [
      'a region without width',
      { edition: SAMPLE, page: 5, rects: [[10, 10, 0, 20]] },
      'invalid',
      /rects/,
    ],
  ] as const)
    test(name, async () => {
      const before = await snapshot(path.join(archiveDir, 'clips'));
      await assert.rejects(
        s.api.call('clips.create', args as never),
        (error: ApiError) => error.code === code && message.test(error.message),
      );
      assert.deepEqual(await snapshot(path.join(archiveDir, 'clips')), before);
    });
});

describe('clips survive the catalog', () => {
  test('a deleted catalog is rebuilt with the clips from their files; reindex keeps them', async () => {
    const dir = await tempDir();
    const first = await openServices(dir);
    await first.archive.import({ path: SAMPLE_PDF, source: 'paperboy-gazette' });
    await first.indexer.catchUp();
    const made = await first.api.call('clips.create', {
      edition: SAMPLE,
      page: 5,
      rects: [STORY],
      note: 'keep me',
    });
    await first.close();
    await fs.rm(catalogPath(dir));
    const second = await openServices(dir);
    assert.deepEqual(await second.api.call('clips.get', { id: made.id }), made);
    await second.api.call('archive.reindex', {});
    assert.equal((await second.api.call('clips.list', { q: 'keep' })).total, 1);
    await second.api.call('clips.remove', { id: made.id });
    await assert.rejects(fs.stat(path.join(dir, 'clips', `${made.id}.png`)));
    assert.equal((await second.api.call('clips.list', {})).total, 0);
  });
});

describe('first run', () => {
  test('the sample comes with its clipping linked and kept as a clip', async () => {
    const fresh = await openServices(await tempDir());
    const kept = new Promise((resolve) => fresh.api.on('clips.changed', resolve));
    await fresh.start();
    await kept;
    const { clips } = await fresh.api.call('clips.list', {});
    assert.equal(clips.length, 1);
    const [sample] = clips;
    assert.equal(sample!.edition, SAMPLE);
    assert.equal(sample!.page, 5);
    assert.equal(sample!.title, SEOUL_STORY.headline);
    assert.deepEqual(sample!.tags, ['sample']);
    assert.match(sample!.link?.webHeadline ?? '', /^South Korean President orders/);
    assert.ok((sample!.link?.score ?? 0) > 0.5);
  });
});
