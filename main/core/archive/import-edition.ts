/**
 * Imports a whole-edition PDF, or a folder of page PDFs, as one edition. Every
 * file is verified before anything is written; the edition is written atomically
 * and only then enters the catalog. Importing the same bytes again changes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  type Edition,
  type EditionFile,
  EditionName,
  editionId,
  IsoDate,
  type Page,
  SourceId,
  type SourceKind,
} from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import { type PdfFacts, probePdf } from '../pdf/probe-pdf.ts';
import type { Catalog } from './catalog.ts';
import { editionDir, pageFileName } from './layout.ts';
import { dateFromName, sourceFromName, titleFromSlug } from './name-hints.ts';
import { type FileToWrite, storageError, writeEdition } from './write-edition.ts';

export interface ImportRequest {
  /** A PDF file, or a folder whose PDFs are the pages in name order. */
  path: string;
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

interface VerifiedFile {
  from: string;
  bytes: Uint8Array;
  facts: PdfFacts;
  sha256: string;
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
    const bytes = await readInput(from);
    const facts = await probePdf(bytes, path.basename(from));
    verified.push({ from, bytes, facts, sha256: createHash('sha256').update(bytes).digest('hex') });
  }

  const nameHint = inputs.length === 1 ? inputs[0]! : request.path;
  const [date, dateFrom] = pickDate(given.date, nameHint, verified[0]!.facts, context.today);
  const sourceId = given.source ?? sourceFromName(nameHint) ?? 'imported';
  const known = catalog.listSources().find((s) => s.id === sourceId);
  const sourceName = request.sourceName ?? known?.name ?? titleFromSlug(sourceId);
  const id = editionId(sourceId, date, given.edition);
  const dir = editionDir(sourceId, date, given.edition);

  const whole = verified.length === 1;
  const files: (FileToWrite & { sha256: string; pages: number })[] = verified.map((file, i) => ({
    name: whole ? 'edition.pdf' : pageFileName(i + 1),
    bytes: file.bytes,
    sha256: file.sha256,
    pages: file.facts.pages,
  }));
  const pages: Page[] = [];
  verified.forEach((file, i) => {
    file.facts.sizes.forEach((size, index) => {
      pages.push({ n: pages.length + 1, file: files[i]!.name, index: index + 1, ...size });
    });
  });

  const existing = catalog.getEdition(id);
  if (existing && sameFiles(existing.edition.files, files)) {
    return { edition: existing.edition, created: false, dateFrom };
  }

  const edition: Edition = {
    id,
    source: { id: sourceId, name: sourceName, kind: request.sourceKind ?? known?.kind ?? 'import' },
    date,
    ...(given.edition && { edition: given.edition }),
    title:
      request.title ??
      existing?.edition.title ??
      (sourceId === 'imported' ? verified[0]!.facts.title : undefined) ??
      sourceName,
    sample: request.sample ?? false,
    importedAt: context.now().toISOString(),
    files: files.map(({ name, bytes, sha256, pages: count }) => ({
      name,
      bytes: bytes.length,
      sha256,
      pages: count,
    })),
    pages,
  };
  await writeEdition(context.root, dir, edition, files, signal);
  catalog.putEdition(edition, dir);
  return { edition, created: true, dateFrom };
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

async function listInputs(target: string): Promise<string[]> {
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

function sameFiles(
  a: readonly EditionFile[],
  b: readonly { name: string; sha256: string }[],
): boolean {
  return (
    a.length === b.length &&
    a.every((file, i) => file.sha256 === b[i]!.sha256 && file.name === b[i]!.name)
  );
}
