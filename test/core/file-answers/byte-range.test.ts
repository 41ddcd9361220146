import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerRange } from '../../../main/core/file-answers/byte-range.ts';

const ETAG = '"abc"';

test('no Range header: the whole file, advertising byte ranges', () => {
  assert.deepEqual(answerRange(1000, ETAG), {
    status: 200,
    start: 0,
    end: 999,
    headers: { 'accept-ranges': 'bytes', etag: ETAG, 'content-length': '1000' },
  });
});

test('bounded, open-ended and suffix ranges', () => {
  const bounded = answerRange(1000, ETAG, 'bytes=100-199');
  assert.equal(bounded.status, 206);
  assert.deepEqual(
    [bounded.status === 206 && bounded.start, bounded.status === 206 && bounded.end],
    [100, 199],
  );
  assert.equal(bounded.headers['content-range'], 'bytes 100-199/1000');
  assert.equal(bounded.headers['content-length'], '100');
  const open = answerRange(1000, ETAG, 'bytes=900-');
  assert.equal(open.headers['content-range'], 'bytes 900-999/1000');
  const suffix = answerRange(1000, ETAG, 'bytes=-100');
  assert.equal(suffix.headers['content-range'], 'bytes 900-999/1000');
  const past = answerRange(1000, ETAG, 'bytes=990-5000');
  assert.equal(past.headers['content-range'], 'bytes 990-999/1000');
});

test('unsatisfiable ranges get 416 with the size', () => {
  for (const range of ['bytes=1000-', 'bytes=500-100', 'bytes=-0']) {
    const answer = answerRange(1000, ETAG, range);
    assert.equal(answer.status, 416, range);
    assert.equal(answer.headers['content-range'], 'bytes */1000');
  }
});

test('multiple ranges, junk, and a stale If-Range fall back to the whole file', () => {
  assert.equal(answerRange(1000, ETAG, 'bytes=0-1,5-6').status, 200);
  assert.equal(answerRange(1000, ETAG, 'pages=1').status, 200);
  assert.equal(answerRange(1000, ETAG, 'bytes=0-1', '"other"').status, 200);
  assert.equal(answerRange(1000, ETAG, 'bytes=0-1', ETAG).status, 206);
});
