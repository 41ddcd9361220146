/**
 * The Oregon City Enterprise's front page of 30 Dec 1904, whose OCR text layer
 * has every word and every space as an item: joined into lines for the reader's
 * text layer (renderer/viewer/text-lines.ts), it keeps every character.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { test } from 'node:test';
import { joinLines, type TextContent, type TextItem } from '../../renderer/viewer/text-lines.ts';
import { REAL_PDFS } from '../helpers/paths.ts';
import { readTextContent } from '../helpers/pdf-text.ts';

test('the OCR page’s 5,759 spans (a word or a space each) become about one a line, with the same text', async () => {
  const [page] = await readTextContent(new Uint8Array(await fs.readFile(REAL_PDFS.ocr)));
  const joined = joinLines(page!);
  const text = (items: TextContent['items']) =>
    items
      .map((item) => ('str' in item ? item.str : ''))
      .join('')
      .replace(/\s+/g, '');
  // pdf.js makes a span of every item with text (a space too); an empty one is a line break.
  const spans = (items: TextContent['items']) =>
    items.filter((item) => 'str' in item && item.str !== '').length;
  assert.equal(spans(page!.items), 5759);
  assert.ok(spans(joined.items) < 800, `${spans(joined.items)} spans`);
  assert.equal(text(joined.items), text(page!.items));
  // Every word is still where it was printed: inside the joined line on its baseline.
  const lines = joined.items.filter((item): item is TextItem => 'str' in item && item.str !== '');
  for (const item of page!.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const [, , , size, x, y] = item.transform as number[];
    const holder = lines.find(
      (line) =>
        Math.abs(line.transform[5] - y!) <= size! * 0.35 &&
        line.transform[4] <= x! + 0.01 &&
        x! + item.width <= line.transform[4] + line.width + 0.01,
    );
    assert.ok(holder, `"${item.str}" at ${x!.toFixed(0)},${y!.toFixed(0)} is in no line`);
  }
});
