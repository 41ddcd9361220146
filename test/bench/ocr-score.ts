/**
 * Word accuracy of OCR against a hand-checked transcription of a region of a
 * page (test/bench/ocr-truth/): the words read whose middle is in the region,
 * matched to the transcription's as a multiset of lower-case tokens (letters
 * and digits; punctuation and line-end hyphens split words on both sides).
 * recall = transcribed words read right / transcribed; precision = read right / read.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Box = [number, number, number, number];
export interface Truth {
  file: string;
  what: string;
  region: Box;
  words: string[];
}

const TRUTH = fileURLToPath(new URL('./ocr-truth/', import.meta.url));

export const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export function truths(): Truth[] {
  const { pages } = JSON.parse(fs.readFileSync(`${TRUTH}regions.json`, 'utf8')) as {
    pages: { file: string; what: string; region: Box; truth: string }[];
  };
  return pages.map((page) => ({
    file: page.file,
    what: page.what,
    region: page.region,
    words: tokens(fs.readFileSync(`${TRUTH}${page.truth}`, 'utf8')),
  }));
}

/** Words in PDF space: text and [x, y, w, h]. */
export function score(
  truth: Truth,
  read: { text: string; box: Box }[],
): { recall: number; precision: number; read: number } {
  const [rx, ry, rw, rh] = truth.region;
  const got = read
    .filter(({ box: [x, y, w, h] }) => {
      const cx = x + w / 2;
      const cy = y + h / 2;
      return cx >= rx && cx <= rx + rw && cy >= ry && cy <= ry + rh;
    })
    .flatMap((word) => tokens(word.text));
  const left = new Map<string, number>();
  for (const t of truth.words) left.set(t, (left.get(t) ?? 0) + 1);
  let right = 0;
  for (const t of got) {
    const n = left.get(t) ?? 0;
    if (n > 0) {
      right++;
      left.set(t, n - 1);
    }
  }
  return {
    recall: right / truth.words.length,
    precision: got.length ? right / got.length : 0,
    read: got.length,
  };
}
