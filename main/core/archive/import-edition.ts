/**
 * Imports a whole-edition PDF, or a folder of page PDFs, as one edition. Every
 * file is verified before anything is written; the edition is written atomically
 * and only then enters the catalog. Importing the same bytes again changes nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  type Edition,
  EditionName,
  IsoDate,
  SourceId,
  type SourceKind,
} from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import type { PdfFacts } from '../pdf/probe-pdf.ts';
import type { Catalog } from './catalog.ts';
import { commitEdition, type VerifiedFile, verifyFile } from './commit-edition.ts';
import { dateFromName, sourceFromName, titleFromSlug } from './name-hints.ts';
import { storageError } from './write-edition.ts';

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
}

export type DateOrigin = 'option' | 'file name' | 'metadata' | 'import day';

export interface ImportOutcome {
  edition: Edition;
  /** False when the same edition, byte for byte, was already in the archive. */
  created: boolean;
  dateFrom: DateOrigin;
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
  const inputs = await listInputs(request.path);
  const verified: VerifiedFile[] = [];
  for (const from of inputs) {
    signal?.throwIfAborted();
    verified.push(await verifyFile(await readInput(from), path.basename(from)));
  }

  const nameHint = inputs.length === 1 || Array.isArray(request.path) ? inputs[0]! : request.path;
  const [date, dateFrom] = pickDate(given.date, nameHint, verified[0]!.facts, context.today);
  const sourceId = given.source ?? sourceFromName(nameHint) ?? 'imported';
  const known = catalog.listSources().find((s) => s.id === sourceId);
  const sourceName = request.sourceName ?? known?.name ?? titleFromSlug(sourceId);
  const { edition, created } = await commitEdition(
    {
      source: {
        id: sourceId,
        name: sourceName,
        kind: request.sourceKind ?? known?.kind ?? 'import',
      },
      date,
      ...(given.edition && { edition: given.edition }),
      title: request.title ?? (sourceId === 'imported' ? verified[0]!.facts.title : undefined),
      sample: request.sample ?? false,
      files: verified,
    },
    context,
  );
  return { edition, created, dateFrom };
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

async function listInputs(target: string | string[]): Promise<string[]> {
  if (Array.isArray(target)) {
    if (target.length === 0) throw new ApiError('invalid', 'No files to import.');
    return target;
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
  if (!stat.isDirectory()) return [target];
  const names = (await fs.readdir(target, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.pdf$/i.test(entry.name))
    .map((entry) => entry.name)
    .sort(new Intl.Collator('en', { numeric: true }).compare);
  if (names.length === 0) throw new ApiError('invalid', `No PDF files in folder ${target}`);
  return names.map((name) => path.join(target, name));
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    throw new ApiError(
      'invalid',
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

function pickDate(
  option: string | undefined,
  name: string,
  facts: PdfFacts,
  today: () => string,
): [string, DateOrigin] {
  if (option) return [option, 'option'];
  const fromName = dateFromName(name);
  if (fromName) return [fromName, 'file name'];
  if (facts.created) return [facts.created, 'metadata'];
  return [today(), 'import day'];
}
