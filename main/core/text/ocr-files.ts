/**
 * What OCR read from a page, kept as a file beside the page it was read from
 * (`<edition folder>/ocr/p001.json`), because the files are the truth: a
 * rebuilt catalog reads it back instead of running OCR again (minutes a page).
 * It names the sha256 of the file it was read from, so text read from other
 * bytes is never taken for this page's.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Edition } from '../../common/domain.ts';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import { inside, pageFileName } from '../archive/layout.ts';
import type { Word } from '../words/page-words.ts';

const OCR_DIR = 'ocr';

interface OcrFile {
  version: 1;
  /** The sha256 of the edition's file the page is in. */
  sha256: string;
  page: number;
  words: [string, number, number, number, number][];
}

/** An edition as the catalog places it: its manifest and its folder. */
type Placed = { edition: Edition; dir: string };

function where(root: string, found: Placed, page: number) {
  const info = found.edition.pages.find((p) => p.n === page);
  const file = info && found.edition.files.find((f) => f.name === info.file);
  if (!file) return undefined;
  return {
    path: inside(root, found.dir, OCR_DIR, pageFileName(page).replace(/\.pdf$/, '.json')),
    sha256: file.sha256,
  };
}

export async function writeOcrFile(
  root: string,
  found: Placed,
  page: number,
  words: readonly Word[],
): Promise<void> {
  const target = where(root, found, page);
  if (!target) return;
  const round = (n: number) => Math.round(n * 10) / 10;
  const content: OcrFile = {
    version: 1,
    sha256: target.sha256,
    page,
    words: words.map((w) => [w.text, round(w.x), round(w.y), round(w.w), round(w.h)]),
  };
  await fs.mkdir(path.dirname(target.path), { recursive: true });
  await writeFileAtomic(target.path, `${JSON.stringify(content)}\n`);
}

/** The words OCR read from this page of these bytes, if it did. */
export async function readOcrFile(
  root: string,
  found: Placed,
  page: number,
): Promise<Word[] | undefined> {
  const target = where(root, found, page);
  if (!target) return undefined;
  try {
    const content = JSON.parse(await fs.readFile(target.path, 'utf8')) as OcrFile;
    if (content.version !== 1 || content.sha256 !== target.sha256 || content.page !== page)
      return undefined;
    return content.words.map(([text, x, y, w, h]) => ({ text, x, y, w, h }));
  } catch {
    return undefined;
  }
}
