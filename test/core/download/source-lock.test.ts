/**
 * The per-source delivery lock, across real processes: granted to one holder at
 * a time however many ask at once, free again the moment its holder is killed,
 * and never blocked by a note left behind naming a pid that now belongs to
 * another process.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { ApiError } from '../../../main/common/errors.ts';
import { lockSource } from '../../../main/core/download/source-lock.ts';
import { REPO } from '../../helpers/paths.ts';
import { tempDir } from '../../helpers/temp.ts';

interface Holder {
  child: ChildProcess;
  said: Promise<string>;
}

function holder(root: string, source: string): Holder {
  const child = spawn(process.execPath, [`${REPO}test/helpers/lock-holder.ts`, root, source], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const said = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the holder ended (${code}) before answering`)));
  });
  return { child, said };
}

async function end(holders: Holder[]): Promise<void> {
  await Promise.all(
    holders.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      child.kill();
      await exited;
    }),
  );
}

/** Notes of a lock, as a holder that died would leave them (the lock file of old, and the note). */
async function leaveStale(root: string, source: string, pid: number): Promise<void> {
  const dir = path.join(root, '.paperboy', 'locks');
  await fs.mkdir(dir, { recursive: true });
  const note = JSON.stringify({ pid, host: hostname(), at: new Date().toISOString() });
  await fs.writeFile(path.join(dir, `${source}.lock`), note);
  await fs.writeFile(path.join(dir, `${source}.lock.json`), note);
}

test('three processes asking at once, over a lock its dead holder left: exactly one holds it, in every trial', async () => {
  const root = await tempDir();
  const gone = spawn(process.execPath, ['-e', '']);
  await once(gone, 'exit');
  for (let trial = 0; trial < 8; trial++) {
    await leaveStale(root, `paper-${trial}`, gone.pid!);
    const holders = [0, 1, 2].map(() => holder(root, `paper-${trial}`));
    const answers = await Promise.all(holders.map((h) => h.said));
    await end(holders);
    assert.equal(answers.filter((a) => a === 'got').length, 1, `trial ${trial}: ${answers}`);
    // The others say so; a pid they name is the holder's, never the dead one's (the
    // holder may not have written its note yet when they look).
    const got = holders[answers.indexOf('got')]!.child.pid;
    for (const answer of answers.filter((a) => a !== 'got')) {
      const said =
        /^conflict Another Paperboy(?: \(pid (\d+)\))? is already fetching paper-\d\.$/.exec(
          answer,
        );
      assert.ok(said, answer);
      if (said[1]) assert.equal(Number(said[1]), got, answer);
    }
  }
});

test('a holder killed with SIGKILL leaves the lock free at once', async () => {
  const root = await tempDir();
  const first = holder(root, 'daily');
  assert.equal(await first.said, 'got');
  await assert.rejects(lockSource(root, 'daily'), (error: ApiError) => error.code === 'conflict');
  const exited = once(first.child, 'exit');
  first.child.kill('SIGKILL');
  await exited;
  const lock = await lockSource(root, 'daily');
  await lock.release();
});

test("a note left naming a live process's pid does not block the lock", async () => {
  const root = await tempDir();
  // The pid of a process that is alive (this test's parent), as a reused pid would be.
  await leaveStale(root, 'daily', process.ppid);
  const lock = await lockSource(root, 'daily');
  await lock.release();
});
