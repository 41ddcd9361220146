/**
 * Corrects an edition: its paper, date, edition name or title. The files stay
 * the same bytes; what moves is where they are filed. The edition is written
 * afresh where its new id files it (its page files and OCR linked in, so it
 * takes no room, and a new edition.json), atomically as every edition is; the
 * catalog then takes the new id in one transaction, keeping the pages' text,
 * OCR and articles; only then does the old folder go. A crash before the
 * catalog's commit leaves the old edition as it was; after it, at worst a
 * second folder that the next rebuild lists too. Nothing is read or OCR'd again.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Edition, editionId, type Source } from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import type { Catalog } from './catalog.ts';
import { EDITION_FILE, editionDir, inside } from './layout.ts';
import { paperName, titleFromSlug } from './name-hints.ts';
import { type FileToWrite, removeEditionDir, writeEdition } from './write-edition.ts';

export interface EditionChanges {
  /** Another paper's id; with `sourceName` alone, the paper that name names (made if new). */
  source?: string;
  /** The name of a paper not yet in the archive. */
  sourceName?: string;
  date?: string;
  /** A second edition of the day ("late"), or null for the day's only one. */
  edition?: string | null;
  title?: string;
}

export async function editEdition(
  root: string,
  catalog: Catalog,
  id: string,
  changes: EditionChanges,
): Promise<{ edition: Edition; previous: Edition }> {
  const found = catalog.getEdition(id);
  if (!found) throw new ApiError('not-found', `No edition ${id} in the archive.`);
  const previous = found.edition;
  const source = pickSource(catalog, previous.source, changes);
  const date = changes.date ?? previous.date;
  const name = changes.edition === null ? undefined : (changes.edition ?? previous.edition);
  const newId = editionId(source.id, date, name);
  const title = changes.title?.trim() || retitled(previous, source);
  const { dateCheck, edition: _old, ...kept } = previous;
  const edition: Edition = {
    ...kept,
    id: newId,
    source,
    date,
    ...(name && { edition: name }),
    title,
    // A date the reader has given (or confirmed) is no longer a guess.
    ...(dateCheck && changes.date === undefined && { dateCheck }),
  };
  if (newId !== id && catalog.getEdition(newId))
    throw new ApiError(
      'conflict',
      `${newId} is already in the archive; remove it first, or give another date or edition name.`,
    );
  const dir = editionDir(source.id, date, name);
  const files = await filesOf(root, found.dir);
  const written = await writeEdition(root, dir, edition, files);
  try {
    catalog.transaction(() => {
      catalog.putEdition(edition, dir, { keepText: true });
      if (newId !== id) {
        catalog.moveText(id, edition);
        catalog.removeEdition(id);
      }
    });
  } catch (error) {
    await written.undo();
    throw error;
  }
  await written.keep();
  if (dir !== found.dir) await removeEditionDir(root, found.dir);
  return { edition, previous };
}

/** The paper the edition moves to: one the archive has, or a new one by its name. */
function pickSource(catalog: Catalog, current: Source, changes: EditionChanges): Source {
  if (changes.source === undefined && changes.sourceName === undefined) return current;
  const named = changes.sourceName?.trim();
  const id = changes.source ?? (named ? paperName(named)?.id : undefined);
  if (!id) throw new ApiError('invalid', `"${changes.sourceName}" cannot name a paper.`);
  if (id === current.id) return current;
  const known = catalog.listSources().find((s) => s.id === id);
  if (known) return known;
  return { id, name: named || titleFromSlug(id), kind: 'import' };
}

/** A title that was the old paper's name becomes the new paper's. */
function retitled(previous: Edition, source: Source): string {
  return previous.title === previous.source.name ? source.name : previous.title;
}

/** Every file in an edition's folder (its pages, its OCR), to be linked into the new one. */
async function filesOf(root: string, dir: string): Promise<FileToWrite[]> {
  const base = inside(root, dir);
  const files: FileToWrite[] = [];
  const walk = async (relative: string) => {
    const entries = await fs.readdir(path.join(base, relative), { withFileTypes: true });
    for (const entry of entries) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile() && name !== EDITION_FILE)
        files.push({ name, from: path.join(base, name) });
    }
  };
  await walk('');
  return files;
}
