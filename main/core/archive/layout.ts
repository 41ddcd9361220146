/**
 * Where things live in an archive folder (DESIGN.md):
 *   <archive>/<source>/<YYYY>/<YYYY-MM-DD>[-<edition>]/edition.json + page files
 *   <archive>/.paperboy/catalog.sqlite
 * Work in progress sits beside its target as `<dir>.part-<random>`; a replaced
 * edition is parked as `<dir>.old-<random>` until the new one is in place.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';

export const EDITION_FILE = 'edition.json';
export const STATE_DIR = '.paperboy';
export const CATALOG_FILE = 'catalog.sqlite';
export const PART_MARK = '.part-';
export const OLD_MARK = '.old-';

export function catalogPath(root: string): string {
  return path.join(root, STATE_DIR, CATALOG_FILE);
}

/** The edition's folder, relative to the archive root, with '/' separators. */
export function editionDir(source: string, date: string, edition?: string): string {
  return `${source}/${date.slice(0, 4)}/${edition ? `${date}-${edition}` : date}`;
}

export function pageFileName(index: number): string {
  return `p${String(index).padStart(3, '0')}.pdf`;
}

/**
 * Joins a catalog-relative path onto the root, refusing anything that would land
 * outside it. Callers pass ids resolved through the catalog; this is the last guard.
 */
export function inside(root: string, ...relative: string[]): string {
  const base = path.resolve(root);
  const target = path.resolve(base, ...relative);
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new ApiError('invalid', 'Path leaves the archive.');
  }
  return target;
}

/**
 * A file of the archive as it is on disk: a regular file (not a link) whose
 * real path is under the archive's real root. A link planted in an edition
 * folder (`edition.pdf -> /etc/passwd`) is not one, so it is never catalogued
 * or served. Undefined when the file is missing or is not one.
 */
export async function archiveFileStat(root: string, file: string): Promise<Stats | undefined> {
  const stat = await fs.lstat(file).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  const [realRoot, real] = await Promise.all([
    fs.realpath(root).catch(() => undefined),
    fs.realpath(file).catch(() => undefined),
  ]);
  if (!realRoot || !real?.startsWith(realRoot + path.sep)) return undefined;
  return stat;
}
