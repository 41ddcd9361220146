/**
 * Writes an edition so that a crash or a kill at any moment leaves either the
 * old state or the complete new edition:
 *   1. every file (linked in) and edition.json go into `<dir>.part-<random>`, fsynced;
 *   2. an existing edition is renamed aside to `<dir>.old-<random>`;
 *   3. the part folder is renamed into place (atomic on one file system);
 *   4. the old folder is removed.
 * `recoverInterrupted` finishes or undoes what a crash left between these steps.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Edition } from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import { formatBytes } from '../../common/format-bytes.ts';
import { storageError } from '../files/storage-errors.ts';
import { EDITION_FILE, inside, OLD_MARK, PART_MARK } from './layout.ts';

/** A finished, durable file on the archive's file system, to be put in the edition as `name`. */
export interface FileToWrite {
  name: string;
  from: string;
}

/** Room an edition needs beside its linked-in files: edition.json, the catalog, the file system. */
const HEADROOM = 16 * 1024 * 1024;

/**
 * What a written edition leaves to its caller: the edition it replaced is kept
 * aside until `keep()` (the catalog took the new one) or `undo()` (it could not:
 * the new folder goes and the old one comes back).
 */
export interface WrittenEdition {
  keep(): Promise<void>;
  undo(): Promise<void>;
}

export async function writeEdition(
  root: string,
  dir: string,
  edition: Edition,
  files: FileToWrite[],
  signal?: AbortSignal,
): Promise<WrittenEdition> {
  const target = inside(root, dir);
  const parent = path.dirname(target);
  await fs.mkdir(parent, { recursive: true });
  // The files are linked in, taking no room of their own.
  await ensureFreeSpace(parent, HEADROOM);

  const suffix = randomBytes(4).toString('hex');
  const part = `${target}${PART_MARK}${suffix}`;
  try {
    await fs.mkdir(part);
    for (const file of files) {
      signal?.throwIfAborted();
      // A name may be in a folder of the edition's own (ocr/p001.json).
      const to = inside(part, file.name);
      if (path.dirname(to) !== part) await fs.mkdir(path.dirname(to), { recursive: true });
      await linkIn(file.from, to);
    }
    await writeSynced(path.join(part, EDITION_FILE), `${JSON.stringify(edition, null, 2)}\n`);
    signal?.throwIfAborted();
    const old = `${target}${OLD_MARK}${suffix}`;
    const replacing = await exists(target);
    if (replacing) await fs.rename(target, old);
    await fs.rename(part, target);
    await syncDir(parent);
    return {
      keep: async () => {
        if (replacing) await fs.rm(old, { recursive: true, force: true });
      },
      undo: async () => {
        await fs.rename(target, part);
        if (replacing) await fs.rename(old, target);
        await syncDir(parent);
        await fs.rm(part, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await fs.rm(part, { recursive: true, force: true });
    throw storageError(error, `Could not write ${dir}`);
  }
}

/** Removes an edition's folder: renamed aside first, so a crash never leaves half of it. */
export async function removeEditionDir(root: string, dir: string): Promise<void> {
  const target = inside(root, dir);
  const old = `${target}${OLD_MARK}${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw storageError(error, `Could not remove ${dir}`);
  }
  await fs.rm(old, { recursive: true, force: true });
  // The year's and the paper's folders go with their last edition (rmdir leaves a folder that has more).
  const year = path.dirname(target);
  for (const folder of [year, path.dirname(year)]) {
    if (
      folder === path.resolve(root) ||
      !(await fs.rmdir(folder).then(
        () => true,
        () => false,
      ))
    )
      break;
  }
}

/**
 * Cleans what an interrupted write left in one date folder's parent:
 * part folders are deleted; an old folder whose edition is missing is put back.
 */
export async function recoverInterrupted(parent: string, names: string[]): Promise<string[]> {
  const kept = new Set(names.filter((n) => !n.includes(PART_MARK) && !n.includes(OLD_MARK)));
  for (const name of names) {
    const full = path.join(parent, name);
    if (name.includes(PART_MARK)) {
      await fs.rm(full, { recursive: true, force: true });
    } else if (name.includes(OLD_MARK)) {
      const original = name.slice(0, name.indexOf(OLD_MARK));
      if (kept.has(original)) {
        await fs.rm(full, { recursive: true, force: true });
      } else {
        await fs.rename(full, path.join(parent, original));
        kept.add(original);
      }
    }
  }
  return [...kept];
}

/**
 * Puts a finished (already fsynced) file into the edition by a hard link, which
 * leaves the source in place until the edition is committed; a copy where links
 * are not possible.
 */
async function linkIn(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK')
      throw error;
    await fs.copyFile(from, to);
    const handle = await fs.open(to, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

async function writeSynced(file: string, data: string): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

export async function ensureFreeSpace(dir: string, needed: number): Promise<void> {
  const stats = await fs.statfs(dir);
  const free = stats.bavail * stats.bsize;
  if (free < needed) {
    throw new ApiError(
      'storage',
      `Not enough free disk space in ${dir}: need ${formatBytes(needed)}, ${formatBytes(free)} free.`,
    );
  }
}
