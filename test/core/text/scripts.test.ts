/**
 * Scripts without spaces between words (Japanese, Chinese) and with complex
 * shaping (Devanagari, Kannada) are searchable: their pages also go into the
 * trigram index and queries in them match substrings, with hit boxes cut to
 * the matched characters.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Core as Services } from '../../../main/core/core.ts';
import type { Word } from '../../../main/core/words/page-words.ts';
import { REPO } from '../../helpers/paths.ts';
import { openServices } from '../../helpers/services.ts';
import { tempDir } from '../../helpers/temp.ts';

let s: Services;
const ID = 'paperboy-gazette:2025-12-20';

/** A line of words laid left to right, each 10 pt a character. */
function line(texts: string[], y: number): Word[] {
  let x = 40;
  return texts.map((text) => {
    const word = { text, x, y, w: 10 * [...text].length, h: 10 };
    x += word.w + 5;
    return word;
  });
}

before(async () => {
  s = await openServices(await tempDir());
  await s.archive.import({
    path: `${REPO}resources/sample/paperboy-gazette_2025-12-20.pdf`,
    source: 'paperboy-gazette',
  });
  // The import is read into the index in the background; its words are then replaced by these.
  await s.indexer.idle();
  s.indexer.store.put({ id: ID, source: 'paperboy-gazette', date: '2025-12-20' }, [
    {
      page: 1,
      quality: 'good',
      words: line(['東京都議会は', '新しい予算案を', '可決した。'], 1000),
    },
    { page: 2, quality: 'good', words: line(['北京市政府宣布', '新的交通计划'], 1000) },
    {
      page: 3,
      quality: 'good',
      words: line(['मुंबई', 'नगर', 'निगम', 'ने', 'बजट', 'पारित', 'किया'], 1000),
    },
    { page: 4, quality: 'good', words: line(['ಬೆಂಗಳೂರು', 'ಮಹಾನಗರ', 'ಪಾಲಿಕೆ', 'ಬಜೆಟ್'], 1000) },
    { page: 5, quality: 'good', words: line(['The', 'harbour', 'bridge', 'reopened'], 1000) },
    // The edition's other pages, empty: all its pages are in, so it counts as indexed.
    ...s.archive
      .get(ID)
      .pages.slice(5)
      .map((p) => ({ page: p.n, quality: 'good' as const, words: [] })),
  ]);
});

const search = (q: string) => s.api.call('search.query', { q });

test('a two-character Japanese word inside an unspaced line is found, its box cut to it', async () => {
  const result = await search('予算');
  assert.deepEqual(
    result.hits.map((h) => h.page),
    [1],
  );
  // 新しい予算案を starts at x = 40 + 60 + 5 = 105; 予算 are its 4th and 5th characters.
  const [x, y, w, h] = result.hits[0]!.boxes[0]!;
  assert.equal(Math.round(x!), 135);
  assert.equal(Math.round(w!), 20);
  assert.equal(y, 1000);
  assert.equal(h, 10);
  assert.match(result.hits[0]!.snippet, /«新しい予算案を»/);
});

test('Chinese, Devanagari and Kannada words are found on their pages', async () => {
  assert.deepEqual(
    (await search('政府')).hits.map((h) => h.page),
    [2],
  );
  assert.deepEqual(
    (await search('बजट')).hits.map((h) => h.page),
    [3],
  );
  assert.deepEqual(
    (await search('"नगर निगम"')).hits.map((h) => h.page),
    [3],
  );
  assert.deepEqual(
    (await search('ಪಾಲಿಕೆ')).hits.map((h) => h.page),
    [4],
  );
});

test('OR and exclusion work in these scripts, and Latin search is unchanged', async () => {
  assert.deepEqual((await search('予算 OR 政府')).hits.map((h) => h.page).sort(), [1, 2]);
  assert.deepEqual((await search('予算 -東京')).hits, []);
  assert.equal((await search('大阪')).total, 0);
  assert.deepEqual(
    (await search('harbour bridge')).hits.map((h) => h.page),
    [5],
  );
});
