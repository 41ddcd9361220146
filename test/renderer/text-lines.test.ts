/** A page's text items joined into lines for its text layer (renderer/viewer/text-lines.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinLines, type TextContent, type TextItem } from '../../renderer/viewer/text-lines.ts';
import { generateEdition } from '../fixtures/newspaper/draw.ts';
import { SAMPLE_SPEC } from '../fixtures/sample-spec.ts';
import { readTextContent } from '../helpers/pdf-text.ts';

/** A word as OCR'd pages carry it: its own item at its own place and size. */
const word = (str: string, x: number, y: number, size = 8, more: Partial<TextItem> = {}) =>
  ({
    str,
    dir: 'ltr',
    transform: [size, 0, 0, size, x, y],
    width: str.length * size * 0.5,
    height: str.trim() ? size : 0,
    fontName: 'g_d0_f1',
    hasEOL: false,
    ...more,
  }) as TextItem;
const content = (...items: TextContent['items']): TextContent => ({
  items,
  styles: {},
  lang: null,
});
const strs = (c: TextContent) =>
  c.items.map((item) => ('str' in item ? item.str : `<${item.type}>`));

test('words of one line, with spaces as items or none, become one item as wide as the line', () => {
  const joined = joinLines(
    content(
      word('VOL.', 57.5, 1525.5),
      word(' ', 73.5, 1525.5),
      // OCR gives the next word another size and a baseline a little higher.
      word('31,', 81.3, 1526.1, 7),
      word('NO.', 95, 1525.5, 8, { hasEOL: true }),
      word('Next', 57.5, 1515),
    ),
  );
  assert.deepEqual(strs(joined), ['VOL. 31, NO.', 'Next']);
  const line = joined.items[0] as TextItem;
  assert.equal(line.transform[4], 57.5);
  assert.equal(line.width, 95 + 12 - 57.5);
  assert.equal(line.hasEOL, true, 'the line ends where its last word did');
});

test('a gutter, another font, rotated text and marked content are not joined across', () => {
  const joined = joinLines(
    content(
      word('left', 50, 700),
      // The next column, 40 pt on: a gutter, not a space.
      word('right', 106, 700),
      word('bold', 127, 700, 8, { fontName: 'g_d0_f2' }),
      word('up', 150, 700, 8, { transform: [0, 8, -8, 0, 150, 700] }),
      word('after', 160, 700),
      { type: 'beginMarkedContent', id: 'mc1' },
      word('inside', 181, 700),
      { type: 'endMarkedContent', id: 'mc1' },
    ),
  );
  assert.deepEqual(strs(joined), [
    'left',
    'right',
    'bold',
    'up',
    'after',
    '<beginMarkedContent>',
    'inside',
    '<endMarkedContent>',
  ]);
});

test('a headline above a line of body, and lines one under another, stay apart', () => {
  const joined = joinLines(
    content(word('Mayor', 36, 900, 26), word('delays', 36, 880, 9), word('harbour', 36, 869.5, 9)),
  );
  assert.deepEqual(strs(joined), ['Mayor', 'delays', 'harbour']);
});

test('a born-digital page, already a line an item, comes through as it was', async () => {
  const edition = await generateEdition({ ...SAMPLE_SPEC, pages: 1 });
  const [page] = await readTextContent(await edition.editionPdf());
  assert.deepEqual(strs(joinLines(page!)), strs(page!));
});
