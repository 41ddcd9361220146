import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseReaderRoute, readerRoute } from '../../main/common/reader-route.ts';

test('a reader route is built and read back the same, whatever its edition id and query hold', () => {
  const routes = [
    { edition: 'nyt:2025-12-20' },
    { edition: 'nyt:2025-12-20', page: 3 },
    { edition: 'the-echo:1886-11-01~late', page: 12, query: 'rates & "tolls" ä' },
    { edition: 'nyt:2025-12-20', page: 5, rects: ['5:10,20,30.5,40', '6:0,0,1,1'] },
  ];
  for (const route of routes) assert.deepEqual(parseReaderRoute(readerRoute(route)), route);
  assert.equal(readerRoute({ edition: 'nyt:2025-12-20', page: 2 }), '#/read/nyt%3A2025-12-20/2');
  assert.equal(
    readerRoute({ edition: 'a:2025-01-01', page: 1, query: 'x y' }),
    '#/read/a%3A2025-01-01/1?q=x+y',
  );
});

test('other addresses, and broken ones, are not reader routes', () => {
  for (const hash of [
    '#/',
    '#/search?q=x',
    '#/read/',
    '#/read/a/b',
    '#/read/%E0%A4%A/1',
    '#/readx/a/1',
  ])
    assert.equal(parseReaderRoute(hash), undefined, hash);
});
