/**
 * Generated editions written to disk for tests: a whole-edition PDF and a folder
 * of page PDFs, both from the project's own generator.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '../../main/core/core.ts';
import type { EditionSpec } from '../fixtures/newspaper/compose.ts';
import { type GeneratedEdition, generateEdition } from '../fixtures/newspaper/draw.ts';
import { tempDir } from './temp.ts';

export interface EditionOnDisk {
  generated: GeneratedEdition;
  /** The whole edition as one PDF. */
  file: string;
  /** A folder with one PDF per page. */
  folder: string;
}

export async function writeEdition(
  dir: string,
  name: string,
  spec: EditionSpec,
): Promise<EditionOnDisk> {
  const generated = await generateEdition(spec);
  const file = path.join(dir, `${name}.pdf`);
  await fs.writeFile(file, await generated.editionPdf());
  const folder = path.join(dir, name);
  await fs.mkdir(folder, { recursive: true });
  const pages = await generated.pagePdfs();
  await Promise.all(
    pages.map((bytes, i) => fs.writeFile(path.join(folder, `page-${i + 1}.pdf`), bytes)),
  );
  return { generated, file, folder };
}

/** A generated edition, written as one PDF and imported into `core` as `source`'s edition of its date. */
export async function importEdition(core: Core, source: string, spec: EditionSpec): Promise<void> {
  const { file } = await writeEdition(await tempDir(), source, spec);
  await core.archive.import({ path: file, source, date: spec.date });
}
