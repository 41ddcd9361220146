import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostLimiter } from '../../../main/core/download/host-limiter.ts';

const noSleep = async () => {};

/** Work that runs until `finish` is called, recording that it started. */
function gate(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    work: async (release: () => void) => {
      started.push(name);
      await done;
      return release;
    },
    finish,
  };
}

test('a slot freed early lets the next download to that host start; freeing twice frees one slot', async () => {
  const limiter = new HostLimiter({ total: 4, perHost: 1 }, noSleep);
  const started: string[] = [];
  let releaseA!: () => void;
  const a = limiter.run('http://one.test/a', async (release) => {
    started.push('a');
    releaseA = release;
    await new Promise<void>((resolve) => setImmediate(resolve));
    return 'a';
  });
  const b = gate(started, 'b');
  const c = gate(started, 'c');
  const runB = limiter.run('http://one.test/b', b.work);
  const runC = limiter.run('http://one.test/c', c.work);
  // Only a holds the host's one slot.
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(started, ['a']);
  releaseA();
  releaseA();
  await new Promise<void>((resolve) => setImmediate(resolve));
  // a's early release let b in; the second call did not also let c in.
  assert.deepEqual(started, ['a', 'b']);
  assert.equal(await a, 'a');
  assert.deepEqual(started, ['a', 'b'], 'a ending after its release frees nothing more');
  b.finish();
  await runB;
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(started, ['a', 'b', 'c']);
  c.finish();
  await runC;
});

test('other hosts are not held up by a busy one, within the total', async () => {
  const limiter = new HostLimiter({ total: 2, perHost: 1 }, noSleep);
  const started: string[] = [];
  const a = gate(started, 'a');
  const b = gate(started, 'b');
  const other = gate(started, 'other');
  const third = gate(started, 'third');
  const runs = [
    limiter.run('http://one.test/a', a.work),
    limiter.run('http://one.test/b', b.work),
    limiter.run('http://two.test/x', other.work),
    limiter.run('http://three.test/y', third.work),
  ];
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(started, ['a', 'other'], 'b waits for its host; third for the total');
  a.finish();
  other.finish();
  await Promise.all([runs[0], runs[2]]);
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(started.sort(), ['a', 'b', 'other', 'third']);
  b.finish();
  third.finish();
  await Promise.all(runs);
});

test('more downloads at once start the waiting ones now; fewer let the running ones finish', async () => {
  const limiter = new HostLimiter({ total: 1, perHost: 2 }, noSleep);
  const started: string[] = [];
  const gates = ['a', 'b', 'c'].map((name) => gate(started, name));
  const runs = gates.map((g, i) => limiter.run(`http://host${i}.test/`, g.work));
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(started, ['a']);
  limiter.setTotal(3);
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(started, ['a', 'b', 'c']);
  limiter.setTotal(1);
  for (const g of gates) g.finish();
  await Promise.all(runs);
  // Back to one at a time.
  const later = [gate(started, 'd'), gate(started, 'e')];
  const more = later.map((g, i) => limiter.run(`http://late${i}.test/`, g.work));
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(started.slice(3), ['d']);
  for (const g of later) g.finish();
  await Promise.all(more);
});
