/**
 * The way from index tokens back to printed words: a word joined across a
 * line-end hyphen is one indexed word made of two printed ones.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageTokens, printedWords } from '../../../main/core/text/page-tokens.ts';
import { plainToken, tokenize } from '../../../main/core/text/search-query.ts';
import { indexedOf, indexText, printedOf, type Word } from '../../../main/core/words/page-words.ts';

const word = (text: string, x: number, y: number): Word => ({ text, x, y, w: 30, h: 10 });

// "The posi-" ends a line; "tively good." starts the next; "Café" follows.
const words = [
  word('The', 0, 100),
  word('posi-', 40, 100),
  word('tively', 0, 85),
  word('good.', 40, 85),
  word('Café', 80, 85),
];

test('a hyphenated line end is one indexed word of two printed words', () => {
  const indexed = indexText(words);
  assert.deepEqual(indexed.words, ['The', 'positively', 'good.', 'Café']);
  assert.equal(indexed.text, 'The positively good. Café');
  assert.deepEqual(indexed.starts, [0, 1, 3, 4, 5]);
  assert.deepEqual(
    indexed.words.map((_, k) => printedOf(indexed, k)),
    [[0], [1, 2], [3], [4]],
  );
  assert.deepEqual(
    words.map((_, i) => indexedOf(indexed, i)),
    [0, 1, 1, 2, 3],
  );
});

test('tokens lead back to the printed words they came from', () => {
  const page = pageTokens(words);
  assert.deepEqual(page.tokens, ['the', 'positively', 'good', 'cafe']);
  assert.deepEqual(page.indexWord, [0, 1, 2, 3]);
  assert.deepEqual(printedWords(page, [1]), [1, 2]);
  assert.deepEqual(printedWords(page, [3, 0]), [0, 4]);
});

test('only ASCII letters and digits are a token as they stand', () => {
  assert.deepEqual(['abc', 'ABC9', '', 'a-b', 'é', 'x\u0010', '[z]', '@'].map(plainToken), [
    true,
    true,
    false,
    false,
    false,
    false,
    false,
    false,
  ]);
  assert.deepEqual(tokenize('Zoë-Ann'), ['zoe', 'ann']);
});
