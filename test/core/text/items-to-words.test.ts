/**
 * Text items into words: a run a producer ended inside a word (at a ligature,
 * a kerning pair, a place the word may be hyphenated) is joined back, and
 * nothing else is.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexText, itemsToWords, type TextItem } from '../../../main/core/words/page-words.ts';

/** Items laid end to end from x = 10 on one baseline, 5 pt a character unless given. */
function run(parts: (string | { str: string; gap: number })[], y = 100, height = 10): TextItem[] {
  let x = 10;
  return parts.map((part) => {
    const { str, gap } = typeof part === 'string' ? { str: part, gap: 0 } : part;
    x += gap;
    const item = { str, x, y, width: 5 * str.length, height: str.trim() ? height : 0 };
    x += item.width;
    return item;
  });
}

test('runs ended at a ligature or a hyphenation point make one word', () => {
  // As Chromium's PDF gives "Hospital managers affected": "Hos" "pi" "tal mana" "gers" …
  const words = itemsToWords(run(['Hos', 'pi', 'tal mana', 'gers', ' ', 'a', 'ff', 'ec', 'ted']));
  assert.deepEqual(
    words.map((w) => w.text),
    ['Hospital', 'managers', 'affected'],
  );
  // The joined word's box runs from its first letter to its last.
  assert.deepEqual([words[0]!.x, words[0]!.w], [10, 40]);
  assert.equal(words[1]!.x + words[1]!.w, 10 + 5 * 'Hospital managers'.length);
});

test('a line-end hyphen in its own run stays on its word, and the index joins the word', () => {
  const words = itemsToWords([...run(['revie', '\u2010']), ...run(['wed today'], 88)]);
  assert.deepEqual(
    words.map((w) => w.text),
    ['revie\u2010', 'wed', 'today'],
  );
  assert.deepEqual(indexText(words).words, ['reviewed', 'today']);
});

test('runs apart, on another baseline, in other type or after a space stay apart', () => {
  const apart = (items: TextItem[]) => itemsToWords(items).map((w) => w.text);
  assert.deepEqual(apart(run(['word', { str: 'next', gap: 3 }])), ['word', 'next']);
  assert.deepEqual(apart(run(['word ', 'next'])), ['word', 'next']);
  assert.deepEqual(
    apart([...run(['word']), { str: 'next', x: 30, y: 96, width: 20, height: 10 }]),
    ['word', 'next'],
  );
  assert.deepEqual(
    apart([...run(['Head']), { str: 'line', x: 30, y: 100, width: 40, height: 20 }]),
    ['Head', 'line'],
  );
  // An empty item between two runs (pdf.js's end of line) keeps them apart.
  assert.deepEqual(apart(run(['end', '', 'start'])), ['end', 'start']);
});
