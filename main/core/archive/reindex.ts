/**
 * Rebuilds the catalog from the archive's files: every `edition.json` whose page
 * files are present with their recorded sizes (and, with `verify`, their recorded
 * hashes and a clean parse) is put back; anything else is reported as skipped.
 * The catalog is replaced in one transaction, so a cancelled run changes nothing;
 * editions whose pages are the same files keep their page text (see Catalog.replaceAll).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Edition } from '../../common/domain.ts';
import { oneLine } from '../../common/errors.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { Catalog } from './catalog.ts';
import { archiveFileStat, EDITION_FILE, editionDir, STATE_DIR } from './layout.ts';
import { recoverInterrupted } from './write-edition.ts';

export interface ReindexOptions {
  verify?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface ReindexOutcome {
  editions: number;
  /** One line per folder that was not taken back: "<dir>: <reason>". */
  skipped: string[];
}

export async function reindex(
  root: string,
  catalog: Catalog,
  options: ReindexOptions = {},
): Promise<ReindexOutcome> {
  const { signal } = options;
  const dirs = await findEditionDirs(root);
  const found: { edition: Edition; dir: string }[] = [];
  const skipped: string[] = [];
  for (const [i, dir] of dirs.entries()) {
    signal?.throwIfAborted();
    try {
      found.push({ edition: await readEdition(root, dir, options.verify ?? false), dir });
    } catch (error) {
      skipped.push(`${dir}: ${oneLine((error as Error).message)}`);
    }
    options.onProgress?.(i + 1, dirs.length);
    // Let cancellation and other requests in between editions.
    await yieldToLoop();
  }
  signal?.throwIfAborted();
  catalog.replaceAll(found);
  return { editions: found.length, skipped };
}

/** Folders `<source>/<YYYY>/<date…>` that hold an edition.json, after crash recovery. */
async function findEditionDirs(root: string): Promise<string[]> {
  const dirs: string[] = [];
  for (const source of await subdirs(root)) {
    if (source === STATE_DIR || source.startsWith('.') || source === 'clips') continue;
    for (const year of await subdirs(path.join(root, source))) {
      if (!/^\d{4}$/.test(year)) continue;
      const parent = path.join(root, source, year);
      const names = await recoverInterrupted(parent, await subdirs(parent));
      for (const name of names.sort()) dirs.push(`${source}/${year}/${name}`);
    }
  }
  return dirs;
}

async function readEdition(root: string, dir: string, verify: boolean): Promise<Edition> {
  const full = path.join(root, dir);
  let text: string;
  try {
    text = await fs.readFile(path.join(full, EDITION_FILE), 'utf8');
  } catch {
    throw new Error(`no ${EDITION_FILE}`);
  }
  const parsed = Edition.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${EDITION_FILE} is invalid at ${issue?.path.join('.') || 'top'}: ${issue?.message}`,
    );
  }
  const edition = parsed.data;
  if (editionDir(edition.source.id, edition.date, edition.edition) !== dir) {
    throw new Error(`${EDITION_FILE} describes ${edition.id}, which belongs elsewhere`);
  }
  for (const file of edition.files) {
    const stat = await archiveFileStat(root, path.join(full, file.name));
    if (!stat) {
      const there = await fs.lstat(path.join(full, file.name)).catch(() => undefined);
      throw new Error(
        there ? `${file.name} is a link or not a file of the archive` : `${file.name} is missing`,
      );
    }
    if (stat.size !== file.bytes)
      throw new Error(`${file.name} has ${stat.size} bytes, expected ${file.bytes}`);
  }
  if (!verify) return edition;
  for (const file of edition.files) {
    // Hashed and parsed in a PDF worker, which reads the file itself.
    const verdict = await pdfPool().verify(path.join(full, file.name), file.name);
    if ('notPdf' in verdict) throw new Error(`${file.name} ${verdict.notPdf}`);
    if (verdict.sha256 !== file.sha256)
      throw new Error(`${file.name} does not match its recorded sha256`);
    if (verdict.facts.pages !== file.pages)
      throw new Error(`${file.name} has ${verdict.facts.pages} pages, expected ${file.pages}`);
  }
  return edition;
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}
