import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deepLink, routeForDeepLink } from '../../main/common/deep-link.ts';

test('a paperboy:// link and the same path on the server open the reader at the page and regions', () => {
  const link = deepLink('paperboy-gazette:2025-12-20', 5, ['475.2,832.9,134,271.5']);
  assert.equal(
    link,
    'paperboy://edition/paperboy-gazette%3A2025-12-20/page/5?rect=475.2%2C832.9%2C134%2C271.5',
  );
  const route = '#/read/paperboy-gazette%3A2025-12-20/5?rect=475.2%2C832.9%2C134%2C271.5';
  assert.equal(routeForDeepLink(link), route);
  assert.equal(
    routeForDeepLink(
      'http://127.0.0.1:4817/edition/paperboy-gazette:2025-12-20/page/5?rect=475.2,832.9,134,271.5',
    ),
    route,
  );
  assert.equal(
    routeForDeepLink('paperboy://edition/daily:2026-01-02~late/page/12'),
    '#/read/daily%3A2026-01-02~late/12',
  );
});

test('anything else is not a deep link, and bad parts never pass through', () => {
  for (const link of [
    'paperboy://edition/../../etc/page/1',
    'paperboy://edition/not-an-id/page/1',
    'paperboy://edition/daily:2026-01-02/page/0',
    'paperboy://edition/daily:2026-01-02/page/two',
    'paperboy://app/index.html',
    'https://example.com/edition/daily:2026-01-02',
    'not a url',
  ])
    assert.equal(routeForDeepLink(link), undefined, link);
  assert.equal(
    routeForDeepLink(
      'paperboy://edition/daily:2026-01-02/page/3?rect=javascript:alert(1)&rect=1,2,3,4',
    ),
    '#/read/daily%3A2026-01-02/3?rect=1%2C2%2C3%2C4',
  );
});
