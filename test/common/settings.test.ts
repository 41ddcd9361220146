import assert from 'node:assert/strict';
import { test } from 'node:test';
import Conf from 'conf';
import {
  POSITIONS_KEPT,
  type ReadingPosition,
  rememberPosition,
  type Settings,
} from '../../main/common/settings.ts';
import { settingsSchema } from '../../main/common/settings-schema.ts';
import { tempDir } from '../helpers/temp.ts';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
const position = (i: number): ReadingPosition => ({
  page: 1 + (i % 9),
  zoom: 'page-fit',
  left: 0,
  top: 0,
  at: at(i),
});

test('reading positions keep the most recent editions and forget the oldest', () => {
  let positions: Record<string, ReadingPosition> = {};
  for (let i = 0; i < POSITIONS_KEPT + 3; i++)
    positions = rememberPosition(positions, `paper:${i}`, position(i));
  assert.equal(Object.keys(positions).length, POSITIONS_KEPT);
  for (const gone of ['paper:0', 'paper:1', 'paper:2']) assert.equal(positions[gone], undefined);
  assert.deepEqual(positions[`paper:${POSITIONS_KEPT + 2}`], position(POSITIONS_KEPT + 2));
  // Reading an old edition again makes it recent.
  positions = rememberPosition(positions, 'paper:3', position(POSITIONS_KEPT + 10));
  positions = rememberPosition(positions, 'paper:new', position(POSITIONS_KEPT + 11));
  assert.ok(positions['paper:3']);
  assert.equal(positions['paper:4'], undefined);
});

test('the shared settings schema takes reader preferences and positions, and refuses bad ones', async () => {
  const conf = new Conf<Settings>({
    cwd: await tempDir('conf-'),
    // biome-ignore lint/suspicious/noExplicitAny: conf's schema type is narrower than the JSON Schema we share
    schema: settingsSchema as any,
  });
  assert.deepEqual(conf.get('reader'), { layout: 'single', pages: 'day', thumbnails: true });
  conf.set('reader', { layout: 'continuous', pages: 'sepia', thumbnails: false });
  conf.set('positions', { 'paper:2025-12-20': position(1) });
  assert.equal(conf.get('positions')['paper:2025-12-20']?.page, 2);
  assert.throws(() =>
    conf.set('reader', { layout: 'wide', pages: 'day', thumbnails: true } as never),
  );
  assert.throws(() => conf.set('positions', { x: { ...position(1), zoom: 'huge' } } as never));
});
