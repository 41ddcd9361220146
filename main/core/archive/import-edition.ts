/**
 * Imports a whole-edition PDF, or a folder of page PDFs, as one edition. Every
 * file is copied into the archive's state folder and verified there (in a PDF
 * worker, which reads the copy itself) before the edition is written, atomically,
 * from the copies; only then does it enter the catalog. The copies, not the
 * reader's files, become the edition, so a file changed after its check cannot
 * slip in. Importing the same bytes again changes nothing; other files for an
 * edition already there are refused unless the request says to replace it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  type DateCheck,
  type Edition,
  EditionName,
  IsoDate,
  SourceId,
  type SourceKind,
} from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import { storageError, unreadable } from '../files/storage-errors.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { Catalog } from './catalog.ts';
import { commitEdition, type VerifiedFile } from './commit-edition.ts';
import { type DateOrigin, editionDate } from './edition-date.ts';
import { STATE_DIR } from './layout.ts';
import { hintsFromPath, titleFromSlug } from './name-hints.ts';
import { ensureFreeSpace } from './write-edition.ts';

export interface ImportRequest {
  /** A PDF file, a folder whose PDFs are the pages in name order, or page files in order. */
  path: string | string[];
  source?: string;
  sourceName?: string;
  sourceKind?: SourceKind;
  date?: string;
  edition?: string;
  title?: string;
  sample?: boolean;
  /** An edition of that paper and date with other files is replaced (else refused). */
  replace?: boolean;
  /**
   * The name the files had where the reader kept them, when `path` is a copy
   * (an upload): "/nyt_2020-11-12_A1.pdf", or a dropped folder "/evening-star/1921-03-01",
   * whose names then say the paper and the date.
   */
  named?: { path: string; folder: boolean };
}

export type { DateOrigin };

export interface ImportOutcome {
  edition: Edition;
  /** False when the same edition, byte for byte, was already in the archive. */
  created: boolean;
  /** True when it replaced an edition with other files (the request said to). */
  replaced: boolean;
  dateFrom: DateOrigin;
  /** Why the date is uncertain, when it is: the reader is asked to confirm it. */
  dateCheck?: DateCheck;
}

export interface ImportContext {
  root: string;
  catalog: Catalog;
  /** Today's date where the user is, as YYYY-MM-DD. */
  today: () => string;
  now: () => Date;
  signal?: AbortSignal;
}

