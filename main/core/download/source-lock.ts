/**
 * One delivery per source at a time, across processes: the app and a cron
 * `paperboy fetch` sharing an archive must not both download the same edition.
 *
 * The lock is SQLite's exclusive lock on a small file of its own, held by an open
 * connection for as long as the delivery runs. The operating system grants it to
 * one holder at once, atomically, and drops it when the holder ends in any way
 * (a crash, a kill -9), so there is no stale lock to take over and no race in
 * taking one over; a reused pid cannot block it. Beside it, a note of who holds
 * it (pid, host, since when) is only for the message a second delivery shows.
 */
import fs from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ApiError } from '../../common/errors.ts';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import { STATE_DIR } from '../archive/layout.ts';

export interface Lock {
  release(): Promise<void>;
}

/** `now` stamps the note of who holds the lock (the delivery's clock). */
export async function lockSource(
  root: string,
  source: string,
  now: () => Date = () => new Date(),
): Promise<Lock> {
  const dir = path.join(root, STATE_DIR, 'locks');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${source}.lock.sqlite`);
  const note = path.join(dir, `${source}.lock.json`);
  const db = new DatabaseSync(file, { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (!/locked|busy/i.test((error as Error).message)) throw error;
    const owner = await readOwner(note);
    if (owner && owner.host !== hostname())
      throw new ApiError('conflict', `Paperboy on ${owner.host} is fetching ${source}.`);
    // The holder may not have written its note yet: the one there may be a dead holder's.
    const named = owner && alive(owner.pid) ? ` (pid ${owner.pid})` : '';
    throw new ApiError('conflict', `Another Paperboy${named} is already fetching ${source}.`);
  }
  const mine = { pid: process.pid, host: hostname(), at: now().toISOString() };
  // Whole or not at all: a second delivery reads it at any moment.
  await writeFileAtomic(note, JSON.stringify(mine)).catch(() => {});
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await fs.rm(note, { force: true });
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** Whether a process of this pid is running (signal 0 asks without sending one). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(file, 'utf8')) as { pid: number; host: string };
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}
