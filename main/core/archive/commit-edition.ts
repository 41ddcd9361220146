/**
 * The last step of every way an edition enters the archive (import, delivery):
 * verified files become an Edition, written atomically, then catalogued.
 * The same files again change nothing; other files for an edition already
 * there are refused unless the caller says to replace it.
 */
import {
  type DateCheck,
  type Edition,
  type EditionFile,
  editionId,
  type Page,
  type SourceKind,
} from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import type { PdfFacts } from '../pdf/probe-pdf.ts';
import type { Catalog } from './catalog.ts';
import { editionDir, pageFileName } from './layout.ts';
import { isBusy } from './sqlite-errors.ts';
import { type FileToWrite, writeEdition } from './write-edition.ts';

export interface VerifiedFile {
  /** The verified file: finished, durable, on the archive's file system, and the archive's to keep. */
  from: string;
  size: number;
  facts: PdfFacts;
  sha256: string;
  /** Page label from the source (A1, B3…), for a one-page file. */
  label?: string;
  /** Section name from the source, for a one-page file. */
  section?: string;
}

export interface EditionToCommit {
  source: { id: string; name: string; kind: SourceKind };
  date: string;
  edition?: string;
  /** The title; when absent, the title the edition already has, else the source's name. */
  title?: string;
  sample?: boolean;
  files: VerifiedFile[];
  /**
   * Whether other files may replace an edition already in the archive. Without it
   * they are refused: the edition there may be another paper's that a name
   * mapped to the same id, or the page a clip was made on.
   */
  replace?: boolean;
  /** Why the date is uncertain, when it was guessed. */
  dateCheck?: DateCheck;
}

export interface CommitContext {
  root: string;
  catalog: Catalog;
  now: () => Date;
  signal?: AbortSignal;
}

export async function commitEdition(
  input: EditionToCommit,
  context: CommitContext,
): Promise<{ edition: Edition; created: boolean; replaced: boolean }> {
  const id = editionId(input.source.id, input.date, input.edition);
  const dir = editionDir(input.source.id, input.date, input.edition);
  const whole = input.files.length === 1;
  const files = input.files.map((file, i) => ({
    ...file,
    name: whole ? 'edition.pdf' : pageFileName(i + 1),
  }));
  const pages: Page[] = [];
  for (const file of files) {
    file.facts.sizes.forEach((size, index) => {
      const one = file.facts.pages === 1;
      const label = one ? file.label : undefined;
      const section = one ? file.section : undefined;
      pages.push({
        n: pages.length + 1,
        file: file.name,
        index: index + 1,
        ...size,
        ...(label && { label }),
        ...(section && { section }),
      });
    });
  }
  const existing = context.catalog.getEdition(id);
  if (existing && sameFiles(existing.edition.files, files))
    return { edition: existing.edition, created: false, replaced: false };
  if (existing && !input.replace)
    throw new ApiError(
      'conflict',
      `${id} is already in the archive with other files (${existing.edition.title}); import with --replace to replace it, or give another --source, --date or --edition.`,
    );

  const edition: Edition = {
    id,
    source: input.source,
    date: input.date,
    ...(input.edition && { edition: input.edition }),
    title: input.title ?? existing?.edition.title ?? input.source.name,
    sample: input.sample ?? false,
    importedAt: context.now().toISOString(),
    files: files.map(({ name, size, sha256, facts }) => ({
      name,
      bytes: size,
      sha256,
      pages: facts.pages,
    })),
    pages,
    ...(input.dateCheck && { dateCheck: input.dateCheck }),
  };
  const toWrite: FileToWrite[] = files.map(({ name, from }) => ({ name, from }));
  const written = await writeEdition(context.root, dir, edition, toWrite, context.signal);
  try {
    await putWhenFree(context.catalog, edition, dir);
  } catch (error) {
    // The catalog did not take it: the files go back as they were, so no folder
    // is left that the catalog does not know.
    await written.undo();
    throw error;
  }
  await written.keep();
  return { edition, created: true, replaced: existing !== undefined };
}

function sameFiles(
  a: readonly EditionFile[],
  b: readonly { name: string; sha256: string }[],
): boolean {
  return (
    a.length === b.length &&
    a.every((file, i) => file.sha256 === b[i]!.sha256 && file.name === b[i]!.name)
  );
}

/** Tries after the first at putting an edition in a busy catalog; each waits the catalog's busy timeout. */
const BUSY_TRIES = 4;

/**
 * Puts the edition in the catalog, waiting out another process (or this one's
 * indexer) holding the write lock: SQLite's busy timeout on each try, and a
 * pause between tries in which this process's other work goes on.
 */
async function putWhenFree(catalog: Catalog, edition: Edition, dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      catalog.putEdition(edition, dir);
      return;
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt === BUSY_TRIES)
        throw new ApiError(
          'conflict',
          `The catalog is busy (another Paperboy is writing to it): ${edition.id} was not added; try again.`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