export async function importEdition(
  request: ImportRequest,
  context: ImportContext,
): Promise<ImportOutcome> {
  const { catalog, signal } = context;
  const given = check(request);
  const { inputs, folder } = await listInputs(request.path);
  const staging = await stagingDir(context.root);
  try {
    const sizes: number[] = [];
    for (const from of inputs) sizes.push(await inputSize(from));
    await ensureFreeSpace(
      staging,
      sizes.reduce((sum, size) => sum + size, 0),
    );
    // A few at a time, across the PDF workers. Every copy ends before the folder
    // goes; the first file that fails, in order, is the one reported.
    const verified: VerifiedFile[] = [];
    for (let start = 0; start < inputs.length; start += STAGED_AT_ONCE) {
      signal?.throwIfAborted();
      const batch = inputs.slice(start, start + STAGED_AT_ONCE);
      const settled = await Promise.allSettled(
        batch.map((from, i) => stageInput(from, path.join(staging, `${start + i + 1}.pdf`))),
      );
      for (const result of settled) {
        if (result.status === 'rejected') throw result.reason;
        verified.push(result.value);
      }
    }

    const nameHint = inputs.length === 1 || Array.isArray(request.path) ? inputs[0]! : request.path;
    const hints = request.named
      ? hintsFromPath(path.posix.join('/', request.named.path), { folder: request.named.folder })
      : hintsFromPath(nameHint, { folder });
    const dated = await editionDate(given.date, hints, verified[0]!.facts, context.today());
    const named = given.source === undefined ? hints.source : undefined;
    const sourceId = given.source ?? named?.id ?? 'imported';
    const known = catalog.listSources().find((s) => s.id === sourceId);
    const sourceName = request.sourceName ?? known?.name ?? named?.name ?? titleFromSlug(sourceId);
    const editionName = given.edition ?? (given.source === undefined ? hints.edition : undefined);
    const title =
      request.title ??
      (sourceId === 'imported' ? verified[0]!.facts.title : undefined) ??
      (hints.issue ? `${sourceName} No. ${hints.issue}` : undefined);
    const { edition, created, replaced } = await commitEdition(
      {
        source: {
          id: sourceId,
          name: sourceName,
          kind: request.sourceKind ?? known?.kind ?? 'import',
        },
        date: dated.date,
        ...(editionName && { edition: editionName }),
        title,
        sample: request.sample ?? false,
        files: verified,
        replace: request.replace ?? false,
        ...(dated.check && { dateCheck: dated.check }),
      },
      context,
    );
    return {
      edition,
      created,
      replaced,
      dateFrom: dated.from,
      ...(edition.dateCheck && { dateCheck: edition.dateCheck }),
    };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

function check(request: ImportRequest): { source?: string; date?: string; edition?: string } {
  const fields = [
    ['--source', SourceId, request.source],
    ['--date', IsoDate, request.date],
    ['--edition', EditionName, request.edition],
  ] as const;
  for (const [flag, schema, value] of fields) {
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new ApiError('invalid', `${flag} ${value}: ${parsed.error.issues[0]?.message}`);
  }
  return { source: request.source, date: request.date, edition: request.edition };
}

async function listInputs(
  target: string | string[],
): Promise<{ inputs: string[]; folder: boolean }> {
  if (Array.isArray(target)) {
    if (target.length === 0) throw new ApiError('invalid', 'No files to import.');
    return { inputs: target, folder: false };
  }
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stat = await fs.stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ApiError('invalid', `No such file or folder: ${target}`);
    throw storageError(error, `Cannot read ${target}`);
  }
  if (!stat.isDirectory()) return { inputs: [target], folder: false };
  const names = (await fs.readdir(target, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.pdf$/i.test(entry.name))
    .map((entry) => entry.name)
    .sort(new Intl.Collator('en', { numeric: true }).compare);
  if (names.length === 0) throw new ApiError('invalid', `No PDF files in folder ${target}`);
  return { inputs: names.map((name) => path.join(target, name)), folder: true };
}

/** Imports older than this, left in the state folder, were cut off by a crash. */
const STALE_IMPORT_MS = 24 * 60 * 60 * 1000;

/** A fresh folder for an import's copies; those a crash left are removed first. */
async function stagingDir(root: string): Promise<string> {
  const parent = path.join(root, STATE_DIR, 'importing');
  await fs.mkdir(parent, { recursive: true });
  for (const name of await fs.readdir(parent)) {
    const stale = path.join(parent, name);
    // Copies of an import whose process is gone (a kill -9) go at once; others by age,
    // by the wall clock as the file system dates them (a pid may have been reused).
    const owner = /^import-(\d+)-/.exec(name)?.[1];
    const gone = owner !== undefined && !processAlive(Number(owner));
    const { mtimeMs } = await fs.stat(stale).catch(() => ({ mtimeMs: Date.now() }));
    if (gone || Date.now() - mtimeMs > STALE_IMPORT_MS)
      await fs.rm(stale, { recursive: true, force: true });
  }
  return fs.mkdtemp(path.join(parent, `import-${process.pid}-`));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Files copied and verified at once. */
const STAGED_AT_ONCE = 4;

/** An input's size; what is not a file that can be read is refused in words. */
async function inputSize(file: string): Promise<number> {
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  if (!stat.isFile()) throw new ApiError('invalid', `Cannot read ${file}: it is not a file`);
  return stat.size;
}

/** Copies an input to `staged` and verifies the copy, in a PDF worker. */
async function stageInput(from: string, staged: string): Promise<VerifiedFile> {
  const label = path.basename(from);
  const verdict = await pdfPool().stage(from, staged, label);
  if ('notPdf' in verdict) throw new ApiError('invalid', `${label} ${verdict.notPdf}`);
  return { ...verdict, from: staged };
}
