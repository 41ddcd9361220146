/**
 * One delivery per source at a time, across processes: the app and a cron
 * `paperboy fetch` sharing an archive must not both download the same edition.
 * The lock is a file created exclusively, holding the owner's pid; a lock whose
 * owner is gone (a crash, a kill -9) is taken over.
 */
import fs from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { STATE_DIR } from '../archive/layout.ts';

export interface Lock {
  release(): Promise<void>;
}

export async function lockSource(root: string, source: string): Promise<Lock> {
  const dir = path.join(root, STATE_DIR, 'locks');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${source}.lock`);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
  for (let tries = 0; tries < 3; tries++) {
    try {
      await fs.writeFile(file, mine, { flag: 'wx' });
      return { release: () => fs.rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && owner.host === hostname() && alive(owner.pid)) {
      throw new ApiError(
        'conflict',
        `Another Paperboy (pid ${owner.pid}) is already fetching ${source}.`,
      );
    }
    if (owner && owner.host !== hostname()) {
      throw new ApiError(
        'conflict',
        `Paperboy on ${owner.host} is fetching ${source} (lock ${file}).`,
      );
    }
    // The owner is gone: take the lock over.
    await fs.rm(file, { force: true });
  }
  throw new ApiError('conflict', `Could not lock ${source} for fetching.`);
}

async function readOwner(file: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(file, 'utf8')) as { pid: number; host: string };
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
